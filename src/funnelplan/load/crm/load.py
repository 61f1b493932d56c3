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
import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from funnelplan.errors import InputError, Problem, Text, say
from funnelplan.load.crm import bulk
from funnelplan.load.crm.aggregate import FileCounts, aggregate
from funnelplan.load.crm.dates import (
    DateReader,
    NeedsDateOrder,
    NeedsTimezone,
    OrderUndecided,
    decide_order,
    weigh,
)
from funnelplan.load.crm.job import FileJob, RevenueSpec, StageSpec, WonSpec
from funnelplan.load.crm.presets import PRESETS, Preset, header_key
from funnelplan.load.crm.quality import DataQuality, FileQuality, Worded
from funnelplan.load.crm.readers import (
    EncodingChanged,
    Opened,
    ReadProblem,
    open_export,
    text_failure,
)
from funnelplan.model.actuals_table import ActualsTable, MonthActuals
from funnelplan.model.export_mapping import ExportMapping, RevenueMapping
from funnelplan.model.months import Month, month_range
from funnelplan.model.plan import Plan

Progress = Callable[[str, int, int], None]  # (file, bytes done, bytes in all)
PROGRESS_EVERY = 50_000  # rows


@dataclass(frozen=True)
class CohortRow:
    month: Month
    created: int
    reached: dict[str, int]  # later stage -> records of this cohort that reached it so far
    open: bool


@dataclass(frozen=True)
class CohortView:
    stage: str  # the creation stage
    stages: tuple[str, ...]  # the later stages, funnel order
    as_of: date | None
    rows: tuple[CohortRow, ...]


@dataclass(frozen=True)
class ExportActuals:
    table: ActualsTable
    quality: DataQuality
    cohorts: CohortView | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # stage/revenue -> "file: column"


class _Problems:
    """Collects problems about the plan's mapping, placed in the plan file when it is known."""

    def __init__(self, plan_file: Path | None) -> None:
        self.items: list[Problem] = []
        self.source = None
        self.plan_file = plan_file
        if plan_file is not None:
            from funnelplan.load.yamlsource import read_yaml

            self.source, _ = read_yaml(plan_file)

    def plan(self, path: tuple[str | int, ...], message: Text, hint: Text | None = None) -> None:
        if self.source is not None:
            self.items.append(self.source.problem(("actuals", *path), message, hint))
        else:
            dotted = ".".join(str(part) for part in ("actuals", *path))
            name = str(self.plan_file) if self.plan_file else "plan"
            self.items.append(Problem(file=name, field=dotted, message=message, hint=hint))


class _Header:
    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.index: dict[str, int] = {}
        self.twice: set[str] = set()
        for position, name in enumerate(names):
            key = header_key(name)
            if key in self.index:
                self.twice.add(key)
            self.index.setdefault(key, position)

    def find(self, candidates: tuple[str, ...] | list[str]) -> int | None:
        for candidate in candidates:
            position = self.index.get(header_key(candidate))
            if position is not None:
                return position
        return None

    def close(self, name: str) -> Text:
        found = difflib.get_close_matches(name, [n for n in self.names if n], n=1, cutoff=0.6)
        if found:
            return say("plan.did_you_mean", name=repr(found[0]))
        shown = ", ".join(n for n in self.names[:12] if n)
        return say("crm.column.header_has", names=shown + (", ..." if len(self.names) > 12 else ""))


@dataclass
class _FilePlan:
    """One export to read: its path and settings, and how its header maps onto the plan."""

    path: Path
    shown: str
    mapping: ExportMapping | RevenueMapping
    key: tuple[str, ...]  # where the mapping sits under `actuals`
    preset: Preset | None
    revenue: RevenueMapping | None  # the revenue read from this same file
    encoding: str | None
    sheet: str | None
    zone: str | None
    order: str
    stages: dict[str, tuple[str, ...]] = field(default_factory=dict)  # filled by _resolve


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


def _mapped_stage_names(mapping: ExportMapping) -> Iterator[tuple[tuple[str, ...], str]]:
    for key, sub in (((), mapping), (("revenue",), mapping.revenue)):
        if sub is None:
            continue
        for stage in sub.columns:
            yield (*key, "columns"), stage
        for stage in sub.stages:
            yield (*key, "stages"), stage


