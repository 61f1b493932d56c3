"""The gap report as a Document: headline, to-date and monthly gaps, rates, drivers, catch-up."""

from __future__ import annotations

from fractions import Fraction

from funnelplan.core.gap import (
    REVENUE,
    CatchUp,
    Comparison,
    Driver,
    DriverKind,
    GapReport,
    GapSection,
)
from funnelplan.core.odds import GapOdds
from funnelplan.i18n.words import Words
from funnelplan.model.months import Month
from funnelplan.views.display import (
    Style,
    file_list,
    format_count,
    format_count_with_unit,
    format_money,
    format_rate,
)
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
    Status,
    Table,
)
from funnelplan.views.odds import gap_odds_fact
from funnelplan.views.target import adjustments_fact


def _revenue_chart(report: GapReport, words: Words) -> Chart | None:
    """Monthly revenue, actual against plan, for the months compared."""
    bars = [
        Bar(
            label=str(month.month),
            value=Money(month.cells["revenue"].actual),  # type: ignore[arg-type]
            reference=Money(month.cells["revenue"].plan),
        )
        for month in report.total.months
        if month.in_period
        and month.cells.get("revenue")
        and month.cells["revenue"].actual is not None
    ]
    if not bars:
        return None
    legend = (words("gap_actual"), words("gap_plan"))
    return Chart(words("gap_revenue_chart"), "paired", bars, legend)


def _drivers_chart(report: GapReport, words: Words) -> Chart:
    """The drivers as signed bars: what pulled revenue below plan, and what pushed it above."""
    bars = [
        Bar(label=driver_name(report, driver, words), value=Money(driver.shown, signed=True))
        for driver in report.drivers
    ]
    return Chart(words("gap_drivers_chart"), "signed", bars)


def gap_document(
    report: GapReport, words: Words, style: Style, odds: GapOdds | None = None
) -> Document:
    money = lambda amount: format_money(amount, style)  # noqa: E731
    span = words("gap_to_date_span", start=report.period_start, end=report.as_of)
    facts = [
        (
            words("period"),
            words("gap_to_date_span", start=report.period_start, end=report.period_end),
        ),
        (words("gap_as_of"), str(report.as_of)),
        (words("gap_actuals"), file_list(report.source, words("list_separator"))),
    ]
    if report.adjustments:  # a report pasted into a meeting says it is not the file's plan
        facts.insert(1, adjustments_fact(report.adjustments, words))
    cut = report.data_through  # the incomplete month of a CRM export has a note of its own
    partial = Month(cut.year, cut.month) if cut is not None else None
    if cut is not None:
        facts.append((words("ex_data_through"), str(cut)))
    not_compared = [m for m in report.ignored_months if m != partial]
    if not_compared:  # near the top: a row the user typed that counts for nothing
        later = [m for m in not_compared if report.as_of < m <= report.period_end]
        outside = [m for m in not_compared if m not in set(later)]
        parts = []
        if outside:
            parts.append(
                words(
                    "gap_not_compared_outside",
                    months=words("list_separator").join(map(str, outside)),
                )
            )
        if later:
            parts.append(
                words(
                    "gap_not_compared_later",
                    months=words("list_separator").join(map(str, later)),
                    as_of=report.as_of,
                )
            )
        facts.append((words("gap_not_compared"), words("list_sep").join(parts)))
    facts.append((words("kgi"), money(report.kgi)))
    if report.forecast.revenue is not None:
        facts.append(
            (
                words("gap_forecast"),
                words(
                    "gap_forecast_value",
                    amount=money(report.forecast.revenue),
                    attainment=format_rate(report.forecast.attainment),
                ),
            )
        )
    if odds is not None:
        facts.append(gap_odds_fact(odds, words))
    at_risk, behind = report.thresholds
    facts.append(
        (
            words("gap_thresholds"),
            words("gap_thresholds_value", at_risk=format_rate(at_risk), behind=format_rate(behind)),
        )
    )
    blocks: list[Block] = [
        _to_date_table(words("gap_to_date", span=span), report, report.total, words),
        _monthly_table(report, words),
        _rates_table(report, words),
    ]
    revenue_chart = _revenue_chart(report, words)
    if revenue_chart is not None:
        blocks.insert(0, revenue_chart)
    if report.drivers:
        blocks.append(_drivers_chart(report, words))
        blocks.append(_drivers_table(report, words))
        blocks.append(_teams_table(report, words))
    if report.catch_up.months:
        blocks.append(_catch_up_table(report, report.catch_up, words))
    if report.budget is not None:  # channels: the catch-up's cost (views/capacity.py)
        from funnelplan.views.capacity import gap_budget_notes

        blocks.append(gap_budget_notes(report, words, style))
    for segment in report.segments:
        title = words("gap_segment_to_date", label=segment.label)
        blocks.append(_to_date_table(title, report, segment, words))
    blocks.append(Notes(words("gap_notes"), _notes(report, words, style)))
    return Document(
        title=report.plan,
        facts=facts,
        blocks=blocks,
        headline=headline(report, words, style),
        fact_separator=words("fact_separator"),
    )


