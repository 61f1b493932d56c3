"""The people-and-money sections of the target report: capacity per team, hires, channels, budget.

Chooses rows and words only: every number comes from core/capacity.py and core/budget.py.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from funnelplan.core.capacity_report import Budget, CapacityRow, TeamCapacity
from funnelplan.core.target_report import TargetReport
from funnelplan.i18n.words import Words
from funnelplan.model.record import replace
from funnelplan.views.display import (
    Style,
    format_count,
    format_count_with_unit,
    format_money,
    format_rate,
)
from funnelplan.views.document import Bar, Block, Chart, Column, Count, Money, Notes, Rate, Table

if TYPE_CHECKING:
    from funnelplan.core.gap import GapReport


def unit_cost(amount: Fraction, style: Style) -> str:
    """A cost per unit (per inquiry, per deal, CAC) in full: 11,979円, never 1万円.

    A display unit such as `auto` rounds to the nearest 万: right for a budget, but it would show
    ¥11,979 per inquiry and ¥32,386 per lead as 1万円 and 3万円, the very figures compared."""
    if style.money_unit is not None and style.currency == "JPY":
        style = replace(style, money_unit="円")
    return format_money(amount, style)


def capacity_headline(report: TargetReport, words: Words, style: Style) -> list[str]:
    """One sentence per team and stage over capacity, naming the months; the hire proposal's."""
    capacity = report.capacity
    if capacity is None:
        return []
    labels = _labels(report)
    sentences = []
    for (team, stage), rows in _by_team_stage(capacity.over).items():
        months = words("list_separator").join(
            words(
                "cap_month_over",
                month=row.month,
                commitment=format_count_with_unit(row.commitment, style),
                capacity=format_count_with_unit(row.capacity, style),
            )
            for row in rows
        )
        sentences.append(
            words("cap_over_headline", team=words.team(team), stage=labels[stage], months=months)
        )
    if capacity.hire is not None and capacity.hire.hires:
        items = words("list_separator").join(
            words(
                "hire_item",
                count=format_count(Fraction(h.count), style),
                month=h.month,
                team=words.team(h.team),
            )
            for h in capacity.hire.hires
        )
        sentences.append(words("hire_headline", items=items))
    return sentences


def capacity_blocks(report: TargetReport, words: Words, style: Style) -> list[Block]:
    """Per team: people, ramped equivalents and each stage's capacity against the commitment."""
    capacity = report.capacity
    blocks: list[Block] = []
    if capacity is not None and capacity.teams:
        for team in capacity.teams:
            blocks.append(_team_table(report, capacity, team, words))
            blocks += _team_charts(report, capacity.rows, team, words)
        notes = _people_notes(report, words, style)
        if notes:
            blocks.append(Notes(words("cap_notes"), notes))
    if capacity is not None and capacity.hire is not None:
        blocks.append(Notes(words("hire_title"), _hire_notes(report, capacity, words, style)))
    if report.budget is not None:
        blocks += _budget_blocks(report, report.budget, words, style)
    return blocks


def _labels(report: TargetReport) -> dict[str, str]:
    return {stage.id: stage.label for stage in report.stages}


def _by_team_stage(rows: list[CapacityRow]) -> dict[tuple[str, str], list[CapacityRow]]:
    grouped: dict[tuple[str, str], list[CapacityRow]] = {}
    for row in rows:
        grouped.setdefault((row.team, row.stage), []).append(row)
    return grouped