def _file_plans(mapping: ExportMapping, plan_dir: Path, problems: _Problems) -> list[_FilePlan]:
    revenue = mapping.revenue
    same = revenue is not None and (revenue.file is None or revenue.file == mapping.file)
    main = _FilePlan(
        path=plan_dir / mapping.file,
        shown=str(plan_dir / mapping.file),
        mapping=mapping,
        key=(),
        preset=PRESETS[mapping.source] if mapping.source else None,
        revenue=revenue if same else None,
        encoding=mapping.encoding,
        sheet=mapping.sheet,
        zone=mapping.timezone,
        order=mapping.date_format,
    )
    plans = [main]
    if revenue is not None and not same:
        assert revenue.file is not None
        plans.append(
            _FilePlan(
                path=plan_dir / revenue.file,
                shown=str(plan_dir / revenue.file),
                mapping=revenue,
                key=("revenue",),
                preset=PRESETS[revenue.source] if revenue.source else None,
                revenue=revenue,
                encoding=revenue.encoding,
                sheet=revenue.sheet,
                zone=revenue.timezone or mapping.timezone,
                order=revenue.date_format or mapping.date_format,
            )
        )
    if same and revenue is not None and (revenue.columns or revenue.stages):
        problems.plan(
            ("revenue",),
            say("crm.stage.in_main_mapping"),
            say("crm.stage.move_up"),
        )
    return plans


def _resolve(
    file_plan: _FilePlan,
    header: _Header,
    line: int,
    funnel: list[str],
    taken: dict[str, str],
    problems: _Problems,
    cohort: bool,
) -> FileJob | None:
    before = len(problems.items)
    mapping, preset, key, shown = (
        file_plan.mapping,
        file_plan.preset,
        file_plan.key,
        file_plan.shown,
    )

    def column(name: str, where: tuple[str, ...]) -> int | None:
        position = header.find([name])
        if position is None:
            problems.plan(
                where, say("crm.column.missing", file=shown, name=name), header.close(name)
            )
        elif header_key(name) in header.twice:
            problems.plan(
                where,
                say("crm.column.duplicate", file=shown, name=name),
                say("crm.column.rename_one"),
            )
        return position

    chosen: dict[str, tuple[int, bool, str]] = {}  # stage -> (column, won_only, vendor stage)
    if mapping.stages and preset is None:
        problems.plan((*key, "stages"), say("crm.stages_without_source"), say("crm.add_source"))
    for stage, vendor in mapping.stages.items():
        if preset is None:
            break
        source = preset.stages.get(vendor)
        if source is None:
            problems.plan(
                (*key, "stages", stage),
                say("crm.preset.no_stage", preset=preset.name, stage=vendor),
                _did_you_mean(vendor, list(preset.stages)),
            )
            continue
        position = header.find(source.headers)
        if position is None:
            problems.plan(
                (*key, "stages", stage),
                say("crm.column.missing_for_stage", file=shown, preset=preset.name, stage=vendor),
                say("crm.preset.looked_for", header=source.headers[0], stage=stage),
            )
            continue
        chosen[stage] = (position, source.won_only, vendor)
    for stage, name in mapping.columns.items():
        position = column(name, (*key, "columns", stage))
        if position is not None:
            chosen[stage] = (position, False, "")
    if not mapping.stages and not mapping.columns and preset is not None:
        for stage, vendor in preset.defaults.items():
            if stage in funnel and stage not in taken and stage not in chosen:
                position = header.find(preset.stages[vendor].headers)
                if position is not None:
                    chosen[stage] = (position, preset.stages[vendor].won_only, vendor)
    for stage in chosen:
        if stage in taken:
            problems.plan(
                (*key,),
                say("crm.stage.mapped_twice", stage=stage, first=taken[stage], second=shown),
                say("crm.stage.one_export"),
            )
        taken[stage] = shown
    id_column = None
    if mapping.id is not None:
        id_column = column(mapping.id, (*key, "id"))
    elif preset is not None:
        id_column = header.find(preset.id)
    won = None
    revenue_mapping = file_plan.revenue
    won_rule = revenue_mapping.won if revenue_mapping is not None else None
    if won_rule is None and isinstance(mapping, RevenueMapping):
        won_rule = mapping.won
    if won_rule is not None:
        where = (*key, "won", "column")
        position = column(won_rule.column, where)
        if position is not None:
            won = WonSpec(position, won_rule.column, frozenset(map(header_key, won_rule.values)))
    elif preset is not None and preset.won_column:
        position = header.find(preset.won_column)
        if position is not None:
            won = WonSpec(
                position, header.names[position], frozenset(map(header_key, preset.won_values))
            )
    if won is None and any(won_only for _, won_only, _ in chosen.values()):
        problems.plan(
            (*key, "stages"),
            say(
                "crm.column.missing_won",
                file=shown,
                columns=", ".join(preset.won_column if preset else ()),
            ),
            say("crm.won.add"),
        )
    revenue = None
    if revenue_mapping is not None:
        revenue = _revenue_spec(revenue_mapping, preset, header, column, problems, shown)
    if len(problems.items) > before:
        return None
    ordered = sorted(chosen, key=funnel.index)
    specs = tuple(
        StageSpec(stage, chosen[stage][0], header.names[chosen[stage][0]], chosen[stage][1])
        for stage in ordered
    )
    if not specs and revenue is None:
        problems.plan(
            key,
            say("crm.nothing_mapped", file=shown),
            say("crm.map_something"),
        )
        return None
    file_plan.stages = {
        stage: (chosen[stage][2], header.names[chosen[stage][0]]) for stage in ordered
    }
    cohort_stage = None
    if cohort and not file_plan.key and specs:
        created = [stage for stage in ordered if chosen[stage][2] == "created"]
        cohort_stage = created[0] if created else ordered[0]
    del line
    return FileJob(
        width=len(header.names),
        stages=specs,
        id_column=id_column,
        revenue=revenue,
        won=won,
        cohort_stage=cohort_stage,
    )


