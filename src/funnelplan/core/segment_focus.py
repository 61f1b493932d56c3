"""`target --segment X`: the plan's report narrowed to one segment, as that segment's own plan.

The segment's own funnel (its rates and deal size), its months and totals, its pipeline, its
per-person loads and its KGI (the segment's share of every month): the report a plan holding only
that segment would give (tests/test_segment_focus.py compares the two). Pure: no I/O.
"""

from __future__ import annotations

from fractions import Fraction

from funnelplan.core.target import people_loads
from funnelplan.core.target_report import TargetReport
from funnelplan.errors import InputError, Problem, say
from funnelplan.model.plan import Plan
from funnelplan.model.record import replace


def find_segment(plan: Plan, key: str, plan_file: str) -> str:
    """The id of the segment named `key` by its id or its label (exactly, then ignoring case)."""
    for segment in plan.segments:
        if key == segment.id or key == segment.label:
            return segment.id
    folded = key.casefold()
    for segment in plan.segments:
        if folded in (segment.id.casefold(), (segment.label or "").casefold()):
            return segment.id
    known = ", ".join(f"{s.id} ({s.label})" if s.label else s.id for s in plan.segments)
    raise InputError(
        [
            Problem(
                file=plan_file,
                field="--segment",
                message=say("segment.unknown", name=key),
                hint=say("segment.known", known=known) if known else say("segment.known.none"),
            )
        ]
    )


def focus_segment(plan: Plan, report: TargetReport, segment_id: str) -> TargetReport:
    """The report as the segment's own plan: its funnel, months, totals, people and KGI."""
    funnel = next(s for s in report.segments if s.id == segment_id)
    stages = [replace(stage, rate=funnel.rates.get(stage.id)) for stage in report.stages]
    return replace(
        report,
        plan=f"{report.plan}: {funnel.label}",
        kgi=sum((row.revenue for row in funnel.months if row.in_period), Fraction(0)),
        deal_size=funnel.deal_size,
        stages=stages,
        months=funnel.months,
        total=funnel.total,
        segments=[],
        people=people_loads(plan, funnel.months),
        pipeline=dict(funnel.pipeline),
        after_period=replace(
            report.after_period,
            monthly_revenue=report.after_period.monthly_revenue * funnel.share,
        ),
    )
