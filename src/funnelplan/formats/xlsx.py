"""The workbook (`--format xlsx`, `-o plan.xlsx`): bytes, not text.

`target_workbook` writes a live plan: an Inputs sheet (KGI, months and weights, rates, lags, deal
sizes, segment shares, what is held), one funnel sheet per funnel (the whole plan, or each segment)
whose counts are formulas over the inputs, and the Commitments sheet (one row per month, the month
first, then each stage's count, then the revenue; the totals summing the segments). The counts
follow the core's rule (core/target.py, core/rounding.py rule 4) written as a formula:

    count = CEILING(ROUND(MAX(0, running requirement − held), 9), 1) − the stage's months before

(ROUND(…, 9) takes off the binary dust a spreadsheet's floating point leaves: 3/0.1 is
30.000000000000004 there, and its ceiling would be 31.)

Every formula is built as a `Term`: its text and its exact value together, so the cached value
written beside each formula is the formula's own exact result; the workbook is then checked
against the core's counts, cell by cell, before it is written (nothing here computes a count that
the core did not: a difference is a bug, and raises).

`document_workbook` writes any other report (gap, actuals) as values: a Summary sheet (title,
facts, headline, notes) and one sheet per table of its Document, with number formats.
"""

from __future__ import annotations

import datetime
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from funnelplan.core.rounding import ceil_fraction, round_half_up
from funnelplan.views.display import CURRENCY_SIGNS, lag_shares_text

if TYPE_CHECKING:
    from funnelplan.core.target_report import FunnelPlan, StageInfo, TargetReport
    from funnelplan.i18n.words import Words
    from funnelplan.model.months import Month
    from funnelplan.model.plan import Plan
    from funnelplan.views.display import Style
    from funnelplan.views.document import Document

DUST_PLACES = 9  # ROUND(x, 9) before CEILING: floating-point dust off (checked against the core)
CREATED = datetime.datetime(2000, 1, 1)  # fixed, so one plan always gives the same bytes
MAX_WIDTH = 60
HEADER_ROW = 3  # funnel and commitments sheets: title, note, owners, then the header
FIRST_ROW = HEADER_ROW + 1


# ---------------------------------------------------------------------------------------------
# Formulas with their exact values


@dataclass(frozen=True)
class Term:
    """A formula's text (without `=`) and its exact value; `kind` says what brackets it needs."""

    text: str
    value: Fraction
    kind: str = "atom"  # atom | product | sum


def _bracket(term: Term, kinds: tuple[str, ...]) -> str:
    return f"({term.text})" if term.kind in kinds else term.text


def literal(value: int | Fraction) -> Term:
    value = Fraction(value)
    assert value.denominator == 1, "literals in formulas are whole numbers"
    return Term(str(value.numerator), value)


def _share(value: Fraction) -> Term:
    """A lag distribution's share as an exact fraction in the formula: 7/20 for 35%."""
    if value.denominator == 1:
        return literal(value)
    return Term(f"{value.numerator}/{value.denominator}", value, "product")


def plus(*terms: Term) -> Term:
    return Term("+".join(t.text for t in terms), sum((t.value for t in terms), Fraction(0)), "sum")


def minus(left: Term, right: Term) -> Term:
    return Term(f"{left.text}-{_bracket(right, ('sum',))}", left.value - right.value, "sum")


def times(left: Term, right: Term) -> Term:
    return Term(
        f"{_bracket(left, ('sum',))}*{_bracket(right, ('sum',))}",
        left.value * right.value,
        "product",
    )


def over(left: Term, right: Term) -> Term:
    value = left.value / right.value if right.value else Fraction(0)
    return Term(
        f"{_bracket(left, ('sum',))}/{_bracket(right, ('sum', 'product'))}", value, "product"
    )


def total(span: str, cells: Sequence[Term]) -> Term:
    return Term(f"SUM({span})", sum((c.value for c in cells), Fraction(0)))


def at_least_zero(term: Term) -> Term:
    return Term(f"MAX(0,{term.text})", max(Fraction(0), term.value))


