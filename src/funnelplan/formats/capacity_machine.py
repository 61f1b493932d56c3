"""Target's people-and-money keys for machines: `capacity`, `staffing`, `hire`, `budget` (JSON) and
their CSV columns. Present only when the plan has teams' people over time or `channels:`.

Ids and plain numbers (counts as `number`, amounts in the currency's unit), whatever the language.
"""

from __future__ import annotations

from funnelplan.core.capacity_report import Budget, CatchUpCost, TeamCapacity
from funnelplan.core.target_report import TargetReport
from funnelplan.formats.numbers import money, number


def people_and_money_json(report: TargetReport) -> dict[str, object]:
    keys: dict[str, object] = {}
    if report.capacity is not None:
        keys.update(_capacity_json(report.capacity, report.minor_unit))
    if report.budget is not None:
        keys["budget"] = _budget_json(report.budget, report.minor_unit)
    return keys


def _capacity_json(capacity: TeamCapacity, unit: int) -> dict[str, object]:
    keys: dict[str, object] = {
        "capacity": [
            {
                "team": row.team,
                "month": str(row.month),
                "people": number(row.people),
                "ramped": number(row.ramped),
                "stage": row.stage,
                "capacity": number(row.capacity),
                "commitment": number(row.commitment),
                "over": row.over,
                "capacity_per_person": number(row.per_person),
                "commitment_per_full_person": number(row.per_full_person)
                if row.per_full_person is not None
                else None,
            }
            for row in capacity.rows
        ],
        "staffing": [
            {
                "team": s.team,
                "month": str(s.month),
                "people": number(s.people),
                "ramped": number(s.ramped),
                "cost": money(s.cost, unit) if s.cost is not None else None,
            }
            for s in capacity.staffing
        ],
    }
    if capacity.hire is not None:
        keys["hire"] = {
            "hires": [
                {
                    "team": h.team,
                    "month": str(h.month),
                    "count": h.count,
                    "needed_in": str(h.needed_in),
                    "stage": h.stage,
                    "commitment": number(h.commitment),
                    "capacity_per_person": number(h.per_person),
                    "full_people": h.full_people,
                }
                for h in capacity.hire.hires
            ],
            "total": capacity.hire.total,
            "unreachable": [
                {
                    "team": u.team,
                    "month": str(u.month),
                    "stage": u.stage,
                    "commitment": number(u.commitment),
                    "capacity": number(u.capacity),
                }
                for u in capacity.hire.unreachable
            ],
        }
    return keys


def _budget_json(budget: Budget, unit: int) -> dict[str, object]:
    return {
        "top_stage": budget.top_stage,
        "effective_rate": number(budget.effective_rate)
        if budget.effective_rate is not None
        else None,
        "channels": [
            {
                "id": c.id,
                "share": number(c.share),
                "rate": number(c.rate),
                "cost_per_unit": money(c.cost_per_unit, unit)
                if c.cost_per_unit is not None
                else None,
                "cost": money(c.fixed, unit) if c.fixed is not None else None,
            }
            for c in budget.channels
        ],
        "months": [
            {
                "month": str(m.month),
                "in_period": m.in_period,
                "channels": {
                    cid: {"count": number(part.count), "cost": money(part.cost, unit)}
                    for cid, part in m.channels.items()
                },
                "cost": money(m.cost, unit),
                "people_cost": money(m.people_cost, unit),
            }
            for m in budget.months
        ],
        "channel_totals": {
            cid: {"count": number(part.count), "cost": money(part.cost, unit)}
            for cid, part in budget.channel_totals.items()
        },
        "total": money(budget.total, unit),
        "people_cost": money(budget.people_cost, unit),
        "cost_per": {
            stage: money(amount, unit) if amount is not None else None
            for stage, amount in budget.cost_per.items()
        },
        "revenue_share": number(budget.revenue_share) if budget.revenue_share is not None else None,
        "cac": money(budget.cac, unit) if budget.cac is not None else None,
    }


def people_and_money_columns(
    report: TargetReport, header: list[str], rows: list[list[object]]
) -> tuple[list[str], list[list[object]]]:
    """Target's CSV with columns added on the right: per team `<team>_people`, `<team>_ramped`;
    per stage with capacity `<stage>_capacity`, `<stage>_over`; per channel `<id>_count`,
    `<id>_cost`, then `marketing_cost`, `people_cost`. Cells a month does not have are empty."""
    months = [str(row.month) for row in report.months]
    header = list(header)
    columns: list[dict[str, object]] = []  # month (or "total") -> cell, per added column
    capacity = report.capacity
    if capacity is not None:
        for team in capacity.teams:
            staffed = [s for s in capacity.staffing if s.team == team]
            header += [f"{team}_people", f"{team}_ramped"]
            columns.append({str(s.month): number(s.people) for s in staffed})
            columns.append({str(s.month): number(s.ramped) for s in staffed})
        stages = list(dict.fromkeys(row.stage for row in capacity.rows))
        for stage in stages:
            own = [row for row in capacity.rows if row.stage == stage]
            header += [f"{stage}_capacity", f"{stage}_over"]
            columns.append({str(row.month): number(row.capacity) for row in own})
            columns.append({str(row.month): str(row.over).lower() for row in own})
    budget = report.budget
    if budget is not None:
        unit = report.minor_unit
        for channel in budget.channels:
            header += [f"{channel.id}_count", f"{channel.id}_cost"]
            counts = {str(m.month): number(m.channels[channel.id].count) for m in budget.months}
            costs = {str(m.month): money(m.channels[channel.id].cost, unit) for m in budget.months}
            counts["total"] = number(budget.channel_totals[channel.id].count)
            costs["total"] = money(budget.channel_totals[channel.id].cost, unit)
            columns += [counts, costs]
        header += ["marketing_cost", "people_cost"]
        spend = {str(m.month): money(m.cost, unit) for m in budget.months}
        spend["total"] = money(budget.total, unit)
        people = {str(m.month): money(m.people_cost, unit) for m in budget.months}
        people["total"] = money(budget.people_cost, unit)
        columns += [spend, people]
    keys = [*months, "total"]
    extended = [
        [*row, *(column.get(key, "") for column in columns)]
        for row, key in zip(rows, keys, strict=True)
    ]
    return header, extended


def catch_up_cost_json(cost: CatchUpCost, unit: int) -> dict[str, object]:
    """`gap`'s `budget` key: the catch-up's extra units per channel and their cost; spend per deal."""
    return {
        "channels": {
            cid: {"extra_count": number(part.count), "extra_cost": money(part.cost, unit)}
            for cid, part in cost.channels.items()
        },
        "extra_count": number(cost.extra_units),
        "extra_cost": money(cost.extra_cost, unit),
        "spend_to_date": money(cost.spend_to_date, unit),
        "plan_per_deal": money(cost.plan_per_deal, unit)
        if cost.plan_per_deal is not None
        else None,
        "actual_per_deal": money(cost.actual_per_deal, unit)
        if cost.actual_per_deal is not None
        else None,
    }
