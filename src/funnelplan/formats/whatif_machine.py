"""whatif as CSV and JSON: stage ids and plain numbers, whatever the display settings.

JSON: `{"base": <target json>, "scenarios": [{"name", "set", "target"}], "caps", "solve":
[{"lever", "segment", "owner", "kind", "current", "needed", "exact", "possible"}],
"reachable_revenue"}`. A rate or share is a decimal string, a fraction of 1 ("0.534": the value
shown, rounded up so that it still reaches); an amount is a number in the currency (rounded up to
its minor unit); a volume is a whole count a month. `exact` is the exact smallest value as a
fraction string ("8/15"); `needed` and `exact` are null when no value can.
"""

from __future__ import annotations

import json
from fractions import Fraction

from funnelplan.core.rounding import round_half_up
from funnelplan.core.whatif import Side, Solved, WhatIfReport
from funnelplan.formats.machine import money, number, target_json, write_csv


def _decimal(value: Fraction) -> str:
    """A fraction as its exact decimal text (267/500 -> '0.534'); one without a finite decimal
    (a current share such as 85/309) to six decimals, half up."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        value = round_half_up(value, 6)
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    scaled = value * 10**places
    text = str(abs(scaled.numerator)).rjust(places + 1, "0")
    whole, part = (text[:-places], text[-places:]) if places else (text, "")
    return ("-" if value < 0 else "") + whole + ("." + part if part else "")


def _value(solved: Solved, value: Fraction | None, minor_unit: int) -> object:
    if value is None:
        return None
    if solved.kind in ("rate", "share"):
        return _decimal(value)
    if solved.kind == "money":
        return money(value, minor_unit)
    return number(value)


def _exact(value: Fraction | None) -> str | None:
    if value is None:
        return None
    return str(value.numerator) if value.denominator == 1 else f"{value}"


def _target(side: Side) -> object:
    return json.loads(target_json(side.report, side.odds))


def whatif_json(report: WhatIfReport) -> str:
    unit = report.minor_unit
    document = {
        "base": _target(report.base),
        "scenarios": [
            {"name": side.name, "set": side.settings, "target": _target(side)}
            for side in report.scenarios
        ],
        "caps": {cap.stage: cap.per_month for cap in report.caps},
        "solve": [
            {
                "lever": solved.lever,
                "segment": solved.segment,
                "owner": solved.owner,
                "kind": solved.kind,
                "current": _value(solved, solved.current, unit),
                "needed": _value(solved, solved.shown, unit),
                "exact": _exact(solved.needed),
                "possible": solved.possible,
            }
            for solved in report.solve
        ],
        "reachable_revenue": money(report.reachable_revenue, unit)
        if report.reachable_revenue is not None
        else None,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


HEADER = [
    "kind",
    "scenario",
    "item",
    "owner",
    "value",
    "change",
    "change_ratio",
    "month",
    "possible",
]


def whatif_csv(report: WhatIfReport) -> str:
    """One row per stage per plan (period total, then peak), revenue per plan, then each lever.

    `kind` is commitment, peak, revenue, reachable_revenue or solve; for solve rows `value` is
    the value needed (a rate as a fraction of 1, rounded up to 0.1%) and `change` the current one.
    """
    unit = report.minor_unit
    rows: list[list[object]] = []
    for side in [report.base, *report.scenarios]:
        for stage in side.stages:
            rows.append(
                [
                    "commitment",
                    side.name,
                    stage.stage,
                    stage.owner,
                    number(stage.total),
                    number(stage.change),
                    number(stage.change_ratio) if stage.change_ratio is not None else "",
                    "",
                    "",
                ]
            )
        for stage in side.stages:
            rows.append(
                [
                    "peak",
                    side.name,
                    stage.stage,
                    stage.owner,
                    number(stage.peak),
                    number(stage.peak_change),
                    "",
                    str(stage.peak_month),
                    "",
                ]
            )
        rows.append(
            [
                "revenue",
                side.name,
                "revenue",
                "",
                money(side.revenue, unit),
                money(side.revenue_change, unit),
                number(side.revenue_change_ratio) if side.revenue_change_ratio is not None else "",
                "",
                "",
            ]
        )
    if report.reachable_revenue is not None:
        rows.append(
            [
                "reachable_revenue",
                "base",
                "revenue",
                "",
                money(report.reachable_revenue, unit),
                *("", "", "", ""),
            ]
        )
    for solved in report.solve:
        needed = _value(solved, solved.shown, unit)
        rows.append(
            [
                "solve",
                "base",
                solved.lever if solved.segment is None else f"{solved.lever}@{solved.segment}",
                solved.owner,
                "" if needed is None else needed,
                _value(solved, solved.current, unit),
                "",
                "",
                "true" if solved.possible else "false",
            ]
        )
    return write_csv(HEADER, rows)