def rounded(term: Term, places: int) -> Term:
    """ROUND(x, places): half away from zero, which for the amounts here (never below 0) is the
    core's half up (rule 2)."""
    assert term.value >= 0
    return Term(f"ROUND({term.text},{places})", round_half_up(term.value, places))


def ceiling(term: Term) -> Term:
    return Term(f"CEILING({term.text},1)", Fraction(ceil_fraction(term.value)))


# ---------------------------------------------------------------------------------------------
# Sheets as cells, then XlsxWriter


@dataclass
class Cell:
    value: Fraction | str | None
    style: str = "text"
    formula: str | None = None


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    freeze: tuple[int, int] | None = None
    wide_rows: set[int] = field(default_factory=set)  # titles and notes: not measured for width

    def put(
        self, row: int, col: int, value: Fraction | int | str | None, style: str = "text"
    ) -> None:
        if isinstance(value, int):
            value = Fraction(value)
        self.cells[(row, col)] = Cell(value, style)

    def put_formula(self, row: int, col: int, term: Term, style: str) -> None:
        self.cells[(row, col)] = Cell(term.value, style, "=" + term.text)

    def ref(
        self, row: int, col: int, here: Sheet, *, fixed_row: bool = False, fixed_col: bool = False
    ) -> Term:
        """A reference to this sheet's cell from `here`, with the cell's value."""
        from xlsxwriter.utility import xl_rowcol_to_cell

        cell = self.cells.get((row, col))
        value = cell.value if cell is not None and isinstance(cell.value, Fraction) else Fraction(0)
        address = xl_rowcol_to_cell(row, col, fixed_row, fixed_col)
        return Term(address if here is self else f"{quoted(self.name)}!{address}", value)

    def span(
        self, col: int, first: int, last: int, here: Sheet, *, fixed: bool = False
    ) -> tuple[str, list[Term]]:
        """`E$5:E9` (the first row fixed, as a running sum reads; `fixed`: `$E$5:$E$9`) and the
        cells' values."""
        from xlsxwriter.utility import xl_rowcol_to_cell

        start = xl_rowcol_to_cell(first, col, True, fixed)
        text = f"{start}:{xl_rowcol_to_cell(last, col, fixed, fixed)}"
        if here is not self:
            text = f"{quoted(self.name)}!{text}"
        return text, [self.ref(row, col, self) for row in range(first, last + 1)]


@dataclass(frozen=True)
class Place:
    """An input's cell, read from any sheet as a fixed reference (`'Inputs'!$D$15`)."""

    sheet: Sheet
    row: int
    col: int

    def term(self, here: Sheet, *, fixed_row: bool = True) -> Term:
        return self.sheet.ref(self.row, self.col, here, fixed_row=fixed_row, fixed_col=True)


def quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def display_width(text: str) -> int:
    """Columns a text takes: East Asian wide and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters, cut at a word."""
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in wanted).strip("' ") or "Sheet"
    if len(name) > 31:
        cut = name[:31]
        name = cut.rsplit(" ", 1)[0].rstrip(" (–-_,") if " " in cut else cut
    candidate, n = name, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


@dataclass(frozen=True)
class Formats:
    """Number formats: the plan's currency (`"¥"#,##0`), counts, rates (`0.0%`)."""

    currency: str
    minor_unit: int
    count_places: int

    def money(self, signed: bool = False) -> str:
        sign = CURRENCY_SIGNS.get(self.currency)
        digits = "#,##0" + ("." + "0" * self.minor_unit if self.minor_unit else "")
        body = f'"{sign}"{digits}' if sign else f'{digits} "{self.currency}"'
        return f"+{body};-{body};{body}" if signed else body

    def count(self, signed: bool = False) -> str:
        body = "#,##0" + ("." + "0" * self.count_places if self.count_places else "")
        return f"+{body};-{body};{body}" if signed else body


