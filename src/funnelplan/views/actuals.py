"""The actuals report as a Document (table, markdown, html): rows and words; core/actuals.py sums."""

from __future__ import annotations

from fractions import Fraction

from funnelplan.core.actuals import ActualsReport
from funnelplan.i18n.words import Words
from funnelplan.load.crm.load import CohortView, ExportActuals
from funnelplan.load.crm.quality import REASONS, FileQuality, Worded
from funnelplan.model.plan import Plan
from funnelplan.views.display import Style, file_list
from funnelplan.views.document import Column, Count, Document, Money, Notes, Rate, Table


def style_for(plan: Plan, money_unit: str | None = None, count_unit: str = "") -> Style:
    return Style(plan.currency, plan.minor_unit, 0, money_unit, count_unit)


def actuals_document(report: ActualsReport, plan: Plan, words: Words) -> Document:
    result = report.exports
    table = result.table
    labels = {stage.id: stage.name for stage in plan.funnel}
    facts = [
        (words("period"), words("span", start=plan.period.start, end=plan.period.end)),
        (words("ex_sources"), file_list(table.source, words("list_separator"))),
        (words("ex_counting"), words("ex_counting_rule")),
    ]
    if table.data_through is not None:  # the newest date: the last month holds data to it
        facts.append((words("ex_data_through"), str(table.data_through)))
    columns = [Column(words("month"), False)]
    segmented = any(row.segment is not None for row in table.rows)  # the mapping's `segment:`
    segment_names = {s.id: s.name for s in plan.segments}
    if segmented:
        columns.append(Column(words("rv_segment"), False))
    columns += [Column(labels[stage]) for stage in table.stages]
    if table.has_revenue:
        columns.append(Column(words("revenue")))
    body: list[list] = []
    for row in table.rows:
        cells: list = [str(row.month)]
        if segmented:
            cells.append(segment_names.get(row.segment, "-") if row.segment else "-")
        cells += [Count(Fraction(row.counts[stage])) for stage in table.stages]
        if table.has_revenue and row.revenue is not None:
            cells.append(Money(Fraction(row.revenue)))
        body.append(cells)
    total_row: list = [words("total"), *([""] if segmented else [])]
    total_row += [Count(Fraction(report.stage_totals[s])) for s in table.stages]
    if report.revenue_total is not None:
        total_row.append(Money(report.revenue_total))
    body.append(total_row)
    blocks: list[Table | Notes] = [Table(words("ex_monthly"), columns, body, total_rows=1)]
    if len(table.stages) > 1:
        blocks.append(_flow_table(report, labels, words))
    if result.cohorts is not None:
        blocks.append(_cohort_table(result.cohorts, report, labels, words))
    blocks.append(Notes(words("ex_quality"), _quality_notes(result, labels, words)))
    blocks.append(
        Notes(
            words("ex_mapping"),
            [
                words(
                    "label_value",
                    label=_name(labels, key, words),
                    value=_worded(column, labels, words),
                )
                for key, column in result.mapping.items()
            ],
        )
    )
    return Document(
        title=words("label_value", label=plan.plan, value=words("ex_title")),
        facts=facts,
        blocks=blocks,
        fact_separator=words("fact_separator"),
    )


def _name(labels: dict[str, str], key: str, words: Words) -> str:
    """A stage's label, or the revenue's word (the mapping's keys are stage ids and `revenue`)."""
    return words("revenue") if key == "revenue" else labels.get(key, key)


def _flow_table(report: ActualsReport, labels: dict[str, str], words: Words) -> Table:
    columns = [Column(words("month"), False)]
    columns += [Column(f"{labels[b]} / {labels[a]}") for a, b in report.stage_pairs]
    rows = [[str(flow.month), *(Rate(rate) for rate in flow.rates)] for flow in report.flow]
    return Table(words("ex_flow"), columns, rows, caption=words("ex_flow_caption"))


def _cohort_table(
    view: CohortView, report: ActualsReport, labels: dict[str, str], words: Words
) -> Table:
    columns = [Column(words("ex_cohort_month"), False), Column(labels[view.stage])]
    columns += [Column(labels[stage]) for stage in view.stages]
    columns += [Column(f"{labels[stage]} %") for stage in view.stages]
    rows: list[list] = []
    for row, reach in zip(view.rows, report.cohort_reach, strict=True):
        month = words("month_open", month=row.month) if row.open else str(row.month)
        cells: list = [month, Count(Fraction(row.created))]
        cells += [Count(Fraction(row.reached[stage])) for stage in view.stages]
        cells += [Rate(rate) for rate in reach.rates]
        rows.append(cells)
    as_of = str(view.as_of) if view.as_of else "-"
    caption = words("ex_cohort_caption", stage=labels[view.stage], as_of=as_of)
    return Table(words("ex_cohort"), columns, rows, caption=caption)


def _many(words: Words, key: str, n: int, **values: object) -> str:
    """`key` for n things, `key_one` for one (English plurals; Japanese has one form)."""
    return words(f"{key}_one" if n == 1 else key, n=f"{n:,}", **values)


def _quality_notes(result: ExportActuals, labels: dict[str, str], words: Words) -> list[str]:
    items: list[str] = []
    for quality in result.quality.files:
        items.append(
            words(
                "ex_file_summary",
                file=quality.file,
                encoding=quality.encoding,
                records=_many(words, "ex_records", quality.records),
                used=f"{quality.used:,}",
                skipped=f"{quality.skipped_total:,}",
            )
        )
        for reason in REASONS:
            tally = quality.skipped.get(reason)
            if tally is None:
                continue
            items.append(
                words(
                    f"ex_skip_{reason}",
                    n=f"{tally.count:,}",
                    rows=_rows(words, tally.rows, tally.count),
                    example=_worded(tally.example, labels, words),
                )
            )
        if quality.backwards.count:
            items.append(
                _many(
                    words,
                    "ex_backwards",
                    quality.backwards.count,
                    rows=_rows(words, quality.backwards.rows, quality.backwards.count),
                    example=_worded(quality.backwards.example, labels, words),
                )
            )
        items += _quiet_counts(quality, labels, words)
    return items


def _quiet_counts(quality: FileQuality, labels: dict[str, str], words: Words) -> list[str]:
    items = []
    if quality.not_won:
        items.append(_many(words, "ex_not_won", quality.not_won))
    if quality.outside_period:
        shown = words("list_separator").join(
            f"{words('revenue')} {_many(words, 'ex_won_deals', n)}"
            if key == "revenue"
            else f"{labels.get(key, key)} {_many(words, 'ex_records', n)}"
            for key, n in quality.outside_period.items()
        )
        items.append(words("ex_outside", items=shown))
    if quality.blank or quality.footer:
        items.append(
            words(
                "ex_blank_footer",
                blank=_many(words, "ex_blank_rows", quality.blank),
                footer=_many(words, "ex_footer_lines", quality.footer),
            )
        )
    return items


def _rows(words: Words, rows: list[int], count: int) -> str:
    shown = [str(row) for row in rows] + ([words("list_more")] if count > len(rows) else [])
    return _many(words, "ex_rows", count, rows=words("list_separator").join(shown))


def _worded(example: str, labels: dict[str, str], words: Words) -> str:
    """An example from the exports in the report's words (stages by their labels), else as is."""
    if not isinstance(example, Worded):
        return example
    params = {
        name: labels.get(str(value), str(value)) if name in example.stages else value
        for name, value in example.params.items()
    }
    return words(example.key, **params)
