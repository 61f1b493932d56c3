"""`review` as a Document: lead quality by attribute value, conversions, days, deal size, the SLA.

Rows and words only: every number comes from core/review.py (display formatting aside).
"""

from __future__ import annotations

from fractions import Fraction

from funnelplan.core.review import JUDGE_FROM, GroupReview, ReviewReport, SlaReview, SlaRow
from funnelplan.i18n.words import Words
from funnelplan.views.display import Style, format_money, format_rate
from funnelplan.views.document import (
    Bar,
    Block,
    Cell,
    Chart,
    Column,
    Count,
    Document,
    Money,
    Notes,
    Rate,
    Table,
)

UNTOUCHED_SHOWN = 10
HEADLINE_GROUPS = 8  # sentences for the best-ranked groups; the tables hold every group  # record ids named per owner; the JSON has them all


def value_text(value: tuple[str, ...], words: Words) -> str:
    if not value:
        return words("rv_all")
    return " × ".join(part if part else words("rv_blank") for part in value)


def _by_text(report: ReviewReport, words: Words) -> str:
    joiner = "・" if words.language == "ja" else " × "
    return joiner.join(report.by)


def review_document(report: ReviewReport, words: Words, style: Style) -> Document:
    labels = report.labels
    top = labels[report.stages[0]]
    by = _by_text(report, words)
    facts = [(words("rv_export"), report.source)]
    if report.data_through is not None:
        facts.append((words("rv_data_through"), str(report.data_through)))
    if report.months:
        skipped = (
            words("rv_records_skipped", n=f"{report.quality_skipped:,}")
            if report.quality_skipped
            else ""
        )
        facts.append(
            (
                words("rv_records"),
                words(
                    "rv_records_value",
                    records=f"{report.overall.counts[report.stages[0]]:,}",
                    first=report.months[0],
                    last=report.months[-1],
                    stage=top,
                    skipped=skipped,
                ),
            )
        )
    facts.append((words("rv_cohort_rule"), words("rv_cohort_rule_value")))
    if report.revenue_estimated:
        revenue_from = words(
            "rv_revenue_estimated", deal_size=format_money(report.deal_size or Fraction(0), style)
        )
    elif not report.deals_known:
        revenue_from = words("rv_revenue_elsewhere", stage=labels[report.stages[-1]])
    elif report.overall.revenue is None:
        revenue_from = words("rv_revenue_none")
    else:
        revenue_from = words("rv_revenue_amounts")
    facts.append((words("rv_revenue_from"), revenue_from))
    if report.cost_from:
        facts.append((words("rv_cost_from"), words(f"rv_cost_{report.cost_from}")))
    blocks: list[Block] = []
    if report.by:
        blocks.append(_quality_table(report, words, top, by))
        blocks.append(_chart(report, words, top, by))
    if report.cross is not None:
        blocks += _cross_tables(report, words)
    blocks.append(_conversion_table(report, words))
    blocks.append(_months_notes(report, words))
    blocks.append(_days_table(report, words))
    blocks.append(_deal_table(report, words))
    if report.unmatched_sources:
        joiner = "、" if words.language == "ja" else ", "
        blocks.append(
            Notes(
                words("rv_cost_from"),
                [words("rv_unmatched", names=joiner.join(report.unmatched_sources))],
            )
        )
    for sla in report.sla:
        blocks += _sla_blocks(sla, report, words)
    title_key = "rv_title" if report.by else "rv_title_all"
    separator = "：" if words.language == "ja" else ": "
    return Document(
        title=f"{report.title}{separator}{words(title_key, by=by)}",
        facts=facts,
        blocks=blocks,
        headline=_headlines(report, words, style, top),
        fact_separator=words("fact_separator"),
    )


def _groups(report: ReviewReport) -> list[GroupReview]:
    return [*report.groups, report.overall]


