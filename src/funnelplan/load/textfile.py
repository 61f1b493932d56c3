"""Reading text files as they come from Excel and CRMs: the encoding is detected, never guessed.

Order: a BOM (UTF-8, UTF-16 LE/BE), then strict UTF-8, then strict cp932 (Shift_JIS as Windows and
Excel write it, with ①, ㈱, 髙, ～). Anything else stops with a request for `--encoding`, so a file
is never silently read as mojibake.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

MAX_PLAN_BYTES = 10 * 1024 * 1024  # a real plan is a few KiB
MAX_TABLE_BYTES = (
    50 * 1024 * 1024
)  # a monthly table is a few KiB; a big export's month list far less


class ReadError(ValueError):
    """A file refused before it is read (not a regular file, too large), or not readable."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ReadError otherwise.

    Opened with O_NONBLOCK so that a FIFO never blocks, then checked with fstat: devices
    (/dev/zero), pipes, folders and sockets are refused, and so is a file larger than `limit`
    (checked again while reading, for a file that grows).
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise ReadError(f"cannot read the file: {error.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(
                f"{_kind(info.st_mode)} is not a file that can be read",
                "give the path of a file saved on disk",
            )
        if info.st_size > limit:
            raise ReadError(
                f"the file is {info.st_size // (1024 * 1024)} MiB, more than {_size(limit)}: "
                "this is not the kind of file expected",
                "check the path",
            )
        chunks, total = [], 0
        while True:
            try:
                chunk = os.read(descriptor, 1024 * 1024)
            except OSError as error:
                raise ReadError(f"cannot read the file: {error.strerror}") from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ReadError(
                    f"the file is more than {_size(limit)}: this is not the kind of file expected",
                    "check the path",
                )
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are in no encoding we can tell; `line` is where the first bad byte is, if known."""

    def __init__(self, message: str, hint: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line


ENCODING_HINT = "give the file's encoding with --encoding (e.g. --encoding cp932 or utf-16)"


def decode_bytes(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding)
        except (LookupError, ValueError):  # ValueError: a name with a NUL in it
            raise DecodeError(
                f"unknown encoding {encoding!r}", "try utf-8, cp932 or utf-16"
            ) from None
        if not getattr(codec, "_is_text_encoding", True):  # rot13, base64, zlib: not text
            raise DecodeError(f"{encoding!r} is not a text encoding", "try utf-8, cp932 or utf-16")
        try:
            return raw.decode(encoding), encoding
        except LookupError:  # rot13, base64: codecs, but not of text
            raise DecodeError(
                f"{encoding!r} is not a text encoding", "try utf-8, cp932 or utf-16"
            ) from None
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise DecodeError(
                f"the file is not valid {encoding} (byte {error.start})", ENCODING_HINT, line
            ) from None
        except (UnicodeError, ValueError, TypeError) as error:
            raise DecodeError(
                f"the file cannot be read as {encoding}: {error}", ENCODING_HINT
            ) from None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name
            except UnicodeDecodeError as error:
                raise DecodeError(
                    f"the file starts with a {name} byte-order mark but is not valid {name}",
                    ENCODING_HINT,
                    raw[: error.start].count(b"\n") + 1,
                ) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("cp932"), "cp932"
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise DecodeError(
                "the file is neither UTF-8 nor Shift_JIS (cp932)", ENCODING_HINT, line
            ) from None


def sniff_delimiter(sample: str) -> str:
    """Comma, tab or semicolon: the one that splits the first line into the most fields."""
    first = sample.lstrip("\ufeff").splitlines()[0] if sample.strip() else ""
    counts = {delimiter: first.count(delimiter) for delimiter in (",", "\t", ";")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
