"""From a plan's `actuals:` mapping to monthly actuals: resolve columns, read, aggregate, tally.

Steps: each export's header is matched against the mapping (explicit `columns` win over preset
`stages`; a preset's defaults fill plan stages nothing else maps); each file is aggregated in one
streaming pass (aggregate.py); the month tallies of the plan period become an ActualsTable, the
rest of the account a DataQuality. Every problem with the mapping or a header is collected and
raised at once (InputError); a row that cannot be used is never a problem, only a count.

Cohort view: records by the month of their creation stage (the preset's `created`, else the
first mapped stage), with how many have reached each later stage so far. "So far" is the latest
date in the export (not today, so a report is the same whenever it is run); a cohort is still
open when its month plus the plan's lags from that stage to the last is on or after that date's
month.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from funnelplan.errors import InputError, say
from funnelplan.load.crm import bulk
from funnelplan.load.crm.aggregate import FileCounts, aggregate
from funnelplan.load.crm.dates import (
    DateReader,
    NeedsDateOrder,
    NeedsTimezone,
)
from funnelplan.load.crm.job import FileJob
from funnelplan.load.crm.quality import DataQuality, FileQuality
from funnelplan.load.crm.readers import (
    EncodingChanged,
    Opened,
    ReadProblem,
    open_export,
    text_failure,
)
from funnelplan.load.crm.resolve import (  # the mapping resolved against the files' headers
    _column,
    _did_you_mean,
    _file_plans,
    _FilePlan,
    _Header,
    _mapped_stage_names,
    _pattern,
    _pattern_matches,
    _Problems,
    _resolve,
    _scan_order,
)
from funnelplan.load.crm.results import (
    CohortRow,
    CohortView,
    ExportActuals,
    table_months,
)
from funnelplan.model.actuals_table import ActualsTable, MonthActuals
from funnelplan.model.export_mapping import ExportMapping
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan

Progress = Callable[[str, int, int], None]  # (file, bytes done, bytes in all)
PROGRESS_EVERY = 50_000  # rows


def read_mapped_actuals(
    plan: Plan,
    plan_dir: Path,
    *,
    plan_file: Path | None = None,
    cohort: bool = False,
    progress: Progress | None = None,
) -> ExportActuals:
    mapping = plan.actuals
    if not isinstance(mapping, ExportMapping):
        raise TypeError("the plan's actuals is not an export mapping")
    problems = _Problems(plan_file)
    files = _file_plans(mapping, plan_dir, problems)
    funnel = [stage.id for stage in plan.funnel]
    for index, name in enumerate(_mapped_stage_names(mapping)):
        if name[1] not in funnel:
            problems.plan(
                (*name[0], name[1]),
                say("crm.stage.unknown", name=name[1]),
                _did_you_mean(name[1], funnel),
            )
        del index
    if problems.items:
        raise InputError(problems.items)
    if mapping.segment is not None:  # per-segment rows: the record-level pass (records.py)
        from funnelplan.load.crm.records import segmented_actuals

        return segmented_actuals(plan, plan_dir, plan_file)
    taken: dict[str, str] = {}
    results: list[tuple[_FilePlan, FileCounts, FileQuality, FileJob]] = []
    for file_plan in files:
        outcome = _read_file(file_plan, funnel, taken, problems, cohort, progress)
        if outcome is not None:
            results.append((file_plan, *outcome))
    if problems.items:
        raise InputError(problems.items)
    return _combine(plan, results, cohort)


def _read_file(
    file_plan: _FilePlan,
    funnel: list[str],
    taken: dict[str, str],
    problems: _Problems,
    cohort: bool,
    progress: Progress | None,
) -> tuple[FileCounts, FileQuality, FileJob] | None:
    encoding, order = file_plan.encoding, file_plan.order
    shown = file_plan.shown
    resolved: FileJob | None = None
    for _attempt in range(4):
        try:
            opened = open_export(file_plan.path, encoding, file_plan.sheet)
        except ReadProblem as error:
            if not file_plan.path.is_file() and not _pattern_matches(file_plan.path):
                problems.plan(  # placed at the plan's `file:` line
                    (*file_plan.key, "file"),
                    say("crm.no_file_matches", name=shown)
                    if _pattern(file_plan.path)
                    else say("crm.export_missing", name=shown),
                    say("crm.check_file_path"),
                )
                return None
            problems.items.append(error.problem(shown))
            return None
        try:
            if resolved is None:
                resolved = _resolve(
                    file_plan,
                    _Header(opened.header),
                    opened.header_line,
                    funnel,
                    taken,
                    problems,
                    cohort,
                )
                if resolved is None:
                    return None
            quality = FileQuality(shown, opened.encoding, opened.delimiter)
            dates = DateReader(file_plan.zone, None if order == "auto" else order)
            counts = None
            if bulk.eligible(opened, resolved):
                counts = bulk.aggregate_file(opened, resolved, dates, quality, progress)
                if counts is None:  # declined: start the account again, row by row
                    quality = FileQuality(shown, opened.encoding, opened.delimiter)
            if counts is None:
                if opened.narrow is not None:  # XLSX: the other columns' cells not converted
                    opened.narrow(_columns_read(resolved))
                rows = _with_progress(opened, progress) if progress else opened.rows
                try:
                    counts = aggregate(
                        resolved, rows, opened.line, dates, quality, text=opened.kind == "csv"
                    )
                except (UnicodeError, csv.Error) as error:
                    raise text_failure(opened, error) from None
            return counts, quality, resolved
        except EncodingChanged as change:
            encoding = change.encoding
        except NeedsDateOrder:
            order = _scan_order(file_plan, resolved, encoding, problems)  # type: ignore[arg-type]
            if order is None:
                return None
        except NeedsTimezone as need:
            where = (*file_plan.key, "timezone")
            problems.plan(
                where,
                say("crm.dates.zoned", file=shown, value=need.value),
                say("crm.dates.add_timezone"),
            )
            return None
        except ReadProblem as error:
            problems.items.append(error.problem(shown))
            return None
        finally:
            opened.close()
    raise AssertionError("unreachable: encoding and date order settle in two tries")


def _columns_read(job: FileJob) -> frozenset[int]:
    """The columns whose cells aggregate.py reads (0 is the first)."""
    columns = {spec.column for spec in job.stages}
    if job.id_column is not None:
        columns.add(job.id_column)
    if job.won is not None:
        columns.add(job.won.column)
    if job.revenue is not None:
        columns |= {job.revenue.date, job.revenue.amount}
    return frozenset(columns)


def _with_progress(opened: Opened, progress: Progress) -> Iterator[list[object]]:
    shown, size = str(opened.path), opened.size
    for number, row in enumerate(opened.rows):
        if number % PROGRESS_EVERY == 0:
            progress(shown, opened.position(), size)
        yield row
    progress(shown, size, size)


def _combine(
    plan: Plan,
    results: list[tuple[_FilePlan, FileCounts, FileQuality, FileJob]],
    cohort: bool,
) -> ExportActuals:
    funnel = [stage.id for stage in plan.funnel]
    counts: dict[str, dict[int, int]] = {}
    revenue: dict[int, Decimal] | None = None
    described: dict[str, str] = {}
    for file_plan, found, _quality, job in results:
        for stage, tally in found.counts.items():
            counts[stage] = tally
        for spec in job.stages:
            described[spec.stage] = _column(file_plan.shown, spec.header)
        if job.revenue is not None:
            revenue = found.revenue
            described["revenue"] = _column(file_plan.shown, job.revenue.amount_header)
    last_day = max((found.last_day for _, found, _, _ in results), default=0)
    data_through = date.fromordinal(last_day) if last_day else None
    months = table_months(plan, counts, revenue, data_through)
    in_table = {month.ordinal for month in months}
    for _file_plan, found, quality, job in results:
        for stage, tally in found.counts.items():
            outside = sum(n for month, n in tally.items() if month not in in_table)
            if outside:
                quality.outside_period[stage] = outside
        if job.revenue is not None:
            deals = found.revenue_deals  # won deals, not months
            outside = sum(n for month, n in deals.items() if month not in in_table)
            if outside:
                quality.outside_period["revenue"] = outside
    stages = tuple(stage for stage in funnel if stage in counts)
    rows = tuple(
        MonthActuals(
            month=month,
            segment=None,
            counts={stage: counts[stage].get(month.ordinal, 0) for stage in stages},
            revenue=None if revenue is None else revenue.get(month.ordinal, Decimal(0)),
        )
        for month in months
    )
    table = ActualsTable(
        source=", ".join(file_plan.shown for file_plan, *_ in results),
        stages=stages,
        has_revenue=revenue is not None,
        rows=rows,
        data_through=data_through,
    )
    quality = DataQuality(tuple(q for _, _, q, _ in results))
    view = _cohort_view(plan, results[0][1], results[0][3]) if cohort and results else None
    return ExportActuals(table, quality, view, described)


def _cohort_view(plan: Plan, found: FileCounts, job: FileJob) -> CohortView | None:
    if job.cohort_stage is None:
        return None
    stage_ids = [spec.stage for spec in job.stages]
    first = stage_ids.index(job.cohort_stage)
    later = tuple(stage_ids[first + 1 :])
    funnel = [stage.id for stage in plan.funnel]
    span = funnel[funnel.index(job.cohort_stage) : funnel.index(stage_ids[-1])]
    lag = sum(plan.stage(stage).latest_lag for stage in span)
    as_of = date.fromordinal(found.last_day) if found.last_day else None
    last = Month(as_of.year, as_of.month).ordinal if as_of else 0
    in_period = {month.ordinal for month in plan.period.months}
    rows = tuple(
        CohortRow(
            month=Month.from_ordinal(ordinal),
            created=reached.get(job.cohort_stage, 0),
            reached={stage: reached.get(stage, 0) for stage in later},
            open=ordinal + lag >= last,
        )
        for ordinal, reached in sorted(found.cohorts.items())
        if ordinal in in_period
    )
    return CohortView(job.cohort_stage, later, as_of, rows)
