"""GitHub-flavoured markdown: tables that survive pasting into Notion, Confluence or a PR.

The headline is a list, one sentence an item, so that no renderer runs it into one paragraph (a
plain line break is a space in markdown; trailing-space hard breaks do not survive editors).
In prose (headline, facts, notes, captions) a code span the words hold (`after_period:`) stays a
code span; everything else, and every table cell, is escaped so user text shows literally.
"""

from __future__ import annotations

import re

from funnelplan.views.display import Style, format_cell, printable
from funnelplan.views.document import Chart, Document, Notes, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# A code span in the report's words: ASCII code-like text between backticks (`after_period:`,
# `--as-of`); a label such as `商談` between backticks stays literal text.
_CODE = re.compile(r"`([A-Za-z0-9_.:=/-](?:[A-Za-z0-9_.:=/ -]*[A-Za-z0-9_.:=/-])?)`")


def escape(text: str, *, in_cell: bool = False) -> str:
    """Escape markdown punctuation so user labels show literally (and `|` cannot split a cell).

    Outside table cells a leading #, +, - or = would start a heading or a list: escape it too.
    """
    escaped = _SPECIAL.sub(r"\\\1", printable(text)).replace("\n", " ")
    if not in_cell and escaped[:1] in ("#", "+", "-", "="):
        return "\\" + escaped
    return escaped


def prose(text: str) -> str:
    """Escaped like `escape`, but the words' code spans are kept as code."""
    parts: list[str] = []
    last = 0
    for found in _CODE.finditer(text):
        before = text[last : found.start()]
        parts.append(escape(before, in_cell=bool(parts)) if before else "")
        parts.append(f"`{found[1]}`")
        last = found.end()
    rest = text[last:]
    if rest or not parts:
        parts.append(escape(rest, in_cell=bool(parts)))
    return "".join(parts)


def render_markdown(document: Document, style: Style) -> str:
    lines = [f"# {escape(document.title)}", ""]
    for sentence in document.headline:
        lines.append(f"* {prose(sentence)}")  # `*`, not `-`: its own list, not the facts' one
    if document.headline:
        lines.append("")
    for label, value in document.facts:
        lines.append(f"- **{escape(label)}**{document.fact_separator}{prose(value)}")
    lines.append("")
    for block in document.blocks:
        if isinstance(block, Chart):
            continue  # pictures are for the terminal and HTML; the tables hold the same numbers
        lines += _table(block, style) if isinstance(block, Table) else _notes(block)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(table: Table, style: Style) -> list[str]:
    lines = [f"## {escape(table.title)}", ""]
    if table.caption:
        lines += [prose(table.caption), ""]
    lines.append("| " + " | ".join(escape(c.header, in_cell=True) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if c.numeric else ":---" for c in table.columns) + "|")
    first_total = len(table.rows) - table.total_rows
    for index, row in enumerate(table.rows):
        cells = [escape(format_cell(cell, style), in_cell=True) for cell in row]
        if index >= first_total:
            cells = [f"**{cell}**" if cell else cell for cell in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _notes(notes: Notes) -> list[str]:
    lines = [f"## {escape(notes.title)}", ""]
    for number, item in enumerate(notes.items, start=1):
        lines.append(f"{number}. {prose(item)}" if notes.numbered else f"- {prose(item)}")
    return lines