def _quality_table(report: ReviewReport, words: Words, top: str, by: str) -> Table:
    labels = report.labels
    columns = [Column(words("rv_rank"), False), Column(words("rv_value", by=by), False)]
    columns += [Column(labels[stage]) for stage in report.stages]
    columns += [Column(words("rv_revenue")), Column(words("rv_revenue_per", top=top))]
    costed = bool(report.cost_from)
    if costed:
        columns += [
            Column(words("rv_cost")),
            Column(words("rv_cost_per", top=top)),
            Column(words("rv_cost_per_deal")),
            Column(words("rv_roi")),
        ]
    rows: list[list[Cell]] = []
    for rank, group in enumerate(_groups(report), start=1):
        overall = group is report.overall
        cells: list[Cell] = ["" if overall else str(rank), value_text(group.value, words)]
        cells += [Count(Fraction(group.counts[stage])) for stage in report.stages]
        cells += [_money(group.revenue), _money(group.revenue_per_lead)]
        if costed:
            cells += [
                _money(group.cost),
                _money(group.cost_per_lead),
                _money(group.cost_per_deal),
                Rate(group.roi),
            ]
        rows.append(cells)
    if report.overall.revenue is None:
        title = words("rv_quality_reach", by=by, top=top, last=labels[report.stages[-1]])
    else:
        title = words("rv_quality", by=by, top=top)
    return Table(title, columns, rows, total_rows=1)


def _money(value: Fraction | None) -> Cell:
    return Money(value) if value is not None else None


def _chart(report: ReviewReport, words: Words, top: str, by: str) -> Chart:
    bars = [
        Bar(value_text(group.value, words), Money(group.revenue_per_lead))
        for group in report.groups
        if group.revenue_per_lead is not None
    ]
    return Chart(words("rv_chart", by=by, top=top), "funnel", bars)


def _cross_tables(report: ReviewReport, words: Words) -> list[Table]:
    assert report.cross is not None
    rows_values, column_values = report.cross
    found = {group.value: group for group in report.groups}
    tables = []
    labels = report.labels
    top = labels[report.stages[0]]
    metrics: list[tuple[str, object]] = [
        (words("rv_revenue_per", top=top), lambda g: _money(g.revenue_per_lead))
    ]
    if report.overall.steps:
        first = report.overall.steps[0]
        name = words("rv_step_name", a=labels[first.stage], b=labels[first.next])
        metrics.append(
            (
                name,
                lambda g: Rate(g.steps[0].rate if g.steps[0].judged else None),
            )
        )
    for metric, cell_of in metrics:
        columns = [Column(report.by[0], False)]
        columns += [Column(value_text((v,), words)) for v in column_values]
        body: list[list[Cell]] = []
        for row_value in rows_values:
            cells: list[Cell] = [value_text((row_value,), words)]
            for column_value in column_values:
                group = found.get((row_value, column_value))
                cells.append(cell_of(group) if group is not None else None)  # type: ignore[operator]
            body.append(cells)
        title = words("rv_cross", metric=metric, row=report.by[0], column=report.by[1])
        tables.append(Table(title, columns, body))
    return tables


def _step_name(report: ReviewReport, words: Words, index: int) -> str:
    step = report.overall.steps[index]
    return words("rv_step_name", a=report.labels[step.stage], b=report.labels[step.next])


def _conversion_table(report: ReviewReport, words: Words) -> Table:
    columns = [
        Column(words("rv_value", by=_by_text(report, words) or words("rv_all")), False),
        Column(words("rv_step"), False),
        Column(words("rv_cohort")),
        Column(words("rv_went_on")),
        Column(words("rv_rate")),
        Column(words("rv_low")),
        Column(words("rv_high")),
        Column(words("rv_overall")),
        Column(words("rv_plan")),
        Column(words("rv_judgement"), False),
    ]
    rows: list[list[Cell]] = []
    for group in _groups(report):
        for index, step in enumerate(group.steps):
            interval = step.interval
            rows.append(
                [
                    value_text(group.value, words),
                    _step_name(report, words, index),
                    Count(Fraction(step.entered)),
                    Count(Fraction(step.went_on)),
                    Rate(step.rate),
                    Rate(interval[0] if interval else None),
                    Rate(interval[1] if interval else None),
                    Rate(report.overall.steps[index].rate),
                    Rate(step.plan_rate),
                    "" if step.judged else words("rv_too_few"),
                ]
            )
    return Table(
        words("rv_conversion"),
        columns,
        rows,
        caption=words("rv_conversion_caption", n=JUDGE_FROM),
    )


