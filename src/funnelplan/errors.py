"""Errors as data: every problem with its place, collected and reported at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# words by code: the catalogues own them; errors (and everyone) import them from here
from funnelplan.i18n.problems import Choices, Text, say

__all__ = [
    "Choices",
    "FunnelplanError",
    "InputError",
    "Problem",
    "Refusal",
    "Text",
    "closest",
    "say",
]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one choice close enough to be the meant one (difflib's ratio, 0.6 and up): the name
    every did-you-mean hint gives."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is and how to fix it.

    `message` and `hint` are `Text`s (a code and its parameters): the words come from the
    catalogue of the language the problem is shown in (funnelplan.i18n.problems), never from
    matching English text, so scripts may rely on `code` and `hint_code`.
    """

    file: str
    message: Text
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str = ""  # dotted path, e.g. "funnel[2].rate"
    hint: Text | None = None
    excerpt: str = ""  # the source line, shown with a caret under `column`

    @property
    def code(self) -> str:
        """The message's stable code, e.g. `value.not_a_percentage`."""
        return self.message.code

    @property
    def hint_code(self) -> str:
        """The hint's stable code ("" when the problem has no hint)."""
        return self.hint.code if self.hint is not None else ""

    def message_text(self, language: str = "en") -> str:
        return self.message.render(language)

    def hint_text(self, language: str = "en") -> str:
        return self.hint.render(language) if self.hint is not None else ""

    def location(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def render(self, language: str = "en") -> str:
        """`file:line:col: field: message` then the excerpt with a caret and the hint.

        The message and hint come from the language's catalogue (funnelplan.i18n.problems); the
        place, the field and the excerpt stay as they are.
        """
        message, hint = self.message_text(language), self.hint_text(language)
        hint_label = "  " + say("problem.hint_label").render(language)
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


class Refusal(ValueError):
    """One problem found where its place is not known yet: its words (a message and a hint).

    Raised below the layer that knows the file or the option: a value parser
    (`ValueProblem`, `MonthFormatError`), a reader (`ReadError`, `DecodeError`, `ReadProblem`), the
    gap's core (`GapProblem`). The caller that knows where the value came from makes it a
    `Problem` with `problem(file, ...)`, the one way such an error becomes a reported problem.
    A ValueError, so a pydantic validator raising one becomes a validation error (the plan
    loader reads its words back from the error's context).
    """

    hint: Text | None = None
    # inside the value refused, where the problem is: a mapping's key (`at_key`) or its value
    # (`lag: {1: 150%}` at `150%`), for the loader that knows the file's positions
    at: tuple[object, ...] = ()
    at_key: bool = False

    def __init__(
        self,
        message: Text,
        hint: Text | None = None,
        *,
        line: int | None = None,
        field: str = "",
        at: tuple[object, ...] = (),
        at_key: bool = False,
    ) -> None:
        # the words are rendered when shown (str), not when raised: a refusal caught and counted
        # (a CRM export's unreadable amount) loads no catalogue (start-up: bench/README.md)
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        self.line = line  # where in the file, when the raiser knows it
        self.field = field
        if at:
            self.at, self.at_key = at, at_key

    def __str__(self) -> str:
        return self.message.render()

    def problem(
        self,
        file: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        excerpt: str = "",
    ) -> Problem:
        """This refusal as a Problem in `file`; a place given here wins over the raiser's."""
        return Problem(
            file=file,
            message=self.message,
            line=self.line if line is None else line,
            column=column,
            field=self.field if field is None else field,
            hint=self.hint,
            excerpt=excerpt,
        )


class FunnelplanError(Exception):
    """The one exception base the CLI catches: it carries every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


class InputError(FunnelplanError):
    """Bad input: a plan, an actuals file or an option. Exit code 2."""
