"""What a new user and an attacker found in `funnelplan assess` (each fails before its fix)."""

from __future__ import annotations

from pathlib import Path

from runner import PLANS, run_cli


def test_template_never_overwrites_a_filled_in_answers_sheet(tmp_path: Path) -> None:
    # `assess --template -o answers.csv` on a sheet holding 30 people's answers used to replace
    # it with a blank one (exit 0): the answers were gone. Like `init`, it never overwrites.
    answers = tmp_path / "answers.csv"
    answers.write_bytes((PLANS / "example-assessment.csv").read_bytes())
    before = answers.read_bytes()
    done = run_cli("assess", "--template", "-o", answers)
    assert done.code == 2, done.stderr
    assert "already exists" in done.stderr and "Traceback" not in done.stderr
    assert answers.read_bytes() == before
    ja = run_cli("assess", "--template", "-o", answers, "--lang", "ja")
    assert ja.code == 2 and "すでにあります" in ja.stderr


def test_template_writes_a_new_file(tmp_path: Path) -> None:
    sheet = tmp_path / "new.csv"
    assert run_cli("assess", "--template", "-o", sheet).code == 0
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbfteam,G1 ")
