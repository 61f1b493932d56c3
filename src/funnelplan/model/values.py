"""Reading the numbers people write: rates, money and counts, exactly (Decimal, never float).

Each parser takes what a YAML or CSV cell holds (int, Decimal, str) and returns a Decimal or int,
or raises ValueProblem with a message and a hint on how to write it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

MAX_MONEY = Decimal(10) ** 15  # over a quadrillion yen is not a plan, it is a typo
MAX_COUNT = 10**9
# Every number read is bounded before any arithmetic: a Decimal such as 1e999999999 overflows,
# 1e-999999999 makes quantize and division hang, and 1e-5000 trips Python's 4,300-digit limit.
MAX_DIGITS = 28  # significant digits: Decimal's precision, more than any plan's number has
MIN_EXPONENT = -12  # the smallest magnitude read is 10^-12 (a rate of 0.0000000001%)
MAX_EXPONENT = 30  # the largest is below 10^31 (the money and count bounds say more)


class ValueProblem(ValueError):
    """A value that cannot be read, with a hint on how to write it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_PLAIN_NUMBER = re.compile(
    r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
)


def _shown(value: object) -> str:
    """A value for a message: a number of thousands of digits is described, not printed."""
    text = str(value)
    return text if len(text) <= 30 else f"a {len(text)}-character number ({text[:12]}...)"


