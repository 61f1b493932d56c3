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


IDS = [f"{area}{n}" for area in "GPHSC" for n in range(1, 5)]


def test_a_row_longer_than_the_header_is_a_problem_at_its_row(tmp_path: Path) -> None:
    # `営業,2,...,2` with 21 ratings under 20 statement headers (an unquoted "4,5" typed into a
    # cell shifts every later answer one column): it used to be read, the last cell dropped.
    sheet = tmp_path / "answers.csv"
    lines = [
        "team," + ",".join(IDS),
        "営業," + ",".join(["3"] * 20),
        "営業," + ",".join(["2"] * 21),
    ]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("assess", sheet)
    assert done.code == 2 and "Traceback" not in done.stderr
    assert f"{sheet}:3:22: this row has 22 fields but the header has 21" in done.stderr
    for flag in ((), ("--skip-incomplete",)):  # never silently shifted, nor silently skipped
        assert run_cli("assess", sheet, *flag).code == 2


def test_trailing_empty_cells_are_not_extra_fields(tmp_path: Path) -> None:
    # Excel writes `,,` after the last answer when a cell further right was ever touched.
    sheet = tmp_path / "answers.csv"
    lines = ["team," + ",".join(IDS), "営業," + ",".join(["3"] * 20) + ",,"]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("assess", sheet, "-f", "json")
    assert done.code == 0, done.stderr
    assert '"score": 60' in done.stdout  # 20 × 3 = 60
