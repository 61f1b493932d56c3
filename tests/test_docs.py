"""Docs that cannot rot: every ```console block in the README that starts with `$ funnelplan ...`
shows what that command prints today (stdout, then stderr). `FUNNELPLAN_UPDATE_GOLD=1 python -m
pytest tests/test_docs.py` rewrites the blocks from the current code.
"""

from __future__ import annotations

import re
import shlex

import pytest

from gold import updating
from runner import ROOT, run_cli

README = ROOT / "README.md"
CONSOLE = re.compile(r"(```console\n\$ (funnelplan [^\n]*)\n)(.*?)(```\n)", re.DOTALL)
COMMANDS = ("target", "gap", "actuals", "check", "init", "schema")


def shown_output(command: str) -> str:
    done = run_cli(*shlex.split(command)[1:])
    assert done.code in (0, 2, 3), f"{command}: exit {done.code}\n{done.stderr[-2000:]}"
    text = "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines())
    return text + "\n" if text else ""


def test_readme_console_blocks_are_real_output() -> None:
    readme = README.read_text(encoding="utf-8")
    blocks = CONSOLE.findall(readme)
    assert len(blocks) >= 5, "the README shows target, gap, actuals and check output"
    if updating():
        README.write_text(
            CONSOLE.sub(lambda m: m[1] + shown_output(m[2]) + m[4], readme), encoding="utf-8"
        )
        return
    for _, command, body, _ in blocks:
        assert body == shown_output(command), f"the README's output of `{command}` is stale"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_docs(command: str) -> None:
    assert f"funnelplan {command}" in README.read_text(encoding="utf-8")
    done = run_cli(command, "--help")
    assert done.code == 0 and "Usage" in done.stdout
    summary = done.stdout.split("\n\n")[1].strip()
    assert len(summary) > 20, f"`funnelplan {command} --help` has no description"
