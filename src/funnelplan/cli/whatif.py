"""`funnelplan whatif PLAN`: the base and each scenario side by side; `--cap STAGE=N` solves for
each lever alone. Registered in cli/app.py; imports nothing heavy until it runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from funnelplan.cli.options import (
    FormatOption,
    LangOption,
    MoneyUnitFlag,
    OutputOption,
    PlanArgument,
    SetOption,
)

if TYPE_CHECKING:
    from funnelplan.core.target_report import TargetReport
    from funnelplan.core.whatif import Cap
    from funnelplan.load.overrides import Variant
    from funnelplan.model.plan import Plan

CAP_OPTION = "--cap"


def whatif(
    plan_path: PlanArgument,
    scenarios: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            help="A scenario of the plan's `scenarios:` to show (repeatable; default: all).",
        ),
    ] = None,
    sets: SetOption = None,
    caps: Annotated[
        list[str] | None,
        typer.Option(
            "--cap",
            help="STAGE=N: at most N a month at that stage; solves each lever for the KGI "
            "(repeatable).",
        ),
    ] = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    money_unit: MoneyUnitFlag = None,
) -> None:
    """Compare scenarios with the plan, and under a cap solve what must change to reach the KGI.

    Example:

    \b
      funnelplan whatif plans/example-scenarios.yaml --scenario stretch --cap inquiry=150
    """
    from funnelplan.cli.emit import emit, input_files
    from funnelplan.cli.output import choose_format
    from funnelplan.core.commitments import build_target
    from funnelplan.core.whatif import build_whatif
    from funnelplan.errors import InputError
    from funnelplan.formats.reports import whatif_renderable
    from funnelplan.load.overrides import read_plan_source, variants_of
    from funnelplan.load.planfile import lag_distribution_problems
    from funnelplan.views.presentation import presentation_for

    chosen = choose_format(output_format, output)
    source, base = read_plan_source(plan_path)
    capped, problems = parse_caps(caps or (), base)
    try:  # every problem at once: the scenarios', the --set options' and the --cap options'
        variants = variants_of(source, scenarios or (), sets or ())
    except InputError as error:
        raise InputError([*error.problems, *problems]) from None
    spread = lag_distribution_problems(source, base, "whatif")
    for variant in variants if not spread else ():  # a scenario that makes a lag a distribution
        spread += lag_distribution_problems(source, variant.plan, "whatif", variant.name)[:1]
    problems += spread
    if problems:
        raise InputError(problems)
    report = build_whatif(
        build_target(base),
        [(variant.name, variant.settings, _target_of(variant)) for variant in variants],
        capped,
    )
    emit(
        whatif_renderable(report, presentation_for(base, lang, money_unit)),
        chosen,
        output,
        input_files(base, plan_path),
    )


def parse_caps(texts: Sequence[str], plan: Plan) -> tuple[list[Cap], list]:  # type: ignore[type-arg]
    """`STAGE=N` options as caps, and every problem with them."""

    from funnelplan.core.whatif import Cap
    from funnelplan.errors import Choices, Problem, closest, say
    from funnelplan.model.values import ValueProblem, parse_count

    stage_ids = [stage.id for stage in plan.funnel]
    capped: list[Cap] = []
    problems: list[Problem] = []
    for text in texts:
        stage, equals, count_text = (part.strip() for part in text.partition("="))
        excerpt = f"{CAP_OPTION} {text}"
        if not equals or not stage:
            problems.append(
                Problem(
                    file=CAP_OPTION,
                    field=text,
                    message=say("whatif.cap_needs_equals", text=text),
                    hint=say("whatif.cap_example"),
                )
            )
            continue
        if stage not in stage_ids:
            close = closest(stage, stage_ids)
            problems.append(
                Problem(
                    file=CAP_OPTION,
                    field=stage,
                    message=say("whatif.cap_unknown_stage", stage=stage),
                    hint=say("whatif.cap_did_you_mean", word=close)
                    if close is not None
                    else say("whatif.cap_known_stages", stages=Choices(stage_ids)),
                    excerpt=excerpt,
                    column=len(CAP_OPTION) + 2,
                )
            )
            continue
        try:
            count = parse_count(count_text)
        except ValueProblem as error:
            problems.append(
                Problem(
                    file=CAP_OPTION,
                    field=stage,
                    message=error.message,
                    hint=error.hint,
                    excerpt=excerpt,
                    column=len(CAP_OPTION) + len(stage) + 3,
                )
            )
            continue
        if any(cap.stage == stage for cap in capped):
            problems.append(
                Problem(
                    file=CAP_OPTION,
                    field=stage,
                    message=say("whatif.cap_twice", stage=stage),
                    hint=say("whatif.cap_once"),
                    excerpt=excerpt,
                    column=len(CAP_OPTION) + 2,
                )
            )
            continue
        capped.append(Cap(stage, count))
    if capped and plan.rounding != "up":
        problems.append(
            Problem(
                file=CAP_OPTION,
                field="rounding",
                message=say("whatif.cap_rounding_none"),
                hint=say("whatif.cap_rounding_hint"),
            )
        )
    return capped, problems


def _target_of(variant: Variant) -> TargetReport:
    """A scenario's target report, saying what the scenario changed (as `target --scenario`)."""
    from funnelplan.core.commitments import build_target
    from funnelplan.load.overrides import COMMAND_LINE
    from funnelplan.model.adjustment import Adjustment
    from funnelplan.model.record import replace

    scenario = None if variant.name == COMMAND_LINE else variant.name
    changes = tuple(Adjustment(scenario, key, text) for key, text in variant.settings.items())
    return replace(build_target(variant.plan), adjustments=changes)