def _styles(formats: Formats) -> dict[str, dict[str, object]]:
    inputs = {"bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF"}
    grey = {"font_color": "#808080"}
    return {
        "text": {},
        "title": {"bold": True, "font_size": 13},
        "note": {"italic": True, "font_color": "#595959"},
        "header": {"bold": True, "bottom": 1},
        "header_number": {"bold": True, "bottom": 1, "align": "right"},
        "owner": {"font_color": "#595959", "align": "right"},
        "label": {"bold": True},
        "money": {"num_format": formats.money()},
        "money_signed": {"num_format": formats.money(signed=True)},
        "money_input": {"num_format": formats.money(), **inputs},
        "money_total": {"num_format": formats.money(), "bold": True, "top": 1},
        "money_grey": {"num_format": formats.money(), **grey},
        "count": {"num_format": formats.count()},
        "count_signed": {"num_format": formats.count(signed=True)},
        "count_total": {"num_format": formats.count(), "bold": True, "top": 1},
        "count_grey": {"num_format": formats.count(), **grey},
        "count_input": {"num_format": "#,##0", **inputs},
        "needed": {"num_format": "#,##0.00", "font_color": "#595959"},
        "rate": {"num_format": "0.0%"},
        "rate_signed": {"num_format": "+0.0%;-0.0%;0.0%"},
        "rate_input": {"num_format": "0.0%", **inputs},
        "weight_input": {"num_format": "General", **inputs},
        "whole": {"num_format": "0"},
        "text_grey": grey,
        "text_total": {"bold": True, "top": 1},
    }


def _shown(cell: Cell, formats: Formats) -> str:
    """Roughly what a cell shows, to size its column."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if cell.style.startswith("rate"):
        return f"{float(value) * 100:.1f}%+"
    places = formats.minor_unit if cell.style.startswith("money") else formats.count_places
    if cell.style == "needed":
        places = 2
    text = f"{float(value):,.{places}f}"
    return ("¥" + text + "+") if cell.style.startswith("money") else text


def write_workbook(sheets: list[Sheet], formats: Formats, title: str, active: int = 0) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"title": title, "created": CREATED})
    styles = {name: book.add_format(spec) for name, spec in _styles(formats).items()}
    for sheet in sheets:
        page = book.add_worksheet(sheet.name)
        widths: dict[int, int] = {}
        for (row, col), cell in sorted(sheet.cells.items()):
            style = styles[cell.style]
            if cell.formula is not None:
                assert isinstance(cell.value, Fraction)
                page.write_formula(row, col, cell.formula, style, _number(cell.value))
            elif isinstance(cell.value, Fraction):
                page.write_number(row, col, _number(cell.value), style)
            elif cell.value is None:
                page.write_blank(row, col, None, style)
            else:
                page.write_string(row, col, cell.value, style)
            if row not in sheet.wide_rows:
                widths[col] = max(widths.get(col, 0), display_width(_shown(cell, formats)))
        for col, width in widths.items():
            page.set_column(col, col, min(MAX_WIDTH, max(8, width + 2)))
        if sheet.freeze is not None:
            page.freeze_panes(*sheet.freeze)
    book.worksheets()[active].activate()
    book.close()
    return buffer.getvalue()


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


# ---------------------------------------------------------------------------------------------
# The target workbook


@dataclass(frozen=True)
class FunnelInputs:
    """Where one funnel's inputs are: its share of the demand (None: the whole), deal size, the
    rate of each stage that has one, and what each stage holds at the start; and the core's
    counts for it, which its formulas must give."""

    name: str
    title: str
    share: Place | None
    deal_size: Place
    rates: dict[str, Place]
    held: dict[str, Place]
    expected: FunnelPlan


MONTHS_TOP = 10  # the Inputs sheet's months table starts here


def target_workbook(
    report: TargetReport, words: Words, plan: Plan | None = None, focus: str | None = None
) -> bytes:
    """The live workbook of a target report (`plan` gives the KGI's weights; `focus`: the
    segment that `target --segment` narrowed the report to)."""
    formats = Formats(report.currency, report.minor_unit, 0 if report.rounding == "up" else 2)
    taken: set[str] = set()
    commitments = Sheet(sheet_name(words("xlsx_sheet_commitments"), taken))
    inputs = Sheet(sheet_name(words("xlsx_sheet_inputs"), taken))
    revenue = _months_inputs(inputs, report, words, plan, focus)
    whole = plan if focus is not None else None  # a focused report: the plan's whole amounts
    after = _after_revenue(inputs, report, revenue, whole)
    funnels = _funnel_inputs(inputs, report, words, plan, focus, taken)
    sheets = [commitments, inputs]
    funnel_sheets = []
    for funnel in funnels:
        sheet = Sheet(funnel.name)
        _funnel_sheet(sheet, funnel, report, words, revenue, after)
        funnel_sheets.append(sheet)
        sheets.append(sheet)
    _commitments_sheet(commitments, report, words, funnel_sheets, revenue)
    return write_workbook(sheets, formats, report.plan)


def _facts(inputs: Sheet, report: TargetReport, words: Words) -> None:
    inputs.put(0, 0, report.plan, "title")
    inputs.put(1, 0, words("xlsx_inputs_note"), "note")
    inputs.wide_rows.update({0, 1})
    between = " – " if words.language == "en" else "〜"
    facts = [
        ("xlsx_currency", report.currency),
        ("period", f"{report.period_start}{between}{report.period_end}"),
        ("xlsx_kgi_total", None),
        ("rounding", words("rounding_up" if report.rounding == "up" else "rounding_none")),
        ("xlsx_after_period", words(f"xlsx_after_{report.after_period.mode}")),
        ("xlsx_after_revenue", None),
    ]
    for offset, (key, value) in enumerate(facts):
        inputs.put(3 + offset, 0, words(key), "label")
        if value is not None:
            inputs.put(3 + offset, 1, value)


KGI_ROW, AFTER_ROW = 5, 8


def _to_unit(amount: Term, minor_unit: int) -> Term:
    """ROUND to the currency's unit (in minor units first, so a half cent is a whole half)."""
    if minor_unit == 0:
        return rounded(amount, 0)
    scale = literal(10**minor_unit)
    return over(rounded(times(amount, scale), 0), scale)


