"""The whatif report as a Document: scenarios side by side, and the levers solved under a cap."""

from __future__ import annotations

from fractions import Fraction

from funnelplan.core.whatif import Side, Solved, WhatIfReport
from funnelplan.i18n.words import Words
from funnelplan.model.record import replace
from funnelplan.views.display import Style, format_count, format_money, format_rate
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
from funnelplan.views.target import period_fact


def whatif_document(report: WhatIfReport, words: Words, style: Style) -> Document:
    facts = [
        period_fact(report.base.report, words),
        (words("kgi"), format_money(report.kgi, style)),
    ]
    if report.caps:
        facts.append((words("wi_caps"), _caps_text(report, words, style)))
    if report.reachable_revenue is not None and report.reachable_ratio is not None:
        facts.append(
            (
                words("wi_reachable"),
                words(
                    "wi_reachable_value",
                    amount=format_money(report.reachable_revenue, style),
                    ratio=format_rate(report.reachable_ratio),
                ),
            )
        )
    sides = [report.base, *report.scenarios]
    blocks: list[Block] = []
    if report.scenarios:
        blocks.append(_revenue_chart(report, words))
    blocks.append(_commitments(report, sides, words))
    if report.scenarios:
        blocks.append(_changes(report, words, style))
    blocks.append(_peaks(sides, words, style))
    if report.scenarios:
        blocks.append(_settings(report, words))
    if report.solve:
        blocks.append(_solve_table(report, words, style))
    notes = []
    if report.solve:
        notes += [words("wi_note_forward"), words("wi_note_alone")]
        if report.base.report.segments:
            notes.append(words("wi_note_segments"))
    if notes:
        blocks.append(Notes(words("wi_notes"), notes))
    return Document(
        title=report.plan,
        facts=facts,
        blocks=blocks,
        headline=_headline(report, words, style),
        fact_separator=words("fact_separator"),
    )


def _name(side: Side, words: Words) -> str:
    """A plan's name as shown: the base, the command line's --set values, or the scenario's."""
    from funnelplan.load.overrides import COMMAND_LINE

    if side.name == COMMAND_LINE:
        return words("wi_command_line")
    return words("wi_base") if side.name == "base" else side.name


def _caps_text(report: WhatIfReport, words: Words, style: Style) -> str:
    labels = {stage.id: stage.label for stage in report.base.report.stages}
    return words("list_separator").join(
        words(
            "wi_cap_item",
            stage=labels[cap.stage],
            count=format_count(Fraction(cap.per_month), style) + style.count_unit,
        )
        for cap in report.caps
    )


def _revenue_chart(report: WhatIfReport, words: Words) -> Chart:
    bars = [Bar(_name(report.base, words), Money(report.base.revenue))]
    bars += [
        Bar(_name(side, words), Money(side.revenue), reference=Money(report.base.revenue))
        for side in report.scenarios
    ]
    return Chart(
        words("wi_revenue_chart"),
        "paired",
        bars,
        legend=(words("wi_scenario"), words("wi_base")),
    )


def _ordered(side: Side) -> list[int]:
    """Stage positions grouped by owner team, in funnel order (as the target's table)."""
    owners: list[str] = []
    for stage in side.stages:
        if stage.owner not in owners:
            owners.append(stage.owner)
    return sorted(range(len(side.stages)), key=lambda i: owners.index(side.stages[i].owner))


def _commitments(report: WhatIfReport, sides: list[Side], words: Words) -> Table:
    columns = [Column(words("team"), False), Column(words("stage"), False)]
    columns += [Column(_name(side, words)) for side in sides]
    rows: list[list[Cell]] = []
    for i in _ordered(report.base):
        stage = report.base.stages[i]
        rows.append(
            [words.team(stage.owner), stage.label, *(Count(side.stages[i].total) for side in sides)]
        )
    rows.append([words("revenue"), "", *(Money(side.revenue) for side in sides)])
    return Table(words("wi_commitments"), columns, rows, total_rows=1)


def _changes(report: WhatIfReport, words: Words, style: Style) -> Table:
    """Each scenario against the base: the change in count (money for revenue) and in %."""
    columns = [Column(words("team"), False), Column(words("stage"), False)]
    columns += [Column(_name(side, words)) for side in report.scenarios]
    rows: list[list[Cell]] = []
    for i in _ordered(report.base):
        stage = report.base.stages[i]
        row: list[Cell] = [words.team(stage.owner), stage.label]
        for side in report.scenarios:
            mine = side.stages[i]
            row.append(
                words(
                    "wi_change_value",
                    change=format_count(mine.change, style, signed=True),
                    ratio=format_rate(mine.change_ratio, signed=True),
                )
            )
        rows.append(row)
    revenue: list[Cell] = [words("revenue"), ""]
    for side in report.scenarios:
        revenue.append(
            words(
                "wi_change_value",
                change=format_money(side.revenue_change, style, signed=True),
                ratio=format_rate(side.revenue_change_ratio, signed=True),
            )
        )
    rows.append(revenue)
    return Table(words("wi_changes"), columns, rows, total_rows=1)


def _peaks(sides: list[Side], words: Words, style: Style) -> Table:
    columns = [Column(words("stage"), False)]
    columns += [Column(_name(side, words)) for side in sides]
    rows: list[list[Cell]] = []
    for i in _ordered(sides[0]):
        row: list[Cell] = [sides[0].stages[i].label]
        row += [
            words(
                "wi_peak_value",
                count=format_count(side.stages[i].peak, style),
                month=side.stages[i].peak_month,
            )
            for side in sides
        ]
        rows.append(row)
    return Table(words("wi_peaks"), columns, rows)


