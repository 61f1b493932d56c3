"""Record-level CRM exports (HubSpot, Salesforce, any CSV/TSV/XLSX) aggregated into monthly actuals.

Import cost matters: `funnelplan.model.plan` imports `mapping` from here, so this module stays light and
everything else is imported where it is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from funnelplan.model.export_mapping import ExportMapping

if TYPE_CHECKING:
    from funnelplan.model.actuals_table import ActualsTable
    from funnelplan.model.plan import Plan

__all__ = ["ExportMapping", "load_actuals_from_mapping"]


def load_actuals_from_mapping(
    plan: Plan, plan_dir: Path, plan_file: Path | None = None
) -> ActualsTable:
    """The monthly actuals of the export the plan maps (raises InputError on a bad mapping)."""
    from funnelplan.load.crm.load import read_mapped_actuals

    return read_mapped_actuals(plan, plan_dir, plan_file=plan_file).table
