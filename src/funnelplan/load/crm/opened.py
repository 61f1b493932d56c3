"""An export opened for reading, whatever it is (CSV/TSV text, XLSX, Parquet): its header, its
rows as they stream and where the last row was; and `ReadProblem`, a file that cannot be read.

The readers (`readers.py` for text and XLSX, `parquet.py`) make these; the engines consume them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from funnelplan.errors import Refusal

Row = list[object]


class ReadProblem(Refusal):
    """The file cannot be read at all (missing, not a table, encoding unknown)."""


@dataclass
class Opened:
    path: Path
    kind: str  # "csv" or "xlsx"
    encoding: str  # the text encoding, or "xlsx"
    delimiter: str
    header: list[str]
    header_line: int
    rows: Iterator[Row]
    size: int
    guessed: bool  # the encoding was detected, not given
    line: Callable[[], int]
    _raw: io.BufferedReader | None = None
    # XLSX: read only these columns' cells (0 is the first; the others may come as "")
    narrow: Callable[[frozenset[int]], None] | None = None

    def position(self) -> int:
        """Bytes read so far (for a progress bar; XLSX: the share of its sheet read, in bytes
        of the file)."""
        return self._raw.tell() if self._raw is not None else 0

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
