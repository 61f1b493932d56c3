"""`funnelplan sensitivity PLAN`: which lever, pulled now, still brings revenue inside the period.

Registered in cli/app.py; imports nothing heavy until it runs.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from funnelplan.cli.options import (
    FormatOption,
    LangOption,
    MoneyUnitFlag,
    OutputOption,
    PlanArgument,
)


class Pace(StrEnum):
    plan = "plan"
    actual = "actual"


def sensitivity(
    plan_path: PlanArgument,
    actuals: Annotated[
        Path | None,
        typer.Option(
            "--actuals",
            help="Actuals (CSV, YAML, XLSX): act from the month after the last one they hold.",
        ),
    ] = None,
    step: Annotated[
        str, typer.Option("--step", help="How much each lever is raised (default 10%).")
    ] = "10%",
    pace: Annotated[
        Pace,
        typer.Option(
            "--pace", help="Later months' top-stage volume: the plan's, or the to-date average."
        ),
    ] = Pace.plan,
    output_format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    money_unit: MoneyUnitFlag = None,
) -> None:
    """Every lever raised by a step from the first month that can act: the revenue it adds inside
    the period, ranked, with its owner team and first month of revenue.

    Example:

    \b
      funnelplan sensitivity plans/sensitivity.yaml --actuals plans/sensitivity-actuals.csv
    """
    from funnelplan.cli.emit import emit, input_files
    from funnelplan.cli.odds import read_share
    from funnelplan.cli.output import choose_format
    from funnelplan.core.commitments import build_target
    from funnelplan.core.sensitivity import build_sensitivity
    from funnelplan.errors import InputError, Problem, say
    from funnelplan.formats.reports import sensitivity_renderable
    from funnelplan.load.planfile import load_plan
    from funnelplan.views.presentation import presentation_for

    chosen = choose_format(output_format, output)
    raised = read_share(step, "--step", "sensitivity", False)
    plan = load_plan(plan_path)
    target = build_target(plan)
    gap = None
    files = input_files(plan, plan_path)
    if actuals is not None:
        from funnelplan.core.gap import GapProblem, build_gap
        from funnelplan.load.actuals import read_actuals

        table = read_actuals(actuals, plan, None)
        try:
            gap = build_gap(plan, table)
        except GapProblem as error:
            raise InputError(
                [
                    Problem(
                        file=str(actuals), field=error.field, message=error.message, hint=error.hint
                    )
                ]
            ) from None
        files = [*files, actuals]
    elif pace is Pace.actual:
        raise InputError(
            [
                Problem(
                    file="--pace",
                    message=say("sensitivity.pace_needs_actuals"),
                    hint=say("sensitivity.pace_needs_actuals_hint"),
                )
            ]
        )
    report = build_sensitivity(target, raised, gap, pace.value)
    emit(
        sensitivity_renderable(report, presentation_for(plan, lang, money_unit)),
        chosen,
        output,
        files,
    )
