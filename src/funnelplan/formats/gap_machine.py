"""Machine formats for `gap`: CSV in long form and JSON, with stage ids and plain numbers.

Counts are integers (decimals under `rounding: none`), money in the currency's minor unit,
attainment and rates as fractions (0.91) to 4 decimals, null where the plan is 0 or the stage is
missing from the actuals.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import TYPE_CHECKING

from funnelplan.core.gap import REVENUE, CatchUp, Comparison, GapReport, GapSection
from funnelplan.formats.machine import (
    adjustments_json,
    confidence_json,
    money,
    number,
    write_csv,
)

if TYPE_CHECKING:
    from funnelplan.core.odds import GapOdds

if TYPE_CHECKING:
    from funnelplan.i18n.words import Words


def _value(key: str, value: Fraction | None, unit: int) -> int | float | None:
    if value is None:
        return None
    return money(value, unit) if key == REVENUE else number(value)


def _comparison(key: str, c: Comparison, unit: int) -> dict[str, object]:
    return {
        "plan": _value(key, c.plan, unit),
        "actual": _value(key, c.actual, unit),
        "gap": _value(key, c.gap, unit),
        "attainment": number(c.attainment) if c.attainment is not None else None,
        "status": c.status,
    }


def gap_csv(report: GapReport, people: Words | None = None) -> str:
    """`month,stage,plan,actual,gap,attainment`: one row per compared month and stage (and revenue);
    `people` (`--headers labels`): the language's column names, and stage labels for the ids."""
    unit = report.minor_unit
    rows: list[list[object]] = []
    labels = {stage.id: stage.label for stage in report.stages}
    if people is not None:
        labels[REVENUE] = people("revenue")
    for month in report.total.months:
        for key, c in month.cells.items():
            row = _comparison(key, c, unit)
            rows.append(
                [
                    str(month.month),
                    labels.get(key, key) if people is not None else key,
                    row["plan"],
                    "" if row["actual"] is None else row["actual"],
                    "" if row["gap"] is None else row["gap"],
                    "" if row["attainment"] is None else row["attainment"],
                ]
            )
    if people is not None:
        keys = ("month", "stage", "csv_plan", "csv_actual", "csv_gap", "csv_attainment")
        return write_csv([people(key) for key in keys], rows)
    return write_csv(["month", "stage", "plan", "actual", "gap", "attainment"], rows)


def _section(section: GapSection, unit: int) -> dict[str, object]:
    return {
        "to_date": {key: _comparison(key, c, unit) for key, c in section.to_date.items()},
        "months": [
            {
                "month": str(m.month),
                "in_period": m.in_period,
                "stages": {key: _comparison(key, c, unit) for key, c in m.cells.items()},
            }
            for m in section.months
        ],
    }


def _catch_up(catch_up: CatchUp, unit: int, ids: list[str]) -> dict[str, object]:
    return {
        "basis": catch_up.basis,
        "status": catch_up.status,
        "remaining": money(catch_up.remaining, unit),
        "rates": {sid: number(rate) for sid, rate in catch_up.rates.items()},
        "months": [
            {
                "month": str(m.month),
                "revenue": money(m.revenue, unit),
                "counts": {sid: number(m.counts[sid]) for sid in ids},
                "original": {
                    "revenue": money(m.original_revenue, unit),
                    "counts": {sid: number(m.original_counts[sid]) for sid in ids},
                },
            }
            for m in catch_up.months
        ],
        "total": {
            "revenue": money(catch_up.total_revenue, unit),
            "counts": {sid: number(catch_up.total(sid)) for sid in ids},
        },
        "original_total": {
            "revenue": money(catch_up.original_total_revenue, unit),
            "counts": {sid: number(catch_up.original_total(sid)) for sid in ids},
        },
        "pipeline": {sid: number(Fraction(n)) for sid, n in catch_up.pipeline.items()},
        "impossible": [
            {
                "stage": i.stage,
                "month": str(i.month),
                "count": number(i.count),
                "feeds": str(i.feeds),
                "deals": number(i.deals),
                "revenue": money(i.revenue, unit),
            }
            for i in catch_up.impossible
        ],
        "slips": [
            {
                "from": str(slip.from_month),
                "to": str(slip.to_month),
                "deals": number(slip.count),
                "revenue": money(slip.revenue, unit),
            }
            for slip in catch_up.slips
        ],
        "held_from_plan": [
            {"stage": sid, "month": str(month)} for sid, month in catch_up.held_from_plan
        ],
        "impossible_revenue": money(catch_up.impossible_revenue, unit),
        "plan_rates_for": catch_up.fallback_rates,
    }


def gap_json(report: GapReport, odds: GapOdds | None = None) -> str:
    unit = report.minor_unit
    ids = [s.id for s in report.stages]
    total = _section(report.total, unit)
    document = {
        "plan": report.plan,
        "currency": report.currency,
        "period": {"start": str(report.period_start), "end": str(report.period_end)},
        "as_of": str(report.as_of),
        "actuals": report.source,
        "kgi": money(report.kgi, unit),
        **({"adjustments": adjustments_json(report.adjustments)} if report.adjustments else {}),
        "missing": report.missing,
        "to_date": total["to_date"],
        "months": total["months"],
        "segments": [{"id": s.id, "label": s.label, **_section(s, unit)} for s in report.segments],
        "rate_alignment": report.alignment,
        "rates": [
            {
                "from": r.from_id,
                "to": r.to_id,
                "owner": r.owner,
                "plan": number(r.plan),
                "actual": number(r.actual) if r.actual is not None else None,
                "months": {
                    "from": [str(m) for m in report.windows[r.from_id]],
                    "to": [str(m) for m in report.windows[r.to_id]],
                },
            }
            for r in report.rates
        ],
        "drivers": [
            {
                "driver": d.key,
                "owner": d.owner,
                "until": d.until,
                "spans": d.spans,
                "plan": number(d.plan),
                "actual": number(d.actual),
                "impact": money(d.shown, unit),
            }
            for d in report.drivers
        ],
        "teams": [{"team": team, "impact": money(impact, unit)} for team, impact in report.teams],
        "catch_up": _catch_up(report.catch_up, unit, ids),
        "forecast": {
            "revenue": money(report.forecast.revenue, unit)
            if report.forecast.revenue is not None
            else None,
            "attainment": number(report.forecast.attainment)
            if report.forecast.attainment is not None
            else None,
        },
        "behind": report.behind,
    }
    if report.budget is not None:  # only when the plan has channels
        from funnelplan.formats.capacity_machine import catch_up_cost_json

        document["budget"] = catch_up_cost_json(report.budget, unit)
    if odds is not None:
        document["confidence"] = confidence_json(odds)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