def _months_inputs(
    inputs: Sheet, report: TargetReport, words: Words, plan: Plan | None, focus: str | None
) -> dict[Month, Place]:
    """The plan's facts and the months table: each period month's revenue target, from the KGI
    and the weights (rule 2, cumulative: a month = ROUND(KGI × weights so far ÷ all weights) −
    the months before), or as given."""
    _facts(inputs, report, words)
    top = MONTHS_TOP
    for col, key in enumerate(("month", "xlsx_weight", "xlsx_revenue_target")):
        inputs.put(top, col, words(key), "header_number" if col else "header")
    period = [row.month for row in report.months if row.in_period]
    first, last = top + 1, top + len(period)
    whole_plan = focus is not None and plan is not None  # a focused report: the plan's months
    revenue: dict[Month, Place] = {}
    for offset, month in enumerate(period):
        inputs.put(first + offset, 0, str(month))
        revenue[month] = Place(inputs, first + offset, 2)
    if plan is not None and plan.kgi.revenue is not None:
        inputs.put(KGI_ROW, 1, Fraction(plan.kgi.revenue), "money_input")
        kgi = Place(inputs, KGI_ROW, 1).term(inputs)
        for offset, month in enumerate(period):
            inputs.put(first + offset, 1, Fraction(plan.kgi.weights.get(month, 1)), "weight_input")
        every = total(*inputs.span(1, first, last, inputs, fixed=True))
        for offset in range(len(period)):
            row = first + offset
            so_far = total(*inputs.span(1, first, row, inputs))
            running = _to_unit(over(times(kgi, so_far), every), report.minor_unit)
            if offset:
                running = minus(running, total(*inputs.span(2, first, row - 1, inputs)))
            inputs.put_formula(row, 2, running, "money")
    else:
        given = {row.month: row.revenue for row in report.months}
        if whole_plan and plan is not None and plan.kgi.monthly is not None:
            given = {month: Fraction(amount) for month, amount in plan.kgi.monthly.items()}
        for offset, month in enumerate(period):
            inputs.put(first + offset, 2, given.get(month, Fraction(0)), "money_input")
        inputs.put_formula(KGI_ROW, 1, total(*inputs.span(2, first, last, inputs)), "money")
    if not whole_plan:  # the core's months, to the unit
        for row in report.months:
            if row.in_period:
                place = revenue[row.month]
                assert inputs.cells[(place.row, place.col)].value == row.revenue, row.month
    return revenue


