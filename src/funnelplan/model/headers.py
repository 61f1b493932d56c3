"""The names a monthly table's own columns go by, and how headers and names are compared.

Apart from `actuals_table` (which re-exports them) so that checking a plan's labels
(`model.plan.check_plan`) does not import the actuals models: a `target` run never reads actuals.
"""

from __future__ import annotations

import unicodedata

# the names a monthly table's own columns go by; no stage or segment label may take one of them
MONTH_NAMES = ("month", "月", "年月", "月次")
SEGMENT_NAMES = ("segment", "セグメント")
REVENUE_NAMES = ("revenue", "売上", "売上高", "受注金額")


def header_key(text: str) -> str:
    """How a header or name is compared: NFKC, trimmed, case-folded, inner spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()
