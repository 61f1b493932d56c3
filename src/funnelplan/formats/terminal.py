"""The terminal table, drawn with rich. User text is passed as Text, never parsed as markup."""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from funnelplan.formats.bars import magnitude, scale
from funnelplan.views.display import Style, format_cell, printable
from funnelplan.views.document import Chart, Document, Notes, Table

_EIGHTHS = " ▏▎▍▌▋▊▉█"


class _Console(Console):
    """rich's Console, but a closed pipe is left to the CLI (rich's own exits with code 1)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def make_console(file: TextIO, *, width: int | None = None, color: bool | None = None) -> Console:
    """No colour or escape codes unless writing to a terminal (and NO_COLOR is unset)."""
    return _Console(
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
    if document.headline:
        console.print()
    for label, value in document.facts:
        line = Text(f"{printable(label)}{document.fact_separator}", style="dim")
        line.append(printable(value))
        console.print(line)
    for block in document.blocks:
        console.print()
        if isinstance(block, Table):
            console.print(_table(block, style))
        elif isinstance(block, Chart):
            _chart(block, style, console)
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


def _bar(length: float) -> str:
    """A bar `length` cells long, in eighths of a cell."""
    whole, rest = divmod(round(length * 8), 8)
    return "█" * whole + (_EIGHTHS[rest] if rest else "")


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad to `width` terminal cells (Japanese characters take two)."""
    gap = " " * max(width - cell_len(text), 0)
    return gap + text if right else text + gap


def _chart(chart: Chart, style: Style, console: Console) -> None:
    """Proportional bars that fit the console width; labels padded by display width."""
    console.print(Text(printable(chart.title), style="bold"))
    labels = [printable(bar.label) for bar in chart.bars]
    values = [format_cell(bar.value, style) for bar in chart.bars]
    references = [format_cell(bar.reference, style) for bar in chart.bars]
    notes = [printable(bar.note) for bar in chart.bars]
    label_width = max((cell_len(label) for label in labels), default=0)
    value_width = max((cell_len(v) for v in values + references), default=0)
    note_width = max((cell_len(note) for note in notes), default=0)
    room = min(max(console.width - label_width - value_width - note_width - 8, 10), 60)
    largest = scale(chart.bars)
    if chart.kind == "signed":
        half = room // 2
        for label, value, bar in zip(labels, values, chart.bars, strict=True):
            length = float(abs(magnitude(bar.value)) / largest) * half
            drawn = _bar(length)
            left = _pad(drawn if magnitude(bar.value) < 0 else "", half, right=True)
            right = _pad(drawn if magnitude(bar.value) >= 0 else "", half)
            line = f"  {_pad(label, label_width)} {left}│{right} {_pad(value, value_width, True)}"
            console.print(Text(line.rstrip()))
        return
    for index, bar in enumerate(chart.bars):
        length = float(magnitude(bar.value) / largest) * room
        line = f"  {_pad(labels[index], label_width)} {_pad(_bar(length), room)} "
        line += _pad(values[index], value_width, True)
        if notes[index]:
            line += f"  {notes[index]}"
        console.print(Text(line.rstrip()))
        if chart.kind == "paired" and bar.reference is not None:
            length = float(magnitude(bar.reference) / largest) * room
            shown = f"  {_pad('', label_width)} {_pad('░' * round(length), room)} "
            shown += _pad(references[index], value_width, True)
            console.print(Text(shown.rstrip(), style="dim"))
    if chart.kind == "paired" and chart.legend[0]:
        console.print(
            Text(f"  █ {printable(chart.legend[0])}   ░ {printable(chart.legend[1])}", style="dim")
        )
