"""Shared fixtures: the shipped plans, writing plan text to a file, running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PLANS = ROOT / "plans"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str | os.PathLike[str], cwd: Path | None = None) -> Run:
    """`python -m funnelplan ARGS` in a subprocess: the real entry point, exit codes and streams."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)  # the report language follows LANG/LC_ALL: keep tests in English
    env.pop("LC_MESSAGES", None)
    done = subprocess.run(
        [sys.executable, "-m", "funnelplan", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env=env,
        encoding="utf-8",
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[[str], Path]:
    """Write plan text to tmp_path/plan.yaml and return its path."""

    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
