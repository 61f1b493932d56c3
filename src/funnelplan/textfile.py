"""Reading text files as they come from Excel and CRMs: the encoding is detected, never guessed.

Order: a BOM (UTF-8, UTF-16 LE/BE), then strict UTF-8, then strict cp932 (Shift_JIS as Windows and
Excel write it, with ①, ㈱, 髙, ～). Anything else stops with a request for `--encoding`, so a file
is never silently read as mojibake.
"""

from __future__ import annotations

import codecs

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
            codecs.lookup(encoding)
        except LookupError:
            raise DecodeError(
                f"unknown encoding {encoding!r}", "try utf-8, cp932 or utf-16"
            ) from None
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
