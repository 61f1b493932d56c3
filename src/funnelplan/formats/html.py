"""One self-contained HTML file: tables as HTML, charts as inline SVG, printable on A4.

No scripts, no web fonts, no links to fetch: it opens offline and reads the same when mailed.
Written with the standard library's html.escape rather than a template engine: the page is a
handful of fixed elements, and every user text passes through one escaping function.
"""

from __future__ import annotations

from html import escape as _escape

from funnelplan.formats.bars import magnitude, scale
from funnelplan.views.display import Style, format_cell, printable
from funnelplan.views.document import Chart, Document, Notes, Status, Table

CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", Meiryo, system-ui, sans-serif;
  color: #1f2933; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.1rem; margin-top: 1.75rem; border-bottom: 1px solid #d0d7de; }
.headline { font-size: 1.05rem; background: #f6f8fa; padding: .25rem .75rem; border-left: 4px solid #3b6fd8; }
.headline p { margin: .35rem 0; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }
dl.facts dt { color: #52606d; } dl.facts dd { margin: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid #e4e7eb; white-space: nowrap; }
th { background: #f6f8fa; text-align: left; }
td.num, th.num { text-align: right; }
tr.total td { font-weight: bold; border-top: 2px solid #9aa5b1; }
td.on_track { color: #1a7f37; } td.at_risk { color: #9a6700; } td.behind { color: #cf222e; }
svg text { font-size: 12px; fill: #1f2933; }
@media print { body { margin: 0; max-width: none; padding: 0; } h2 { break-after: avoid; }
  table, svg { break-inside: avoid; } .scroll { overflow: visible; }
  table { font-size: 8pt; } th, td { padding: .1rem .3rem; } }
"""

BAR, REFERENCE, NEGATIVE = "#3b6fd8", "#c3cfe2", "#d64545"
STATUS_LEVELS = ("on_track", "at_risk", "behind")  # coloured by CSS: td.on_track, ...


def escape(text: str) -> str:
    return _escape(printable(text), quote=True)


def render_html(document: Document, style: Style, language: str = "en") -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(document.title)}</h1>",
    ]
    if document.headline:
        sentences = "".join(f"<p>{escape(sentence)}</p>" for sentence in document.headline)
        parts.append(f'<div class="headline">{sentences}</div>')
    parts.append('<dl class="facts">')
    for label, value in document.facts:
        parts.append(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>")
    parts.append("</dl>")
    for block in document.blocks:
        if isinstance(block, Table):
            parts.append(_table(block, style))
        elif isinstance(block, Chart):
            parts.append(_chart(block, style))
        else:
            parts.append(_notes(block))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _table(table: Table, style: Style) -> str:
    head = "".join(
        f'<th class="{"num" if c.numeric else "text"}" scope="col">{escape(c.header)}</th>'
        for c in table.columns
    )
    rows = []
    first_total = len(table.rows) - table.total_rows
    for index, row in enumerate(table.rows):
        cells = "".join(
            f'<td class="{_cell_class(column.numeric, cell)}">{escape(format_cell(cell, style))}</td>'
            for column, cell in zip(table.columns, row, strict=True)
        )
        css_class = ' class="total"' if index >= first_total else ""
        rows.append(f"<tr{css_class}>{cells}</tr>")
    caption = f"<p>{escape(table.caption)}</p>" if table.caption else ""
    return (
        f'<section><h2>{escape(table.title)}</h2>{caption}<div class="scroll"><table>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _cell_class(numeric: bool, cell: object) -> str:
    """`num` or `text`; a status also names its level (its colour; the mark is in the text)."""
    if isinstance(cell, Status) and cell.level in STATUS_LEVELS:
        return f"text status {cell.level}"
    return "num" if numeric else "text"


def _notes(notes: Notes) -> str:
    tag = "ol" if notes.numbered else "ul"
    items = "".join(f"<li>{escape(item)}</li>" for item in notes.items)
    return f"<section><h2>{escape(notes.title)}</h2><{tag}>{items}</{tag}></section>"


def _chart(chart: Chart, style: Style) -> str:
    """Horizontal bars in SVG; the numbers are printed beside them, so no axis is needed."""
    label_width, value_width, row, bar_room = 150, 130, 26, 420
    paired = chart.kind == "paired"
    height = row * len(chart.bars) * (2 if paired else 1) + 30
    width = label_width + bar_room + value_width + 120
    largest = scale(chart.bars)
    shapes: list[str] = []
    y = 10
    zero = label_width + (bar_room // 2 if chart.kind == "signed" else 0)
    for bar in chart.bars:
        value = magnitude(bar.value)
        room = bar_room // 2 if chart.kind == "signed" else bar_room
        length = float(abs(value) / largest) * room
        x = zero - length if value < 0 else zero
        colour = NEGATIVE if value < 0 else BAR
        shapes.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(bar.label)}</text>'
        )
        shapes.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" height="16" fill="{colour}"/>'
        )
        text_x = label_width + bar_room + 8
        value_text = escape(format_cell(bar.value, style))
        if bar.note:
            value_text += f"  {escape(bar.note)}"
        shapes.append(f'<text x="{text_x}" y="{y + 15}">{value_text}</text>')
        y += row
        if paired and bar.reference is not None:
            length = float(abs(magnitude(bar.reference)) / largest) * bar_room
            shapes.append(
                f'<rect x="{zero}" y="{y + 3}" width="{length:.1f}" height="16" fill="{REFERENCE}"/>'
            )
            shapes.append(
                f'<text x="{text_x}" y="{y + 15}">{escape(format_cell(bar.reference, style))}</text>'
            )
            y += row
    if chart.kind == "signed":
        shapes.append(f'<line x1="{zero}" y1="5" x2="{zero}" y2="{y}" stroke="#52606d"/>')
    legend = ""
    if paired and chart.legend[0]:
        legend = (
            f'<p><span style="color:{BAR}">■</span> {escape(chart.legend[0])} '
            f'<span style="color:{REFERENCE}">■</span> {escape(chart.legend[1])}</p>'
        )
    return (
        f'<section class="chart"><h2>{escape(chart.title)}</h2>'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(chart.title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
        f"{''.join(shapes)}</svg>{legend}</section>"
    )