def _label(report: GapReport, key: str, words: Words) -> str:
    if key == REVENUE:
        return words("revenue")
    stage = report.stage(key)
    return words("stage_with_owner", stage=stage.label, team=words.team(stage.owner))


def _cells(key: str, comparison: Comparison, words: Words) -> list:  # type: ignore[type-arg]
    kind = Money if key == REVENUE else Count
    if comparison.actual is None:
        return [
            kind(comparison.plan),
            words("gap_missing_cell"),
            None,
            None,
            Status("missing", words("status_missing")),
        ]
    gap = comparison.gap
    assert gap is not None
    return [
        kind(comparison.plan),
        kind(comparison.actual),
        kind(gap, True),  # type: ignore[call-arg]
        Rate(comparison.attainment),
        Status(comparison.status, words(f"status_{comparison.status}")),
    ]


def _comparison_columns(words: Words, first: list[Column]) -> list[Column]:
    return [
        *first,
        Column(words("gap_plan")),
        Column(words("gap_actual")),
        Column(words("gap_gap")),
        Column(words("gap_attainment")),
        Column(words("gap_status"), False),
    ]


def _to_date_table(title: str, report: GapReport, section: GapSection, words: Words) -> Table:
    rows = [
        [_label(report, key, words), *_cells(key, comparison, words)]
        for key, comparison in section.to_date.items()
    ]
    return Table(title, _comparison_columns(words, [Column(words("stage"), False)]), rows)


def _monthly_table(report: GapReport, words: Words) -> Table:
    rows = []
    for month in report.total.months:
        label = str(month.month) if month.in_period else words("before_period", month=month.month)
        for index, (key, comparison) in enumerate(month.cells.items()):
            if not month.in_period and key == REVENUE:
                continue
            rows.append(
                [
                    label if index == 0 else "",
                    _label(report, key, words),
                    *_cells(key, comparison, words),
                ]
            )
    columns = _comparison_columns(
        words, [Column(words("month"), False), Column(words("stage"), False)]
    )
    return Table(words("gap_monthly"), columns, rows)


def _rates_table(report: GapReport, words: Words) -> Table:
    columns = [
        Column(words("gap_step"), False),
        Column(words("owner"), False),
        Column(words("gap_counted"), False),
        Column(words("gap_plan")),
        Column(words("gap_actual")),
        Column(words("gap_difference")),
    ]
    rows = []
    for rate in report.rates:
        here, there = report.windows[rate.from_id], report.windows[rate.to_id]
        window = words(
            "gap_window",
            first_from=here[0],
            last_from=here[1],
            first_to=there[0],
            last_to=there[1],
        )
        rows.append(
            [
                words(
                    "gap_step_name",
                    from_=report.stage(rate.from_id).label,
                    to=report.stage(rate.to_id).label,
                ),
                words.team(rate.owner),
                window,
                Rate(rate.plan),
                Rate(rate.actual) if rate.actual is not None else words("gap_missing_cell"),
                Rate(rate.change, True) if rate.change is not None else None,
            ]
        )
    return Table(words("gap_rates"), columns, rows)