def _after_revenue(
    inputs: Sheet, report: TargetReport, revenue: dict[Month, Place], whole: Plan | None
) -> Place:
    """The revenue assumed each month after the period: the period's average (rounded half up
    to the unit, rule 2), nothing (`stop`), or the plan's amount (`whole`: the plan's, not the
    focused segment's share of it, which the funnel takes itself)."""
    mode = report.after_period.mode
    if mode == "average":
        places = list(revenue.values())
        span = inputs.span(2, places[0].row, places[-1].row, inputs, fixed=True)
        average = over(total(*span), literal(len(places)))
        inputs.put_formula(AFTER_ROW, 1, _to_unit(average, report.minor_unit), "money")
    else:
        amount = report.after_period.monthly_revenue if mode == "amount" else Fraction(0)
        if mode == "amount" and whole is not None and not isinstance(whole.after_period, str):
            amount = Fraction(whole.after_period)
        inputs.put(AFTER_ROW, 1, amount, "money_input")
    return Place(inputs, AFTER_ROW, 1)


def _funnel_inputs(
    inputs: Sheet,
    report: TargetReport,
    words: Words,
    plan: Plan | None,
    focus: str | None,
    taken: set[str],
) -> list[FunnelInputs]:
    """The stages table, the deal size, and the segments table when the plan has segments: the
    cells each funnel's formulas read."""
    from funnelplan.core.target_report import FunnelPlan

    top = MONTHS_TOP + sum(1 for row in report.months if row.in_period) + 2
    headers = ("xlsx_stage_id", "xlsx_label", "owner", "rate_to_next", "lag_months", "xlsx_held")
    for col, key in enumerate(headers):
        inputs.put(top, col, words(key), "header_number" if col >= 3 else "header")
    rates: dict[str, Place] = {}
    held: dict[str, Place] = {}
    for offset, stage in enumerate(report.stages):
        row = top + 1 + offset
        inputs.put(row, 0, stage.id)
        inputs.put(row, 1, stage.label)
        inputs.put(row, 2, words.team(stage.owner))
        if stage.rate is not None:
            inputs.put(row, 3, stage.rate, "rate_input")
            rates[stage.id] = Place(inputs, row, 3)
        else:
            inputs.put(row, 3, "—")
        if stage.spread:  # a distribution: each month's share, as the target table writes it
            inputs.put(row, 4, lag_shares_text(stage.spread, words))
        else:
            inputs.put(row, 4, stage.lag, "whole")
        if not report.segments:
            inputs.put(row, 5, report.pipeline.get(stage.id, 0), "count_input")
            held[stage.id] = Place(inputs, row, 5)
    deal_row = top + len(report.stages) + 2
    inputs.put(deal_row, 0, words("deal_size"), "label")
    plan_deal: Place | None = None
    if report.deal_size is not None:
        inputs.put(deal_row, 1, report.deal_size, "money_input")
        plan_deal = Place(inputs, deal_row, 1)

    if not report.segments:
        assert plan_deal is not None
        share, label = None, report.plan
        if focus is not None and plan is not None:
            focused = next(s for s in plan.segments if s.id == focus)
            inputs.put(deal_row + 1, 0, words("xlsx_share"), "label")
            inputs.put(deal_row + 1, 1, Fraction(focused.share), "rate_input")
            share, label = Place(inputs, deal_row + 1, 1), focused.name
        expected = FunnelPlan(
            "all",
            label,
            Fraction(1),
            report.deal_size or Fraction(0),
            {},
            report.months,
            report.total,
            dict(report.pipeline),
        )
        name = sheet_name(words("xlsx_sheet_funnel"), taken)
        title = words("xlsx_funnel_title", label=label)
        return [FunnelInputs(name, title, share, plan_deal, rates, held, expected)]

    top = deal_row + 2
    rated = [s for s in report.stages if s.rate is not None]
    headers_text = [
        words("xlsx_segment"),
        words("xlsx_label"),
        words("xlsx_share"),
        words("deal_size"),
        *(words("xlsx_stage_rate", stage=s.label) for s in rated),
        *(words("xlsx_stage_held", stage=s.label) for s in report.stages),
    ]
    for col, header in enumerate(headers_text):
        inputs.put(top, col, header, "header_number" if col >= 2 else "header")
    own_deal = {s.id: s.deal_size is not None for s in plan.segments} if plan is not None else {}
    funnels = []
    for offset, segment in enumerate(report.segments):
        row = top + 1 + offset
        inputs.put(row, 0, segment.id)
        inputs.put(row, 1, segment.label)
        inputs.put(row, 2, segment.share, "rate_input")
        follows_plan = plan_deal is not None and (
            not own_deal.get(segment.id, True)
            or (plan is None and report.deal_size == segment.deal_size)
        )
        if follows_plan and plan_deal is not None:
            inputs.put_formula(row, 3, plan_deal.term(inputs), "money")
        else:
            inputs.put(row, 3, segment.deal_size, "money_input")
        segment_rates: dict[str, Place] = {}
        for col, stage in enumerate(rated, start=4):
            if segment.rates[stage.id] == stage.rate:  # the plan's rate: follows it
                inputs.put_formula(row, col, rates[stage.id].term(inputs), "rate")
            else:
                inputs.put(row, col, segment.rates[stage.id], "rate_input")
            segment_rates[stage.id] = Place(inputs, row, col)
        segment_held: dict[str, Place] = {}
        for col, stage in enumerate(report.stages, start=4 + len(rated)):
            inputs.put(row, col, segment.pipeline.get(stage.id, 0), "count_input")
            segment_held[stage.id] = Place(inputs, row, col)
        share_text = f"{float(segment.share) * 100:.1f}%".replace(".0%", "%")
        funnels.append(
            FunnelInputs(
                sheet_name(segment.label, taken),
                words("xlsx_funnel_title_share", label=segment.label, share=share_text),
                Place(inputs, row, 2),
                Place(inputs, row, 3),
                segment_rates,
                segment_held,
                segment,
            )
        )
    return funnels


