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


def test_interactive_refuses_a_device_a_fifo_or_a_missing_folder_before_asking(
    tmp_path: Path,
) -> None:
    # It used to ask all 20 statements and then fail with "internal error (ReadError ...)",
    # exit 1, the answers lost.
    import os

    fifo = tmp_path / "answers.fifo"
    os.mkfifo(fifo)
    for target, said in (
        ("/dev/zero", "a device is not a file that can be read"),
        (str(fifo), "a pipe (FIFO) is not a file that can be read"),
        (str(tmp_path / "nope" / "a.csv"), "there is no folder"),
    ):
        done = run_cli("assess", "--interactive", target, "--team", "営業")
        assert done.code == 2, (target, done.stderr)
        assert said in done.stderr and "internal error" not in done.stderr
        assert "[1/20]" not in done.stderr  # nothing asked


def test_interactive_refuses_a_sheet_it_could_not_read_back_before_asking(tmp_path: Path) -> None:
    from funnelplan.cli.assess_prompt import answer_in_terminal
    from funnelplan.errors import InputError
    from funnelplan.load.assessment import load_assessment

    asked: list[str] = []
    for header in ("a,b", "team," + ",".join(IDS[:-1])):  # no team column; no C4 column
        sheet = tmp_path / "answers.csv"
        sheet.write_text(header + "\n", encoding="utf-8")
        try:
            answer_in_terminal(
                load_assessment(), sheet, "営業", "en", ask=lambda p: asked.append(p) or "3"
            )
        except InputError as error:
            assert error.problems
        else:
            raise AssertionError(f"{header}: a row was added to a sheet that cannot be read")
        assert sheet.read_text(encoding="utf-8") == header + "\n" and not asked


def test_template_is_csv_only(tmp_path: Path) -> None:
    # `--template -o sheet.json` used to write CSV into a .json file (exit 0); `-f json` was ignored.
    for args in (("-o", tmp_path / "sheet.json"), ("-f", "json"), ("-o", tmp_path / "s.md")):
        done = run_cli("assess", "--template", *args)
        assert done.code == 2 and "is a CSV file" in done.stderr, args
    assert not list(tmp_path.iterdir())
    assert run_cli("assess", "--template", "-f", "csv").stdout.startswith("team,G1 ")
    assert run_cli("assess", "--template", "-o", tmp_path / "UPPER.CSV").code == 0


def _statements_with_escape(tmp_path: Path) -> Path:
    ours = Path(__file__).parent.parent / "src" / "funnelplan" / "data" / "assessment.yaml"
    text = ours.read_text(encoding="utf-8")
    line = "    en: Sales and marketing work toward one revenue goal that both teams can state."
    assert line in text
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace(line, '    en: "Sales\\e[2J work toward one goal."'), "utf-8")
    return mine


def test_a_statement_text_with_an_escape_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    # `"\e[2J"` is a valid YAML escape in a team's own statements file: the template (to stdout)
    # and the --interactive prompt (to stderr) printed it raw, clearing the screen.
    mine = _statements_with_escape(tmp_path)
    template = run_cli("assess", "--statements", mine, "--template")
    assert template.code == 0, template.stderr
    assert "\x1b" not in template.stdout and "G1 Sales\\x1b[2J work" in template.stdout
    from funnelplan.cli.assess_prompt import answer_in_terminal
    from funnelplan.load.assessment import load_assessment

    told: list[str] = []
    answer_in_terminal(
        load_assessment(mine), tmp_path / "a.csv", "営業", "en", ask=lambda _: "q", tell=told.append
    )
    assert told and not any("\x1b" in line for line in told)
    assert any("Sales\\x1b[2J work" in line for line in told)


def test_more_rows_than_any_survey_is_refused_quickly(tmp_path: Path) -> None:
    # 500,000 rows (24 MB, under the 50 MiB size bound) took 24 s and 700 MB before the report.
    from funnelplan.load import assessment as loader

    sheet = tmp_path / "answers.csv"
    row = "営業," + ",".join(["3"] * 20) + "\n"
    sheet.write_text("team," + ",".join(IDS) + "\n" + row * 12, encoding="utf-8")
    saved = loader.MAX_RESPONDENTS
    loader.MAX_RESPONDENTS = 10  # the same rule, at a size a test can write
    try:
        done = run_cli("assess", sheet)
    finally:
        loader.MAX_RESPONDENTS = saved
    assert done.code == 2 and "more than 10 rows of answers" in done.stderr
    assert f"{sheet}:12:" in done.stderr  # the header, 10 people, and the 11th: line 12
    assert run_cli("assess", sheet).code == 0  # 12 people are a survey
