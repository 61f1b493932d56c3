"""`review` as CSV and JSON: stage ids and plain numbers, whatever the display settings.

CSV: one row per group and step (the whole last, value `all`): counts, the step's cohort, rate
and 95% interval, the plan's rate, days median and P90, won deals, revenue, revenue per lead,
cost, cost per lead, cost per deal, ROI. Rates are fractions (0.25) to 4 decimals.

JSON (the contract of issue 13): `{"by", "groups": [{"value", "counts", "rates", "cohort_months",
"revenue", "revenue_per_lead", "days", ...}], "overall", "sla": [{"rule", "month", "owner",
"applies", "met", "share", "median_hours", "untouched"}]}`; a group's `value` is the attribute's
value (a list of values for two --by); `cohort_months` are those of its first step, `steps`
holds each step's own.
"""

from __future__ import annotations

import json
from fractions import Fraction

from funnelplan.core.calibrate import CalibrateReport
from funnelplan.core.review import GroupReview, ReviewReport, SlaReview, SlaRow
from funnelplan.formats.machine import money, number, write_csv


def _n(value: Fraction | None) -> int | float | None:
    return number(value) if value is not None else None


def _m(value: Fraction | None, minor_unit: int) -> int | float | None:
    return money(value, minor_unit) if value is not None else None


def _value(group: GroupReview) -> object:
    if not group.value:
        return "all"
    return group.value[0] if len(group.value) == 1 else list(group.value)


def review_csv(report: ReviewReport, minor_unit: int) -> str:
    by = list(report.by) or ["group"]
    header = [
        *by,
        *(f"count_{stage}" for stage in report.stages),
        "step",
        "next",
        "cohort",
        "went_on",
        "rate",
        "low",
        "high",
        "judged",
        "plan_rate",
        "days_median",
        "days_p90",
        "won",
        "revenue",
        "revenue_per_lead",
        "cost",
        "cost_per_lead",
        "cost_per_deal",
        "roi",
    ]
    rows: list[list[object]] = []
    for group in [*report.groups, report.overall]:
        value = list(group.value) if group.value else ["all"] * len(by)
        for step in group.steps:
            rows.append(
                [
                    *value,
                    *(group.counts[stage] for stage in report.stages),
                    step.stage,
                    step.next,
                    step.entered,
                    step.went_on,
                    _n(step.rate),
                    _n(step.interval[0]) if step.interval else None,
                    _n(step.interval[1]) if step.interval else None,
                    "yes" if step.judged else "no",
                    _n(step.plan_rate),
                    _n(step.days_median),
                    _n(step.days_p90),
                    group.won,
                    _m(group.revenue, minor_unit),
                    _m(group.revenue_per_lead, minor_unit),
                    _m(group.cost, minor_unit),
                    _m(group.cost_per_lead, minor_unit),
                    _m(group.cost_per_deal, minor_unit),
                    _n(group.roi),
                ]
            )
    return write_csv(header, [[("" if c is None else c) for c in row] for row in rows])


def _group_json(group: GroupReview, minor_unit: int) -> dict[str, object]:
    return {
        "value": _value(group),
        "counts": group.counts,
        "rates": {step.stage: _n(step.rate) for step in group.steps},
        "cohort_months": [str(m) for m in group.steps[0].months] if group.steps else [],
        "steps": {
            step.stage: {
                "next": step.next,
                "cohort": step.entered,
                "went_on": step.went_on,
                "rate": _n(step.rate),
                "low": _n(step.interval[0]) if step.interval else None,
                "high": _n(step.interval[1]) if step.interval else None,
                "judged": step.judged,
                "plan_rate": _n(step.plan_rate),
                "cohort_months": [str(m) for m in step.months],
                "lag": step.lag,
            }
            for step in group.steps
        },
        "won": group.won,
        "revenue": _m(group.revenue, minor_unit),
        "revenue_per_lead": _m(group.revenue_per_lead, minor_unit),
        "deal_size": {
            "mean": _m(group.deal_mean, minor_unit),
            "median": _m(group.deal_median, minor_unit),
        },
        "days": {
            step.stage: {"median": _n(step.days_median), "p90": _n(step.days_p90)}
            for step in group.steps
        },
        "cost": _m(group.cost, minor_unit),
        "cost_per_lead": _m(group.cost_per_lead, minor_unit),
        "cost_per_deal": _m(group.cost_per_deal, minor_unit),
        "roi": _n(group.roi),
    }


