"""The terminal table, drawn with rich. User text is passed as Text, never parsed as markup."""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from funnelplan.display import Style, format_cell, printable
from funnelplan.document import Document, Notes, Table


def make_console(file: TextIO, *, width: int | None = None, color: bool | None = None) -> Console:
    """No colour or escape codes unless writing to a terminal (and NO_COLOR is unset)."""
    return Console(
        file=file,
        width=width,
        color_system="auto" if color is not False else None,
        no_color=color is False,
        force_terminal=color if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def render_terminal(document: Document, style: Style, console: Console) -> None:
    console.print(Text(printable(document.title), style="bold"))
    for sentence in document.headline:
        console.print(Text(printable(sentence)))
    for label, value in document.facts:
        line = Text(f"{printable(label)}: ", style="dim")
        line.append(printable(value))
        console.print(line)
    for block in document.blocks:
        console.print()
        if isinstance(block, Table):
            console.print(_table(block, style))
        else:
            _notes(block, console)


def _table(table: Table, style: Style) -> RichTable:
    rich_table = RichTable(
        title=Text(printable(table.title), style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        caption=Text(printable(table.caption)) if table.caption else None,
    )
    for column in table.columns:
        rich_table.add_column(
            Text(printable(column.header)),
            justify="right" if column.numeric else "left",
            overflow="fold",
        )
    first_total = len(table.rows) - table.total_rows
    for index, row in enumerate(table.rows):
        rich_table.add_row(
            *(Text(format_cell(cell, style)) for cell in row),
            end_section=index == first_total - 1 and table.total_rows > 0,
            style="bold" if index >= first_total else None,
        )
    return rich_table


def _notes(notes: Notes, console: Console) -> None:
    console.print(Text(printable(notes.title), style="bold"))
    for number, item in enumerate(notes.items, start=1):
        bullet = f"{number}." if notes.numbered else "-"
        console.print(Text(f"  {bullet} {printable(item)}"))
