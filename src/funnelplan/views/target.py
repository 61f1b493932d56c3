"""The target report as a Document: the tables and notes every text format shows."""

from __future__ import annotations

from fractions import Fraction

from funnelplan.core.odds import TargetOdds
from funnelplan.core.target_report import FunnelPlan, MonthRow, StageInfo, TargetReport, Totals
from funnelplan.i18n.words import Words
from funnelplan.model.adjustment import Adjustment
from funnelplan.views.display import Style, format_money, format_rate, lag_shares_text
from funnelplan.views.document import (
    Bar,
    Block,
    Chart,
    Column,
    Count,
    Document,
    Money,
    Notes,
    Rate,
    Table,
)
from funnelplan.views.odds import sized_table, target_odds_fact


def period_fact(report: TargetReport, words: Words) -> tuple[str, str]:
    """`Period: 2027-04 – 2027-09 (6 months)`: the fact every plan report starts with."""
    months = words("months_n", n=report.period_month_count)
    span = words("period_span", start=report.period_start, end=report.period_end, months=months)
    return (words("period"), span)


def adjustments_fact(adjustments: tuple[Adjustment, ...], words: Words) -> tuple[str, str]:
    """`Changed from the plan file: scenario stretch: kgi.revenue = 7500万円; --set ...`."""
    parts = [
        words("adjusted_scenario", name=a.scenario, setting=a.key, value=a.value)
        if a.scenario is not None
        else words("adjusted_set", setting=a.key, value=a.value)
        for a in adjustments
    ]
    return words("adjusted"), words("list_sep").join(parts)


def target_document(
    report: TargetReport, words: Words, style: Style, odds: TargetOdds | None = None
) -> Document:
    money = lambda amount: format_money(amount, style)  # noqa: E731
    facts = [
        period_fact(report, words),
        (words("kgi"), money(report.kgi)),
        (
            words("deal_size"),
            money(report.deal_size)
            if report.deal_size is not None and not report.segments
            else words("by_segment"),
        ),
        (words("rounding"), words("rounding_up" if report.rounding == "up" else "rounding_none")),
    ]
    if report.adjustments:  # a report pasted into a meeting says it is not the file's plan
        facts.insert(1, adjustments_fact(report.adjustments, words))
    if odds is not None:
        facts.append(target_odds_fact(odds, words))
    blocks: list[Block] = [_funnel_chart(report, words), _funnel_table(report, words)]
    cells: dict[int, Count] = {}  # shared by the months tables
    sized = sized_table(report, odds, words) if odds is not None else None
    if sized is not None:
        blocks.append(sized)
    blocks.append(
        _months_table(
            words("commitments"), report.stages, report.months, report.total, words, cells
        )
    )
    blocks += [_segment_table(report, s, words, style, cells) for s in report.segments]
    if report.people:
        blocks.append(_people_table(report, words))
    if report.capacity is not None or report.budget is not None:
        from funnelplan.views.capacity import capacity_blocks, capacity_headline

        blocks += capacity_blocks(report, words, style)
        headline = capacity_headline(report, words, style)
    else:
        headline = []
    blocks.append(Notes(words("notes"), _notes(report, words, style)))
    if report.lead_definition or report.sales_sla:
        items = [
            words("label_value", label=words("lead_definition"), value=item)
            for item in report.lead_definition
        ]
        items += [
            words("label_value", label=words("sales_sla"), value=item) for item in report.sales_sla
        ]
        blocks.append(Notes(words("agreement"), items))
    return Document(
        title=report.plan,
        facts=facts,
        blocks=blocks,
        headline=headline,
        fact_separator=words("fact_separator"),
    )


def _funnel_chart(report: TargetReport, words: Words) -> Chart:
    """The funnel as bars: each stage's count over the plan, with its rate to the next stage."""
    bars = [
        Bar(
            label=stage.label,
            value=Count(report.total.counts[stage.id]),
            note=f"→ {format_rate(stage.rate)}" if stage.rate is not None else "",
        )
        for stage in report.stages
    ]
    return Chart(words("funnel_chart"), "funnel", bars)