def driver_name(report: GapReport, driver: Driver, words: Words) -> str:
    if driver.kind is DriverKind.volume:
        return words("driver_volume", stage=report.stage(driver.stage).label)
    if driver.kind is DriverKind.deal_size:
        return words("driver_deal_size")
    until = words("revenue") if driver.until == REVENUE else report.stage(driver.until).label
    return words("driver_rate", from_=report.stage(driver.stage).label, to=until)


def _factor(driver: Driver) -> type:
    if driver.kind is DriverKind.volume:
        return Count
    if driver.kind is DriverKind.deal_size or driver.until == REVENUE:
        return Money
    return Rate


def _drivers_table(report: GapReport, words: Words) -> Table:
    columns = [
        Column(words("gap_driver"), False),
        Column(words("owner"), False),
        Column(words("gap_plan")),
        Column(words("gap_actual")),
        Column(words("gap_impact")),
    ]
    rows = []
    for driver in report.drivers:
        kind = _factor(driver)
        rows.append(
            [
                driver_name(report, driver, words),
                words.team(driver.owner),
                kind(driver.plan),
                kind(driver.actual),
                Money(driver.shown, True),
            ]
        )
    rows.append([words("gap_revenue_gap"), "", None, None, Money(report.drivers_gap, True)])
    return Table(words("gap_drivers"), columns, rows, total_rows=1)


def _teams_table(report: GapReport, words: Words) -> Table:
    rows = [[words.team(team), Money(impact, True)] for team, impact in report.teams]
    return Table(
        words("gap_teams"), [Column(words("team"), False), Column(words("gap_impact"))], rows
    )


def _catch_up_table(report: GapReport, catch_up: CatchUp, words: Words) -> Table:
    months = [m.month for m in catch_up.months]
    columns = [Column(words("stage"), False)]
    columns += [Column(str(m)) for m in months]
    columns += [
        Column(words("gap_new_total")),
        Column(words("gap_original")),
        Column(words("gap_change")),
        Column(words("gap_change_pct")),
    ]
    rows = []
    for stage in report.stages:
        new = catch_up.total(stage.id)
        old = catch_up.original_total(stage.id)
        rows.append(
            [
                _label(report, stage.id, words),
                *(Count(m.counts[stage.id]) for m in catch_up.months),
                Count(new),
                Count(old),
                Count(catch_up.change(stage.id), True),
                Rate(relative, True)
                if (relative := catch_up.relative_change(stage.id)) is not None
                else None,
            ]
        )
    new_revenue, old_revenue = catch_up.total_revenue, catch_up.original_total_revenue
    rows.append(
        [
            words("revenue"),
            *(Money(m.revenue) for m in catch_up.months),
            Money(new_revenue),
            Money(old_revenue),
            Money(catch_up.revenue_change, True),
            Rate(relative, True)
            if (relative := catch_up.revenue_relative_change) is not None
            else None,
        ]
    )
    basis = words("gap_basis_actual" if catch_up.basis == "actual" else "gap_basis_plan")
    return Table(words("gap_catch_up", basis=basis), columns, rows, total_rows=1)