def _funnel_sheet(
    sheet: Sheet,
    funnel: FunnelInputs,
    report: TargetReport,
    words: Words,
    revenue: dict[Month, Place],
    after: Place,
) -> None:
    """One funnel's months, from the first month anything starts to the last month deals close
    after the period: its revenue needed, and per stage its running requirement and its count."""
    up = report.rounding == "up"
    sheet.put(0, 0, funnel.title, "title")
    sheet.put(1, 0, words("xlsx_funnel_note" if up else "xlsx_funnel_note_none"), "note")
    sheet.wide_rows.update({0, 1})
    stages = report.stages
    total_lag = sum(stage.lag for stage in stages)
    first_month = report.period_start + -total_lag
    span = (report.period_end - first_month) + 1 + total_lag
    months = [first_month + offset for offset in range(span)]
    last = FIRST_ROW + len(months) - 1
    for col, key in enumerate(("month", "xlsx_when", "xlsx_revenue_needed")):
        sheet.put(HEADER_ROW, col, words(key), "header_number" if col == 2 else "header")
    for position, stage in enumerate(stages):
        sheet.put(2, 3 + 2 * position, words.team(stage.owner), "owner")
        needed_header = words("xlsx_needed_running", stage=stage.label)
        sheet.put(HEADER_ROW, 3 + 2 * position, needed_header, "header_number")
        sheet.put(HEADER_ROW, 4 + 2 * position, stage.label, "header_number")
    greys = []
    for offset, month in enumerate(months):
        row = FIRST_ROW + offset
        grey = "" if report.period_start <= month <= report.period_end else "_grey"
        greys.append(grey)
        when = "xlsx_in_period" if not grey else "xlsx_before"
        if month > report.period_end:
            when = "xlsx_after"
        sheet.put(row, 0, str(month), "text" + grey)
        sheet.put(row, 1, words(when), "text" + grey)
        if month in revenue:
            needed = revenue[month].term(sheet, fixed_row=False)
        elif month > report.period_end:
            needed = after.term(sheet)
        else:
            needed = literal(0)
        if funnel.share is not None:
            needed = times(needed, funnel.share.term(sheet))
        sheet.put_formula(row, 2, needed, "money" + grey)

    for position in range(len(stages) - 1, -1, -1):  # the deal first: the stages above read it
        stage = stages[position]
        need_col, count_col = 3 + 2 * position, 4 + 2 * position
        held = funnel.held[stage.id].term(sheet) if stage.id in funnel.held else literal(0)
        for offset in range(len(months)):
            row = FIRST_ROW + offset
            if position == len(stages) - 1:
                needed = total(*sheet.span(2, FIRST_ROW, row, sheet))
                requirement = over(needed, funnel.deal_size.term(sheet))
            elif stage.spread:  # each lag's share of the next stage's running count
                if row + min(lag for lag, _ in stage.spread) > last:
                    continue
                parts = [
                    times(
                        _share(share),
                        total(*sheet.span(count_col + 2, FIRST_ROW, min(row + lag, last), sheet)),
                    )
                    for lag, share in stage.spread
                ]
                requirement = over(plus(*parts), funnel.rates[stage.id].term(sheet))
            else:
                reach = row + stage.lag
                if reach > last:  # feeds months after the last that deals close: nothing
                    continue
                following = total(*sheet.span(count_col + 2, FIRST_ROW, reach, sheet))
                requirement = over(following, funnel.rates[stage.id].term(sheet))
            sheet.put_formula(row, need_col, requirement, "needed")
            left = at_least_zero(minus(sheet.ref(row, need_col, sheet), held))
            running = ceiling(rounded(left, DUST_PLACES)) if up else left
            if row > FIRST_ROW:
                running = minus(running, total(*sheet.span(count_col, FIRST_ROW, row - 1, sheet)))
            sheet.put_formula(row, count_col, running, "count" + greys[offset])
    sheet.freeze = (FIRST_ROW, 1)
    _check_funnel(sheet, funnel, months, stages)


