"""Machine formats (CSV, JSON): stage ids and plain numbers, whatever the display settings."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from funnelplan.core.target_report import FunnelPlan, MonthRow, TargetReport, Totals
from funnelplan.formats.numbers import (  # noqa: F401  (re-exported for every machine format)
    MACHINE_PLACES,
    PROBABILITY_PLACES,
    adjustments_json,
    excel_safe,
    money,
    number,
    write_csv,
)

if TYPE_CHECKING:
    from funnelplan.core.odds import GapOdds, TargetOdds
    from funnelplan.i18n.words import Words


def target_csv(report: TargetReport, people: Words | None = None) -> str:
    """`month,<stage ids>,revenue`, one row per month (pre-period months too), then `total`;
    `people` (`--headers labels`): the stage labels and the language's words instead."""
    months, total = report.months, report.total
    ids = [stage.id for stage in report.stages]
    rows: list[list[object]] = [
        [
            str(row.month),
            *(number(row.counts[i]) for i in ids),
            money(row.revenue, report.minor_unit),
        ]
        for row in months
    ]
    total_label = people("total") if people else "total"
    rows.append(
        [
            total_label,
            *(number(total.counts[i]) for i in ids),
            money(total.revenue, report.minor_unit),
        ]
    )
    header = ["month", *ids, "revenue"]
    if people is not None:
        header = [people("month"), *(stage.label for stage in report.stages), people("revenue")]
    if report.capacity is not None or report.budget is not None:  # only when the plan has them
        from funnelplan.formats.capacity_machine import people_and_money_columns

        header, rows = people_and_money_columns(report, header, rows)
    return write_csv(header, rows)


def _months_json(rows: list[MonthRow], minor_unit: int) -> list[dict[str, object]]:
    return [
        {
            "month": str(row.month),
            "in_period": row.in_period,
            "revenue": money(row.revenue, minor_unit),
            "counts": {sid: number(n) for sid, n in row.counts.items()},
        }
        for row in rows
    ]


def _total_json(total: Totals, minor_unit: int) -> dict[str, object]:
    return {
        "revenue": money(total.revenue, minor_unit),
        "counts": {sid: number(n) for sid, n in total.counts.items()},
    }


def _segment_json(segment: FunnelPlan, minor_unit: int) -> dict[str, object]:
    return {
        "id": segment.id,
        "label": segment.label,
        "share": number(segment.share),
        "deal_size": money(segment.deal_size, minor_unit),
        "rates": {sid: number(rate) for sid, rate in segment.rates.items()},
        "pipeline": segment.pipeline,
        "months": _months_json(segment.months, minor_unit),
        "total": _total_json(segment.total, minor_unit),
    }


def confidence_json(odds: TargetOdds | GapOdds | None) -> dict[str, object] | None:
    """`{probability, error_bound}` (and the sized plan under target --confidence)."""
    if odds is None or odds.odds is None:
        return None
    result: dict[str, object] = {
        "probability": number(odds.odds.probability, PROBABILITY_PLACES),
        "error_bound": float(odds.odds.error),
    }
    sized = getattr(odds, "sized", None)
    if sized is not None:
        result["wanted"] = number(sized.wanted, PROBABILITY_PLACES)
        result["sized"] = {
            "extra": sized.extra,
            "relative_extra": number(sized.relative_extra),
            "probability": number(sized.odds.probability, PROBABILITY_PLACES),
            "one_fewer_probability": number(sized.one_fewer.probability, PROBABILITY_PLACES)
            if sized.one_fewer is not None
            else None,
            "counts": {sid: number(n) for sid, n in sized.counts.items()},
        }
    return result


def target_json(report: TargetReport, odds: TargetOdds | None = None) -> str:
    unit = report.minor_unit
    months, total = report.months, report.total
    document = {
        "plan": report.plan,
        "currency": report.currency,
        "period": {"start": str(report.period_start), "end": str(report.period_end)},
        "kgi": money(report.kgi, unit),
        **({"adjustments": adjustments_json(report.adjustments)} if report.adjustments else {}),
        "deal_size": money(report.deal_size, unit) if report.deal_size is not None else None,
        "rounding": report.rounding,
        "stages": [
            {
                "id": s.id,
                "label": s.label,
                "owner": s.owner,
                "rate": number(s.rate) if s.rate is not None else None,
                "lag": s.lag,
                **(
                    {"lag_distribution": {str(m): number(share) for m, share in s.spread}}
                    if s.spread
                    else {}
                ),
            }
            for s in report.stages
        ],
        "months": _months_json(months, unit),
        "total": _total_json(total, unit),
        "after_period": {
            "mode": report.after_period.mode,
            "monthly_revenue": money(report.after_period.monthly_revenue, unit),
            "months": [str(m) for m in report.after_period.months],
        },
        "pipeline": report.pipeline,
        "segments": [_segment_json(s, unit) for s in report.segments],
        "people": [
            {
                "team": p.team,
                "stage": p.stage,
                "headcount": p.headcount,
                "period_total": number(p.period_total),
                "per_person_month": number(p.per_person_month),
                "peak_per_person_month": number(p.peak_per_person_month),
                "per_person_day": number(p.per_person_day)
                if p.per_person_day is not None
                else None,
            }
            for p in report.people
        ],
        "agreement": {"lead_definition": report.lead_definition, "sales_sla": report.sales_sla},
    }
    if report.capacity is not None or report.budget is not None:  # only when the plan has them
        from funnelplan.formats.capacity_machine import people_and_money_json

        document.update(people_and_money_json(report))
    if odds is not None:
        document["confidence"] = confidence_json(odds)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
