"""Errors read in Japanese when the report language is Japanese, from one catalogue (errors_ja).

The catalogue is checked against what the code really says: every bad-input test is run again
with a recorder (tests/problem_recorder.py) and each message and hint it produced must have a
Japanese entry, so a new English message without one fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from funnelplan.errors import Problem
from funnelplan.i18n.errors_ja import JA, fields, translate
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


def test_every_problem_the_bad_input_tests_raise_has_japanese(tmp_path: Path) -> None:
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
    recorded = json.loads(out.read_text(encoding="utf-8"))
    assert len(recorded) > 60  # the recorder saw the bad-input cases, not a handful
    texts = {  # legacy English text only: a message with a code has its words by code
        found[text]
        for found in recorded
        for text, code in (("message", "code"), ("hint", "hint_code"))
        if not found[code]
    }
    untranslated = sorted(text for text in texts if translate(text) is None)
    assert not untranslated, "add these to funnelplan/errors_ja.py:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("english", list(JA))
def test_japanese_keeps_every_field_of_the_english(english: str) -> None:
    shown = {name for name in fields(english) if not name.startswith("_")}
    assert set(fields(JA[english])) == shown, english


def test_the_rate_over_one_reads_as_a_japanese_writer_would_write_it() -> None:
    problem = Problem(
        file="plan.yaml",
        line=7,
        column=43,
        field="funnel[0].rate",
        message="35 is more than 1 (100%), so it cannot be a share",
        hint="did you mean 35%? write it with the percent sign, or as 0.35",
        excerpt="  - {id: appointment, owner: sales, rate: 35}",
    )
    assert problem.render("ja").splitlines() == [
        "plan.yaml:7:43: funnel[0].rate: 35 は 1（100%）を超えるため、割合として読めません",
        "      - {id: appointment, owner: sales, rate: 35}",
        "                                              ^",
        "  ヒント：35% のつもりなら % を付けて書くか、0.35 と書いてください",
    ]
    assert "hint: did you mean 35%?" in problem.render()  # English stays the default


def test_user_text_stays_as_written_and_nested_messages_translate() -> None:
    # the file name and the example date are the user's; the reason after the colon is ours
    assert translate(
        "exports/g.csv: the file has both month-first (4/15/2027) and day-first (15/4/2027) dates"
    ) == (
        "exports/g.csv：ファイルに月が先の日付（4/15/2027）と日が先の日付（15/4/2027）が混ざっています"
    )
    # a general template only matches when its inner message has an entry too
    assert translate("exports/g.csv: something new went wrong") is None
    assert translate("cannot read the file: Too many open files") == (
        "ファイルを読めません：Too many open files"
    )
    assert translate("Input should be 'up' or 'none'") == "'up'、'none' のどれかを書いてください"


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