def _check_funnel(
    sheet: Sheet, funnel: FunnelInputs, months: list[Month], stages: list[StageInfo]
) -> None:
    """Every count the funnel's formulas give is the core's count for that funnel and month."""
    shown = {row.month: row for row in funnel.expected.months}
    for offset, month in enumerate(months):
        if month not in shown:
            continue
        for position, stage in enumerate(stages):
            cell = sheet.cells[(FIRST_ROW + offset, 4 + 2 * position)]
            expected = shown[month].counts[stage.id]
            if cell.value != expected:
                raise AssertionError(
                    f"workbook {sheet.name} {month} {stage.id}: the formula gives {cell.value}, "
                    f"the core {expected}"
                )


def _commitments_sheet(
    sheet: Sheet,
    report: TargetReport,
    words: Words,
    funnels: list[Sheet],
    revenue: dict[Month, Place],
) -> None:
    """One row per month (the month first, then each stage's count, then the revenue) and the
    totals: each count is the funnels' cells added (one funnel: that cell)."""
    sheet.put(0, 0, report.plan, "title")
    sheet.put(1, 0, words("xlsx_commitments_note"), "note")
    sheet.wide_rows.update({0, 1})
    sheet.put(HEADER_ROW, 0, words("month"), "header")
    for position, stage in enumerate(report.stages):
        sheet.put(2, 1 + position, words.team(stage.owner), "owner")
        sheet.put(HEADER_ROW, 1 + position, stage.label, "header_number")
    revenue_col = 1 + len(report.stages)
    sheet.put(HEADER_ROW, revenue_col, words("revenue"), "header_number")
    for offset, month_row in enumerate(report.months):
        row = FIRST_ROW + offset
        grey = "" if month_row.in_period else "_grey"
        sheet.put(row, 0, str(month_row.month), "text" + grey)
        for position, stage in enumerate(report.stages):
            parts = [funnel.ref(row, 4 + 2 * position, sheet) for funnel in funnels]
            count = parts[0] if len(parts) == 1 else plus(*parts)
            if count.value != month_row.counts[stage.id]:
                raise AssertionError(f"workbook commitments {month_row.month} {stage.id}")
            sheet.put_formula(row, 1 + position, count, "count" + grey)
        if month_row.month in revenue:
            place = revenue[month_row.month]
            sheet.put_formula(row, revenue_col, place.term(sheet, fixed_row=False), "money")
        else:
            sheet.put(row, revenue_col, 0, "money_grey")
    last = FIRST_ROW + len(report.months) - 1
    sheet.put(last + 1, 0, words("total"), "text_total")
    for col in range(1, revenue_col + 1):
        summed = total(*sheet.span(col, FIRST_ROW, last, sheet))
        if col < revenue_col and summed.value != report.total.counts[report.stages[col - 1].id]:
            raise AssertionError(f"workbook commitments total {report.stages[col - 1].id}")
        style = "count_total" if col < revenue_col else "money_total"
        sheet.put_formula(last + 1, col, summed, style)
    sheet.freeze = (FIRST_ROW, 1)