def _months_notes(report: ReviewReport, words: Words) -> Notes:
    items = []
    for index, step in enumerate(report.overall.steps):
        name = _step_name(report, words, index)
        if step.months:
            items.append(
                words(
                    "rv_months_item",
                    step=name,
                    first=step.months[0],
                    last=step.months[-1],
                    a=report.labels[step.stage],
                    lag=_lag(step.lag, words),
                )
            )
        else:
            items.append(words("rv_months_none", step=name, lag=_lag(step.lag, words)))
    return Notes(words("rv_months"), items)


def _lag(months: int, words: Words) -> str:
    return words("rv_lag_months_one") if months == 1 else words("rv_lag_months", n=months)


def _days_table(report: ReviewReport, words: Words) -> Table:
    columns = [
        Column(words("rv_value", by=_by_text(report, words) or words("rv_all")), False),
        Column(words("rv_step"), False),
        Column(words("rv_median")),
        Column(words("rv_p90")),
    ]
    rows: list[list[Cell]] = []
    for group in _groups(report):
        for index, step in enumerate(group.steps):
            rows.append(
                [
                    value_text(group.value, words),
                    _step_name(report, words, index),
                    _count(step.days_median),
                    _count(step.days_p90),
                ]
            )
    return Table(words("rv_days"), columns, rows, caption=words("rv_days_caption"))


def _count(value: Fraction | None) -> Cell:
    return Count(value) if value is not None else None


def _deal_table(report: ReviewReport, words: Words) -> Table:
    columns = [
        Column(words("rv_value", by=_by_text(report, words) or words("rv_all")), False),
        Column(words("rv_won")),
        Column(words("rv_mean")),
        Column(words("rv_median")),
    ]
    rows: list[list[Cell]] = [
        [
            value_text(group.value, words),
            Count(Fraction(group.won)),
            _money(group.deal_mean),
            _money(group.deal_median),
        ]
        for group in _groups(report)
    ]
    return Table(words("rv_deal_size"), columns, rows, total_rows=1)


def _sla_columns(words: Words, first: str) -> list[Column]:
    return [
        Column(words(first), False),
        Column(words("rv_sla_applies")),
        Column(words("rv_sla_met")),
        Column(words("rv_sla_late")),
        Column(words("rv_sla_pending")),
        Column(words("rv_sla_untouched")),
        Column(words("rv_sla_share")),
        Column(words("rv_sla_median")),
        Column(words("rv_sla_p90")),
    ]


def _sla_cells(label: str, row: SlaRow) -> list[Cell]:
    return [
        label,
        Count(Fraction(row.applies)),
        Count(Fraction(row.met)),
        Count(Fraction(row.late)),
        Count(Fraction(row.pending)),
        Count(Fraction(len(row.untouched))),
        Rate(row.share),
        _count(row.median_hours),
        _count(row.p90_hours),
    ]


def _limit_text(limit: str, words: Words) -> str:
    if words.language != "ja":
        return limit
    amount, unit = limit.split(" ", 1)
    unit_ja = {"business": "営業日", "day": "日", "days": "日", "hour": "時間", "hours": "時間"}
    return amount + unit_ja.get(unit.split(" ")[0], unit)


