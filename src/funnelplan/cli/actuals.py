"""`funnelplan actuals PLAN`: the monthly actuals a plan's CRM exports add up to, and their account.

Registered in cli.py; imports nothing heavy until it runs, so other commands start as fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from funnelplan.cli.options import (
    FormatOption,
    LangOption,
    MoneyUnitFlag,
    OutputOption,
    PlanArgument,
)
from funnelplan.errors import say

PROGRESS_FROM = 8 * 1024 * 1024  # bytes: smaller files finish before a bar would help
# an Excel file is zipped XML, read in Python: ~25,000 rows a MiB and ~1 s a 100,000 rows, so
# its bar starts at a smaller file than a CSV's (which DuckDB reads at ~100,000 rows in 0.3 s)
PROGRESS_FROM_XLSX = 1024 * 1024


def actuals(
    plan_path: PlanArgument,
    output_format: FormatOption = None,
    output: OutputOption = None,
    cohort: Annotated[
        bool,
        typer.Option("--cohort", help="Also show records by creation month and how far each got."),
    ] = False,
    lang: LangOption = None,
    money_unit: MoneyUnitFlag = None,
) -> None:
    """Add a plan's CRM exports up into monthly actuals (what `gap` reads), with a data-quality account.

    Example:

    \b
      funnelplan actuals plans/example-crm.yaml --cohort
    """
    from funnelplan.cli.emit import emit, input_files
    from funnelplan.cli.output import choose_format
    from funnelplan.errors import InputError, Problem
    from funnelplan.load.crm.load import read_mapped_actuals
    from funnelplan.load.planfile import load_plan
    from funnelplan.model.export_mapping import ExportMapping
    from funnelplan.views.presentation import presentation_for

    chosen = choose_format(output_format, output)
    plan = load_plan(plan_path)
    if not isinstance(plan.actuals, ExportMapping):
        raise InputError(
            [
                Problem(
                    file=str(plan_path),
                    field="actuals",
                    message=say("crm.no_mapping")
                    if plan.actuals is None
                    else say("crm.monthly_table"),
                    hint=say("crm.map_one"),
                )
            ]
        )
    with _progress_bar() as progress:
        result = read_mapped_actuals(
            plan, plan_path.parent, plan_file=plan_path, cohort=cohort, progress=progress
        )

    from funnelplan.core.actuals import build_actuals_report
    from funnelplan.formats.reports import actuals_renderable

    shown = presentation_for(plan, lang, money_unit)
    report = build_actuals_report(result)
    emit(actuals_renderable(report, plan, shown), chosen, output, input_files(plan, plan_path))


class _progress_bar:
    """A rich progress bar on stderr for large files, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.bar = None
        self.tasks: dict[str, int] = {}

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.update if sys.stderr.isatty() else None

    def update(self, name: str, done: int, size: int) -> None:
        excel = name.lower().endswith((".xlsx", ".xlsm"))  # as readers.py opens a workbook
        if size < (PROGRESS_FROM_XLSX if excel else PROGRESS_FROM):
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(file=sys.stderr), transient=True)
            self.bar.start()
        if name not in self.tasks:
            self.tasks[name] = self.bar.add_task(name, total=size)
        self.bar.update(self.tasks[name], completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
