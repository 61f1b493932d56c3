"""The problem catalogues: every message and hint funnelplan writes, by stable code, per language.

Each module in this package holds one area's codes (`cli`, `plan`, `actuals`, ...) as two
dictionaries, `EN` and `JA`, code -> template. A template's `{fields}` are the `Text`'s params;
`str.format` specs work (`{count:,}`). Codes are dotted, area first (`output.read_only`), and
never change once released: scripts may match on them (`Problem.code`, `Problem.hint_code`).

A new area is a new module here; nothing else to register. tests/test_problem_codes.py fails when
a code lacks a language, when the two languages' fields differ, when two modules define one code,
and when the code uses a code that no catalogue has.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import FrozenInstanceError
from functools import cache

_set = object.__setattr__


class _Frozen:
    """Text and Choices are immutable, as the frozen dataclasses they were; they are written out
    because every command makes them at start-up (module-level `say(...)`), and a frozen
    dataclass compiles six methods from text when its module is imported."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class Text(_Frozen):
    """Words by code: each language's catalogue (funnelplan.i18n.problems) gives the template.

    `params` fill the template's `{fields}`. A parameter may itself be a `Text` (a phrase that
    translates too) or a `Choices` (a list joined by the language's own separators); anything
    else is shown as written (file names, values, ids: what the user wrote stays as it is).
    Two Texts are equal (and hash alike) when their codes are: the params are not compared.
    """

    __slots__ = ("code", "params")
    __match_args__ = ("code", "params")
    code: str
    params: Mapping[str, object]

    def __init__(self, code: str, params: Mapping[str, object] | None = None) -> None:
        _set(self, "code", code)
        _set(self, "params", {} if params is None else params)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Text:
            return NotImplemented
        return self.code == other.code  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.code,))

    def __repr__(self) -> str:
        return f"Text(code={self.code!r}, params={self.params!r})"

    def __reduce__(self) -> tuple[type[Text], tuple[str, Mapping[str, object]]]:
        return Text, (self.code, self.params)

    def render(self, language: str = "en") -> str:
        return render_text(self, language)


def say(code: str, **params: object) -> Text:
    """`say("value.not_a_rate", value="abc")`: a message or hint by its stable code."""
    return Text(code, params)


class Choices(_Frozen):
    """Items shown as a list: `a, b or c` in English, `a、b、c` in Japanese."""

    __slots__ = ("items", "joiner")
    __match_args__ = ("items", "joiner")
    items: Sequence[object]
    joiner: str  # "or" | "and" | "comma"

    def __init__(self, items: Sequence[object], joiner: str = "or") -> None:
        _set(self, "items", items)
        _set(self, "joiner", joiner)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Choices:
            return NotImplemented
        return (self.items, self.joiner) == (other.items, other.joiner)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.items, self.joiner))

    def __repr__(self) -> str:
        return f"Choices(items={self.items!r}, joiner={self.joiner!r})"

    def __reduce__(self) -> tuple[type[Choices], tuple[Sequence[object], str]]:
        return Choices, (self.items, self.joiner)


LANGUAGES = ("en", "ja")

JOINERS = {
    "en": {"or": (", ", " or "), "and": (", ", " and "), "comma": (", ", ", ")},
    "ja": {"or": ("、", "、"), "and": ("、", "、"), "comma": ("、", "、")},
}


@cache
def catalogue(language: str) -> dict[str, str]:
    """Every code's template in `language`, gathered from this package's modules."""
    merged: dict[str, str] = {}
    for area in areas():
        merged.update(getattr(area, language.upper(), {}))
    return merged


@cache
def areas() -> tuple[object, ...]:
    import pkgutil  # only when a problem is shown: not on a run that has none

    return tuple(
        importlib.import_module(f"{__name__}.{found.name}")
        for found in pkgutil.iter_modules(__path__)
    )


def render_text(text: Text, language: str = "en") -> str:
    """The words of `text` in `language` (English when the language lacks the code)."""
    template = catalogue(language).get(text.code)
    if template is None:
        template = catalogue("en").get(text.code, text.code)
        language = "en" if text.code in catalogue("en") else language
    values = {name: _value(value, language) for name, value in text.params.items()}
    return template.format_map(values)


def _value(value: object, language: str) -> object:
    if isinstance(value, Text):
        return render_text(value, language)
    if isinstance(value, Choices):
        items = [str(_value(item, language)) for item in value.items]
        between, last = JOINERS.get(language, JOINERS["en"])[value.joiner]
        if len(items) < 2:
            return "".join(items)
        return between.join(items[:-1]) + last + items[-1]
    return value
