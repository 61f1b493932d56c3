"""Every problem code has its words in every language, with the same fields, defined once.

The catalogues are funnelplan.i18n.problems (one module per area, `EN` and `JA`). A code the source
uses (`say("...")` / `Text("...")`) must be in them: a reworded message keeps its translation
because the two are found by code, never by matching English text.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from funnelplan.errors import Choices, Problem, Text, say
from funnelplan.i18n.problems import LANGUAGES, areas, catalogue, render_text

SOURCE = Path(__file__).resolve().parents[1] / "src" / "funnelplan"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_has_every_language_with_the_same_fields() -> None:
    english = catalogue("en")
    assert english, "the English catalogue is empty"
    for language in LANGUAGES:
        words = catalogue(language)
        assert set(words) == set(english), (language, set(words) ^ set(english))
        for code, template in words.items():
            assert _fields(template) == _fields(english[code]), (language, code)


def test_no_code_is_defined_in_two_areas() -> None:
    seen: dict[str, str] = {}
    for area in areas():
        for code in getattr(area, "EN", {}):
            assert code not in seen, f"{code} in {seen.get(code)} and {area.__name__}"  # type: ignore[attr-defined]
            seen[code] = area.__name__  # type: ignore[attr-defined]


def _codes_used_in_source() -> dict[str, str]:
    used: dict[str, str] = {}
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("say", "Text")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                used[node.args[0].value] = f"{path.relative_to(SOURCE)}:{node.lineno}"
    return used


def test_every_code_the_source_uses_is_in_the_catalogue() -> None:
    used = _codes_used_in_source()
    assert "problem.hint_label" in used  # the scan sees the code, not nothing
    missing = {code: place for code, place in used.items() if code not in catalogue("en")}
    assert not missing, missing


def test_a_text_renders_its_params_nested_phrases_and_lists_per_language() -> None:
    assert say("problem.summary.many", count=3).render() == (
        "funnelplan: 3 problems, nothing written"
    )
    assert say("problem.summary.many", count=3).render("ja") == (
        "funnelplan: 問題が 3 件あります。何も書き出していません"
    )
    # an unknown language falls back to English rather than to the bare code
    assert render_text(say("problem.summary.one", count=1), "fr") == (
        "funnelplan: 1 problem, nothing written"
    )


def test_choices_join_with_each_languages_separators() -> None:
    from funnelplan.i18n.problems import _value

    assert _value(Choices(["a", "b", "c"]), "en") == "a, b or c"
    assert _value(Choices(["a", "b", "c"], "and"), "en") == "a, b and c"
    assert _value(Choices(["a", "b", "c"]), "ja") == "a、b、c"
    assert _value(Choices(["a"]), "ja") == "a"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_problem_by_code_renders_its_hint_label_in_the_language(language: str) -> None:
    problem = Problem(
        file="plan.yaml",
        line=3,
        message=say("problem.summary.one", count=1),
        hint=Text("problem.summary.many", {"count": 2}),
    )
    label = catalogue(language)["problem.hint_label"]
    assert problem.render(language).splitlines()[-1] == "  " + label + render_text(
        say("problem.summary.many", count=2), language
    )
    assert problem.code == "problem.summary.one"


def test_a_refusal_becomes_a_problem_one_way_with_the_place_its_catcher_knows() -> None:
    from funnelplan.errors import Refusal
    from funnelplan.model.months import MonthFormatError, parse_month
    from funnelplan.model.values import ValueProblem, parse_rate

    try:
        parse_rate("35")
    except ValueProblem as error:
        refused: Refusal = error
    problem = refused.problem("plan.yaml", line=7, field="funnel[0].rate")
    assert (problem.file, problem.line, problem.field) == ("plan.yaml", 7, "funnel[0].rate")
    assert (problem.code, problem.hint_code) == ("value.rate.over_one", "value.rate.meant_percent")
    assert str(refused) == problem.message_text()  # the English, for a traceback
    try:
        parse_month("May")
    except MonthFormatError as error:  # the class's own hint when the raiser gives none
        assert error.problem("--as-of").hint_code == "month.how_to_write"
    # a place the raiser knows (a decoder's line) stays unless the catcher gives one
    assert Refusal(say("text.neither_utf8_nor_cp932"), line=4).problem("a.csv").line == 4
