"""Shell completion (issue 11, item 5): Typer's completion is on, `--segment` completes the plan's
segment ids, and `funnelplan` alone is still the help on stderr with exit 2.

The completion is run the way the shells' scripts run it: the environment variables Typer reads
(`_FUNNELPLAN_COMPLETE`, bash's COMP_WORDS/COMP_CWORD, zsh's and fish's _TYPER_COMPLETE_ARGS), and
once through bash itself with the script `--show-completion bash` prints.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from runner import ROOT, run_cli

FUNNELPLAN = Path(sys.executable).parent / "funnelplan"


def complete(shell: str, typed: str, **extra: str) -> list[str]:
    """What `funnelplan` answers a shell asking to complete `typed` (in a subprocess, as shells do)."""
    env = {**os.environ, "_FUNNELPLAN_COMPLETE": f"complete_{shell}", "LANG": "C.UTF-8", **extra}
    if shell == "bash":
        words = typed.split(" ")
        env |= {"COMP_WORDS": typed, "COMP_CWORD": str(len(words) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = typed
    done = subprocess.run(
        [sys.executable, "-m", "funnelplan"],
        capture_output=True,
        cwd=ROOT,
        env=env,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_bash_completes_commands_options_and_segment_ids() -> None:
    assert complete("bash", "funnelplan ta") == ["target"]
    assert "--segment" in complete("bash", "funnelplan target plans/example.yaml --")
    # example.yaml's segments: enterprise (大企業) and smb (中小企業)
    assert complete("bash", "funnelplan target plans/example.yaml --segment ") == [
        "enterprise",
        "smb",
    ]
    assert complete("bash", "funnelplan target plans/example.yaml --segment s") == ["smb"]


def test_zsh_and_fish_complete_segment_ids_with_their_labels() -> None:
    zsh = complete("zsh", "funnelplan target plans/example.yaml --segment e")
    assert zsh == ['_arguments \'*: :(("enterprise":"大企業"))\'']
    fish = complete(
        "fish",
        "funnelplan target plans/example.yaml --segment ",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    assert fish == ["enterprise\t大企業", "smb\t中小企業"]


def test_a_plan_that_does_not_load_completes_nothing_and_prints_no_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: [\n", encoding="utf-8")
    assert complete("bash", f"funnelplan target {broken} --segment ") == []
    assert complete("bash", "funnelplan target plans/example-en.yaml --segment ") == []  # none


@pytest.mark.skipif(shutil.which("bash") is None or not FUNNELPLAN.exists(), reason="no bash")
def test_the_bash_script_completes_in_bash() -> None:
    script = subprocess.run(
        [FUNNELPLAN, "--show-completion", "bash"],
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout
    assert "complete -o default -F _funnelplan_completion funnelplan" in script
    shell = (
        f"{script}\n"
        'COMP_WORDS=(funnelplan target plans/example.yaml --segment ""); COMP_CWORD=4\n'
        "_funnelplan_completion funnelplan\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{FUNNELPLAN.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", shell], capture_output=True, cwd=ROOT, env=env, encoding="utf-8", check=False
    )
    assert done.stdout.split() == ["enterprise", "smb"], done.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_each_shells_script(
    shell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Typer detects the shell it runs under; this variable of Typer's lets the test name it
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    run = run_cli("--show-completion", shell)
    assert run.code == 0
    assert "_FUNNELPLAN_COMPLETE" in run.stdout
    assert f"complete_{shell}" in run.stdout


def test_the_bare_command_is_still_help_on_stderr_and_exit_2() -> None:
    run = run_cli()
    assert run.code == 2
    assert run.stdout == ""
    assert "--install-completion" in run.stderr and "Commands:" in run.stderr
