"""What `gap` compares: the actuals from --actuals, the plan's `actuals:` table or its CRM mapping.

One place chooses the source, so the command line and the library face read the same actuals and
their problems name the same file: the table itself (--actuals, or `actuals: actuals.csv` beside
the plan), or the plan when the actuals are a CRM export's mapping (each export's own problems
name the export).
"""

from __future__ import annotations

from pathlib import Path

from funnelplan.errors import InputError, Problem, say
from funnelplan.load.actuals import read_actuals
from funnelplan.model.actuals_table import ActualsTable
from funnelplan.model.months import Month, MonthFormatError, parse_month
from funnelplan.model.plan import Plan


def load_actuals_for(
    plan: Plan, plan_path: Path, actuals_option: Path | None, encoding: str | None = None
) -> tuple[ActualsTable, Path]:
    """The actuals to compare with `plan`, and the file that problems with them name.

    `actuals_option` (--actuals FILE) wins; else the plan's `actuals:` (a monthly table, relative
    to the plan's folder, or a CRM export's mapping). No actuals at all is a problem at the plan.
    """
    if actuals_option is not None:
        return read_actuals(actuals_option, plan, encoding), actuals_option
    if plan.actuals is None:
        raise InputError(
            [
                Problem(
                    file=str(plan_path),
                    field="actuals",
                    message=say("gap.no_actuals"),
                    hint=say("gap.add_actuals"),
                )
            ]
        )
    if isinstance(plan.actuals, str):
        table_path = plan_path.parent / plan.actuals
        return read_actuals(table_path, plan, encoding), table_path
    from funnelplan.load.crm import load_actuals_from_mapping

    return load_actuals_from_mapping(plan, plan_path.parent, plan_path), plan_path


def as_of_month(option: str | None) -> Month | None:
    """--as-of as a month (None: the last month with actuals); a bad one names `--as-of`."""
    if option is None:
        return None
    try:
        return parse_month(option)
    except MonthFormatError as error:
        raise InputError([error.problem("--as-of")]) from None
