"""`funnelplan review PLAN [--by COLUMN]... [--from MONTH] [--to MONTH]`: 現状分析 from the CRM.

Lead quality per value of an attribute column, conversion on complete cohorts, days from stage to
stage, deal size, cost and ROI, and the agreement's SLA rules measured. Registered in cli/app.py;
imports nothing heavy until it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from funnelplan.cli.options import (
    FormatOption,
    LangOption,
    MoneyUnitFlag,
    OutputOption,
    PlanArgument,
)

if TYPE_CHECKING:
    from funnelplan.errors import Problem
    from funnelplan.model.crm_records import Limit
    from funnelplan.model.months import Month
    from funnelplan.model.plan import Plan, SlaRule

ByOption = Annotated[
    list[str] | None,
    typer.Option(
        "--by",
        metavar="COLUMN",
        help="Group by this attribute (the mapping's `attributes:`) or column; twice: a cross table.",
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="MONTH", help="Records that entered the funnel from this month."
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", metavar="MONTH", help="Records that entered the funnel up to this month."),
]


def review(
    plan_path: PlanArgument,
    by: ByOption = None,
    start: FromOption = None,
    end: ToOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    money_unit: MoneyUnitFlag = None,
) -> None:
    """Lead quality by source (or any column), conversions on complete cohorts, the SLA measured.

    Example:

    \b
      funnelplan review plans/example-review.yaml --by source --from 2026-10
    """
    from funnelplan.cli.emit import emit, input_files
    from funnelplan.cli.output import choose_format
    from funnelplan.core.review import review as review_records
    from funnelplan.errors import InputError
    from funnelplan.formats.reports import review_renderable
    from funnelplan.load.crm.records import read_review_records
    from funnelplan.load.planfile import load_plan
    from funnelplan.views.presentation import presentation_for

    chosen = choose_format(output_format, output)
    plan = load_plan(plan_path)
    problems = mapped_export_problems(plan, plan_path)
    window, window_problems = month_window(start, end)
    problems += window_problems
    names = list(by or [])
    if not names and _mapping_attributes(plan):
        names = [_mapping_attributes(plan)[0]]
    if len(names) > 2:
        from funnelplan.errors import Problem, say

        problems.append(
            Problem(
                file="--by",
                message=say("review.by_too_many", count=len(names)),
                hint=say("review.by_too_many_hint"),
            )
        )
    rules, holidays, rule_problems = sla_rules(plan, plan_path)
    problems += rule_problems
    if problems:
        raise InputError(problems)
    records = read_review_records(
        plan, plan_path.parent, plan_file=plan_path, by=names, window=window, sla=rules
    )
    report = review_records(plan, records, holidays)
    shown = presentation_for(plan, lang, money_unit)
    emit(review_renderable(report, plan, shown), chosen, output, input_files(plan, plan_path))


def _mapping_attributes(plan: Plan) -> list[str]:
    from funnelplan.model.export_mapping import ExportMapping

    return list(plan.actuals.attributes) if isinstance(plan.actuals, ExportMapping) else []


def mapped_export_problems(plan: Plan, plan_path: Path) -> list[Problem]:
    """A problem when the plan maps no record-level export (review and calibrate need one)."""
    from funnelplan.errors import Problem, say
    from funnelplan.model.export_mapping import ExportMapping

    if isinstance(plan.actuals, ExportMapping):
        return []
    return [
        Problem(
            file=str(plan_path),
            field="actuals",
            message=say("review.no_export" if plan.actuals is None else "review.monthly_table"),
            hint=say("review.map_export"),
        )
    ]


def month_window(
    start: str | None, end: str | None
) -> tuple[tuple[Month | None, Month | None], list[Problem]]:
    from funnelplan.errors import Problem, say
    from funnelplan.model.months import MonthFormatError, parse_month

    problems: list[Problem] = []
    months: list[Month | None] = []
    for option, value in (("--from", start), ("--to", end)):
        if value is None:
            months.append(None)
            continue
        try:
            months.append(parse_month(value))
        except (MonthFormatError, ValueError):
            months.append(None)
            problems.append(
                Problem(
                    file=option,
                    message=say("review.month_bad", value=value),
                    hint=say("review.month_hint"),
                )
            )
    first, last = months
    if first is not None and last is not None and last < first:
        problems.append(
            Problem(
                file="--from",
                message=say("review.window_backwards", start=str(first), end=str(last)),
                hint=say("review.window_hint"),
            )
        )
    return (first, last), problems


def sla_rules(
    plan: Plan, plan_path: Path
) -> tuple[list[tuple[int, SlaRule, Limit]], str | None, list[Problem]]:
    """The agreement's measurable rules with their limits, its holiday calendar, and problems."""
    from funnelplan.core.sla import UnknownCalendar, holiday_calendar, supported_calendars
    from funnelplan.errors import Choices, say
    from funnelplan.load.yamlsource import read_yaml
    from funnelplan.model.crm_records import parse_limit

    agreement = plan.agreement
    if agreement is None:
        return [], None, []
    source, _ = read_yaml(plan_path)
    assert source is not None  # the plan was read a moment ago
    problems: list[Problem] = []
    funnel = [stage.id for stage in plan.funnel]
    rules = []
    for index, rule in agreement.sla_rules:
        where = ("agreement", "sales_sla", index)
        limit = parse_limit(rule.within)
        if limit is None:
            problems.append(
                source.problem(
                    (*where, "within"),
                    say("review.within_bad", value=rule.within),  # type: ignore[arg-type]
                    say("review.within_hint"),  # type: ignore[arg-type]
                )
            )
        if rule.from_stage not in funnel:
            problems.append(
                source.problem(
                    (*where, "from"),
                    say("review.sla_from_not_stage", value=rule.from_stage),  # type: ignore[arg-type]
                    say("review.stages_are", names=Choices(funnel, "comma")),  # type: ignore[arg-type]
                )
            )
        if limit is not None:
            rules.append((index, rule, limit))
    holidays = agreement.holidays
    if holidays is not None:
        try:
            holiday_calendar(holidays)
        except UnknownCalendar:
            problems.append(
                source.problem(
                    ("agreement", "holidays"),
                    say("review.holidays_unknown", value=holidays),  # type: ignore[arg-type]
                    say("review.holidays_hint", count=len(supported_calendars())),  # type: ignore[arg-type]
                )
            )
    return rules, holidays, problems
