"""Escape sequences in user text never reach a terminal raw from the new reports' CSV."""

from __future__ import annotations

from pathlib import Path

from runner import PLANS, run_cli

ESC = "\x1b"


def test_whatif_csv_shows_an_escape_in_a_scenario_name_as_text(tmp_path: Path) -> None:
    # `"st\e[2Jretch"` is a valid YAML key; the CSV used to carry the raw ESC to stdout.
    plan = tmp_path / "plan.yaml"
    text = (PLANS / "example-scenarios.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("  stretch:", '  "st\\e[2Jretch":'), encoding="utf-8")
    done = run_cli("whatif", plan, "-f", "csv")
    assert done.code == 0, done.stderr
    assert ESC not in done.stdout
    assert "commitment,st\\x1b[2Jretch,inquiry,marketing,1500," in done.stdout


def test_target_csv_shows_an_escape_in_a_channel_id_as_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = (PLANS / "example-capacity.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("{id: SEO,", '{id: "S\\e[2JEO",'), encoding="utf-8")
    done = run_cli("target", plan, "-f", "csv")
    assert done.code == 0, done.stderr
    assert ESC not in done.stdout and "S\\x1b[2JEO" in done.stdout


def test_assess_csv_shows_an_escape_in_a_team_name_as_text(tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    text = (PLANS / "example-assessment.csv").read_bytes().decode("cp932")
    answers.write_text(
        text.replace(",マーケティング,", ",マーケ\x1b[2Jティング,"), encoding="utf-8"
    )
    for fmt in ("csv", "table", "markdown", "html", "json"):
        done = run_cli("assess", answers, "-f", fmt)
        assert done.code == 0, done.stderr
        assert ESC not in done.stdout, fmt
    assert "マーケ\\x1b[2Jティング" in run_cli("assess", answers, "-f", "csv").stdout