def headline(report: GapReport, words: Words, style: Style) -> list[str]:
    """Two or three sentences a reader can paste alone."""
    money = lambda amount, signed=False: format_money(amount, style, signed)  # noqa: E731
    sentences = []
    revenue = report.revenue_to_date
    span = words("gap_to_date_span", start=report.period_start, end=report.as_of)
    if revenue.actual is None:
        sentences.append(words("gap_headline_revenue_missing"))
    else:
        sentences.append(
            words(
                "gap_headline_revenue",
                span=span,
                actual=money(revenue.actual),
                plan=money(revenue.plan),
                attainment=format_rate(revenue.attainment),
                status=words(f"status_{revenue.status}"),
            )
        )
    if report.drivers and any(d.shown for d in report.drivers):
        top = report.drivers[0]
        gap = report.drivers_gap
        teams = words("list_separator").join(
            words("item_team_amount", team=words.team(t), amount=money(v, True))
            for t, v in report.teams
        )
        if report.drivers_offset:
            items = [
                words(
                    "item_driver_change",
                    driver=driver_name(report, d, words),
                    direction=words("driver_fell" if d.actual < d.plan else "driver_rose"),
                    change=format_rate(d.relative_size)
                    if d.relative_size is not None
                    else money(d.change, True),
                    impact=money(d.shown, True),
                )
                for d in report.drivers[:3]
                if d.shown
            ]
            sentences.append(
                words(
                    "gap_headline_offsetting",
                    items=words("list_separator").join(items),
                    gap=money(gap, True),
                    teams=teams,
                )
            )
    if report.drivers and any(d.shown for d in report.drivers) and not report.drivers_offset:
        top = report.drivers[0]
        gap = report.drivers_gap
        teams = words("list_separator").join(
            words("item_team_amount", team=words.team(t), amount=money(v, True))
            for t, v in report.teams
        )
        sentences.append(
            words(
                "gap_headline_driver",
                driver=driver_name(report, top, words),
                team=words.team(top.owner),
                impact=money(top.shown, True),
                gap=money(gap, True),
                teams=teams,
            )
        )
    catch_up = report.catch_up
    if catch_up.status == "planned":
        change = catch_up.revenue_change
        items = []
        seen_teams: set[str] = set()
        for stage in report.stages[:-1]:
            if stage.owner in seen_teams:
                continue
            seen_teams.add(stage.owner)
            new = catch_up.total(stage.id)
            items.append(
                words(
                    "item_stage_change",
                    stage=stage.label,
                    count=format_count_with_unit(new, style),
                    change=format_count_with_unit(catch_up.change(stage.id), style, True),
                )
            )
        sentences.append(
            words(
                "gap_headline_catch_up",
                kgi=money(report.kgi),
                n=len(catch_up.months),
                remaining=money(catch_up.remaining),
                change=money(change, True),
                items=words("list_separator").join(items),
            )
        )
        deal = report.stages[-1].label
        if catch_up.slips:
            sentences.append(
                words(
                    "gap_headline_slip",
                    items=words("list_separator").join(
                        words(
                            "item_slip",
                            count=format_count_with_unit(slip.count, style),
                            stage=deal,
                            amount=money(report.in_minor_unit(slip.revenue)),
                            from_=slip.from_month,
                            to=slip.to_month,
                        )
                        for slip in catch_up.slips
                    ),
                )
            )
        if catch_up.impossible:
            first = catch_up.impossible[0]
            sentences.append(
                words(
                    "gap_headline_impossible",
                    amount=money(report.in_minor_unit(catch_up.impossible_revenue)),
                    items=words("list_separator").join(
                        words(
                            "item_stage_month",
                            count=format_count_with_unit(i.count, style),
                            stage=report.stage(i.stage).label,
                            month=i.month,
                        )
                        for i in catch_up.impossible
                        if i is first or i.stage == first.stage
                    ),
                )
            )
    elif catch_up.status == "met" and revenue.actual is not None:
        sentences.append(
            words("gap_headline_met", kgi=money(report.kgi), actual=money(revenue.actual))
        )
    elif catch_up.status == "over":
        sentences.append(
            words("gap_headline_over", kgi=money(report.kgi), short=money(catch_up.remaining))
        )
    return sentences


