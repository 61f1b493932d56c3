"""`review`'s bulk path: a large, clean UTF-8 CSV export tallied by DuckDB in a few GROUP BYs.

The row-by-row pass (records.py) gives the answer for every file; this path gives the same
answer faster for the files where it can be exact without looking at a single row in Python:
every date cell blank or in a plain form (`YYYY-MM-DD`, with `HH:MM[:SS]` after a space or T),
every date one that exists, no record id twice, no blank line, NUL byte or quoted line break
(bulk.py's line count), every row as wide as the header (DuckDB's strict mode). Anything else,
and any DuckDB error, and the path declines (returns None) and the file is read row by row.

It takes no SLA rules (they keep one entry per record), no revenue, won rule or won-only stage
and no cost column (the row-by-row pass parses amounts as people write them).

Group values are fetched as the export has them and stripped here, merging groups that differ
only by spaces, as the row-by-row pass does.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from typing import TYPE_CHECKING, Any

from funnelplan.load.crm import bulk
from funnelplan.load.crm.job import FileJob
from funnelplan.model.crm_records import GroupTally, Key

if TYPE_CHECKING:
    from funnelplan.load.crm.readers import Opened
    from funnelplan.model.months import Month


def eligible(opened: Opened, job: FileJob, cost: int | None, sla: bool) -> bool:
    chosen = bulk.engine()
    return (
        chosen != "python"
        and opened.kind == "csv"
        and bulk._utf8(opened.encoding)
        and opened.header_line == 1
        and bool(job.stages)
        and job.revenue is None
        and job.won is None
        and not any(spec.won_only for spec in job.stages)
        and cost is None
        and not sla
        and (chosen == "duckdb" or opened.size >= bulk.BULK_FROM)
    )


class Tallied:
    def __init__(
        self,
        groups: dict[Key, GroupTally],
        records: int,
        last_day: int,
        first_month: int | None,
        last_month: int | None,
        won_by_month: dict[int, int],
    ) -> None:
        self.groups, self.records, self.last_day = groups, records, last_day
        self.first_month, self.last_month = first_month, last_month
        self.won_by_month = won_by_month
        self.deals_known = True


def tally_file(
    opened: Opened,
    job: FileJob,
    attributes: tuple[int, ...],
    window: tuple[Month | None, Month | None],
    deals_known: bool,
) -> Tallied | None:
    try:
        import _duckdb as duckdb
    except ImportError:  # pragma: no cover
        try:
            import duckdb
        except ImportError:
            return None
    lines = bulk._LineCount(str(opened.path), opened.delimiter, len(opened.header))
    lines.start()
    try:
        with tempfile.TemporaryDirectory(prefix="funnelplan-") as spill:
            connection = duckdb.connect()
            try:
                connection.execute(f"SET memory_limit = '{bulk.MEMORY_LIMIT}'")
                connection.execute(f"SET temp_directory = '{bulk._literal(spill)}'")
                result = _run(connection, opened, job, attributes, window, deals_known)
            except duckdb.Error:
                return None
            finally:
                connection.close()
    finally:
        lines.join()
    if result is None:
        return None
    if lines.count != 1 + result.records or lines.nul or lines.doubtful:
        return None
    return result


def _run(
    connection: Any,
    opened: Opened,
    job: FileJob,
    attributes: tuple[int, ...],
    window: tuple[Month | None, Month | None],
    deals_known: bool,
) -> Tallied | None:
    source = bulk._source(opened, job.width)
    stages = range(len(job.stages))
    plain = bulk._PLAIN
    columns = [f"c{spec.column}" for spec in job.stages]
    odd = " OR ".join(
        f"({c} IS NOT NULL AND NOT (regexp_full_match({c}, '{plain}') "
        f"AND try_cast(left({c}, 10) AS DATE) IS NOT NULL))"
        for c in columns
    )
    dates = ", ".join(
        f"try_cast(left({c}, 10) AS DATE) AS d{i}" for i, c in zip(stages, columns, strict=True)
    )
    has_id = job.id_column is not None
    select_groups = (
        ", ".join(f"c{c} AS g{i}" for i, c in enumerate(attributes)) if attributes else "NULL AS g0"
    )
    identity = f"c{job.id_column}" if has_id else "NULL"
    connection.execute(
        f"CREATE TEMP TABLE r AS SELECT {select_groups}, {dates}, {odd} AS odd, "
        f"{identity} AS h FROM {source}"
    )
    records, odd_rows, repeated = connection.execute(
        "SELECT count(*), count_if(odd), count(h) - count(DISTINCT h) FROM r"
    ).fetchone()
    if odd_rows or repeated:
        return None
    attribute_names = [f"g{i}" for i in range(len(attributes))] or ["g0"]

    def month(expression: str) -> str:
        return f"(year({expression}) * 12 + month({expression}) - 1)"

    first = f"coalesce({', '.join(f'd{i}' for i in stages)})"
    last_day_row = connection.execute(
        f"SELECT max(greatest({', '.join(f'd{i}' for i in stages)})) FROM r"
    ).fetchone()
    last_day = last_day_row[0].toordinal() if last_day_row and last_day_row[0] else 0
    start, end = window
    where = [f"{first} IS NOT NULL"]
    if start is not None:
        where.append(f"{month(first)} >= {start.ordinal}")
    if end is not None:
        where.append(f"{month(first)} <= {end.ordinal}")
    connection.execute(f"CREATE TEMP TABLE w AS SELECT * FROM r WHERE {' AND '.join(where)}")
    undated = connection.execute(f"SELECT count(*) FROM r WHERE {first} IS NULL").fetchone()[0]
    if undated:
        return None  # a row with no date is skipped and reported row by row
    keys = ", ".join(attribute_names)
    span = connection.execute(f"SELECT min({month(first)}), max({month(first)}) FROM w").fetchone()
    groups: dict[Key, GroupTally] = {}
    n = len(job.stages)

    def tally(raw: tuple[Any, ...]) -> GroupTally:
        key = tuple("" if v is None else str(v).strip() for v in raw) if attributes else ()
        found = groups.get(key)
        if found is None:
            found = groups[key] = GroupTally.empty(n)
        return found

    reached = connection.execute(
        f"SELECT {keys}, {', '.join(f'count(d{i})' for i in stages)} FROM w GROUP BY ALL"
    ).fetchall()
    width = len(attribute_names)
    for row in reached:
        group = tally(row[:width])
        for slot in stages:
            group.reached[slot] += row[width + slot]
        if deals_known:
            group.won += row[width + n - 1]
    won_by_month = (
        {}
        if not deals_known
        else dict(
            connection.execute(
                f"SELECT {month(f'd{n - 1}')}, count(*) FROM w WHERE d{n - 1} IS NOT NULL GROUP BY ALL"
            ).fetchall()
        )
    )
    for step in range(n - 1):
        a, b = f"d{step}", f"d{step + 1}"
        for row in connection.execute(
            f"SELECT {keys}, {month(a)}, count(*), count({b}) FROM w WHERE {a} IS NOT NULL "
            "GROUP BY ALL"
        ).fetchall():
            group = tally(row[:width])
            cohort = group.steps[step].setdefault(row[width], [0, 0])
            cohort[0] += row[width + 1]
            cohort[1] += row[width + 2]
        for row in connection.execute(
            f"SELECT {keys}, {b} - {a}, {month(a)}, {month(b)} - {month(a)}, count(*) FROM w "
            f"WHERE {a} IS NOT NULL AND {b} IS NOT NULL GROUP BY ALL"
        ).fetchall():
            group = tally(row[:width])
            days, cohort_month, months, count = row[width:]
            group.days[step][days] += count
            group.lags[step].setdefault(cohort_month, Counter())[months] += count
    result = Tallied(groups, records, last_day, span[0], span[1], won_by_month)
    result.deals_known = deals_known
    return result


__all__ = ["Tallied", "eligible", "tally_file"]