def _revenue_spec(revenue, preset, header, column, problems, shown):  # type: ignore[no-untyped-def]
    preset = PRESETS[revenue.source] if revenue.source else preset
    positions = []
    for name, explicit in (("date", revenue.date), ("amount", revenue.amount)):
        if explicit is not None:
            positions.append(column(explicit, ("revenue", name)))
            continue
        candidates = getattr(preset, name) if preset is not None else ()
        position = header.find(candidates) if candidates else None
        if position is None:
            example = {"date": "Close Date", "amount": "Amount"}[name]
            problems.plan(
                ("revenue",),
                say("crm.revenue.needs_column", name=name, file=shown),
                say("crm.revenue.add_column", name=name, example=example),
            )
        positions.append(position)
    if None in positions:
        return None
    date_at, amount_at = positions
    return RevenueSpec(date_at, amount_at, header.names[date_at], header.names[amount_at])


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


def _pattern(path: Path) -> bool:
    """A glob of Parquet files (its problems, a pattern matching nothing included, are its own)."""
    from funnelplan.load.crm.parquet import has_pattern, is_parquet

    return is_parquet(path) and has_pattern(path)


def _pattern_matches(path: Path) -> bool:
    from funnelplan.load.crm.parquet import matched

    return _pattern(path) and bool(matched(path))


def _with_progress(opened: Opened, progress: Progress) -> Iterator[list[object]]:
    shown, size = str(opened.path), opened.size
    for number, row in enumerate(opened.rows):
        if number % PROGRESS_EVERY == 0:
            progress(shown, opened.position(), size)
        yield row
    progress(shown, size, size)


def _scan_order(
    file_plan: _FilePlan, job: FileJob, encoding: str | None, problems: _Problems
) -> str | None:
    columns = [spec.column for spec in job.stages]
    if job.revenue is not None:
        columns.append(job.revenue.date)
    evidence: dict[str, str | None] = {}
    opened = open_export(file_plan.path, encoding, file_plan.sheet)
    try:
        for row in opened.rows:
            if len(row) != job.width:
                continue
            for column in columns:
                weigh(evidence, row[column])
            if "M/D/Y" in evidence and "D/M/Y" in evidence:
                break
    finally:
        opened.close()
    try:
        return decide_order(evidence)
    except OrderUndecided as undecided:
        where = (*file_plan.key, "date_format")
        problems.plan(
            where,
            say("crm.in_file", file=file_plan.shown, problem=undecided.message),
            say("crm.dates.add_format"),
        )
        return None


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


def table_months(
    plan: Plan,
    counts: dict[str, dict[int, int]],
    revenue: dict[int, Decimal] | None,
    data_through: date | None,
) -> list[Month]:
    """The months the table holds: the lead-in the lags need, the period, up to the newest date.

    Months before the period (as many as the funnel's lags add up to, so that a lagged rate
    compares the entries that could have converted) are rows of their own, as in a monthly
    table; they start no earlier than the exports' first dated month (an export that begins in
    the period has no March to show, and a 0 there would be a wrong rate). Months after the
    month of the newest date are not rows: nothing is known about them yet (never 0).
    """
    start, end = plan.period.start, plan.period.end
    lead = sum(stage.lag for stage in plan.funnel[:-1])
    dated = [month for tally in counts.values() for month in tally]
    dated += list(revenue or ())
    if dated and lead:
        earliest = Month.from_ordinal(min(dated))
        start = max(start + -lead, min(earliest, start))
    if data_through is not None:
        end = min(end, Month(data_through.year, data_through.month))
    if end < start:
        return []
    return month_range(start, end)


def _cohort_view(plan: Plan, found: FileCounts, job: FileJob) -> CohortView | None:
    if job.cohort_stage is None:
        return None
    stage_ids = [spec.stage for spec in job.stages]
    first = stage_ids.index(job.cohort_stage)
    later = tuple(stage_ids[first + 1 :])
    funnel = [stage.id for stage in plan.funnel]
    span = funnel[funnel.index(job.cohort_stage) : funnel.index(stage_ids[-1])]
    lag = sum(plan.stage(stage).lag for stage in span)
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


def _did_you_mean(word: str, options: list[str]) -> Text:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return say("plan.did_you_mean", name=repr(close[0]))
    return say("plan.known.other", names=", ".join(options))


def _column(file: str, header: str) -> Worded:
    """`file: header`, where a stage's dates (or the revenue) were read from."""
    return Worded(f"{file}: {header}", "label_value", label=file, value=header)
