"""The library face: the README's Python block runs, and render() is what the command prints."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

import funnelplan
from runner import PLANS, ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_python_block_prints_what_the_command_prints() -> None:
    block = re.search(r"## Use it from Python.*?```python\n(.*?)```", README, re.DOTALL)
    assert block is not None
    out = io.StringIO()
    saved = os.getcwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out):
            exec(compile(block.group(1), "README.md", "exec"), {})
    finally:
        os.chdir(saved)
    command = run_cli("gap", "plans/example.yaml", "-f", "markdown")
    assert out.getvalue() == command.stdout + "\n"  # print() adds one newline


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html", "table"])
def test_render_of_a_target_is_the_commands_text(fmt: str) -> None:
    plan = funnelplan.load_plan(PLANS / "example-en.yaml")
    text = funnelplan.render(funnelplan.build_target(plan), fmt, plan=plan)
    command = run_cli("target", PLANS / "example-en.yaml", "-f", fmt)
    assert text.replace("\r\n", "\n") == command.stdout


def test_bad_input_raises_the_problems() -> None:
    with pytest.raises(funnelplan.InputError) as raised:
        funnelplan.load_plan(ROOT / "tests" / "data" / "bad-plan.yaml")
    assert {p.field for p in raised.value.problems} >= {"deal_size", "funnel[0].rate"}


def test_render_refuses_what_is_not_a_report() -> None:
    with pytest.raises(TypeError):
        funnelplan.render({"not": "a report"}, "json")
