"""How a report is shown: language and display units, from options, the plan and the environment."""

from __future__ import annotations

import os
from enum import StrEnum

from funnelplan.errors import InputError, Problem, say
from funnelplan.i18n.words import Words, language_from
from funnelplan.model.plan import Plan
from funnelplan.model.record import Record


class Language(StrEnum):
    en = "en"
    ja = "ja"


class MoneyUnitOption(StrEnum):
    plain = "plain"
    auto = "auto"
    yen = "円"
    thousand = "千円"
    man = "万円"
    million = "百万円"
    oku = "億円"


class Presentation(Record):  # a Record, not a frozen dataclass: see model/record.py
    __match_args__ = ("words", "money_unit", "count_unit")
    __slots__ = __match_args__
    words: Words
    money_unit: str | None  # None: ¥120,000,000
    count_unit: str

    def __init__(self, words: Words, money_unit: str | None, count_unit: str) -> None:
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "money_unit", money_unit)
        object.__setattr__(self, "count_unit", count_unit)


def presentation_for(
    plan: Plan, language: Language | None, money_unit: MoneyUnitOption | None
) -> Presentation:
    """`--lang` > plan `locale:` > LANG; `--money-unit` > plan `money_unit:` > auto for JPY in Japanese."""
    lang = language_from(language.value if language else None, plan.locale, dict(os.environ))
    if money_unit is not None:
        if (
            money_unit not in (MoneyUnitOption.plain, MoneyUnitOption.auto)
            and plan.currency != "JPY"
        ):
            raise InputError(
                [
                    Problem(
                        file="--money-unit",
                        message=say(
                            "plan.money_unit.not_yen", unit=money_unit.value, currency=plan.currency
                        ),
                        hint=say("plan.money_unit.use_plain"),
                    )
                ]
            )
        unit: str | None = None if money_unit is MoneyUnitOption.plain else money_unit.value
    elif plan.money_unit is not None:
        unit = plan.money_unit
    else:
        unit = "auto" if lang == "ja" and plan.currency == "JPY" else None
    count_unit = plan.count_unit or ("件" if lang == "ja" else "")
    return Presentation(Words(lang, plan.team_labels), unit, count_unit)
