"""Machine formats for `sensitivity`: lever ids and plain numbers (a rate as a fraction of 1,
money in the currency's minor unit)."""

from __future__ import annotations

import json

from funnelplan.core.sensitivity import Lever, SensitivityReport
from funnelplan.formats.machine import money, number, write_csv


def _value(lever: Lever, unit: int) -> tuple[int | float, int | float]:
    if lever.kind == "deal_size":
        return money(lever.before, unit), money(lever.after, unit)
    return number(lever.before), number(lever.after)


def sensitivity_csv(report: SensitivityReport) -> str:
    """`lever,segment,owner,before,after,revenue_delta,first_month,in_period`, ranked."""
    unit = report.minor_unit
    rows: list[list[object]] = []
    for lever in report.levers:
        before, after = _value(lever, unit)
        rows.append(
            [
                lever.key,
                lever.segment or "",
                lever.owner,
                before,
                after,
                money(lever.shown, unit),
                str(lever.first_month),
                "true" if lever.in_period else "false",
            ]
        )
    header = [
        "lever",
        "segment",
        "owner",
        "before",
        "after",
        "revenue_delta",
        "first_month",
        "in_period",
    ]
    return write_csv(header, rows)


def sensitivity_json(report: SensitivityReport) -> str:
    unit = report.minor_unit
    levers = []
    for lever in report.levers:
        before, after = _value(lever, unit)
        levers.append(
            {
                "lever": lever.key,
                "segment": lever.segment,
                "owner": lever.owner,
                "before": before,
                "after": after,
                "revenue_delta": money(lever.shown, unit),
                "first_month": str(lever.first_month),
                "in_period": lever.in_period,
                "commitments": {sid: number(c) for sid, c in lever.commitments.items()},
            }
        )
    document = {
        "plan": report.plan,
        "currency": report.currency,
        "period": {"start": str(report.period_start), "end": str(report.period_end)},
        "as_of": str(report.as_of) if report.as_of is not None else None,
        "step": number(report.step),
        "from_month": str(report.from_month),
        "pace": report.pace,
        "levers": levers,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
