"""Reading the numbers people write: rates, money and counts, exactly (Decimal, never float).

Each parser takes what a YAML or CSV cell holds (int, Decimal, str) and returns a Decimal or int,
or raises ValueProblem with a message and a hint on how to write it (each a `Text` by code).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from funnelplan.errors import Refusal, Text, say

MAX_MONEY = Decimal(10) ** 15  # over a quadrillion yen is not a plan, it is a typo
MAX_COUNT = 10**9
# Every number read is bounded before any arithmetic: a Decimal such as 1e999999999 overflows,
# 1e-999999999 makes quantize and division hang, and 1e-5000 trips Python's 4,300-digit limit.
MAX_DIGITS = 28  # significant digits: Decimal's precision, more than any plan's number has
MIN_EXPONENT = -12  # the smallest magnitude read is 10^-12 (a rate of 0.0000000001%)
MAX_EXPONENT = 30  # the largest is below 10^31 (the money and count bounds say more)


class ValueProblem(Refusal):
    """A value that cannot be read, with a hint on how to write it."""


_PLAIN_NUMBER = re.compile(
    r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
)


def _shown(value: object) -> str | Text:
    """A value for a message: a number of thousands of digits is described, not printed."""
    text = str(value)
    return text if len(text) <= 30 else say("value.long_number", n=len(text), head=text[:12])


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
            say("value.far_too_large", value=_shown(shown)),
            say("value.check_digits_exponent"),
        )
    if magnitude < MIN_EXPONENT:
        raise ValueProblem(
            say("value.far_too_small", value=_shown(shown), exponent=magnitude),
            say("value.check_digits_exponent_min"),
        )
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
    if significant > MAX_DIGITS:
        raise ValueProblem(
            say("value.too_many_digits", value=_shown(shown), n=MAX_DIGITS),
            say("value.round_to_fewer_digits"),
        )
    return number


def _as_decimal(value: object, what: Text, hint: Text) -> Decimal:
    if isinstance(value, bool):
        raise ValueProblem(
            say("value.expected_not_boolean", what=what, value=str(value).lower()), hint
        )
    if isinstance(value, int):
        if abs(value) >= 10 ** (MAX_EXPONENT + 1):
            raise ValueProblem(
                say("value.far_too_large", value=_shown(value)),
                say("value.check_digits_exponent"),
            )
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueProblem(say("value.expected", what=what, value=value), hint)
        return bounded(value, value)
    if isinstance(value, float):  # from XLSX cells and callers that bypass our YAML loader
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem(say("value.expected", what=what, value=value), hint)
        return bounded(Decimal(repr(value)), value)
    if isinstance(value, str):
        number = _plain_decimal(_normalise(value))
        if number is None:
            raise ValueProblem(say("value.expected", what=what, value=repr(value)), hint)
        return number
    kind = {list: "list", dict: "mapping", type(None): "nothing"}.get(type(value))
    shown = say(f"value.kind.{kind}") if kind else type(value).__name__
    raise ValueProblem(say("value.expected", what=what, value=shown), hint)


RATE_HINT = say("value.rate.how_to_write")


def parse_rate(value: object) -> Decimal:
    """`0.25`, `25%`, `２５％` -> Decimal('0.25'); `1` is 100%. `35` or `1.7` are refused."""
    if isinstance(value, str):
        text = _normalise(value)
        if text.endswith("%"):
            number = _plain_decimal(text[:-1].strip())
            if number is None:
                raise ValueProblem(say("value.not_a_percentage", value=value), RATE_HINT)
            rate = number / 100
            _check_rate_bounds(rate, value)
            return rate
        value = text
    rate = _as_decimal(value, say("value.what.rate"), RATE_HINT)
    if rate > 1:
        raise ValueProblem(
            say("value.rate.over_one", rate=rate),
            say("value.rate.meant_percent", rate=rate, fraction=rate / 100),
        )
    _check_rate_bounds(rate, value)
    return rate


def _check_rate_bounds(rate: Decimal, shown: object) -> None:
    if rate <= 0:
        raise ValueProblem(say("value.rate.not_positive", value=shown), RATE_HINT)
    if rate > 1:
        raise ValueProblem(say("value.rate.over_hundred_percent", value=shown), RATE_HINT)


MONEY_HINT = say("value.money.how_to_write")
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
    if isinstance(value, str) and value.isdigit() and value.isascii():
        amount = bounded(Decimal(value), value)  # 1200000, as exports write amounts: the same
        # as the rules below give it, without them (tests/test_refusal_words.py)
    elif isinstance(value, str):
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
                say("value.money.two_signs", value=value), say("value.money.one_sign")
            )
        if currency is not None:
            for mark in marks:
                if currency not in _MARK_CURRENCIES.get(mark, (currency,)):
                    raise ValueProblem(
                        say(
                            "value.money.other_currency", value=value, mark=mark, currency=currency
                        ),
                        say("value.money.write_in_currency", currency=currency),
                    )
        if any(unit in text for unit, _ in _JA_UNITS):
            amount = _japanese_amount(text, value)
        else:
            plain = _plain_decimal(text)
            if plain is None:
                raise ValueProblem(say("value.money.not_an_amount", value=value), MONEY_HINT)
            amount = plain
        amount = -amount if negative else amount
    else:
        amount = _as_decimal(value, say("value.what.money"), MONEY_HINT)
    if abs(amount) > MAX_MONEY:
        raise ValueProblem(
            say("value.money.too_large", value=_shown(value)), say("value.check_the_digits")
        )
    return amount


def _japanese_amount(text: str, shown: object) -> Decimal:
    found = _JA_AMOUNT.fullmatch(text)
    if found is None or not text:
        raise ValueProblem(
            say("value.money.not_an_amount", value=shown),
            say("value.money.how_to_write_japanese"),
        )
    total = Decimal(0)
    larger: str | None = None
    for unit, size in _JA_UNITS:
        part = found[unit]
        if part is not None:
            number = _plain_decimal(part)
            if number is None:
                raise ValueProblem(
                    say("value.money.part_not_a_number", value=shown, part=part, unit=unit),
                    MONEY_HINT,
                )
            if larger is not None and number >= 10**4:
                # 1億20000万円 is 3億 by arithmetic, but surely a typo for 1億2000万円
                raise ValueProblem(
                    say(
                        "value.money.ambiguous_units",
                        value=shown,
                        part=part,
                        unit=unit,
                        larger=larger,
                    ),
                    say("value.money.at_most_9999", larger=larger, unit=unit),
                )
            total += number * size
            larger = unit
    if found["rest"] is not None:
        rest = _plain_decimal(found["rest"])
        if rest is None or (found["万"] is not None and rest >= 10**4):
            raise ValueProblem(say("value.money.not_an_amount", value=shown), MONEY_HINT)
        total += rest
    return total


COUNT_HINT = say("value.count.how_to_write")


def parse_count(value: object) -> int:
    """A whole, non-negative count (people, deals), at most 10^9."""
    number = _as_decimal(value, say("value.what.whole_number"), COUNT_HINT)
    if number != number.to_integral_value():
        raise ValueProblem(say("value.count.not_whole", value=value), COUNT_HINT)
    if number < 0:
        raise ValueProblem(say("value.count.negative", value=value), COUNT_HINT)
    if number > MAX_COUNT:
        raise ValueProblem(
            say("value.count.too_large", value=_shown(value)), say("value.check_the_digits")
        )
    return int(number)


def parse_positive_number(value: object) -> Decimal:
    """A weight or a factor: any number above zero."""
    number = _as_decimal(value, say("value.what.positive_number"), say("value.number.how_to_write"))
    if number <= 0:
        raise ValueProblem(say("value.not_positive", value=value), say("value.number.how_to_write"))
    if number > MAX_MONEY:
        raise ValueProblem(
            say("value.too_large", value=_shown(value)), say("value.check_the_digits")
        )
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
        raise ValueProblem(say("value.not_a_number", text=text)) from None
