"""The actuals report's machine texts: the CSV `gap` reads, and JSON.

The CSV is the monthly table `gap` reads: `month,<stage ids>,revenue` (revenue only when mapped;
a stage the exports do not carry has no column: missing, never 0).
"""

from __future__ import annotations

import json
from fractions import Fraction

from funnelplan.formats.machine import number, write_csv
from funnelplan.load.crm.load import ExportActuals
from funnelplan.load.crm.quality import FileQuality
from funnelplan.model.plan import Plan


def actuals_csv(result: ExportActuals, plan: Plan) -> str:
    table = result.table
    segmented = any(row.segment is not None for row in table.rows)  # the mapping's `segment:`
    header = ["month", *(["segment"] if segmented else []), *table.stages]
    header += ["revenue"] if table.has_revenue else []
    rows: list[list[object]] = []
    for row in table.rows:
        cells: list[object] = [str(row.month), *([row.segment or ""] if segmented else [])]
        cells += [row.counts[s] for s in table.stages]
        if table.has_revenue and row.revenue is not None:
            cells.append(number(Fraction(row.revenue), plan.minor_unit))
        rows.append(cells)
    return write_csv(header, rows)


def actuals_json(result: ExportActuals, plan: Plan) -> str:
    table = result.table
    document = {
        "plan": plan.plan,
        "counting": "period",
        "sources": result.mapping,
        "stages": list(table.stages),
        "data_through": str(table.data_through) if table.data_through else None,
        "months": [
            {
                "month": str(row.month),
                **({"segment": row.segment} if row.segment is not None else {}),
                "counts": row.counts,
                "revenue": number(Fraction(row.revenue), plan.minor_unit)
                if row.revenue is not None
                else None,
            }
            for row in table.rows
        ],
        "quality": [_quality_json(q) for q in result.quality.files],
    }
    if result.cohorts is not None:
        view = result.cohorts
        document["cohorts"] = {
            "stage": view.stage,
            "as_of": str(view.as_of) if view.as_of else None,
            "rows": [
                {"month": str(r.month), "created": r.created, "reached": r.reached, "open": r.open}
                for r in view.rows
            ],
        }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _quality_json(quality: FileQuality) -> dict[str, object]:
    return {
        "file": quality.file,
        "encoding": quality.encoding,
        "records": quality.records,
        "used": quality.used,
        "skipped": {
            reason: {"count": t.count, "first_rows": t.rows, "example": t.example}
            for reason, t in quality.skipped.items()
        },
        "backwards": {
            "count": quality.backwards.count,
            "first_rows": quality.backwards.rows,
            "example": quality.backwards.example,
        },
        "not_won": quality.not_won,
        "outside_period": quality.outside_period,
        "blank_rows": quality.blank,
        "footer_rows": quality.footer,
    }
