"""One renderer per output format; each takes a finished report and only formats it.

`registry.py` picks the renderer for a format; a new format is one module here and one line there.
May import: views (Document, display), core (report types), i18n. Never cli.
"""

from enum import StrEnum


class Format(StrEnum):
    """The output formats every report command takes (`--format`, or `-o FILE`'s extension)."""

    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"
    xlsx = "xlsx"  # bytes, not text: a workbook (formats/xlsx.py)


class CsvHeaders(StrEnum):
    """CSV column names: stage ids for machines (the default), or labels and words for people."""

    ids = "ids"
    labels = "labels"
