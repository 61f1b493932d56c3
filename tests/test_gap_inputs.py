"""Where `gap` takes its actuals from: --actuals, the plan's `actuals:` table, or its CRM mapping.

One function (funnelplan.load.gap_inputs.load_actuals_for) chooses, for the command line and the
library face alike, and says which file the actuals' problems name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import funnelplan
from funnelplan.core.gap import build_gap_for_file
from funnelplan.errors import InputError
from funnelplan.load.gap_inputs import as_of_month, load_actuals_for
from funnelplan.load.planfile import load_plan
from funnelplan.model.months import Month
from runner import ROOT

PLANS = ROOT / "plans"


def test_the_plans_own_table_is_read_beside_the_plan() -> None:
    plan = load_plan(PLANS / "example.yaml")
    table, source = load_actuals_for(plan, PLANS / "example.yaml", None)
    assert source == PLANS / "example-actuals.csv"
    assert table.months  # the example holds months of actuals


def test_the_actuals_option_wins_over_the_plans_key(tmp_path: Path) -> None:
    plan = load_plan(PLANS / "example.yaml")
    other = tmp_path / "other.csv"
    other.write_text(
        "month,inquiry,lead,appointment,deal,revenue\n2027-04,1,1,1,0,0\n", encoding="utf-8"
    )
    table, source = load_actuals_for(plan, PLANS / "example.yaml", other)
    assert source == other
    assert table.months == [Month(2027, 4)]


def test_a_crm_mapping_is_added_up_and_its_problems_name_the_plan() -> None:
    plan = load_plan(PLANS / "example-crm.yaml")
    table, source = load_actuals_for(plan, PLANS / "example-crm.yaml", None)
    assert source == PLANS / "example-crm.yaml"
    assert table.months


def test_no_actuals_at_all_is_a_problem_at_the_plans_actuals_key(write_plan) -> None:  # type: ignore[no-untyped-def]
    text = (PLANS / "example.yaml").read_text(encoding="utf-8")
    path = write_plan(
        "\n".join(line for line in text.splitlines() if not line.startswith("actuals:"))
    )
    plan = load_plan(path)
    with pytest.raises(InputError) as caught:
        load_actuals_for(plan, path, None)
    [problem] = caught.value.problems
    assert (problem.file, problem.field, problem.code) == (str(path), "actuals", "gap.no_actuals")
    assert problem.hint_code == "gap.add_actuals"


def test_as_of_is_a_month_or_a_problem_named_as_of() -> None:
    assert as_of_month(None) is None
    assert as_of_month("2027/5") == Month(2027, 5)
    with pytest.raises(InputError) as caught:
        as_of_month("May")
    assert caught.value.problems[0].file == "--as-of"
    assert caught.value.problems[0].code == "month.not_a_month"


def test_a_gap_refusal_names_the_actuals_file() -> None:
    plan = load_plan(PLANS / "example.yaml")
    table, source = load_actuals_for(plan, PLANS / "example.yaml", None)
    with pytest.raises(InputError) as caught:
        build_gap_for_file(plan, table, str(source), Month(2030, 1))  # after the period
    [problem] = caught.value.problems
    assert (problem.file, problem.field) == (str(source), "--as-of")
    assert problem.code == "plan.kgi.month_outside_period"


def test_the_library_reads_the_plans_own_actuals_as_the_cli_does() -> None:
    plan = funnelplan.load_plan(PLANS / "example.yaml")
    own = funnelplan.read_actuals(None, plan, plan_path=PLANS / "example.yaml")
    given = funnelplan.read_actuals(PLANS / "example-actuals.csv", plan)
    assert own == given
    with pytest.raises(TypeError):
        funnelplan.read_actuals(None, plan)
