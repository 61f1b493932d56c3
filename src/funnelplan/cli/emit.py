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
from funnelplan.formats import Format
from funnelplan.formats.registry import Renderable, render_text
from funnelplan.model.plan import Plan


def emit(
    renderable: Renderable, chosen: Format, output: Path | None, inputs: Sequence[Path]
) -> None:
    """The rendered report to `-o FILE` (atomically, never over one of `inputs`) or to stdout.

    On a terminal the table takes the terminal's width and colour (unless NO_COLOR); on a pipe or
    in a file it is 160 columns (or $COLUMNS) with no escape codes.
    """
    refuse_inputs(output, inputs)
    to_terminal = output is None and sys.stdout.isatty()
    if to_terminal:
        import shutil

        width = shutil.get_terminal_size().columns
    elif output is None:
        width = int(os.environ.get("COLUMNS", 0) or 0) or 160
    else:
        width = 160
    color = to_terminal and "NO_COLOR" not in os.environ
    text = render_text(renderable, chosen, width=width, color=color)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(output, text, bom=chosen is Format.csv)


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
