"""The same aggregation in pandas: read the six date columns, melt, count by stage and month."""

from __future__ import annotations

import sys

import pandas as pd

COLUMNS = [
    "Create Date",
    "Became a Lead Date",
    "Became a Marketing Qualified Lead Date",
    "Became a Sales Qualified Lead Date",
    "Became an Opportunity Date",
    "Became a Customer Date",
]

if __name__ == "__main__":
    frame = pd.read_csv(sys.argv[1], usecols=COLUMNS, dtype=str)
    long = frame.melt(var_name="stage", value_name="entered").dropna()
    long["month"] = long["entered"].str.slice(0, 7)
    counts = long.groupby(["stage", "month"]).size()
    sys.stdout.write(counts.to_csv())
