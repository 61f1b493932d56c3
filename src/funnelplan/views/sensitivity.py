"""The sensitivity report as a Document: the headline, the tornado, the ranked levers and what
each team would owe when a lever improves."""

from __future__ import annotations

from funnelplan.core.sensitivity import Lever, SensitivityReport
from funnelplan.i18n.words import Words
from funnelplan.views.display import Style, format_money, format_rate
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


def lever_name(report: SensitivityReport, lever: Lever, words: Words, segment: bool = True) -> str:
    """`Appointments → Deals rate`, `Deal size`, `Inquiries volume`; the segment in brackets."""
    labels = {s.id: s.label for s in report.stages}
    ids = [s.id for s in report.stages]
    if lever.kind == "volume":
        name = words("sens_volume", stage=labels[lever.stage])
    elif lever.kind == "deal_size":
        name = words("sens_deal_size")
    else:
        following = ids[ids.index(lever.stage) + 1]
        name = words("sens_rate", stage=labels[lever.stage], next=labels[following])
    if segment and lever.segment_label:
        name = words("sens_with_segment", name=name, segment=lever.segment_label)
    return name


def _names(names: list[str], words: Words) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) == 1:
        return unique[0]
    return words("sens_sep").join(unique[:-1]) + words("sens_and") + unique[-1]


def headline(report: SensitivityReport, words: Words, style: Style) -> list[str]:
    acting = [lever_name(report, lv, words, False) for lv in report.acting if lv.shown > 0]
    late = report.too_late
    sentences = []
    if not acting:
        sentences.append(words("sens_headline_none", month=report.from_month))
    elif not late:
        best = report.levers[0]
        sentences.append(
            words(
                "sens_headline_all",
                name=lever_name(report, best, words),
                amount=format_money(best.shown, style),
            )
        )
    else:
        sentences.append(words("sens_headline_only", names=_names(acting, words)))
    if late:
        first = min(lv.first_month for lv in late)
        sentences.append(
            words(
                "sens_headline_late",
                names=_names([lever_name(report, lv, words, False) for lv in late], words),
                month=first,
            )
        )
    return sentences


def sensitivity_document(report: SensitivityReport, words: Words, style: Style) -> Document:
    facts = [
        (
            words("period"),
            words("gap_to_date_span", start=report.period_start, end=report.period_end),
        ),
    ]
    if report.as_of is not None:
        facts.append((words("gap_as_of"), str(report.as_of)))
        facts.append((words("gap_actuals"), report.source))
    facts += [
        (words("sens_step"), format_rate(report.step, signed=True)),
        (words("sens_from"), str(report.from_month)),
        (words("sens_pace"), words(f"sens_pace_{report.pace}")),
    ]
    bars = [
        Bar(
            label=lever_name(report, lever, words),
            value=Money(lever.shown),
            note=words("sens_from_month", month=lever.first_month)
            if lever.in_period
            else words("sens_after_short", month=lever.first_month),
        )
        for lever in report.levers
    ]
    blocks: list[Block] = [Chart(words("sens_chart"), "funnel", bars)]
    blocks.append(_levers_table(report, words))
    blocks.append(_commitments_table(report, words))
    notes = [
        words(
            "sens_note_after",
            name=lever_name(report, lever, words),
            month=lever.first_month,
        )
        for lever in report.too_late
    ]
    notes += [
        words("sens_note_capped", name=lever_name(report, lever, words))
        for lever in report.levers
        if lever.capped
    ]
    notes.append(words("sens_note_expected"))
    notes.append(words("sens_note_from_plan" if report.as_of is None else "sens_note_from_actuals"))
    return Document(
        title=report.plan,
        facts=facts,
        blocks=[*blocks, Notes(words("notes"), notes)],
        headline=headline(report, words, style),
        fact_separator=words("fact_separator"),
    )


def _value(lever: Lever) -> tuple[object, object]:
    if lever.kind == "rate":
        return Rate(lever.before), Rate(lever.after)
    if lever.kind == "deal_size":
        return Money(lever.before), Money(lever.after)
    return Count(lever.before), Count(lever.after)


def _levers_table(report: SensitivityReport, words: Words) -> Table:
    columns = [
        Column(words("sens_lever"), False),
        Column(words("owner"), False),
        Column(words("sens_before")),
        Column(words("sens_after")),
        Column(words("sens_revenue_delta")),
        Column(words("sens_first_month"), False),
    ]
    rows: list[list] = []
    for lever in report.levers:
        before, after = _value(lever)
        rows.append(
            [
                lever_name(report, lever, words),
                words.team(lever.owner),
                before,
                after,
                Money(lever.shown, signed=True),
                str(lever.first_month)
                if lever.in_period
                else words("sens_after_short", month=lever.first_month),
            ]
        )
    return Table(words("sens_levers", step=format_rate(report.step, signed=True)), columns, rows)


def _commitments_table(report: SensitivityReport, words: Words) -> Table:
    columns = [Column(words("sens_lever"), False)]
    columns += [
        Column(words("stage_with_owner", stage=s.label, team=words.team(s.owner)))
        for s in report.stages
    ]
    rows: list[list] = []
    for lever in report.levers:
        if not lever.commitments:
            continue
        rows.append(
            [
                lever_name(report, lever, words),
                *(Rate(lever.commitments.get(s.id), signed=True) for s in report.stages),
            ]
        )
    return Table(
        words("sens_commitments", step=format_rate(report.step, signed=True)),
        columns,
        rows,
        caption=words("sens_commitments_caption"),
    )