def _team_table(report: TargetReport, capacity: TeamCapacity, team: str, words: Words) -> Table:
    labels = _labels(report)
    staffed = [s for s in capacity.staffing if s.team == team]
    stages = _by_team_stage([row for row in capacity.rows if row.team == team])
    with_cost = any(s.cost is not None for s in staffed)
    columns = [
        Column(words("month"), False),
        Column(words("cap_people")),
        Column(words("cap_ramped")),
    ]
    if with_cost:
        columns.append(Column(words("cap_people_cost")))
    for _, stage in stages:
        name = labels[stage]
        columns += [
            Column(words("cap_commitment", stage=name)),
            Column(words("cap_capacity", stage=name)),
            Column(words("cap_per_full_person", stage=name)),
            Column(words("cap_over"), False),
        ]
    body: list[list] = []
    for index, people in enumerate(staffed):
        line: list = [str(people.month), Count(people.people), Count(people.ramped)]
        if with_cost:
            line.append(Money(people.cost) if people.cost is not None else None)
        for rows in stages.values():
            row = rows[index]
            line += [
                Count(row.commitment),
                Count(row.capacity),
                Count(row.per_full_person) if row.per_full_person is not None else None,
                words("cap_over_mark") if row.over else "",
            ]
        body.append(line)
    return Table(words("cap_table", team=words.team(team)), columns, body)


def _team_charts(
    report: TargetReport, rows: list[CapacityRow], team: str, words: Words
) -> list[Block]:
    labels = _labels(report)
    charts: list[Block] = []
    for (owner, stage), stage_rows in _by_team_stage(rows).items():
        if owner != team:
            continue
        bars = [
            Bar(
                label=str(row.month),
                value=Count(row.commitment),
                reference=Count(row.capacity),
                note=words("cap_over_mark") if row.over else "",
            )
            for row in stage_rows
        ]
        charts.append(
            Chart(
                words("cap_chart", team=words.team(team), stage=labels[stage]),
                "paired",
                bars,
                (words("cap_legend_commitment"), words("cap_legend_capacity")),
            )
        )
    return charts


def _people_notes(report: TargetReport, words: Words, style: Style) -> list[str]:
    capacity = report.capacity
    assert capacity is not None
    labels = _labels(report)
    notes = []
    for team in capacity.teams:
        settings = capacity.settings.get(team)
        if settings is None:
            continue
        name = words.team(team)
        if settings.ramp:
            ramp = words("list_separator").join(format_rate(share) for share in settings.ramp)
            notes.append(words("cap_note_ramp", team=name, ramp=ramp))
        if settings.attrition is not None:
            notes.append(
                words("cap_note_attrition", team=name, attrition=format_rate(settings.attrition))
            )
        if settings.capacity:
            items = words("list_separator").join(
                f"{labels[stage]} {format_count(amount, style)}"
                for stage, amount in settings.capacity.items()
            )
            notes.append(words("cap_note_capacity", team=name, items=items))
    if capacity.rows:
        notes.append(words("cap_note_per_person"))
    return notes


def _hire_notes(
    report: TargetReport, capacity: TeamCapacity, words: Words, style: Style
) -> list[str]:
    hire = capacity.hire
    assert hire is not None
    labels = _labels(report)
    notes = [
        words(
            "hire_sentence",
            month=h.needed_in,
            commitment=format_count_with_unit(h.commitment, style),
            stage=labels[h.stage],
            per_person=format_count_with_unit(h.per_person, style),
            people=format_count(Fraction(h.full_people), style),
            count=format_count(Fraction(h.count), style),
            hire_month=h.month,
        )
        for h in hire.hires
    ]
    notes += [
        words(
            "hire_unreachable",
            month=u.month,
            team=words.team(u.team),
            stage=labels[u.stage],
            commitment=format_count_with_unit(u.commitment, style),
            capacity=format_count_with_unit(u.capacity, style),
        )
        for u in hire.unreachable
    ]
    if not hire.hires and not hire.unreachable:
        notes.append(words("hire_none"))
    elif hire.hires:
        notes.append(words("hire_beside"))
    return notes


