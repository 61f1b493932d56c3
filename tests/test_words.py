"""Every fixed word exists in every language, and placeholders match across languages."""

from __future__ import annotations

import string

import pytest

from funnelplan.i18n.words import LANGUAGES, Words, _catalogues, language_from


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_key() -> None:
    catalogues = _catalogues()
    for language in LANGUAGES:
        missing = set(catalogues["en"]) - set(catalogues[language])
        extra = set(catalogues[language]) - set(catalogues["en"])
        assert not missing, f"{language} lacks {sorted(missing)}"
        assert not extra, f"{language} has keys English lacks: {sorted(extra)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_english(language: str) -> None:
    catalogue = _catalogues()[language]
    for key, text in _catalogues()["en"].items():
        assert _fields(catalogue[key]) == _fields(text), f"{language}:{key}"


def test_standard_teams_are_translated_and_others_kept() -> None:
    assert Words("ja").team("sales") == "営業"
    assert Words("ja").team("marketing") == "マーケティング"
    assert Words("ja").team("inside_sales") == "inside_sales"


@pytest.mark.parametrize(
    ("option", "locale", "environ", "expected"),
    [
        ("ja", "en", {"LANG": "en_US.UTF-8"}, "ja"),  # the option wins
        (None, "ja", {"LANG": "en_US.UTF-8"}, "ja"),  # then the plan's locale
        (None, None, {"LANG": "ja_JP.UTF-8"}, "ja"),  # then the environment
        (None, None, {"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"),  # LC_ALL before LANG
        (None, None, {}, "en"),  # else English
    ],
)
def test_language_choice(
    option: str | None, locale: str | None, environ: dict[str, str], expected: str
) -> None:
    assert language_from(option, locale, environ) == expected