# ---------------------------------------------------------------------------------------------
# Any other report: its Document, as values


def _short_title(title: str) -> str:
    """A table's title as a sheet's name: the words before a colon (`Catch-up: what …`)."""
    for colon in ("：", ": "):
        if colon in title:
            return title.split(colon, 1)[0]
    return title


def document_workbook(document: Document, style: Style, words: Words) -> bytes:
    """A Summary sheet (title, facts, headline, notes) and one sheet per table, with formats."""
    from funnelplan.views.display import format_status
    from funnelplan.views.document import Count, Money, Notes, Rate, Status, Table

    formats = Formats(style.currency, style.minor_unit, style.count_places)
    taken: set[str] = set()
    summary = Sheet(sheet_name(words("xlsx_sheet_summary"), taken))
    summary.put(0, 0, document.title, "title")
    summary.wide_rows.add(0)
    row = 2
    summary.put(row, 0, words("xlsx_fact"), "header")
    summary.put(row, 1, words("xlsx_value"), "header")
    for label, value in document.facts:
        row += 1
        summary.put(row, 0, label, "label")
        summary.put(row, 1, value)
    for sentence in document.headline:
        row += 1
        summary.put(row, 0, sentence)
        summary.wide_rows.add(row)
    sheets = [summary]
    for block in document.blocks:
        if isinstance(block, Notes):
            row += 2
            summary.put(row, 0, block.title, "label")
            for number, item in enumerate(block.items, start=1):
                row += 1
                summary.put(row, 0, f"{number}. {item}" if block.numbered else f"・{item}")
                summary.wide_rows.add(row)
            continue
        if not isinstance(block, Table):
            continue  # charts: the tables hold their numbers
        sheet = Sheet(sheet_name(_short_title(block.title), taken))
        sheet.put(0, 0, block.title, "title")
        sheet.wide_rows.add(0)
        for col, column in enumerate(block.columns):
            sheet.put(2, col, column.header, "header_number" if column.numeric else "header")
        first_total = len(block.rows) - block.total_rows
        for offset, cells in enumerate(block.rows):
            at = 3 + offset
            bold = offset >= first_total
            for col, cell in enumerate(cells):
                if isinstance(cell, Money):
                    name = "money_total" if bold else "money_signed" if cell.signed else "money"
                    sheet.put(at, col, cell.amount, name)
                elif isinstance(cell, Count):
                    name = "count_total" if bold else "count_signed" if cell.signed else "count"
                    sheet.put(at, col, cell.value, name)
                elif isinstance(cell, Rate):
                    if cell.value is None:
                        sheet.put(at, col, "—")
                    else:
                        sheet.put(at, col, cell.value, "rate_signed" if cell.signed else "rate")
                elif cell is None:
                    continue
                elif isinstance(cell, Status):  # its mark and words: ▲ at risk
                    sheet.put(at, col, format_status(cell), "text_total" if bold else "text")
                else:
                    sheet.put(at, col, cell, "text_total" if bold else "text")
        if block.caption:
            sheet.put(4 + len(block.rows), 0, block.caption, "note")
            sheet.wide_rows.add(4 + len(block.rows))
        sheet.freeze = (3, 1)
        sheets.append(sheet)
    return write_workbook(sheets, formats, document.title)
