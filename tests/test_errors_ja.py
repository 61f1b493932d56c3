"""Errors read in Japanese when the report language is Japanese: every problem by code.

A problem's words come from the catalogues (funnelplan.i18n.problems) by its code, never by matching
English text. Every bad-input test is run again with a recorder (tests/problem_recorder.py): each
problem it saw must carry a code, and each code (message and hint) must read as Japanese, with no
part of its English template left in the Japanese.
"""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from funnelplan.errors import Choices, Problem, say
from funnelplan.i18n.problems import catalogue
from runner import ROOT

BAD_INPUT_TESTS = (
    "tests/test_plan_errors.py",
    "tests/test_actuals_read.py",
    "tests/test_exports.py",
    "tests/test_gap.py",
    "tests/test_usage.py",
    "tests/test_hostile.py",
    "tests/test_gap_messages.py",
)

# codes whose words are someone else's, shown as they wrote them (click, libyaml, pydantic): a
# message of theirs that funnelplan has no code for stays in their words in every language
AS_WRITTEN = {"usage.as_click_says", "yaml.libyaml_says", "plan.input.as_pydantic_says"}


def _english_phrases(template: str) -> list[str]:
    """The English template's own words, two or more in a row: they must not reach the Japanese.

    Code the user writes (`actuals: actuals.csv`, `{revenue: '¥60,000,000'}`) reads the same in
    both languages, so backticked and braced parts are left out.
    """
    text = "\0".join(literal for literal, _, _, _ in string.Formatter().parse(template))
    text = re.sub(r"`[^`]*`|\{[^}]*\}", "\0", text)
    return [
        part.strip()
        for part in text.split("\0")
        if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2 and part.strip()
    ]


def _recorded(tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "problems.json"
    env = {
        **os.environ,
        "FUNNELPLAN_PROBLEMS_OUT": str(out),
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "tests"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "problem_recorder", *BAD_INPUT_TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_every_problem_the_bad_input_tests_raise_has_a_code_and_reads_as_japanese(
    tmp_path: Path,
) -> None:
    recorded = _recorded(tmp_path)
    assert len(recorded) > 60  # the recorder saw the bad-input cases, not a handful
    english, japanese = catalogue("en"), catalogue("ja")
    without_code = [found["rendered"] for found in recorded if not found["code"]]
    assert not without_code, "problems without a code:\n" + "\n".join(without_code)
    without_hint_code = [f["rendered"] for f in recorded if f["hint"] and not f["hint_code"]]
    assert not without_hint_code, "hints without a code:\n" + "\n".join(without_hint_code)
    leftovers = []
    for found in recorded:
        for code in filter(None, (found["code"], found["hint_code"])):
            assert code in english and code in japanese, code
            if code in AS_WRITTEN:
                continue
            assert japanese[code] != english[code], code
            leftovers += [
                f"{code}: {phrase!r} in {found['rendered_ja']!r}"
                for phrase in _english_phrases(english[code])
                if phrase in found["rendered_ja"]
            ]
    assert not leftovers, "English left in Japanese:\n" + "\n".join(leftovers)
    codes = {found["code"] for found in recorded} | {found["hint_code"] for found in recorded}
    assert len(codes) > 150  # most codes are met by some bad-input test


def test_the_rate_over_one_reads_as_a_japanese_writer_would_write_it() -> None:
    problem = Problem(
        file="plan.yaml",
        line=7,
        column=43,
        field="funnel[0].rate",
        message=say("value.rate.over_one", rate=Decimal(35)),
        hint=say("value.rate.meant_percent", rate=Decimal(35), fraction=Decimal("0.35")),
        excerpt="  - {id: appointment, owner: sales, rate: 35}",
    )
    assert problem.render("ja").splitlines() == [
        "plan.yaml:7:43: funnel[0].rate: 35 は 1（100%）を超えるため、割合として読めません",
        "      - {id: appointment, owner: sales, rate: 35}",
        "                                              ^",
        "  ヒント：35% のつもりなら % を付けて書くか、0.35 と書いてください",
    ]
    assert "hint: did you mean 35%?" in problem.render()  # English stays the default
    assert (problem.code, problem.hint_code) == ("value.rate.over_one", "value.rate.meant_percent")


def test_user_text_stays_as_written_and_nested_messages_translate() -> None:
    # the file name and the example dates are the user's; the reason after the colon is ours
    mixed = say("crm.dates.mixed_order", first="4/15/2027", second="15/4/2027")
    assert say("crm.in_file", file="exports/g.csv", problem=mixed).render("ja") == (
        "exports/g.csv：ファイルに月が先の日付（4/15/2027）と日が先の日付（15/4/2027）が混ざっています"
    )
    # the operating system's reason: ours where we have the words, else as it says it
    assert say("file.cannot_read", reason="Too many open files").render("ja") == (
        "ファイルを読めません：Too many open files"
    )
    assert say("file.cannot_read", reason=say("os.no_such_file")).render("ja") == (
        "ファイルを読めません：ファイルがありません"
    )
    # a list of choices joins with the language's own separators
    choices = Choices(["'up'", "'none'"])
    assert say("plan.input.one_of", choices=choices).render() == "Input should be 'up' or 'none'"
    assert say("plan.input.one_of", choices=choices).render("ja") == (
        "'up'、'none' のどれかを書いてください"
    )


def _check(plan: Path, *args: str, lang_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": lang_env}
    for variable in ("LC_ALL", "LC_MESSAGES"):
        env.pop(variable, None)
    return subprocess.run(
        [sys.executable, "-m", "funnelplan", "check", str(plan), *args],
        capture_output=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def test_the_cli_follows_lang_then_the_environment(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan: t\ndeal_size: true\n", encoding="utf-8")
    ja = _check(plan, "--lang", "ja", lang_env="C.UTF-8")
    assert ja.returncode == 2
    assert "キー 'period' がありません" in ja.stderr
    assert "ヒント：このマッピングに `period:` を加えてください" in ja.stderr
    assert ja.stderr.endswith("funnelplan: 問題が 4 件あります。何も書き出していません\n")
    from_env = _check(plan, lang_env="ja_JP.UTF-8")
    assert from_env.stderr == ja.stderr
    english = _check(plan, "--lang=en", lang_env="ja_JP.UTF-8")
    assert "missing key 'period'" in english.stderr
    assert english.stderr.endswith("funnelplan: 4 problems, nothing written\n")