def _settings(report: WhatIfReport, words: Words) -> Table:
    columns = [
        Column(words("wi_scenario"), False),
        Column(words("wi_key"), False),
        Column(words("wi_value"), False),
    ]
    rows: list[list[Cell]] = [
        [_name(side, words), key, value]
        for side in report.scenarios
        for key, value in side.settings.items()
    ]
    return Table(words("wi_settings"), columns, rows)


def lever_label(solved: Solved, report: WhatIfReport, words: Words) -> str:
    stages = report.base.report.stages
    labels = {stage.id: stage.label for stage in stages}
    segments = {segment.id: segment.label for segment in report.base.report.segments}
    kind, _, target = solved.lever.partition(":")
    if kind == "volume":
        text = words("wi_lever_volume", stage=labels[report.caps[0].stage])
    elif kind == "rate":
        index = [stage.id for stage in stages].index(target)
        text = words("wi_lever_rate", stage=labels[target], next=stages[index + 1].label)
    elif kind == "deal_size":
        text = words("wi_lever_deal_size")
    else:
        return words("wi_lever_share", segment=segments[target])
    if solved.segment is not None:
        return words("wi_lever_in_segment", lever=text, segment=segments[solved.segment])
    return text


def _value_cell(solved: Solved, value: Fraction | None, style: Style) -> Cell:
    """A lever's value; an amount in full (¥1,333,334), never in a display unit that rounds it."""
    if value is None:
        return None
    if solved.kind in ("rate", "share"):
        return Rate(value)
    if solved.kind == "money":
        return format_money(value, replace(style, money_unit=None))
    return Count(value)


def _solve_table(report: WhatIfReport, words: Words, style: Style) -> Table:
    columns = [
        Column(words("wi_lever"), False),
        Column(words("owner"), False),
        Column(words("wi_now")),
        Column(words("wi_needed")),
    ]
    rows: list[list[Cell]] = []
    for solved in report.solve:
        needed = (
            _value_cell(solved, solved.shown, style) if solved.possible else words("wi_no_value")
        )
        rows.append(
            [
                lever_label(solved, report, words),
                words.team(solved.owner),
                _value_cell(solved, solved.current, style),
                needed,
            ]
        )
    return Table(words("wi_solve"), columns, rows)


def _shown(cell: Cell, style: Style) -> str:
    from funnelplan.views.display import format_cell

    return format_cell(cell, style)


def _headline(report: WhatIfReport, words: Words, style: Style) -> list[str]:
    sentences = []
    for side in report.scenarios:
        items = words("list_separator").join(
            words(
                "item_stage_change",
                stage=stage.label,
                count=format_count(stage.total, style),
                change=format_count(stage.change, style, signed=True),
            )
            for stage in side.stages
        )
        sentences.append(
            words(
                "wi_headline_scenario",
                name=_name(side, words),
                revenue=format_money(side.revenue, style),
                change=format_rate(side.revenue_change_ratio, signed=True)
                if side.revenue_change_ratio is not None
                else format_money(side.revenue_change, style, signed=True),
                items=items,
            )
        )
    sentences += _capacity_sentences(report, words, style)
    if report.reachable_revenue is not None and report.reachable_ratio is not None:
        sentences.append(
            words(
                "wi_headline_cap_reached" if report.cap_reaches else "wi_headline_cap",
                caps=_caps_text(report, words, style),
                amount=format_money(report.reachable_revenue, style),
                ratio=format_rate(report.reachable_ratio),
                kgi=format_money(report.kgi, style),
            )
        )
        possible = [solved for solved in report.solve if solved.possible]
        if possible:
            items = words("list_separator").join(
                words(
                    "wi_item_lever",
                    lever=lever_label(solved, report, words),
                    value=_shown(_value_cell(solved, solved.shown, style), style),
                    now=_shown(_value_cell(solved, solved.current, style), style),
                )
                for solved in possible
            )
            key = "wi_headline_slack" if report.cap_reaches else "wi_headline_levers"
            sentences.append(words(key, items=items))
        else:
            sentences.append(words("wi_headline_no_lever"))
        impossible = [solved for solved in report.solve if not solved.possible]
        if impossible:
            items = words("list_separator").join(
                lever_label(solved, report, words) for solved in impossible
            )
            sentences.append(words("wi_headline_impossible", items=items))
    if not report.scenarios and not report.caps:  # only the base: say how to ask a question
        sentences.append(words("wi_headline_nothing"))
    return sentences


def _capacity_sentences(report: WhatIfReport, words: Words, style: Style) -> list[str]:
    """Teams with `capacity:`: each plan's months over capacity, and a scenario that clears the
    base's (a headcount scenario changes no count, only this)."""
    from funnelplan.views.capacity import capacity_headline

    def over(side: Side) -> bool:
        return side.report.capacity is not None and bool(side.report.capacity.over)

    sentences: list[str] = []
    for side in [report.base, *report.scenarios]:
        if over(side):
            sentences += [
                words("wi_capacity", name=_name(side, words), sentence=sentence)
                for sentence in capacity_headline(side.report, words, style)
            ]
        elif side is not report.base and over(report.base):
            sentences.append(words("wi_capacity_fine", name=_name(side, words)))
    return sentences
