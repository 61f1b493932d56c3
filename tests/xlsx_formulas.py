"""A tiny spreadsheet evaluator for the workbook's formulas, exact (Fractions), for the tests.

It knows only what formats/xlsx.py writes: numbers, cell references (`A1`, `$B$2`,
`'Sheet name'!$C3`), ranges in SUM, + - * /, brackets, and SUM, MAX, ROUND (half away from zero),
CEILING(x, 1). A number typed into a cell is read as the decimal it shows (0.4 is 2/5, as
Excel's 15 digits give it); anything else raises, so a new function shows up here first.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import column_index_from_string

TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:'(?:[^']|'')+'!)?\$?[A-Z]{1,3}\$?\d+)|(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<name>[A-Z]+)\(|(?P<op>[-+*/(),:]))"
)


class Book:
    """A workbook's cells: formulas evaluated on demand, exactly; inputs as typed."""

    def __init__(self, path: Path | None = None, workbook: openpyxl.Workbook | None = None) -> None:
        self.workbook = workbook if workbook is not None else openpyxl.load_workbook(path)
        self.memo: dict[tuple[str, int, int], Fraction | str | None] = {}

    def value(self, sheet: str, row: int, col: int) -> Fraction | str | None:
        """The cell's value (1-based row and column, as openpyxl counts)."""
        key = (sheet, row, col)
        if key not in self.memo:
            raw = self.workbook[sheet].cell(row, col).value
            if isinstance(raw, str) and raw.startswith("="):
                self.memo[key] = Formula(raw[1:], sheet, self).evaluate()
            elif isinstance(raw, bool):
                raise ValueError(f"{sheet}!{row},{col}: a boolean")
            elif isinstance(raw, int | float):
                self.memo[key] = Fraction(repr(raw)) if isinstance(raw, float) else Fraction(raw)
            else:
                self.memo[key] = raw
        return self.memo[key]

    def number(self, sheet: str, row: int, col: int) -> Fraction:
        found = self.value(sheet, row, col)
        if found is None:
            return Fraction(0)
        if not isinstance(found, Fraction):
            raise ValueError(f"{sheet} row {row} col {col}: {found!r} is not a number")
        return found


def _address(text: str, sheet: str) -> tuple[str, int, int]:
    if "!" in text:
        name, text = text.rsplit("!", 1)
        sheet = name[1:-1].replace("''", "'")
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", text)
    assert match, text
    return sheet, int(match.group(2)), column_index_from_string(match.group(1))


class Formula:
    def __init__(self, text: str, sheet: str, book: Book) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(text):
            match = TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise ValueError(f"cannot read {text[position:]!r} in ={text}")
            kind = match.lastgroup
            assert kind is not None
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
        self.at = 0
        self.sheet = sheet
        self.book = book
        self.text = text

    def evaluate(self) -> Fraction:
        result = self._sum()
        if self.at != len(self.tokens):
            raise ValueError(f"left over in ={self.text}: {self.tokens[self.at :]}")
        return result

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, value: str) -> None:
        token = self._peek()
        if token is None or token[1] != value:
            raise ValueError(f"expected {value!r} in ={self.text}")
        self.at += 1

    def _sum(self) -> Fraction:
        result = self._product()
        while (token := self._peek()) is not None and token[1] in "+-" and token[0] == "op":
            self.at += 1
            right = self._product()
            result = result + right if token[1] == "+" else result - right
        return result

    def _product(self) -> Fraction:
        result = self._unary()
        while (token := self._peek()) is not None and token[1] in "*/" and token[0] == "op":
            self.at += 1
            right = self._unary()
            if token[1] == "/":
                if right == 0:
                    raise ZeroDivisionError(f"#DIV/0! in ={self.text}")
                result = result / right
            else:
                result = result * right
        return result

    def _unary(self) -> Fraction:
        token = self._peek()
        if token == ("op", "-"):
            self.at += 1
            return -self._unary()
        return self._atom()

    def _atom(self) -> Fraction:
        token = self._peek()
        if token is None:
            raise ValueError(f"unexpected end of ={self.text}")
        kind, text = token
        self.at += 1
        if kind == "number":
            return Fraction(text)
        if kind == "ref":
            if self._peek() == ("op", ":"):
                raise ValueError(f"a range outside SUM in ={self.text}")
            return self.book.number(*_address(text, self.sheet))
        if kind == "op" and text == "(":
            inner = self._sum()
            self._take(")")
            return inner
        if kind == "name":
            return self._function(text)
        raise ValueError(f"unexpected {text!r} in ={self.text}")

    def _arguments(self) -> list[Fraction | list[Fraction]]:
        arguments: list[Fraction | list[Fraction]] = []
        while True:
            token = self._peek()
            following = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else None
            if token is not None and token[0] == "ref" and following == ("op", ":"):
                self.at += 2
                end = self._peek()
                assert end is not None and end[0] == "ref"
                self.at += 1
                arguments.append(self._range(token[1], end[1]))
            else:
                arguments.append(self._sum())
            if self._peek() == ("op", ","):
                self.at += 1
                continue
            self._take(")")
            return arguments

    def _range(self, start: str, end: str) -> list[Fraction]:
        sheet, row1, col1 = _address(start, self.sheet)
        _, row2, col2 = _address(end.split("!")[-1], sheet)
        return [
            self.book.number(sheet, row, col)
            for row in range(row1, row2 + 1)
            for col in range(col1, col2 + 1)
        ]

    def _function(self, name: str) -> Fraction:
        arguments = self._arguments()
        flat = [v for a in arguments for v in (a if isinstance(a, list) else [a])]
        if name == "SUM":
            return sum(flat, Fraction(0))
        if name == "MAX":
            return max(flat)
        if name == "ROUND":
            value, places = flat
            scale = Fraction(10) ** int(places)
            magnitude = math.floor(abs(value) * scale + Fraction(1, 2))
            return Fraction(magnitude if value >= 0 else -magnitude) / scale
        if name == "CEILING":
            value, step = flat
            assert step == 1, "CEILING to whole numbers only"
            return Fraction(math.ceil(value))
        raise ValueError(f"no function {name} in this evaluator (={self.text})")
