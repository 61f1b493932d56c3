"""A pytest plugin that records every Problem the bad-input tests raise (see test_errors_ja.py).

Loaded with `-p problem_recorder` in a separate pytest run: it wraps FunnelplanError so each problem
is kept, runs the command-line tests' `run_cli` in-process (so problems raised by `python -m
funnelplan` are seen too), and writes each problem's codes, its message and hint, and the problem
rendered in English and in Japanese, as JSON to $FUNNELPLAN_PROBLEMS_OUT.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

from funnelplan import errors
from runner import ROOT, Run

_seen: dict[tuple[str, str], tuple[str, str, str]] = {}


def _record(self: errors.FunnelplanError, problems: list[errors.Problem]) -> None:
    for problem in problems:
        key = (problem.message_text(), problem.hint_text())
        _seen.setdefault(
            key, (problem.render(), problem.render("ja"), problem.code, problem.hint_code)
        )
    _original(self, problems)


_original = errors.FunnelplanError.__init__


def run_cli_in_process(*args: str | os.PathLike[str], cwd: Path | None = None) -> Run:
    """What runner.run_cli does, in this process: the same environment, streams and exit code."""
    from funnelplan.cli.app import main

    saved_env, saved_argv, saved_cwd = dict(os.environ), sys.argv, os.getcwd()
    os.environ.update({"NO_COLOR": "1", "COLUMNS": "160", "LANG": "C.UTF-8"})
    for variable in ("LC_ALL", "LC_MESSAGES"):
        os.environ.pop(variable, None)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        os.chdir(cwd or ROOT)
        sys.argv = ["funnelplan", *map(str, args)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        os.chdir(saved_cwd)
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_env)
    return Run(code, _text_mode(out.getvalue()), _text_mode(err.getvalue()))


def _text_mode(text: str) -> str:
    """Newlines as a subprocess read in text mode has them (CSV's CRLF becomes LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def pytest_configure(config: pytest.Config) -> None:
    errors.FunnelplanError.__init__ = _record  # type: ignore[method-assign]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and hasattr(module, "run_cli"):
            module.run_cli = run_cli_in_process


def pytest_sessionfinish(session: pytest.Session) -> None:
    errors.FunnelplanError.__init__ = _original  # type: ignore[method-assign]
    out = os.environ.get("FUNNELPLAN_PROBLEMS_OUT")
    if out:
        found = [
            {
                "message": message,
                "hint": hint,
                "rendered": rendered,
                "rendered_ja": rendered_ja,
                "code": code,
                "hint_code": hint_code,
            }
            for (message, hint), (rendered, rendered_ja, code, hint_code) in _seen.items()
        ]
        Path(out).write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
