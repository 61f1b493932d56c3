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

from funnelplan.errors import Refusal, Text, say

MAX_PLAN_BYTES = 10 * 1024 * 1024  # a real plan is a few KiB
MAX_TABLE_BYTES = (
    50 * 1024 * 1024
)  # a monthly table is a few KiB; a big export's month list far less


class ReadError(Refusal):
    """A file refused before it is read (not a regular file, too large), or not readable."""


# the operating system's reasons that have words of their own; others are shown as it says them
_OS_REASONS = {
    "No such file or directory": "os.no_such_file",
    "Permission denied": "os.permission_denied",
    "Is a directory": "os.is_a_directory",
}


def os_reason(error: OSError) -> Text | str:
    """Why the operating system refused, in the reader's language where we have the words."""
    reason = error.strerror or type(error).__name__
    return say(_OS_REASONS[reason]) if reason in _OS_REASONS else reason


def _kind(mode: int) -> Text:
    if stat.S_ISDIR(mode):
        return say("file.kind.folder")
    if stat.S_ISFIFO(mode):
        return say("file.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return say("file.kind.device")
    if stat.S_ISSOCK(mode):
        return say("file.kind.socket")
    return say("file.kind.other")


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
        raise ReadError(say("file.cannot_read", reason=os_reason(error))) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(
                say("file.not_regular", kind=_kind(info.st_mode)),
                say("file.give_regular_path"),
            )
        if info.st_size > limit:
            raise ReadError(
                say("file.too_large", size=info.st_size // (1024 * 1024), limit=_size(limit)),
                say("file.check_path"),
            )
        chunks, total = [], 0
        while True:
            try:
                chunk = os.read(descriptor, 1024 * 1024)
            except OSError as error:
                raise ReadError(say("file.cannot_read", reason=os_reason(error))) from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ReadError(
                    say("file.too_large_limit", limit=_size(limit)),
                    say("file.check_path"),
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


class DecodeError(Refusal):
    """The bytes are in no encoding we can tell; `line` is where the first bad byte is, if known."""


ENCODING_HINT = say("text.give_encoding_option")


def decode_bytes(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding)
        except (LookupError, ValueError):  # ValueError: a name with a NUL in it
            raise DecodeError(
                say("text.unknown_encoding", name=encoding), say("text.try_encodings")
            ) from None
        if not getattr(codec, "_is_text_encoding", True):  # rot13, base64, zlib: not text
            raise DecodeError(
                say("text.not_a_text_encoding", name=encoding), say("text.try_encodings")
            )
        try:
            return raw.decode(encoding), encoding
        except LookupError:  # rot13, base64: codecs, but not of text
            raise DecodeError(
                say("text.not_a_text_encoding", name=encoding), say("text.try_encodings")
            ) from None
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise DecodeError(
                say("text.invalid_at_byte", name=encoding, offset=error.start),
                ENCODING_HINT,
                line=line,
            ) from None
        except (UnicodeError, ValueError, TypeError) as error:
            raise DecodeError(
                say("text.cannot_decode", encoding=encoding, detail=error), ENCODING_HINT
            ) from None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name
            except UnicodeDecodeError as error:
                raise DecodeError(
                    say("text.bom_but_invalid", name=name),
                    ENCODING_HINT,
                    line=raw[: error.start].count(b"\n") + 1,
                ) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("cp932"), "cp932"
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise DecodeError(
                say("text.neither_utf8_nor_cp932"), ENCODING_HINT, line=line
            ) from None


def sniff_delimiter(sample: str) -> str:
    """Comma, tab or semicolon: the one that splits the first line into the most fields."""
    first = sample.lstrip("\ufeff").splitlines()[0] if sample.strip() else ""
    counts = {delimiter: first.count(delimiter) for delimiter in (",", "\t", ";")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
