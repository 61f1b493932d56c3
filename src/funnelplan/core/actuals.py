"""The actuals report: what the CRM exports add up to, with the totals and rates a reader sees.

`funnelplan actuals` shows the monthly table, its totals, the month-by-month flow between stages and,
with `--cohort`, each creation month's reach. Every sum and ratio is made here, exactly, so the view
only chooses rows and words (a rate with nothing below it is `None`, shown as a dash).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

from funnelplan.load.crm.load import ExportActuals
from funnelplan.model.months import Month


@dataclass(frozen=True)
class FlowMonth:
    month: Month
    rates: tuple[Fraction | None, ...]  # one per consecutive stage pair: later / earlier


@dataclass(frozen=True)
class CohortReach:
    month: Month
    rates: tuple[Fraction | None, ...]  # one per later stage: reached / created


@dataclass(frozen=True)
class ActualsReport:
    exports: ExportActuals
    stage_totals: dict[str, int]  # stage id -> the period's count
    revenue_total: Fraction | None  # None when the exports map no revenue
    stage_pairs: tuple[tuple[str, str], ...]  # consecutive stages the flow compares
    flow: tuple[FlowMonth, ...]
    cohort_reach: tuple[CohortReach, ...]  # empty without --cohort


def _ratio(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def build_actuals_report(exports: ExportActuals) -> ActualsReport:
    table = exports.table
    totals = {stage: sum(row.counts[stage] for row in table.rows) for stage in table.stages}
    revenue = None
    if table.has_revenue:
        revenue = sum(
            (Fraction(row.revenue) for row in table.rows if row.revenue is not None), Fraction(0)
        )
    pairs = tuple(itertools.pairwise(table.stages))
    flow = tuple(
        FlowMonth(row.month, tuple(_ratio(row.counts[b], row.counts[a]) for a, b in pairs))
        for row in table.rows
    )
    reach: tuple[CohortReach, ...] = ()
    if exports.cohorts is not None:
        view = exports.cohorts
        reach = tuple(
            CohortReach(row.month, tuple(_ratio(row.reached[s], row.created) for s in view.stages))
            for row in view.rows
        )
    return ActualsReport(exports, totals, revenue, pairs, flow, reach)
