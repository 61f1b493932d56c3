"""Errors as data: every problem with its place, collected and reported at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is and how to fix it."""

    file: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str = ""  # dotted path, e.g. "funnel[2].rate"
    hint: str = ""
    excerpt: str = ""  # the source line, shown with a caret under `column`

    def location(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def render(self, language: str = "en") -> str:
        """`file:line:col: field: message` then the excerpt with a caret and the hint.

        In Japanese (`language="ja"`) the message and hint come from funnelplan.i18n.errors_ja; the
        place, the field and the excerpt stay as they are.
        """
        message, hint, hint_label = self.message, self.hint, "  hint: "
        if language == "ja":
            from funnelplan.i18n.errors_ja import HINT_LABEL, in_japanese

            message, hint, hint_label = in_japanese(message), in_japanese(hint), f"  {HINT_LABEL}"
        # every part may hold the user's text (a header, a file name, a cell): control characters
        # (ESC, BEL: a retitled or cleared terminal) are shown as \x1b, as reports do on stdout
        head = f"{printable(self.location())}: "
        if self.field:
            head += f"{printable(self.field)}: "
        lines = [head + printable(message)]
        if self.excerpt:
            lines.append(f"    {printable(self.excerpt)}")
            if self.column is not None:
                shown = printable(self.excerpt[: max(self.column - 1, 0)])
                lines.append("    " + _caret_pad(shown, len(shown) + 1) + "^")
        if hint:
            lines.append(hint_label + printable(hint))
        return "\n".join(lines)


_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
del _CONTROL[0x09]  # a TAB stays a TAB: the excerpt keeps the file's indentation


def printable(text: str) -> str:
    """Text with control characters shown as `\\x1b`, never sent to the terminal as they are."""
    return text.translate(_CONTROL)


def _caret_pad(text: str, column: int) -> str:
    """Spaces up to `column`, counting East Asian wide characters as two cells."""
    import unicodedata

    width = 0
    for char in text[: max(column - 1, 0)]:
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return " " * width


class FunnelplanError(Exception):
    """The one exception base the CLI catches: it carries every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


class InputError(FunnelplanError):
    """Bad input: a plan, an actuals file or an option. Exit code 2."""
