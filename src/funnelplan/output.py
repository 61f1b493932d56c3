"""Writing reports: the format from the option or the file's extension; files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path

from funnelplan.errors import InputError, Problem


class Format(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"


EXTENSIONS = {
    ".txt": Format.table,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".csv": Format.csv,
    ".json": Format.json,
    ".html": Format.html,
    ".htm": Format.html,
}


def choose_format(option: Format | None, output: Path | None) -> Format:
    """`--format` wins; else `-o FILE`'s extension; else the terminal table."""
    if option is not None:
        return option
    if output is None:
        return Format.table
    chosen = EXTENSIONS.get(output.suffix.lower())
    if chosen is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputError(
            [
                Problem(
                    file=str(output),
                    field="-o",
                    message=f"cannot tell the format from the extension {output.suffix or '(none)'!r}",
                    hint=f"use one of {known}, or give --format",
                )
            ]
        )
    return chosen


def write_atomically(path: Path, text: str, *, bom: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it over: whole or not at all."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
            file.write(text)
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """An existing file keeps its mode; a new one gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
