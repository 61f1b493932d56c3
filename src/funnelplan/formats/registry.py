"""The one place a format picks its renderer, for every report of every command.

A command (or a notebook, through `funnelplan.render`) turns its report into a `Renderable`: how to
make the report's `Document` (for table, markdown and html) and its machine texts (csv, json).
`render_text` then gives the text of any format (the workbook, `xlsx`, is bytes); the CLI only
writes it where it belongs.
Each format's renderer is imported only when that format is asked for, so a command pays for no
renderer it does not use (rich only for the table).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from funnelplan.formats import Format
from funnelplan.views.display import Style
from funnelplan.views.document import Document


@dataclass(frozen=True)
class Renderable:
    """A finished report, ready for every format: nothing here computes or rounds."""

    document: Callable[[], tuple[Document, Style]]  # table, markdown, html
    machine: dict[Format, Callable[[], str | bytes]] = field(
        default_factory=dict
    )  # csv, json, xlsx
    language: str = "en"


def _markdown(
    document: Document, style: Style, renderable: Renderable, width: int, color: bool
) -> str:
    from funnelplan.formats.markdown import render_markdown

    return render_markdown(document, style)


def _html(document: Document, style: Style, renderable: Renderable, width: int, color: bool) -> str:
    from funnelplan.formats.html import render_html

    return render_html(document, style, renderable.language)


def _table(
    document: Document, style: Style, renderable: Renderable, width: int, color: bool
) -> str:
    from funnelplan.formats.terminal import make_console, render_terminal

    buffer = io.StringIO()
    render_terminal(document, style, make_console(buffer, width=width, color=color))
    return buffer.getvalue()


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
    renderable: Renderable, chosen: Format, *, width: int = 160, color: bool = False
) -> str | bytes:
    """The report as `chosen` gives it: the text a file gets, or stdout (bytes for xlsx)."""
    machine = renderable.machine.get(chosen)
    if machine is not None:
        return machine()
    document, style = renderable.document()
    return DOCUMENT_RENDERERS[chosen](document, style, renderable, width, color)
