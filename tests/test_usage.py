"""Command-line mistakes and output paths: one clean problem, exit 2, nothing written, no traceback.

These held tracebacks once: Typer 0.2x carries its own click and pip installs no `click`, so an
`import click` in the error handler crashed on every mistake (issue 9).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from runner import PLANS, ROOT, run_cli

PLAN = PLANS / "example.yaml"
CRM_PLAN = PLANS / "example-crm.yaml"


def _clean_problem(run, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    assert run.code == 2, run
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize("command", ["target", "gap", "check", "actuals", "schema", "init"])
def test_an_unknown_option_is_a_usage_problem_for_every_command(command: str) -> None:
    args = [command, "--bogus"] if command in ("schema", "init") else [command, PLAN, "--bogus"]
    run = run_cli(*args)
    _clean_problem(run, f"funnelplan {command}: --bogus: no such option", "--help")
    assert run.stderr.endswith("funnelplan: 1 problem, nothing written\n")


@pytest.mark.parametrize("command", ["target", "gap", "check", "actuals"])
def test_a_missing_plan_argument_is_a_usage_problem(command: str) -> None:
    run = run_cli(command)
    _clean_problem(run, f"funnelplan {command}: PLAN_PATH: missing: this command needs it")


def test_a_typo_in_an_option_suggests_the_option() -> None:
    run = run_cli("target", PLAN, "--formt", "csv")
    _clean_problem(run, "--formt: no such option", "did you mean --format?")


def test_a_value_outside_the_choices_names_them_and_the_closest() -> None:
    run = run_cli("target", PLAN, "-f", "pdf")
    _clean_problem(run, "--format: 'pdf' is not one of table, markdown, csv, json, html, xlsx")
    assert "choose one of table, markdown, csv, json, html, xlsx" in run.stderr
    run = run_cli("gap", PLAN, "--rates", "actul")
    _clean_problem(run, "--rates: 'actul' is not one of plan, actual", "did you mean actual?")


def test_an_option_without_its_value() -> None:
    _clean_problem(run_cli("target", PLAN, "-o"), "-o: needs a value after it")


def test_an_unknown_command_suggests_the_command() -> None:
    run = run_cli("tagret", PLAN)
    _clean_problem(run, "funnelplan: tagret: no such command", "did you mean target?")


def test_the_bare_command_shows_what_it_can_do_as_a_usage_mistake() -> None:
    run = run_cli()
    assert run.code == 2
    assert "Traceback" not in run.stderr
    assert "Commands" in run.stderr and "target" in run.stderr and "gap" in run.stderr


def test_help_and_version_still_exit_0() -> None:
    assert run_cli("--help").code == 0
    assert run_cli("target", "--help").code == 0
    assert run_cli("--version").stdout.startswith("funnelplan ")


def test_lang_before_the_command_is_the_command_s_lang() -> None:
    # `funnelplan --lang ja target plan.yaml` reads as `funnelplan target --lang ja plan.yaml`
    english_plan = PLANS / "example-en.yaml"
    before = run_cli("--lang", "ja", "target", english_plan, "--format", "markdown")
    after = run_cli("target", english_plan, "--lang", "ja", "--format", "markdown")
    assert before.code == 0 and before.stdout == after.stdout
    assert "期間" in before.stdout
    assert run_cli("--lang=ja", "target", english_plan, "-f", "markdown").stdout == after.stdout


def test_lang_before_help_lists_the_commands_in_that_language() -> None:
    listed = run_cli("--lang", "ja", "--help")
    assert listed.code == 0 and "使い方" in listed.stdout and "target" in listed.stdout
    assert "Usage" in run_cli("--lang", "en", "--help").stdout


def test_lang_before_the_command_with_a_bad_or_missing_value() -> None:
    _clean_problem(run_cli("--lang", "fr", "--help"), "funnelplan: --lang: 'fr' is not one of")
    _clean_problem(run_cli("--lang"), "funnelplan: --lang: needs a value after it")
    # a command that takes no --lang says so, as it does for the option after its name
    _clean_problem(run_cli("--lang", "ja", "schema"), "funnelplan schema: --lang: ")


def _run_with_env(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", **env}
    full.pop("LC_ALL", None)
    full.pop("LC_MESSAGES", None)
    return subprocess.run(
        [sys.executable, "-m", "funnelplan", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=ROOT,
        env=full,
        check=False,
    )


def test_usage_problems_in_japanese_under_a_japanese_lang() -> None:
    done = _run_with_env("target", str(PLAN), "--formt", "csv", LANG="ja_JP.UTF-8")
    assert done.returncode == 2
    assert "そのようなオプションはありません" in done.stderr
    assert "--format のことですか？" in done.stderr
    assert "問題が 1 件あります" in done.stderr


# --- output paths ------------------------------------------------------------------------------


def test_output_into_a_missing_folder(tmp_path: Path) -> None:
    run = run_cli("target", PLAN, "-o", tmp_path / "nowhere" / "x.csv")
    _clean_problem(run, "-o: the folder", "does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_output_onto_a_folder(tmp_path: Path) -> None:
    run = run_cli("target", PLAN, "-f", "csv", "-o", tmp_path)
    _clean_problem(run, "-o: is a folder, not a file")
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    kept = tmp_path / "report.csv"
    kept.write_text("keep me")
    kept.chmod(0o444)
    run = run_cli("target", PLAN, "-o", kept)
    _clean_problem(run, "-o: the file is read-only")
    assert kept.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]  # no temporary left


def test_output_naming_the_plan_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PLAN.read_bytes())
    run = run_cli("target", plan, "-f", "csv", "-o", plan)
    _clean_problem(run, "which this command reads")
    assert plan.read_bytes() == PLAN.read_bytes()


def test_output_naming_the_actuals_is_refused(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_bytes((PLANS / "example-actuals.csv").read_bytes())
    run = run_cli("gap", PLAN, "--actuals", actuals, "-o", actuals)
    _clean_problem(run, "which this command reads")
    assert actuals.read_bytes() == (PLANS / "example-actuals.csv").read_bytes()
    # the plan's own `actuals:` file, reached through another spelling of its path
    run = run_cli("gap", PLAN, "-f", "csv", "-o", "plans/../plans/example-actuals.csv")
    _clean_problem(run, "which this command reads")


def test_output_naming_a_crm_export_is_refused() -> None:
    # every export the CRM example maps (and only those: -o over any other file is allowed)
    exports = [
        PLANS / "exports" / "hubspot-contacts.csv",
        PLANS / "exports" / "hubspot-deals-ja.csv",
    ]
    before = {p: p.read_bytes() for p in exports}
    for export in exports:
        run = run_cli("actuals", CRM_PLAN, "-f", "csv", "-o", export)
        _clean_problem(run, "which this command reads")
    assert {p: p.read_bytes() for p in exports} == before


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    run = run_cli("target", PLAN, "-o", link)
    assert run.code == 0, run
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8-sig").startswith("month,inquiry,")


def test_a_device_is_written_through_not_replaced() -> None:
    run = run_cli("target", PLAN, "-f", "csv", "-o", "/dev/null")
    assert run.code == 0, run
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = run_cli("target", PLAN, "-f", "json", "-o", fifo)
    reader.join(timeout=30)
    assert run.code == 0, run
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"{")


def test_init_into_a_missing_folder(tmp_path: Path) -> None:
    run = run_cli("init", tmp_path / "no_such_dir" / "plan.yaml")
    _clean_problem(run, "PATH: the folder", "does not exist")


def test_a_closed_pipe_exits_quietly() -> None:
    for args in (["target", str(PLAN)], ["gap", str(PLAN)], ["target", str(PLAN), "-f", "json"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "funnelplan", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "LANG": "C.UTF-8"},
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(5)
        process.stdout.close()  # as `| head -c 5` does
        code = process.wait(timeout=60)
        error = process.stderr.read().decode()
        assert code == 0, error
        assert error == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_stdout_is_a_problem_not_a_traceback() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "funnelplan", "target", str(PLAN)],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            env={**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"},
            check=False,
        )
    assert done.returncode == 2
    assert "<stdout>: cannot write the report: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("target", "plans/example.yaml"),
        ("gap", "plans/example.yaml", "-f", "json"),
        ("target", "plans/example.yaml", "--formt", "csv"),
        (),
    ],
)
def test_the_console_script_and_the_in_process_runner_agree(args: tuple[str, ...]) -> None:
    """The suite runs the CLI in-process for speed; the real `python -m funnelplan` must match."""
    from runner import run_cli_subprocess

    assert run_cli_subprocess(*args) == run_cli(*args)


def test_dev_stdout_is_the_stream_itself_on_a_pipe_and_in_an_appended_file(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "funnelplan", "target", str(PLAN), "-f", "csv"]
    piped = subprocess.run(
        [*command, "-o", "/dev/stdout"], cwd=ROOT, capture_output=True, env=env, check=False
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("\ufeffmonth,".encode())
    appended = tmp_path / "both.csv"
    appended.write_text("first line\n", encoding="utf-8")
    with open(appended, "a", encoding="utf-8") as stream:
        done = subprocess.run(
            [*command, "-o", "/dev/stdout"], cwd=ROOT, stdout=stream, env=env, check=False
        )
    assert done.returncode == 0
    text = appended.read_text(encoding="utf-8")
    assert text.startswith("first line\n\ufeffmonth,")  # appended, not replaced


def test_a_symlink_into_a_missing_folder_names_that_folder(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "gone" / "x.csv")
    run = run_cli("target", PLAN, "-o", link)
    _clean_problem(run, f"the folder {tmp_path / 'gone'} does not exist")


def test_a_flag_given_a_value_says_what_click_says() -> None:
    run = run_cli("--version=1")
    _clean_problem(run, "Option '--version' does not take a value")
    assert "needs a value" not in run.stderr


def test_a_columns_setting_that_is_not_a_number_is_ignored() -> None:
    done = _run_with_env("target", str(PLAN), COLUMNS="abc", LANG="C.UTF-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("FY2027")
