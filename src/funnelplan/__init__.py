"""funnelplan: work a B2B revenue goal backward into each team's monthly commitments.

The library face, for a notebook or another tool (the CLI is a thin layer over the same calls):

    import funnelplan
    plan = funnelplan.load_plan("plans/example.yaml")
    target = funnelplan.build_target(plan)
    actuals = funnelplan.read_actuals("plans/example-actuals.csv", plan)
    print(funnelplan.render(funnelplan.build_gap(plan, actuals), "markdown", plan=plan))

`render(report, format)` returns exactly the text `funnelplan target|gap -f FORMAT` prints (bytes
for `xlsx`, the workbook; see docs/excel.md). Names
are loaded on first use, so `import funnelplan` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "Problem",
    "build_gap",
    "build_target",
    "load_plan",
    "read_actuals",
    "render",
]

if TYPE_CHECKING:
    from os import PathLike

    from funnelplan.core.commitments import build_target
    from funnelplan.core.gap import build_gap
    from funnelplan.errors import InputError, Problem
    from funnelplan.model.actuals_table import ActualsTable
    from funnelplan.model.plan import Plan


def load_plan(path: str | PathLike[str]) -> Plan:
    """Read and validate a plan file; raises InputError with every problem (file:line:col)."""
    from pathlib import Path

    from funnelplan.load.planfile import load_plan as load

    return load(Path(path))


def read_actuals(
    path: str | PathLike[str] | None,
    plan: Plan,
    encoding: str | None = None,
    *,
    plan_path: str | PathLike[str] | None = None,
) -> ActualsTable:
    """A monthly actuals table (CSV, YAML or XLSX) read against `plan`; raises InputError.

    `path` None: the plan's own `actuals:` (a table beside the plan, or its CRM exports added up),
    found from `plan_path`, as `funnelplan gap PLAN` reads it without --actuals.
    """
    from pathlib import Path

    from funnelplan.load.gap_inputs import load_actuals_for

    if path is None and plan_path is None:
        raise TypeError("read_actuals() needs the actuals' path, or plan_path for the plan's own")
    table, _ = load_actuals_for(
        plan,
        Path(plan_path if plan_path is not None else path),  # type: ignore[arg-type]
        None if path is None else Path(path),
        encoding,
    )
    return table


def render(
    report: Any,
    format: str = "table",
    *,
    plan: Plan | None = None,
    lang: str | None = None,
    money_unit: str | None = None,
) -> str | bytes:
    """The text of `report` (from build_target or build_gap) in `format`, as the CLI prints it.

    `plan` supplies the report language and money unit as the CLI would take them (the plan's
    `locale:` and `money_unit:`, else LANG); `lang` and `money_unit` override, as --lang and
    --money-unit do.
    """
    from funnelplan.core.gap import GapReport
    from funnelplan.core.target_report import TargetReport
    from funnelplan.formats import Format
    from funnelplan.formats.registry import render_text
    from funnelplan.formats.reports import gap_renderable, target_renderable
    from funnelplan.i18n.words import Words
    from funnelplan.views.presentation import (
        Language,
        MoneyUnitOption,
        Presentation,
        presentation_for,
    )

    chosen = Format(format)
    language = Language(lang) if lang else None
    unit = MoneyUnitOption(money_unit) if money_unit else None
    if plan is not None:
        shown = presentation_for(plan, language, unit)
    else:
        plain = unit is None or unit is MoneyUnitOption.plain
        shown = Presentation(
            Words(language.value if language else "en"), None if plain else unit.value, ""
        )
    if isinstance(report, TargetReport):
        renderable = target_renderable(report, shown, plan=plan)
    elif isinstance(report, GapReport):
        odds = None
        if plan is not None:  # the odds from here need the plan's segments (funnelplan.core.odds)
            from funnelplan.core.commitments import build_target
            from funnelplan.core.odds import gap_odds

            odds = gap_odds(build_target(plan), report)
        renderable = gap_renderable(report, shown, odds)
    else:
        raise TypeError(
            f"render() takes a report from build_target or build_gap, not {type(report).__name__}"
        )
    return render_text(renderable, chosen)


def __getattr__(name: str) -> Any:
    """build_target, build_gap, InputError and Problem, imported when first asked for."""
    if name == "build_target":
        from funnelplan.core.commitments import build_target

        return build_target
    if name == "build_gap":
        from funnelplan.core.gap import build_gap

        return build_gap
    if name in ("InputError", "Problem"):
        from funnelplan import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'funnelplan' has no attribute {name!r}")
