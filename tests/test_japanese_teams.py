"""Teams as people name them: any text as a team's key, or a key with a `label` (issue 11, item 1).

Reports show a team as the plan writes it (its label, else its key; the standard `marketing` and
`sales` in the report's language); CSV and JSON keep the key as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funnelplan.errors import InputError
from funnelplan.i18n.words import Words
from funnelplan.load.planfile import load_plan
from runner import PLANS, run_cli

TEAMS_PLAN = PLANS / "example-teams.yaml"

PLAN = """\
plan: 分業
period: {start: 2027-04, end: 2027-06}
kgi: {revenue: 6000000}
deal_size: 1000000
funnel:
  - {id: lead, owner: インサイドセールス, rate: 50%}
  - {id: deal, owner: field_sales}
teams:
  インサイドセールス: {headcount: 2}
  field_sales: {label: フィールドセールス, headcount: 3}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_team_is_any_text_or_a_key_with_a_label(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, PLAN))
    assert [stage.owner for stage in plan.funnel] == ["インサイドセールス", "field_sales"]
    assert plan.team_labels == {"field_sales": "フィールドセールス"}
    words = Words("ja", plan.team_labels)
    assert words.team("インサイドセールス") == "インサイドセールス"
    assert words.team("field_sales") == "フィールドセールス"
    assert words.team("sales") == "営業"  # the standard teams keep their translations
    assert Words("en", {"sales": "Field sales"}).team("sales") == "Field sales"  # a label wins


def test_an_owner_may_name_a_team_by_its_label(tmp_path: Path) -> None:
    plan = load_plan(
        _write(tmp_path, PLAN.replace("owner: field_sales", "owner: フィールドセールス"))
    )
    assert plan.funnel[1].owner == "field_sales"  # the model keeps the key


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("command", ["target", "gap"])
def test_reports_show_teams_as_written(command: str, fmt: str) -> None:
    run = run_cli(command, TEAMS_PLAN, "-f", fmt, "--lang", "ja")
    assert run.code == 0, run.stderr
    for name in ("インサイドセールス", "フィールドセールス", "マーケティング"):
        assert name in run.stdout
    assert "inside_sales" not in run.stdout


def test_json_keeps_each_teams_key_as_written() -> None:
    target = json.loads(run_cli("target", TEAMS_PLAN, "-f", "json").stdout)
    owners = [stage["owner"] for stage in target["stages"]]
    assert owners == ["マーケティング", "inside_sales", "フィールドセールス", "フィールドセールス"]
    assert {person["team"] for person in target["people"]} == {
        "マーケティング",
        "inside_sales",
        "フィールドセールス",
    }
    gap = json.loads(run_cli("gap", TEAMS_PLAN, "-f", "json").stdout)
    assert {team["team"] for team in gap["teams"]} == {
        "マーケティング",
        "inside_sales",
        "フィールドセールス",
    }


def _problem(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        load_plan(_write(tmp_path, text))
    assert len(caught.value.problems) == 1, [p.render() for p in caught.value.problems]
    return caught.value.problems[0]


def test_a_label_taken_by_another_team_is_refused_at_its_line(tmp_path: Path) -> None:
    problem = _problem(
        tmp_path, PLAN.replace("label: フィールドセールス", "label: インサイドセールス")
    )
    assert (problem.line, problem.column, problem.field) == (
        10,
        24,
        "teams.field_sales.label",
    )  # `  field_sales: {label: ` is 23 characters
    assert problem.code == "team.label_taken"
    assert "インサイドセールス" in problem.message_text() and "名前" in problem.hint_text("ja")


def test_a_label_that_is_a_standard_teams_words_is_refused(tmp_path: Path) -> None:
    text = PLAN.replace("owner: インサイドセールス", "owner: sales").replace(
        "インサイドセールス: {headcount: 2}", "sales: {headcount: 2}"
    )
    problem = _problem(tmp_path, text.replace("label: フィールドセールス", "label: 営業"))
    assert problem.field == "teams.field_sales.label"
    assert "'sales'" in problem.message_text()


@pytest.mark.parametrize("owner", ['""', "' 営業'", "[a]", "'" + "長" * 41 + "'"])
def test_an_owner_that_is_no_teams_name_is_refused_at_its_line(tmp_path: Path, owner: str) -> None:
    problem = _problem(tmp_path, PLAN.replace("owner: インサイドセールス", f"owner: {owner}"))
    assert (problem.line, problem.field) == (6, "funnel[0].owner")
    assert problem.hint_text() and problem.hint_text("ja") != problem.hint_text()


def test_a_bad_team_is_exit_2_on_the_command_line(tmp_path: Path) -> None:
    path = _write(tmp_path, PLAN.replace("label: フィールドセールス", "label: インサイドセールス"))
    run = run_cli("check", path)
    assert run.code == 2
    assert "plan.yaml:10:24: teams.field_sales.label:" in run.stderr
    assert run.stdout == ""
