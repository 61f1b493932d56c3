"""Running the real command line in a subprocess: the entry point, exit codes and both streams."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent.parent
PLANS = ROOT / "plans"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str | os.PathLike[str], cwd: Path | None = None) -> Run:
    """The command line, run in this process (fast): the same environment, streams and exit code.

    What `run_cli_subprocess` gives for the same arguments; tests of the console script itself
    (pipes, a full stdout, start-up) use that one.
    """
    from problem_recorder import run_cli_in_process

    return run_cli_in_process(*args, cwd=cwd)


def run_cli_subprocess(*args: str | os.PathLike[str], cwd: Path | None = None) -> Run:
    """`python -m funnelplan ARGS` with no colour and a fixed width."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "LANG": "C.UTF-8"}
    for variable in ("LC_ALL", "LC_MESSAGES"):  # they outrank LANG: keep reports in English
        env.pop(variable, None)
    done = subprocess.run(
        [sys.executable, "-m", "funnelplan", *map(str, args)],
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        encoding="utf-8",
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)