def _sla_row(sla: SlaReview, row: SlaRow) -> dict[str, object]:
    return {
        "rule": sla.text,
        "from": sla.from_stage,
        "to": sla.to,
        "within": sla.limit,
        "month": str(row.month) if row.month is not None else None,
        "owner": row.owner,
        "applies": row.applies,
        "met": row.met,
        "late": row.late,
        "pending": row.pending,
        "share": _n(row.share),
        "median_hours": _n(row.median_hours),
        "p90_hours": _n(row.p90_hours),
        "untouched": list(row.untouched),
    }


def review_json(report: ReviewReport, minor_unit: int) -> str:
    sla: list[dict[str, object]] = []
    buckets: list[dict[str, object]] = []
    for rule in report.sla:
        sla += [_sla_row(rule, row) for row in (*rule.by_month, *rule.by_owner, rule.total)]
        buckets.append(
            {
                "rule": rule.text,
                "next": rule.next_stage,
                "cohort_months": [str(m) for m in rule.bucket_months],
                "buckets": {
                    b.name: {"records": b.leads, "went_on": b.went_on, "rate": _n(b.rate)}
                    for b in rule.buckets
                },
            }
        )
    document = {
        "plan": report.title,
        "source": report.source,
        "by": list(report.by),
        "columns": list(report.columns),
        "stages": list(report.stages),
        "data_through": str(report.data_through) if report.data_through else None,
        "months": [str(m) for m in report.months],
        "revenue_estimated": report.revenue_estimated,
        "groups": [_group_json(group, minor_unit) for group in report.groups],
        "overall": _group_json(report.overall, minor_unit),
        "sla": sla,
        "response_time": buckets,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def calibrate_json(report: CalibrateReport, minor_unit: int) -> str:
    """`{"rates": {stage: {"value", "low", "high", "n"}}, "lags": {stage: {"median",
    "distribution": {months: share}}}, "deal_size": {"mean", "median"}, "weights": {month: w}}`."""
    size = report.deal_size
    document = {
        "plan": report.title,
        "source": report.source,
        "data_through": str(report.data_through) if report.data_through else None,
        "months": [str(m) for m in report.months],
        "rates": {
            r.stage: {
                "next": r.next,
                "value": _n(r.value),
                "low": _n(r.low),
                "high": _n(r.high),
                "n": r.n,
                "plan": _n(r.plan),
                "difference": _n(r.difference),
                "cohort_months": [str(m) for m in r.months],
            }
            for r in report.rates
        },
        "lags": {
            lag.stage: {
                "next": lag.next,
                "median": lag.median,
                "distribution": {str(k): _n(v) for k, v in lag.distribution.items()},
                "n": lag.n,
                "plan": lag.plan,
            }
            for lag in report.lags
        },
        "deal_size": {
            "n": size.n,
            "mean": _m(size.mean, minor_unit),
            "median": _m(size.median, minor_unit),
            "trimmed_mean": _m(size.trimmed_mean, minor_unit),
            "plan": _m(size.plan, minor_unit),
        },
        "weights": {str(w.month): _n(w.weight) for w in report.weights},
        "season_months": [str(m) for m in report.season_months],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def calibrate_csv(report: CalibrateReport, minor_unit: int) -> str:
    """One row per proposal: `kind,key,value,low,high,n,plan` (kind: rate, lag, deal_size, weight)."""
    rows: list[list[object]] = []
    for r in report.rates:
        rows.append(["rate", r.stage, _n(r.value), _n(r.low), _n(r.high), r.n, _n(r.plan)])
    for lag in report.lags:
        rows.append(["lag", lag.stage, lag.median, "", "", lag.n, lag.plan])
        for months, share in lag.distribution.items():
            rows.append(["lag_share", f"{lag.stage}:{months}", _n(share), "", "", "", ""])
    size = report.deal_size
    for name, value in (
        ("mean", size.mean),
        ("median", size.median),
        ("trimmed_mean", size.trimmed_mean),
    ):
        rows.append(
            ["deal_size", name, _m(value, minor_unit), "", "", size.n, _m(size.plan, minor_unit)]
        )
    for w in report.weights:
        rows.append(["weight", str(w.month), _n(w.weight), "", "", "", _n(w.plan)])
    header = ["kind", "key", "value", "low", "high", "n", "plan"]
    return write_csv(header, [[("" if c is None else c) for c in row] for row in rows])


__all__ = ["calibrate_csv", "calibrate_json", "review_csv", "review_json"]
