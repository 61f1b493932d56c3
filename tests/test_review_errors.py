"""Bad input to `review` and the keys it reads: exit 2, nothing on stdout, file:line:col, the field,
what was wrong and how to fix it, in English and Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest

from runner import PLANS, run_cli

EXAMPLE = (PLANS / "example-review.yaml").read_text(encoding="utf-8")


@pytest.fixture
def plan_with(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The example plan with one text replaced, beside a copy of its export."""
    (tmp_path / "exports" / "review").mkdir(parents=True)
    (tmp_path / "exports" / "review" / "leads.csv").write_bytes(
        (PLANS / "exports" / "review" / "leads.csv").read_bytes()
    )

    def write(old: str, new: str) -> Path:
        assert old in EXAMPLE, old
        path = tmp_path / "plan.yaml"
        path.write_text(EXAMPLE.replace(old, new), encoding="utf-8")
        return path

    return write


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def _refused(run, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    assert run.code == 2, run
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr


def test_an_unknown_by_column(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("", "")
    run = run_cli("review", plan, "--by", "リードソーズ")
    _refused(run, "--by: 'リードソーズ' is neither an attribute", "did you mean 'リードソース'?")
    run = run_cli("review", plan, "--by", "リードソーズ", "--lang", "ja")
    _refused(run, "は対応付けの属性でも", "のことですか？")


def test_a_header_name_works_as_by(plan_with) -> None:  # type: ignore[no-untyped-def]
    run = run_cli("review", plan_with("", ""), "--by", "業種", "-f", "csv")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("業種,")


def test_an_attribute_naming_a_column_the_export_lacks(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("industry: 業種}", "industry: 業界}")
    run = run_cli("review", plan, "--by", "source")
    line = _line_of(plan, "attributes:")
    _refused(run, f"plan.yaml:{line}:", "actuals.attributes.industry", "has no column '業界'")


def test_three_by_columns(plan_with) -> None:  # type: ignore[no-untyped-def]
    run = run_cli(
        "review", plan_with("", ""), "--by", "source", "--by", "owner", "--by", "industry"
    )
    _refused(run, "3 --by columns", "give --by once or twice")


def test_an_sla_from_a_stage_that_does_not_exist(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("      from: lead\n", "      from: leed\n")
    run = run_cli("review", plan)
    line = _line_of(plan, "from: leed")
    _refused(
        run,
        f"plan.yaml:{line}:13: agreement.sales_sla[0].from: 'leed' is not a stage of the plan",
        "the plan's stages: lead, appointment, deal",
    )


def test_an_sla_to_a_column_that_is_not_mapped(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("to: first_touch", "to: first_call")
    run = run_cli("review", plan)
    line = _line_of(plan, "to: first_call")
    _refused(
        run,
        f"plan.yaml:{line}:",
        "agreement.sales_sla[0].to: the SLA measures to 'first_call'",
        "known: first_touch",
    )


def test_a_limit_of_one_fortnight(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("within: 1 business day", "within: 1 fortnight")
    run = run_cli("review", plan)
    line = _line_of(plan, "1 fortnight")
    _refused(
        run,
        f"plan.yaml:{line}:15: agreement.sales_sla[0].within: '1 fortnight' is not a limit",
        "`1 business day`, `7 days` or `4 hours`",
    )
    run = run_cli("review", plan, "--lang", "ja")
    _refused(run, "は測れる期限ではありません")


def test_a_holiday_calendar_that_does_not_exist(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("holidays: JP ", "holidays: XX ")
    run = run_cli("review", plan)
    line = _line_of(plan, "holidays: XX")
    _refused(
        run,
        f"plan.yaml:{line}:13: agreement.holidays: no holiday calendar 'XX'",
        "a country code such as JP or US",
    )


def test_every_sla_problem_at_once(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("      from: lead\n", "      from: leed\n")
    plan.write_text(
        plan.read_text(encoding="utf-8")
        .replace("within: 7 days", "within: 1 fortnight")
        .replace("holidays: JP ", "holidays: XX "),
        encoding="utf-8",
    )
    run = run_cli("review", plan)
    _refused(run, "'leed'", "'1 fortnight'", "'XX'", "3 problems")


def test_a_month_that_is_not_a_month(plan_with) -> None:  # type: ignore[no-untyped-def]
    run = run_cli("review", plan_with("", ""), "--from", "2026-13", "--to", "soon")
    _refused(run, "--from: '2026-13' is not a month", "--to: 'soon' is not a month")
    run = run_cli("review", plan_with("", ""), "--from", "2027-01", "--to", "2026-06")
    _refused(run, "--from 2027-01 is after --to 2026-06", "swap them")


def test_a_plan_without_an_export(tmp_path: Path) -> None:
    run = run_cli("review", PLANS / "example.yaml")
    _refused(run, "actuals: `actuals:` is a monthly table; review reads record-level exports")
    text = (PLANS / "example.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("actuals:")),
        encoding="utf-8",
    )
    run = run_cli("review", plan)
    _refused(run, "the plan maps no CRM export")


def test_sources_with_a_bad_cost(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("展示会: {cost: 12000000}", "展示会: {cost: lots}")
    run = run_cli("review", plan)
    line = _line_of(plan, "cost: lots")
    _refused(run, f"plan.yaml:{line}:", "sources.展示会.cost")


def test_a_cost_column_the_export_lacks(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("  timezone: Asia/Tokyo\n", "  timezone: Asia/Tokyo\n  cost: 獲得費用\n")
    run = run_cli("review", plan)
    _refused(run, "actuals.cost", "has no column '獲得費用'")


def test_an_sla_rule_missing_a_key(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("      within: 1 business day\n", "")
    run = run_cli("review", plan)
    _refused(run, "agreement.sales_sla[0]", "within")


def test_a_dates_column_the_export_lacks(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("dates: {first_touch: 初回接触日}", "dates: {first_touch: 初回連絡日}")
    run = run_cli("review", plan)
    line = _line_of(plan, "初回連絡日")
    _refused(run, f"plan.yaml:{line}:", "actuals.dates.first_touch", "has no column '初回連絡日'")
    assert "did you mean '初回接触日'?" in run.stderr


def test_attributes_as_a_list_of_columns(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with(
        "attributes: {source: リードソース, owner: 担当者, industry: 業種}",
        "attributes: [リードソース, 担当者]",
    )
    run = run_cli("review", plan, "--by", "担当者", "-f", "csv")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("担当者,")


def test_an_attribute_that_is_not_text(plan_with) -> None:  # type: ignore[no-untyped-def]
    plan = plan_with("industry: 業種}", "industry: null}")
    run = run_cli("review", plan)
    _refused(run, "actuals.attributes.industry", "expected a column name")