def _funnel_table(report: TargetReport, words: Words) -> Table:
    columns = [
        Column(words("stage"), False),
        Column(words("owner"), False),
        Column(words("rate_to_next")),
    ]
    columns += [
        Column(words("rate_for_segment", rate=words("rate_to_next"), segment=s.label))
        for s in report.segments
    ]
    columns.append(Column(words("lag_months")))
    rows = []
    for stage in report.stages:
        row: list = [stage.label, words.team(stage.owner), Rate(stage.rate)]
        row += [Rate(s.rates.get(stage.id)) for s in report.segments]
        row.append(_lag_cell(stage, words) if stage.rate is not None else None)
        rows.append(row)
    return Table(words("funnel"), columns, rows)


def _lag_cell(stage: StageInfo, words: Words) -> Count | str:
    """A single lag as its months; a distribution as each month's share: "0: 35%, 1: 50%"."""
    if not stage.spread:
        return Count(Fraction(stage.lag))
    return lag_shares_text(stage.spread, words)


def _months_table(
    title: str,
    stages: list[StageInfo],
    rows: list[MonthRow],
    total: Totals,
    words: Words,
    cells: dict[int, Count],
) -> Table:
    """Months by stage, and the total. `cells` holds one Count per count object, for every table
    of the document (whole counts are shared Fractions: a large plan's 56,000 cells are a few
    thousand objects); each Count holds its value, so no id is reused while `cells` lives."""
    ordered = sorted(stages, key=lambda s: [t for t in _owner_order(stages)].index(s.owner))
    columns = [Column(words("month"), False)]
    columns += [
        Column(words("stage_with_owner", stage=s.label, team=words.team(s.owner))) for s in ordered
    ]
    columns.append(Column(words("revenue")))
    body: list[list] = []
    ids = [s.id for s in ordered]
    for row in rows:
        label = str(row.month) if row.in_period else words("before_period", month=row.month)
        counts = row.counts
        line: list = [label]
        for stage_id in ids:
            value = counts[stage_id]
            cell = cells.get(id(value))
            if cell is None:
                cell = cells[id(value)] = Count(value)
            line.append(cell)
        line.append(Money(row.revenue))
        body.append(line)
    body.append(
        [words("total"), *(Count(total.counts[s.id]) for s in ordered), Money(total.revenue)]
    )
    return Table(title, columns, body, total_rows=1)


def _owner_order(stages: list[StageInfo]) -> list[str]:
    order: list[str] = []
    for stage in stages:
        if stage.owner not in order:
            order.append(stage.owner)
    return order


def _segment_table(
    report: TargetReport,
    segment: FunnelPlan,
    words: Words,
    style: Style,
    cells: dict[int, Count],
) -> Table:
    title = words(
        "segment_title",
        label=segment.label,
        share=format_rate(segment.share),
        deal_size=format_money(segment.deal_size, style),
    )
    return _months_table(title, report.stages, segment.months, segment.total, words, cells)


def _people_table(report: TargetReport, words: Words) -> Table:
    labels = {stage.id: stage.label for stage in report.stages}
    columns = [
        Column(words("team"), False),
        Column(words("stage"), False),
        Column(words("headcount")),
        Column(words("period_total")),
        Column(words("per_person_month")),
        Column(words("peak_month")),
        Column(words("per_person_day")),
    ]
    rows = [
        [
            words.team(load.team),
            labels[load.stage],
            Count(Fraction(load.headcount)),
            Count(load.period_total),
            Count(load.per_person_month),
            Count(load.peak_per_person_month),
            Count(load.per_person_day) if load.per_person_day is not None else None,
        ]
        for load in report.people
    ]
    return Table(words("people"), columns, rows)


def _notes(report: TargetReport, words: Words, style: Style) -> list[str]:
    notes = []
    upstream = words("list_separator").join(s.label for s in report.stages[:-1])
    if report.pre_period_months:
        months = words("list_separator").join(str(m) for m in report.pre_period_months)
        notes.append(words("note_pre_period", months=months, stages=upstream))
    after = report.after_period
    if after.months:
        months = words("list_separator").join(str(m) for m in after.months)
        key = {
            "average": "note_after_average",
            "amount": "note_after_amount",
            "stop": "note_after_stop",
        }
        amount = format_money(after.monthly_revenue, style)
        notes.append(words(key[after.mode], months=months, amount=amount, stages=upstream))
    held = report.pipeline  # summed over the segments in the core, as JSON and gap hold it
    if held:
        labels = {stage.id: stage.label for stage in report.stages}
        notes.append(
            words(
                "note_pipeline",
                items=words("list_separator").join(f"{labels[k]} {v}" for k, v in held.items()),
            )
        )
    notes.append(words("note_rounding_up" if report.rounding == "up" else "note_rounding_none"))
    return notes
