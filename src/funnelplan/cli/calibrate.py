"""`funnelplan calibrate PLAN [--months N] [--write FILE]`: rates, lags, deal size and month
weights proposed from the plan's CRM export, beside the plan's own; `--write` a plan with them.

Registered in cli/app.py; imports nothing heavy until it runs.
"""

from __future__ import annotations

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

MAX_MONTHS = 120


def calibrate(
    plan_path: PlanArgument,
    months: Annotated[
        int | None,
        typer.Option(
            "--months",
            metavar="N",
            help="Use the last N months of the export (default: all of it).",
        ),
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            metavar="FILE",
            help="Write a plan with the proposed values to FILE (never over a file).",
        ),
    ] = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    money_unit: MoneyUnitFlag = None,
) -> None:
    """Propose rates, lags, deal size and month weights from the CRM history, beside the plan's.

    Example:

    \b
      funnelplan calibrate plans/example-review.yaml
    """
    from funnelplan.cli.emit import emit, input_files
    from funnelplan.cli.output import choose_format
    from funnelplan.cli.review import mapped_export_problems
    from funnelplan.core.calibrate import calibrate as propose
    from funnelplan.errors import InputError, Problem, say
    from funnelplan.formats.reports import calibrate_renderable
    from funnelplan.load.crm.records import read_review_records
    from funnelplan.load.planfile import load_plan
    from funnelplan.model.months import Month
    from funnelplan.views.presentation import presentation_for

    chosen = choose_format(output_format, output)
    plan = load_plan(plan_path)
    problems = mapped_export_problems(plan, plan_path)
    if months is not None and not 1 <= months <= MAX_MONTHS:
        problems.append(
            Problem(
                file="--months",
                message=say("calibrate.months_bad", value=months),
                hint=say("calibrate.months_hint"),
            )
        )
    if write is not None and (write.exists() or write.is_symlink()):
        problems.append(
            Problem(
                file=str(write),
                message=say("calibrate.write_exists", file=str(write)),
                hint=say("calibrate.write_hint"),
            )
        )
    if problems:
        raise InputError(problems)
    records = read_review_records(plan, plan_path.parent, plan_file=plan_path, by=[])
    if months is not None and records.data_through is not None:
        last = Month(records.data_through.year, records.data_through.month)
        window = (last + -(months - 1), last)
        records = read_review_records(
            plan, plan_path.parent, plan_file=plan_path, by=[], window=window
        )
    report = propose(plan, records)
    shown = presentation_for(plan, lang, money_unit)
    if write is not None:
        _write_plan(report, plan, plan_path, write, shown, months)
    emit(calibrate_renderable(report, plan, shown), chosen, output, input_files(plan, plan_path))


def _write_plan(report, plan, plan_path: Path, target: Path, shown, months) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from funnelplan.views.calibrate import proposed_plan
    from funnelplan.views.display import Style

    data = yaml.safe_load(plan_path.read_text(encoding="utf-8-sig"))
    _relocate(data, plan_path.parent, target.parent)
    style = Style(plan.currency, plan.minor_unit, 0, shown.money_unit, shown.count_unit)
    command = f"funnelplan calibrate {plan_path.name}" + (f" --months {months}" if months else "")
    text = proposed_plan(report, data, shown.words, style, command)
    with open(target, "x", encoding="utf-8", newline="\n") as out:  # never over a file
        out.write(text)


def _relocate(data: dict, plan_dir: Path, target_dir: Path) -> None:  # type: ignore[type-arg]
    """The export paths, relative to the written plan's folder (they are relative to the plan's)."""
    import os

    if plan_dir.resolve() == target_dir.resolve():
        return
    mapping = data.get("actuals")
    if not isinstance(mapping, dict):
        return
    for part in (mapping, mapping.get("revenue")):
        if isinstance(part, dict) and isinstance(part.get("file"), str):
            moved = os.path.relpath((plan_dir / part["file"]).resolve(), target_dir.resolve())
            part["file"] = Path(moved).as_posix()
