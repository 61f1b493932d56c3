"""Where a rendered report goes: `-o FILE` (atomically, never over an input) or stdout.

Every report command ends with `emit(renderable, format, output, inputs)`; the format's renderer is
chosen in `formats/registry.py`, not here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from funnelplan.cli.output import refuse_inputs, write_atomically
from funnelplan.errors import InputError, Problem, say
from funnelplan.formats import Format
from funnelplan.formats.registry import Renderable, render_text
from funnelplan.model.plan import Plan


def emit(
    renderable: Renderable, chosen: Format, output: Path | None, inputs: Sequence[Path]
) -> None:
    """The rendered report to `-o FILE` (atomically, never over one of `inputs`) or to stdout.

    On a terminal the table takes the terminal's width and colour (unless NO_COLOR) and wraps its
    prose; on a pipe or in a file it is 160 columns (or $COLUMNS), one sentence a line, with no
    escape codes (unless FORCE_COLOR, on stdout). A workbook (bytes) goes to a file or a pipe,
    never to a terminal.
    """
    refuse_inputs(output, inputs)
    to_terminal = output is None and sys.stdout.isatty()
    if to_terminal and chosen is Format.xlsx:
        raise InputError(
            [
                Problem(
                    file="<stdout>",
                    field="--format",
                    message=say("xlsx.terminal"),
                    hint=say("xlsx.give_file"),
                )
            ]
        )
    if to_terminal:
        import shutil

        width = shutil.get_terminal_size().columns
    elif output is None:
        width = _columns(os.environ.get("COLUMNS", ""))
    else:
        width = 160
    color = _colour(to_terminal) if output is None else False
    text = render_text(renderable, chosen, width=width, color=color, terminal=to_terminal)
    if output is None:
        write_stdout(text)
        return
    write_atomically(output, text, bom=chosen is Format.csv)


def write_stdout(text: str | bytes) -> None:
    """The report on stdout (bytes through its buffer); a full disk or a closed terminal is a
    problem (a closed pipe is not: BrokenPipeError goes up to the CLI, which ends quietly, as
    `| head` expects)."""
    try:
        if isinstance(text, bytes):
            binary = getattr(sys.stdout, "buffer", None)
            if binary is None:  # a text-only stream (an embedding program's): no bytes there
                raise InputError(
                    [
                        Problem(
                            file="<stdout>",
                            field="--format",
                            message=say("xlsx.text_stream"),
                            hint=say("xlsx.give_file"),
                        )
                    ]
                )
            sys.stdout.flush()
            binary.write(text)
            binary.flush()
            return
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _stdout_problem(error) from None


def flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _stdout_problem(error) from None


def _stdout_problem(error: OSError) -> InputError:
    silence_stdout()
    reason = error.strerror or type(error).__name__
    return InputError(
        [
            Problem(
                file="<stdout>",
                message=say("output.cannot_write_stdout", reason=reason),
                hint=say("output.write_with_o"),
            )
        ]
    )


def silence_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit has nothing to fail on."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _colour(to_terminal: bool) -> bool:
    """Colour on a terminal; NO_COLOR (any value) turns it off, FORCE_COLOR (not empty) on."""
    if os.environ.get("NO_COLOR") is not None:
        return False
    return to_terminal or os.environ.get("FORCE_COLOR", "") != ""


def _columns(setting: str) -> int:
    """$COLUMNS for a piped table: a whole number from 20 up; anything else is the default 160."""
    try:
        columns = int(setting)
    except ValueError:
        return 160
    return columns if columns >= 20 else 160


def input_files(plan: Plan, plan_path: Path) -> list[Path]:
    """Every file a report on `plan` reads: the plan, its actuals table or its CRM exports."""
    files = [plan_path]
    mapping = plan.actuals
    if isinstance(mapping, str):
        files.append(plan_path.parent / mapping)
    elif mapping is not None:
        for source in (mapping, getattr(mapping, "revenue", None)):
            if source is not None and getattr(source, "file", None):
                files.append(plan_path.parent / source.file)
    return files
