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


def _commands() -> list[str]:
    from funnelplan.cli.app import app

    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


COMMANDS = _commands()


def shown_output(command: str) -> str:
    done = run_cli(*shlex.split(command)[1:])
    assert done.code in (0, 2, 3), f"{command}: exit {done.code}\n{done.stderr[-2000:]}"
    text = "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines())
    return text + "\n" if text else ""


def test_readme_console_blocks_are_real_output() -> None:
    blocks = CONSOLE.findall(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3, "the README tours target, gap and actuals"
    _check_console_blocks(README)


PAGES = sorted((ROOT / "docs").glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_docs_pages_console_blocks_are_real_output(page) -> None:  # type: ignore[no-untyped-def]
    _check_console_blocks(page)


def _check_console_blocks(page) -> None:  # type: ignore[no-untyped-def]
    """Every `$ funnelplan ...` console block of `page` is what the command prints today.

    Commands run from the repository's root, so paths in a docs page read `plans/...` too.
    """
    text = page.read_text(encoding="utf-8")
    if updating():
        page.write_text(
            CONSOLE.sub(lambda m: m[1] + _shown_as(m[3], m[2]) + m[4], text), encoding="utf-8"
        )
        return
    for _, command, body, _ in CONSOLE.findall(text):
        assert body == _shown_as(body, command), f"{page.name}: the output of `{command}` is stale"


CUT = "…\n"  # a block that ends with a line `…` shows the first lines of the output only


def _shown_as(body: str, command: str) -> str:
    """The command's output as the block shows it: whole, or its first lines then `…`."""
    output = shown_output(command)
    if not body.endswith(CUT):
        return output
    kept = body.count("\n") - 1
    lines = output.splitlines(keepends=True)
    assert len(lines) > kept, f"`{command}` prints {len(lines)} lines: show it whole"
    return "".join(lines[:kept]) + CUT


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_docs(command: str) -> None:
    pages = [README, *sorted((ROOT / "docs").glob("*.md"))]
    assert any(f"funnelplan {command}" in page.read_text(encoding="utf-8") for page in pages)
    done = run_cli(command, "--help")
    assert done.code == 0 and "Usage" in done.stdout
    summary = done.stdout.split("\n\n")[1].strip()
    assert len(summary) > 20, f"`funnelplan {command} --help` has no description"
