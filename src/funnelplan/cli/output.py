"""Writing reports: the format from the option or the file's extension; files written whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from funnelplan.errors import InputError, Problem, say
from funnelplan.formats import Format

EXTENSIONS = {
    ".txt": Format.table,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".csv": Format.csv,
    ".json": Format.json,
    ".html": Format.html,
    ".htm": Format.html,
    ".xlsx": Format.xlsx,
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
                    message=say("output.unknown_extension", extension=output.suffix or "(none)"),
                    hint=say("output.known_extensions", extensions=known),
                )
            ]
        )
    return chosen


def refuse_inputs(output: Path | None, inputs: Iterable[Path]) -> None:
    """`-o` naming a file the same command reads (the plan, the actuals, an export) is refused."""
    if output is None:
        return
    for source in inputs:
        if _same_file(output, source):
            raise InputError(
                [
                    Problem(
                        file=str(output),
                        field="-o",
                        message=say("output.overwrites_input", source=source),
                        hint=say("output.write_elsewhere"),
                    )
                ]
            )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return os.path.realpath(one) == os.path.realpath(other)


def write_atomically(
    path: Path, text: str | bytes, *, bom: bool = False, field: str = "-o"
) -> None:
    """Write `text` to `path` whole or not at all; every failure is a problem, nothing half-written.

    `text` may be bytes (a workbook): written as they are, the same ways.

    - a regular file (new or existing): a temporary file beside it, renamed over it; an existing
      file keeps its mode; a read-only one is refused (even for root, who could replace it);
    - a symlink: the file it points to is written that way, and the link stays a link;
    - a device, FIFO or socket (`-o /dev/null`, a named pipe): written through, as a shell's `>`
      does (it cannot be replaced by a regular file);
    - `/dev/stdout`, `/dev/stderr` (and their /dev/fd, /proc/self/fd names): the stream itself,
      whatever it is connected to (a pipe, a file opened for appending);
    - a folder, a missing folder, `/proc`, a full disk: a problem naming the path and the reason.
    """
    encoding = "utf-8-sig" if bom else "utf-8"
    stream = STREAMS.get(os.path.abspath(path))
    if stream is not None:
        _write_stream(stream, text, bom, path, field)
        return
    try:
        status = path.stat()  # what the path leads to, through any symlink
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _cannot_write(path, path, error, field) from None
    if status is not None and not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
        _write_through(path, text, encoding, field)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _cannot_write(path, target, error, field) from None
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise InputError(
                [
                    Problem(
                        file=str(path),
                        field=field,
                        message=say("output.is_a_folder"),
                        hint=say("output.name_a_file_inside"),
                    )
                ]
            )
        if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise InputError(
                [
                    Problem(
                        file=str(path),
                        field=field,
                        message=say("output.read_only"),
                        hint=say("output.make_writable"),
                    )
                ]
            )
    directory = target.parent
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise _cannot_write(path, target, error, field) from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding=encoding, newline="") as file:
                file.write(text)
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot_write(path, target, error, field) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# names of the process's own streams: written to the stream, never opened afresh (which would
# truncate a file the shell opened for appending, or fail on a pipe's /proc name)
STREAMS = {
    "/dev/stdout": 1,
    "/dev/fd/1": 1,
    "/proc/self/fd/1": 1,
    "/dev/stderr": 2,
    "/dev/fd/2": 2,
    "/proc/self/fd/2": 2,
}


def _write_stream(descriptor: int, text: str | bytes, bom: bool, path: Path, field: str) -> None:
    stream = sys.stdout if descriptor == 1 else sys.stderr
    try:
        if isinstance(text, bytes):
            binary = getattr(stream, "buffer", None)
            if binary is None:  # a text-only stream (an embedding program's): no bytes there
                raise InputError(
                    [
                        Problem(
                            file=str(path),
                            field=field,
                            message=say("xlsx.text_stream"),
                            hint=say("xlsx.give_file"),
                        )
                    ]
                )
            stream.flush()
            binary.write(text)
            binary.flush()
            return
        stream.write(("\ufeff" if bom else "") + text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _cannot_write(path, path, error, field) from None


def _write_through(path: Path, text: str | bytes, encoding: str, field: str) -> None:
    try:
        if isinstance(text, bytes):
            with open(path, "wb") as binary:
                binary.write(text)
            return
        with open(path, "w", encoding=encoding, newline="") as file:
            file.write(text)
    except OSError as error:
        raise _cannot_write(path, path, error, field) from None


def _cannot_write(path: Path, target: Path, error: OSError, field: str) -> InputError:
    """The operating system's reason, in words a user can act on (`target`: where it went)."""
    folder = target.parent
    if not folder.is_dir():
        message, hint = say("output.no_such_folder", folder=folder), say("output.create_the_folder")
    elif error.errno == errno.ENOSPC:
        message, hint = (
            say("output.disk_full"),
            say("output.free_space"),
        )
    elif isinstance(error, PermissionError) or error.errno in (errno.EROFS, errno.EACCES):
        message = say("output.permission_denied")
        hint = say("output.write_to_writable_folder")
    else:
        reason = error.strerror or type(error).__name__
        message, hint = (
            say("output.cannot_write", reason=reason),
            say("output.write_to_another_file"),
        )
    return InputError([Problem(file=str(path), field=field, message=message, hint=hint)])


def _file_mode(path: Path) -> int:
    """An existing file keeps its mode; a new one gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