def _budget_blocks(report: TargetReport, budget: Budget, words: Words, style: Style) -> list[Block]:
    labels = _labels(report)
    ids = [channel.id for channel in budget.channels]
    columns = [Column(words("month"), False)]
    for channel in ids:
        columns += [
            Column(words("budget_count", channel=channel)),
            Column(words("budget_cost", channel=channel)),
        ]
    columns.append(Column(words("budget_marketing")))
    with_people = bool(budget.people_cost)
    if with_people:
        columns.append(Column(words("budget_people")))
    body: list[list] = []
    for month in budget.months:
        label = str(month.month) if month.in_period else words("before_period", month=month.month)
        line: list = [label]
        for channel in ids:
            line += [Count(month.channels[channel].count), Money(month.channels[channel].cost)]
        line.append(Money(month.cost))
        if with_people:
            line.append(Money(month.people_cost))
        body.append(line)
    totals: list = [words("total")]
    for channel in ids:
        totals += [
            Count(budget.channel_totals[channel].count),
            Money(budget.channel_totals[channel].cost),
        ]
    totals.append(Money(budget.total))
    if with_people:
        totals.append(Money(budget.people_cost))
    body.append(totals)
    months_table = Table(
        words("budget_months", stage=labels[budget.top_stage]), columns, body, total_rows=1
    )
    channels_table = Table(
        words("budget_channels"),
        [
            Column(words("budget_channel"), False),
            Column(words("budget_share")),
            Column(words("budget_rate")),
            Column(words("budget_per_unit")),
            Column(words("budget_fixed")),
            Column(words("budget_count_total")),
            Column(words("budget_cost_total")),
        ],
        [
            [
                channel.id,
                Rate(channel.share),
                Rate(channel.rate),
                unit_cost(channel.cost_per_unit, style)
                if channel.cost_per_unit is not None
                else None,
                Money(channel.fixed) if channel.fixed is not None else None,
                Count(budget.channel_totals[channel.id].count),
                Money(budget.channel_totals[channel.id].cost),
            ]
            for channel in budget.channels
        ],
    )
    cost_per = Table(
        words("budget_cost_per"),
        [
            Column(words("stage"), False),
            Column(words("budget_stage_count")),
            Column(words("budget_stage_cost")),
        ],
        [
            [
                stage.label,
                Count(report.total.counts[stage.id]),
                unit_cost(amount, style)
                if (amount := budget.cost_per[stage.id]) is not None
                else None,
            ]
            for stage in report.stages
        ],
    )
    notes = []
    if budget.effective_rate is not None:
        notes.append(
            words(
                "budget_note_rate",
                stage=labels[budget.top_stage],
                rate=format_rate(budget.effective_rate),
            )
        )
    notes.append(
        words(
            "budget_note_total",
            amount=format_money(budget.total, style),
            share=format_rate(budget.revenue_share) if budget.revenue_share is not None else "-",
        )
    )
    if with_people:
        notes.append(words("budget_note_people", amount=format_money(budget.people_cost, style)))
    if budget.cac is not None:
        deals = report.total.counts[report.stages[-1].id]
        notes.append(
            words(
                "budget_note_cac",
                deals=format_count_with_unit(deals, style),
                amount=unit_cost(budget.cac, style),
            )
        )
    return [months_table, channels_table, cost_per, Notes(words("budget_notes"), notes)]


def gap_budget_notes(report: GapReport, words: Words, style: Style) -> Notes:
    """`gap` with channels: the catch-up's extra units and their cost, and spend per deal."""
    cost = report.budget
    assert cost is not None
    notes = []
    top = report.stages[0]
    if report.catch_up.months:
        items = words("list_separator").join(
            words(
                "gap_budget_item",
                channel=channel,
                units=format_count(part.count, style, signed=True),
                cost=format_money(part.cost, style, signed=True),
            )
            for channel, part in cost.channels.items()
        )
        notes.append(
            words(
                "gap_budget_extra",
                stage=top.label,
                units=format_count_with_unit(cost.extra_units, style, signed=True),
                cost=format_money(cost.extra_cost, style, signed=True),
                items=items,
            )
        )
    plan = unit_cost(cost.plan_per_deal, style) if cost.plan_per_deal is not None else "-"
    spend = format_money(cost.spend_to_date, style)
    if cost.actual_per_deal is not None:
        notes.append(
            words(
                "gap_budget_per_deal",
                spend=spend,
                actual=unit_cost(cost.actual_per_deal, style),
                plan=plan,
            )
        )
    else:
        notes.append(words("gap_budget_per_deal_none", spend=spend, plan=plan))
    return Notes(words("gap_budget_title"), notes)
