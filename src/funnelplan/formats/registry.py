"""The one place a format picks its renderer, for every report of every command.

A command (or a notebook, through `funnelplan.render`) turns its report into a `Renderable`: how to
make the report's `Document` (for table, markdown and html) and its machine texts (csv, json).
`render_text` then gives the text of any format (the workbook, `xlsx`, is bytes); the CLI only
writes it where it belongs.
Each format's renderer is imported only when that format is asked for, so a command pays for no
renderer it does not use (the table draws itself: no rich).
"""

from __future__ import annotations

from collections.abc import Callable

from funnelplan.formats import Format
from funnelplan.model.record import Record
from funnelplan.views.display import Style
from funnelplan.views.document import Document


class Renderable(Record):  # a Record, not a frozen dataclass: see model/record.py
    """A finished report, ready for every format: nothing here computes or rounds."""

    __match_args__ = ("document", "machine", "language")
    __slots__ = __match_args__
    document: Callable[[], tuple[Document, Style]]  # table, markdown, html
    machine: dict[Format, Callable[[], str | bytes]]  # csv, json, xlsx
    language: str

    def __init__(
        self,
        document: Callable[[], tuple[Document, Style]],
        machine: dict[Format, Callable[[], str | bytes]] | None = None,
        language: str = "en",
    ) -> None:
        object.__setattr__(self, "document", document)
        object.__setattr__(self, "machine", {} if machine is None else machine)
        object.__setattr__(self, "language", language)


def _markdown(
    document: Document, style: Style, renderable: Renderable, width: int, color: bool
) -> str:
    from funnelplan.formats.markdown import render_markdown

    return render_markdown(document, style)


def _html(document: Document, style: Style, renderable: Renderable, width: int, color: bool) -> str:
    from funnelplan.formats.html import render_html

    return render_html(document, style, renderable.language)


def _table(
    document: Document,
    style: Style,
    renderable: Renderable,
    width: int,
    color: bool,
    terminal: bool = False,
) -> str:
    from funnelplan.formats.terminal import render_terminal

    return render_terminal(
        document, style, width=width, color=color, wrap=terminal, language=renderable.language
    )


def _xlsx(
    document: Document, style: Style, renderable: Renderable, width: int, color: bool
) -> bytes:
    from funnelplan.formats.xlsx import document_workbook
    from funnelplan.i18n.words import Words

    return document_workbook(document, style, Words(renderable.language))


DOCUMENT_RENDERERS: dict[
    Format, Callable[[Document, Style, Renderable, int, bool], str | bytes]
] = {
    Format.table: _table,
    Format.markdown: _markdown,
    Format.html: _html,
    Format.xlsx: _xlsx,  # a report without a live workbook of its own: its tables, as values
}


def render_text(
    renderable: Renderable,
    chosen: Format,
    *,
    width: int = 160,
    color: bool = False,
    terminal: bool = False,
) -> str | bytes:
    """The report as `chosen` gives it: the text a file gets, or stdout (bytes for xlsx).

    `terminal`: the table is for a screen `width` cells wide, so its prose wraps there; otherwise
    (a pipe, a file) a sentence is one line and only the tables fold to `width`.
    """
    machine = renderable.machine.get(chosen)
    if machine is not None:
        return machine()
    document, style = renderable.document()
    if chosen is Format.table:
        return _table(document, style, renderable, width, color, terminal)
    return DOCUMENT_RENDERERS[chosen](document, style, renderable, width, color)
