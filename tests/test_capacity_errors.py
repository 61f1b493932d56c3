"""Bad people-over-time and channel keys: exit 2, `file:line:col`, the field, what was wrong and
how to fix it, in English and Japanese (codes in i18n/problems/capacity.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from funnelplan.errors import InputError, Problem
from funnelplan.load.planfile import load_plan
from runner import run_cli

GOOD = """\
plan: t
period: {start: 2027-04, end: 2027-09}
kgi: {revenue: 60000000}
deal_size: 1500000
funnel:
  - {id: inquiry, owner: marketing, rate: 40%}
  - {id: appointment, owner: sales, rate: 25%}
  - {id: deal, owner: sales}
teams:
  marketing: {headcount: 2}
  sales:
    headcount: 5
    hires: {2027-05: 2}
    ramp: [0%, 25%, 50%, 75%]
    attrition: 15%
    capacity: {appointment: 12, deal: 2}
    cost: 900000
channels:
  - {id: 展示会, share: 30%, cost_per_unit: 20000, rate: 30%}
  - {id: Web広告, share: 50%, cost_per_unit: 8000}
  - {id: SEO, share: 20%, cost: 500000}
"""


def _only(write_plan: Callable[..., Path], text: str) -> Problem:
    with pytest.raises(InputError) as caught:
        load_plan(write_plan(text))
    found = caught.value.problems
    assert len(found) == 1, [p.render() for p in found]
    return found[0]


def test_the_good_plan_loads(write_plan: Callable[..., Path]) -> None:
    plan = load_plan(write_plan(GOOD))
    assert plan.teams["sales"].ramp[0] == 0
    assert [channel.id for channel in plan.channels] == ["展示会", "Web広告", "SEO"]


def test_a_ramp_over_100_percent_is_placed_at_its_value(write_plan: Callable[..., Path]) -> None:
    problem = _only(write_plan, GOOD.replace("ramp: [0%, 25%, 50%, 75%]", "ramp: [0%, 150%]"))
    assert (problem.line, problem.column, problem.field) == (14, 16, "teams.sales.ramp[1]")
    assert problem.code == "capacity.share_out_of_range"
    assert problem.message_text() == "'150%' is not a share from 0% to 100%"
    assert "0% allowed" in problem.hint_text()
    assert problem.message_text("ja") == "'150%' は 0%〜100% の割合として読めません"


def test_attrition_over_100_percent_is_refused(write_plan: Callable[..., Path]) -> None:
    problem = _only(write_plan, GOOD.replace("attrition: 15%", "attrition: 1.5"))
    assert (problem.line, problem.field) == (15, "teams.sales.attrition")
    assert problem.code == "capacity.share_out_of_range"


def test_a_hire_outside_the_period_is_placed_at_its_month(write_plan: Callable[..., Path]) -> None:
    problem = _only(write_plan, GOOD.replace("hires: {2027-05: 2}", "hires: {2027-12: 2}"))
    assert (problem.line, problem.field) == (13, "teams.sales.hires.2027-12")
    assert problem.message_text() == "a hire in 2027-12 is outside the period 2027-04..2027-09"
    assert problem.message_text("ja") == "2027-12 の採用は期間 2027-04〜2027-09 の外です"
    assert "headcount" in problem.hint_text()


def test_capacity_for_a_stage_that_does_not_exist(write_plan: Callable[..., Path]) -> None:
    problem = _only(
        write_plan, GOOD.replace("capacity: {appointment: 12, deal: 2}", "capacity: {meeting: 12}")
    )
    assert (problem.line, problem.field) == (16, "teams.sales.capacity.meeting")
    assert problem.message_text() == "'meeting' is not a stage of the funnel"
    assert problem.hint_text() == "give capacity for the stages sales owns: appointment or deal"
    assert (
        problem.hint_text("ja")
        == "sales が担当する段階の処理能力を書いてください：appointment、deal"
    )


def test_capacity_for_another_teams_stage(write_plan: Callable[..., Path]) -> None:
    problem = _only(
        write_plan, GOOD.replace("capacity: {appointment: 12, deal: 2}", "capacity: {inquiry: 80}")
    )
    assert problem.field == "teams.sales.capacity.inquiry"
    assert problem.message_text() == "stage 'inquiry' is owned by 'marketing', not by this team"


def test_channel_shares_must_add_up_to_100_percent(write_plan: Callable[..., Path]) -> None:
    problem = _only(write_plan, GOOD.replace("share: 20%", "share: 10%"))
    assert (problem.line, problem.field) == (19, "channels")
    assert problem.message_text() == "channel shares add up to 90%, not 100%"
    assert problem.message_text("ja") == "チャネルの割合の合計が 90% で、100% ではありません"


def test_a_channel_given_twice(write_plan: Callable[..., Path]) -> None:
    problem = _only(write_plan, GOOD.replace("id: SEO", "id: 展示会"))
    assert (problem.line, problem.field) == (21, "channels[2].id")
    assert problem.message_text() == "channel '展示会' is given twice (also channels[0])"


def test_a_bad_channel_cost_is_placed(write_plan: Callable[..., Path]) -> None:
    problem = _only(write_plan, GOOD.replace("cost: 500000", "cost: -5"))
    assert problem.field == "channels[2].cost"


def test_the_command_line_exits_2_and_writes_nothing(
    write_plan: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    path = write_plan(GOOD.replace("ramp: [0%, 25%, 50%, 75%]", "ramp: [0%, 150%]"))
    done = run_cli("target", path, "-o", out)
    assert done.code == 2
    assert f"{path}:14:16: teams.sales.ramp[1]: '150%' is not a share from 0% to 100%" in (
        done.stderr
    )
    assert not out.exists()


def test_hire_without_capacity_is_a_problem() -> None:
    done = run_cli("target", "plans/example.yaml", "--hire")
    assert done.code == 2
    assert "--hire: --hire needs a team with `capacity:` in the plan" in done.stderr
    done = run_cli("target", "plans/example.yaml", "--hire", "--lang", "ja")
    assert "--hire には、計画のチームに `capacity:` が必要です" in done.stderr


def test_a_hire_month_written_twice_in_two_spellings(write_plan: Callable[..., Path]) -> None:
    problem = _only(
        write_plan, GOOD.replace("hires: {2027-05: 2}", "hires: {2027-05: 2, 2027/5: 1}")
    )
    assert (problem.line, problem.field) == (13, "teams.sales.hires")
    assert problem.message_text() == "2027/5 is 2027-05 again (also 2027-05)"
    assert problem.message_text("ja") == "2027/5 は 2027-05 と同じ月です（2027-05 もあります）"