def _sla_blocks(sla: SlaReview, report: ReviewReport, words: Words) -> list[Block]:
    labels = report.labels
    title = words(
        "rv_sla",
        text=sla.text,
        from_stage=labels.get(sla.from_stage, sla.from_stage),
        to=labels.get(sla.to, sla.to),
        limit=_limit_text(sla.limit, words),
    )
    holidays = words("rv_sla_holidays", country=report.holidays) if report.holidays else ""
    rows = [_sla_cells(str(row.month), row) for row in sla.by_month]
    rows.append(_sla_cells(words("total"), sla.total))
    blocks: list[Block] = [
        Table(
            title,
            _sla_columns(words, "rv_sla_month"),
            rows,
            total_rows=1,
            caption=words("rv_sla_caption", holidays=holidays),
        )
    ]
    blocks.append(
        Chart(
            words("rv_sla_chart", text=sla.text),
            "paired",
            [
                Bar(str(row.month), Count(Fraction(row.met)), Count(Fraction(row.due)))
                for row in sla.by_month
            ],
            (words("rv_sla_chart_legend_met"), words("rv_sla_chart_legend_due")),
        )
    )
    if sla.by_owner:
        owner_rows = [_sla_cells(row.owner or words("rv_blank"), row) for row in sla.by_owner]
        blocks.append(Table(title, _sla_columns(words, "rv_sla_owner"), owner_rows))
        listed = [row for row in sla.by_owner if row.untouched]
    else:
        listed = [sla.total] if sla.total.untouched else []
    if listed:
        joiner = "、" if words.language == "ja" else ", "
        items = []
        for row in listed:
            shown = joiner.join(row.untouched[:UNTOUCHED_SHOWN])
            more = len(row.untouched) - UNTOUCHED_SHOWN
            if more > 0:
                shown += words("rv_sla_more", n=f"{more:,}")
            items.append(
                words("rv_sla_untouched_item", owner=row.owner or words("rv_all"), ids=shown)
            )
        blocks.append(Notes(words("rv_sla_untouched_list", text=sla.text), items))
    if sla.next_stage is not None and sla.bucket_months:
        bucket_rows: list[list[Cell]] = [
            [
                words(f"rv_sla_bucket_{bucket.name}"),
                Count(Fraction(bucket.leads)),
                Count(Fraction(bucket.went_on)),
                Rate(bucket.rate),
            ]
            for bucket in sla.buckets
        ]
        months = f"{sla.bucket_months[0]}〜{sla.bucket_months[-1]}"
        blocks.append(
            Table(
                words("rv_sla_buckets", text=sla.text),
                [
                    Column(words("rv_sla_bucket"), False),
                    Column(words("rv_sla_leads")),
                    Column(words("rv_went_on")),
                    Column(words("rv_rate")),
                ],
                bucket_rows,
                caption=words(
                    "rv_sla_buckets_caption",
                    months=months,
                    a=labels.get(sla.from_stage, sla.from_stage),
                    b=labels[sla.next_stage],
                ),
            )
        )
    return blocks


def _headlines(report: ReviewReport, words: Words, style: Style, top: str) -> list[str]:
    lines = []
    labels = report.labels
    for group in report.groups[:HEADLINE_GROUPS]:
        if not group.value or group.headline_step is None:
            continue
        step = group.steps[group.headline_step]
        whole = report.overall.steps[group.headline_step]
        values = {
            "value": value_text(group.value, words),
            "a": labels[step.stage],
            "b": labels[step.next],
            "rate": format_rate(step.rate),
            "all": format_rate(whole.rate),
        }
        if step.plan_rate is not None:
            lines.append(words("rv_headline", plan=format_rate(step.plan_rate), **values))
        else:
            lines.append(words("rv_headline_no_plan", **values))
    for sla in report.sla:
        total = sla.total
        lines.append(
            words(
                "rv_sla_headline",
                text=sla.text,
                share=format_rate(total.share),
                met=f"{total.met:,}",
                due=f"{total.due:,}",
                untouched=f"{len(total.untouched):,}",
            )
        )
    return lines


__all__ = ["review_document", "value_text"]