def _notes(report: GapReport, words: Words, style: Style) -> list[str]:
    money = lambda amount: format_money(amount, style)  # noqa: E731
    labels = {s.id: s.label for s in report.stages}
    labels[REVENUE] = words("revenue")
    notes = []
    partial = None
    if report.data_through is not None:  # CRM exports cut before the end of a month
        partial = Month(report.data_through.year, report.data_through.month)
        key = "ex_partial_compared" if partial <= report.as_of else "ex_partial"
        notes.append(words(key, month=partial, day=report.data_through, as_of=report.as_of))
    before = [m.month for m in report.total.months if not m.in_period]
    if before:
        notes.append(
            words("gap_note_before", months=words("list_separator").join(map(str, before)))
        )
    if report.missing:
        notes.append(
            words(
                "gap_note_missing",
                items=words("list_separator").join(labels[k] for k in report.missing),
            )
        )
    if report.alignment == "cohort":
        lagged = next((s for s in report.stages if s.lag), None)
        if lagged is not None:
            following = report.stages[report.stages.index(lagged) + 1]
            here, there = report.windows[lagged.id], report.windows[following.id]
            example = words(
                "gap_cohort_example",
                stage=following.label,
                start=there[0],
                end=there[1],
                lagged=lagged.label,
                lagged_start=here[0],
                lagged_end=here[1],
            )
            notes.append(words("gap_note_cohort", example=example))
    else:
        span = words("gap_to_date_span", start=report.period_start, end=report.as_of)
        notes.append(words("gap_note_same_month", start=report.period_start, span=span))
    if report.drivers_note == "no_revenue":
        notes.append(words("gap_note_no_revenue_drivers"))
    elif report.drivers_note == "no_stages":
        notes.append(words("gap_note_no_stage_drivers"))
    for driver in report.drivers:
        if driver.spans and driver.kind is DriverKind.volume:
            notes.append(
                words(
                    "gap_note_volume_at",
                    stage=labels[driver.until if driver.until in labels else driver.stage],
                    stages=words("list_separator").join(labels[s] for s in driver.spans),
                )
            )
        elif driver.spans:
            notes.append(
                words(
                    "gap_note_merged",
                    driver=driver_name(report, driver, words),
                    stages=words("list_separator").join(labels[s] for s in driver.spans),
                )
            )
    if report.drivers:
        notes.append(words("gap_note_drivers_method"))
    catch_up = report.catch_up
    if catch_up.pipeline:
        items = words("list_separator").join(
            f"{labels[k]} {format_count(Fraction(v), style)}" for k, v in catch_up.pipeline.items()
        )
        notes.append(words("gap_note_pipeline", as_of=report.as_of, items=items))
    if catch_up.held_from_plan:
        items = words("list_separator").join(
            f"{labels[sid]} {month}" for sid, month in catch_up.held_from_plan
        )
        notes.append(words("gap_note_held_from_plan", items=items))
    for slip in catch_up.slips:
        notes.append(
            words(
                "gap_note_slip",
                count=format_count(slip.count, style),
                stage=labels[report.stages[-1].id],
                amount=money(report.in_minor_unit(slip.revenue)),
                from_=slip.from_month,
                to=slip.to_month,
            )
        )
    for item in catch_up.impossible:
        notes.append(
            words(
                "gap_note_impossible",
                count=format_count(item.count, style),
                stage=labels[item.stage],
                month=item.month,
                feeds=item.feeds,
                next=labels[report.stages[[s.id for s in report.stages].index(item.stage) + 1].id],
                amount=money(report.in_minor_unit(item.revenue)),
            )
        )
    if catch_up.fallback_rates:
        notes.append(
            words(
                "gap_note_fallback_rates",
                items=words("list_separator").join(labels[k] for k in catch_up.fallback_rates),
            )
        )
    if catch_up.status == "met" and report.revenue_to_date.actual is not None:
        notes.append(words("gap_note_met", actual=money(report.revenue_to_date.actual)))
    elif catch_up.status == "over":
        notes.append(words("gap_note_over", short=money(catch_up.remaining)))
    elif catch_up.status == "unavailable":
        notes.append(words("gap_note_unavailable"))
    return notes