def _normalise(text: str) -> str:
    """Full-width digits and signs to ASCII (２５％ -> 25%, ￥ -> ¥), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def _plain_decimal(text: str) -> Decimal | None:
    """`1234`, `1,234`, `1_234`, `12.5`: thousands groups must be groups of three."""
    if _PLAIN_NUMBER.fullmatch(text) is None:
        return None
    return bounded(Decimal(text.replace(",", "").replace("_", "")), text)


def bounded(number: Decimal, shown: object) -> Decimal:
    """`number` if its size and digits are those of a real number; refused before any arithmetic."""
    if number.is_zero():
        return Decimal(0)
    digits = number.as_tuple().digits
    magnitude = number.adjusted()  # the power of ten of the first digit: 1e-20 -> -20
    if magnitude > MAX_EXPONENT:
        raise ValueProblem(
            f"{_shown(shown)} is far too large to be a real number (more than 10^15)",
            "check the digits and the exponent",
        )
    if magnitude < MIN_EXPONENT:
        raise ValueProblem(
            f"{_shown(shown)} is far too small to be a real number (about 10^{magnitude})",
            "check the digits and the exponent (the smallest number read is 10^-12)",
        )
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
    if significant > MAX_DIGITS:
        raise ValueProblem(
            f"{_shown(shown)} has more than {MAX_DIGITS} significant digits",
            "round it to fewer digits",
        )
    return number


def _as_decimal(value: object, what: str, hint: str) -> Decimal:
    if isinstance(value, bool):
        raise ValueProblem(f"expected {what}, got the boolean {str(value).lower()}", hint)
    if isinstance(value, int):
        if abs(value) >= 10 ** (MAX_EXPONENT + 1):
            raise ValueProblem(
                f"{_shown(value)} is far too large to be a real number (more than 10^15)",
                "check the digits and the exponent",
            )
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueProblem(f"expected {what}, got {value}", hint)
        return bounded(value, value)
    if isinstance(value, float):  # from XLSX cells and callers that bypass our YAML loader
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem(f"expected {what}, got {value}", hint)
        return bounded(Decimal(repr(value)), value)
    if isinstance(value, str):
        number = _plain_decimal(_normalise(value))
        if number is None:
            raise ValueProblem(f"expected {what}, got {value!r}", hint)
        return number
    raise ValueProblem(f"expected {what}, got {type(value).__name__}", hint)


RATE_HINT = "write a share as 25% or 0.25 (more than 0, at most 100%)"


def parse_rate(value: object) -> Decimal:
    """`0.25`, `25%`, `２５％` -> Decimal('0.25'); `1` is 100%. `35` or `1.7` are refused."""
    if isinstance(value, str):
        text = _normalise(value)
        if text.endswith("%"):
            number = _plain_decimal(text[:-1].strip())
            if number is None:
                raise ValueProblem(f"{value!r} is not a percentage", RATE_HINT)
            rate = number / 100
            _check_rate_bounds(rate, value)
            return rate
        value = text
    rate = _as_decimal(value, "a rate such as 25%", RATE_HINT)
    if rate > 1:
        raise ValueProblem(
            f"{rate} is more than 1 (100%), so it cannot be a share",
            f"did you mean {rate}%? write it with the percent sign, or as {rate / 100}",
        )
    _check_rate_bounds(rate, value)
    return rate


def _check_rate_bounds(rate: Decimal, shown: object) -> None:
    if rate <= 0:
        raise ValueProblem(f"a rate must be more than 0, got {shown}", RATE_HINT)
    if rate > 1:
        raise ValueProblem(f"a rate cannot be more than 100%, got {shown}", RATE_HINT)


MONEY_HINT = (
    "write an amount as 120000000, 120,000,000, ¥120,000,000 or 1億2000万円 "
    "(quote it in a flow mapping: {revenue: '¥60,000,000'})"
)
_JA_UNITS = (("兆", Decimal(10) ** 12), ("億", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
_JA_AMOUNT = re.compile(
    r"(?:(?P<兆>[\d,.]+)兆)?(?:(?P<億>[\d,.]+)億)?(?:(?P<万>[\d,.]+)万)?(?P<rest>[\d,.]+)?"
)
_CURRENCY_MARKS = ("¥", "￥", "$", "€", "£", "JPY", "USD", "EUR")
# which currencies a mark can stand for: `$15,200,000` in a yen table is not yen
_MARK_CURRENCIES = {
    "¥": ("JPY", "CNY"),
    "￥": ("JPY", "CNY"),
    "円": ("JPY",),
    "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN"),
    "€": ("EUR",),
    "£": ("GBP",),
    "JPY": ("JPY",),
    "USD": ("USD",),
    "EUR": ("EUR",),
}
_SIGNS = ("-", "+", "▲", "△")


def parse_money(value: object, currency: str | None = None) -> Decimal:
    """An amount of money as people write it, exactly. Refuses what is ambiguous.

    With `currency` (the plan's ISO code), an amount marked as another currency (`$15,200,000` in
    a yen plan, `1億8000万円` in a dollar plan) is refused rather than read as the plan's.
    """
    if isinstance(value, str):
        text = _normalise(value).replace(" ", "")
        marks: list[str] = []
        for mark in _CURRENCY_MARKS:
            if text.startswith(mark):
                text = text[len(mark) :]
                marks.append(mark)
        if text.endswith("円"):
            text = text.removesuffix("円")
            marks.append("円")
        negative = text.startswith(("-", "▲", "△"))
        signed = text.startswith(_SIGNS)
        if signed:
            text = text[1:]
            for mark in _CURRENCY_MARKS:  # -¥500 as well as ¥-500
                if text.startswith(mark):
                    text = text.removeprefix(mark)
                    marks.append(mark)
        if signed and text.startswith(_SIGNS):  # --45000, ▲-301000: never a positive amount
            raise ValueProblem(
                f"{value!r} has two signs", "write one sign: -45000 or ▲45000 for a negative amount"
            )
        if currency is not None:
            for mark in marks:
                if currency not in _MARK_CURRENCIES.get(mark, (currency,)):
                    raise ValueProblem(
                        f"{value!r} is marked {mark}, but the plan's currency is {currency}",
                        f"write the amount in {currency}, without another currency's mark",
                    )
        if any(unit in text for unit, _ in _JA_UNITS):
            amount = _japanese_amount(text, value)
        else:
            plain = _plain_decimal(text)
            if plain is None:
                raise ValueProblem(f"{value!r} is not an amount of money", MONEY_HINT)
            amount = plain
        amount = -amount if negative else amount
    else:
        amount = _as_decimal(value, "an amount of money", MONEY_HINT)
    if abs(amount) > MAX_MONEY:
        raise ValueProblem(
            f"{_shown(value)} is more than 10^15: too large to be a real amount", "check the digits"
        )
    return amount


def _japanese_amount(text: str, shown: object) -> Decimal:
    found = _JA_AMOUNT.fullmatch(text)
    if found is None or not text:
        raise ValueProblem(
            f"{shown!r} is not an amount of money",
            "write Japanese amounts as 1億2000万円, 12000万円 or 1.2億円",
        )
    total = Decimal(0)
    larger: str | None = None
    for unit, size in _JA_UNITS:
        part = found[unit]
        if part is not None:
            number = _plain_decimal(part)
            if number is None:
                raise ValueProblem(f"{shown!r}: {part!r} before {unit} is not a number", MONEY_HINT)
            if larger is not None and number >= 10**4:
                # 1億20000万円 is 3億 by arithmetic, but surely a typo for 1億2000万円
                raise ValueProblem(
                    f"{shown!r} is ambiguous: {part}{unit} is already a {larger} or more",
                    f"after {larger}, write at most 9999 before {unit} (1億2000万円, not 1億20000万円)",
                )
            total += number * size
            larger = unit
    if found["rest"] is not None:
        rest = _plain_decimal(found["rest"])
        if rest is None or (found["万"] is not None and rest >= 10**4):
            raise ValueProblem(f"{shown!r} is not an amount of money", MONEY_HINT)
        total += rest
    return total


COUNT_HINT = "write a count as a whole number such as 35"


def parse_count(value: object) -> int:
    """A whole, non-negative count (people, deals), at most 10^9."""
    number = _as_decimal(value, "a whole number", COUNT_HINT)
    if number != number.to_integral_value():
        raise ValueProblem(f"a count must be a whole number, got {value}", COUNT_HINT)
    if number < 0:
        raise ValueProblem(f"a count cannot be negative, got {value}", COUNT_HINT)
    if number > MAX_COUNT:
        raise ValueProblem(
            f"{_shown(value)} is more than 10^9: too large to be a real count", "check the digits"
        )
    return int(number)


def parse_positive_number(value: object) -> Decimal:
    """A weight or a factor: any number above zero."""
    number = _as_decimal(value, "a number above 0", "write a number such as 2")
    if number <= 0:
        raise ValueProblem(f"must be more than 0, got {value}", "write a number such as 2")
    if number > MAX_MONEY:
        raise ValueProblem(f"{_shown(value)} is too large", "check the digits")
    return number


def decimal_from_text(text: str) -> Decimal | float:
    """YAML float text to an exact Decimal (`.nan` and `.inf` stay floats for the checks)."""
    lowered = text.lower().lstrip("+")
    if lowered in (".nan",):
        return float("nan")
    if lowered in (".inf", "-.inf"):
        return float(lowered.replace(".inf", "inf"))
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the resolver only passes valid floats
        raise ValueProblem(f"{text!r} is not a number") from None
