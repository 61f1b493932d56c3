"""Record-level tallies for `review` and `calibrate`: one row-by-row pass over the main export.

Where `aggregate.py` counts entries by month, this pass follows each record: which stages it
reached and when, grouped by the values of its attribute columns (lead source, owner, industry).
Per group it keeps, by the month the record entered each step's first stage, how many entered and
how many went on; the days between the two stages and the months between them (calibrate's lag
distribution); won deals' amounts; the cost column's sum. Memory grows with the groups and the
distinct values, not with the rows; the SLA rules (only when the plan has them) keep one small
entry per record they apply to, so the leads still untouched can be named by id.

The plan's mapping is resolved as `load.py` resolves it (the same problems, the same positions);
the columns this pass reads on top (`attributes:`, `dates:`, `cost:` and `--by`) are checked here.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from funnelplan.errors import Choices, InputError, Problem, closest, say
from funnelplan.load.crm import dates as _dates
from funnelplan.load.crm import records_bulk
from funnelplan.load.crm.dates import DateProblem, DateReader, NeedsDateOrder, NeedsTimezone
from funnelplan.load.crm.job import FileJob
from funnelplan.load.crm.presets import header_key
from funnelplan.load.crm.quality import FileQuality
from funnelplan.load.crm.readers import (
    EncodingChanged,
    ReadProblem,
    open_export,
    text_failure,
)
from funnelplan.load.crm.resolve import (
    _file_plans,
    _FilePlan,
    _Header,
    _Problems,
    _resolve,
    _scan_order,
)
from funnelplan.load.crm.results import ExportActuals
from funnelplan.model.crm_records import (
    MINUTES_PER_DAY,
    GroupTally,
    Key,
    Limit,
    ReviewRecords,
    SlaEntry,
    SlaTally,
)
from funnelplan.model.export_mapping import ExportMapping
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan, SlaRule
from funnelplan.model.values import ValueProblem, parse_money


def read_review_records(
    plan: Plan,
    plan_dir: Path,
    *,
    plan_file: Path | None = None,
    by: list[str] | None = None,
    window: tuple[Month | None, Month | None] = (None, None),
    sla: list[tuple[int, SlaRule, Limit]] | None = None,
    entries: bool = False,
) -> ReviewRecords:
    """The main export's records, grouped by `by` (attribute names or headers); InputError if bad."""
    mapping = plan.actuals
    if not isinstance(mapping, ExportMapping):
        raise TypeError("the plan's actuals is not an export mapping")
    problems = _Problems(plan_file)
    files = _file_plans(mapping, plan_dir, problems)
    funnel = [stage.id for stage in plan.funnel]
    if problems.items:
        raise InputError(problems.items)
    main = files[0]
    outcome = _read(main, funnel, problems, plan, by or [], window, sla or [], entries)
    if problems.items or outcome is None:
        raise InputError(problems.items)
    return outcome


@dataclass(frozen=True)
class _Columns:
    attributes: tuple[int, ...]
    names: tuple[str, ...]
    headers: tuple[str, ...]
    cost: int | None
    moments: dict[str, int]  # date name or stage id -> column
    owner: int | None  # the `owner` attribute's column: SLA rows per owner


def _extra_columns(
    file_plan: _FilePlan,
    header: _Header,
    job: FileJob,
    by: list[str],
    sla: list[tuple[int, SlaRule, Limit]],
    plan: Plan,
    problems: _Problems,
    segment: bool = False,
) -> _Columns | None:
    mapping = file_plan.mapping
    assert isinstance(mapping, ExportMapping)
    before = len(problems.items)
    shown = file_plan.shown

    def column(name: str, where: tuple[str | int, ...]) -> int | None:
        position = header.find([name])
        if position is None:
            problems.plan(
                where,
                say("review.no_column", file=shown, column=name),  # type: ignore[arg-type]
                _close(name, header.names),  # type: ignore[arg-type]
            )
        return position

    attribute_at: dict[str, int] = {}
    for name, header_name in mapping.attributes.items():
        position = column(header_name, ("attributes", name))
        if position is not None:
            attribute_at[name] = position
    chosen: list[int] = []
    names: list[str] = []
    if segment and mapping.segment is not None:
        position = column(mapping.segment, ("segment",))
        if position is not None:
            chosen.append(position)
            names.append("segment")
    for name in by:
        if name in mapping.attributes:
            if name in attribute_at:
                chosen.append(attribute_at[name])
                names.append(name)
            continue
        position = header.find([name])
        if position is None:
            known = [*mapping.attributes, *(n for n in header.names if n)]
            problems.items.append(
                Problem(
                    file="--by",
                    message=say("review.by_unknown", value=name, file=shown),
                    hint=_close(name, known),
                )
            )
            continue
        chosen.append(position)
        names.append(name)
    cost = column(mapping.cost, ("cost",)) if mapping.cost is not None else None
    moments: dict[str, int] = {}
    for name, header_name in mapping.dates.items():
        position = column(header_name, ("dates", name))
        if position is not None:
            moments[name] = position
    for spec in job.stages:
        moments.setdefault(spec.stage, spec.column)
    for index, rule, _limit in sla:
        for part, value in (("from", rule.from_stage), ("to", rule.to)):
            if value in moments:
                continue
            where = ("agreement", "sales_sla", index, part)
            known = Choices([*mapping.dates, *(spec.stage for spec in job.stages)])
            code = "review.sla_from_unknown" if part == "from" else "review.sla_to_unknown"
            problems.items.append(
                _plan_problem(
                    problems, where, say(code, value=value), say("review.sla_known", names=known)
                )
            )
    if len(problems.items) > before:
        return None
    del plan
    return _Columns(
        tuple(chosen),
        tuple(names),
        tuple(header.names[p] for p in chosen),
        cost,
        moments,
        attribute_at.get("owner"),
    )


def _close(name: str, names: list[str]):  # type: ignore[no-untyped-def]
    found = closest(name, [n for n in names if n])
    if found is not None:
        return say("review.did_you_mean", name=found)
    shown = [n for n in names if n][:12]
    return say("review.names_are", names=Choices(shown, "comma"))


def _plan_problem(problems: _Problems, path: tuple[str | int, ...], message, hint) -> Problem:  # type: ignore[no-untyped-def]
    """A problem at a plan key outside `actuals:` (the agreement's rules)."""
    if problems.source is not None:
        return problems.source.problem(path, message, hint)
    from funnelplan.load.yamlsource import dotted

    name = str(problems.plan_file) if problems.plan_file else "plan"
    return Problem(file=name, field=dotted(path), message=message, hint=hint)


def _read(
    file_plan: _FilePlan,
    funnel: list[str],
    problems: _Problems,
    plan: Plan,
    by: list[str],
    window: tuple[Month | None, Month | None],
    sla: list[tuple[int, SlaRule, Limit]],
    entries: bool = False,
) -> ReviewRecords | None:
    encoding, order = file_plan.encoding, file_plan.order
    resolved: FileJob | None = None
    extra: _Columns | None = None
    for _attempt in range(4):
        try:
            opened = open_export(file_plan.path, encoding, file_plan.sheet)
        except ReadProblem as error:
            if not file_plan.path.is_file():
                problems.plan(
                    ("file",),
                    f"the export {file_plan.shown} does not exist",
                    "check `file:` (relative to the plan's folder)",
                )
                return None
            problems.file(file_plan.shown, error.message, error.hint, error.line)
            return None
        try:
            if resolved is None:
                header = _Header(opened.header)
                resolved = _resolve(
                    file_plan, header, opened.header_line, funnel, {}, problems, True
                )
                if resolved is None:
                    return None
                extra = _extra_columns(
                    file_plan, header, resolved, by, sla, plan, problems, segment=entries
                )
                if extra is None or not resolved.stages:
                    if not resolved.stages:
                        problems.plan((), say("review.no_stages", file=file_plan.shown))  # type: ignore[arg-type]
                    return None
            assert extra is not None
            quality = FileQuality(file_plan.shown, opened.encoding, opened.delimiter)
            reader = DateReader(file_plan.zone, None if order == "auto" else order)
            if not entries and records_bulk.eligible(opened, resolved, extra.cost, bool(sla)):
                deals = resolved.stages[-1].stage == funnel[-1]
                tallied = records_bulk.tally_file(opened, resolved, extra.attributes, window, deals)
                if tallied is not None:
                    return _from_bulk(file_plan, resolved, extra, tallied, window)
            try:
                found = _Pass(plan, file_plan, resolved, extra, reader, quality, window, sla)
                found.entries = entries
                result = found.run(opened.rows, opened.line)
                result.quality = quality  # type: ignore[attr-defined]  # segmented actuals' account
                return result
            except (UnicodeError, csv.Error) as error:
                raise text_failure(opened, error) from None
        except EncodingChanged as change:
            encoding = change.encoding
        except NeedsDateOrder:
            order = _scan_order(file_plan, resolved, encoding, problems)  # type: ignore[arg-type]
            if order is None:
                return None
        except NeedsTimezone as need:
            problems.plan(
                ("timezone",),
                f"{file_plan.shown} has dates with a time zone ({need.value}): say which zone months are counted in",
                "add `timezone: Asia/Tokyo` (or your team's zone) to the mapping",
            )
            return None
        except ReadProblem as error:
            problems.file(file_plan.shown, error.message, error.hint, error.line)
            return None
        finally:
            opened.close()
    raise AssertionError("unreachable: encoding and date order settle in two tries")


def _from_bulk(
    file_plan: _FilePlan,
    job: FileJob,
    extra: _Columns,
    tallied: records_bulk.Tallied,
    window: tuple[Month | None, Month | None],
) -> ReviewRecords:
    last_day = tallied.last_day
    return ReviewRecords(
        source=file_plan.shown,
        by=extra.names,
        columns=extra.headers,
        stages=tuple(spec.stage for spec in job.stages),
        groups=tallied.groups,
        data_through=date.fromordinal(last_day) if last_day else None,
        as_of=(last_day + 1) * MINUTES_PER_DAY - 1 if last_day else 0,
        amounts_known=False,
        deals_known=tallied.deals_known,
        revenue_by_month={},
        won_by_month=tallied.won_by_month,
        sla=[],
        records=tallied.records,
        skipped=0,
        window=window,
        first_month=tallied.first_month,
        last_month=tallied.last_month,
    )


_CLOCK = frozenset(f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60))


class _Pass:
    def __init__(
        self,
        plan: Plan,
        file_plan: _FilePlan,
        job: FileJob,
        extra: _Columns,
        reader: DateReader,
        quality: FileQuality,
        window: tuple[Month | None, Month | None],
        sla: list[tuple[int, SlaRule, Limit]],
    ) -> None:
        self.plan, self.file_plan, self.job, self.extra = plan, file_plan, job, extra
        self.reader, self.quality, self.window = reader, quality, window
        stage_ids = [spec.stage for spec in job.stages]
        self.sla = []
        for index, rule, limit in sla:
            following = None
            if rule.from_stage in stage_ids:
                at = stage_ids.index(rule.from_stage)
                following = stage_ids[at + 1] if at + 1 < len(stage_ids) else None
            self.sla.append(SlaTally(index, rule, limit, following))
        self.owner_column = extra.owner
        self.entries = False  # segmented actuals: also tally entries by stage and month

    def run(self, rows, line_of) -> ReviewRecords:  # type: ignore[no-untyped-def]
        job, extra, quality, reader = self.job, self.extra, self.quality, self.reader
        specs = [(spec.column, spec.won_only) for spec in job.stages]
        n_stages = len(specs)
        slots = range(n_stages)
        steps = range(n_stages - 1)
        width, id_column, won_spec, money = job.width, job.id_column, job.won, job.revenue
        attributes = extra.attributes
        single = attributes[0] if len(attributes) == 1 else None
        cost_column = extra.cost
        start, end = self.window
        low = start.ordinal if start is not None else None
        high = end.ordinal if end is not None else None
        groups: dict[Key, GroupTally] = {}
        cache, read = reader.cache, reader.read
        won_cache: dict[object, bool] = {}
        seen: set[object] = set()
        revenue_by_month: dict[int, Decimal] = {}
        won_by_month: dict[int, int] = {}
        last_day = 0
        first_month: int | None = None
        last_month: int | None = None
        owner_column = self.owner_column
        sla = self.sla
        sla_columns = [
            (tally, self.extra.moments[tally.rule.from_stage], self.extra.moments[tally.rule.to])
            for tally in sla
        ]
        next_slot = {
            id(tally): [spec.stage for spec in job.stages].index(tally.next_stage)
            if tally.next_stage
            else None
            for tally in sla
        }
        latest_moment = 0
        entries = self.entries
        deals_known = job.stages[-1].stage == self.plan.funnel[-1].id
        after_blank = False
        records = used = 0
        for row in rows:
            if len(row) != width:
                if not any(row):
                    quality.blank += 1
                    after_blank = True
                    continue
                filled = [cell for cell in row if cell not in ("", None)]
                if after_blank and len(row) < width and len(filled) <= 1:
                    quality.footer += 1
                    continue
                records += 1
                quality.skip("fields", line_of(), f"{len(row)} fields, the header has {width}")
                continue
            records += 1
            if id_column is not None:
                record_id = row[id_column]
                if record_id != "":
                    if record_id in seen:
                        quality.skip("duplicate_id", line_of(), str(record_id))
                        continue
                    seen.add(record_id)
            is_won = True
            if won_spec is not None:
                cell = row[won_spec.column]
                is_won = won_cache.get(cell)  # type: ignore[assignment]
                if is_won is None:
                    is_won = won_cache[cell] = header_key(str(cell)) in won_spec.values
            found: list[tuple[int, int] | None] = []
            problem = None
            for column, won_only in specs:
                cell = row[column]
                if cell == "" or (won_only and not is_won):
                    found.append(None)
                    continue
                hit = cache.get(cell)
                if (
                    hit is None
                    and cell.__class__ is str
                    and len(cell) == 16
                    and cell[11:] in _CLOCK
                    and cell[10] in " T"
                ):
                    hit = cache.get(cell[:10])
                if hit is None:
                    try:
                        hit = read(cell)
                    except DateProblem:
                        problem = (column, cell)
                        break
                found.append(hit)
            if problem is not None:
                quality.skip("bad_date", line_of(), f"{problem[1]}")
                continue
            first = next((hit for hit in found if hit is not None), None)
            if first is None:
                quality.skip("no_date", line_of(), "")
                continue
            for hit in found:
                if hit is not None and hit[1] > last_day:
                    last_day = hit[1]
            amount = None
            if money is not None and is_won:
                cell = row[money.date]
                try:
                    close = cache.get(cell) or (read(cell) if cell != "" else None)
                    amount = parse_money(row[money.amount]) if close is not None else None
                except (DateProblem, ValueProblem):
                    close = None
                if close is not None and amount is not None and close[1] > last_day:
                    last_day = close[1]
            used += 1
            month = first[0]
            if (low is not None and month < low) or (high is not None and month > high):
                continue
            if first_month is None or month < first_month:
                first_month = month
            if last_month is None or month > last_month:
                last_month = month
            if single is not None:
                key: Key = (str(row[single]).strip(),)
            else:
                key = tuple(str(row[c]).strip() for c in attributes)
            tally = groups.get(key)
            if tally is None:
                tally = groups[key] = GroupTally.empty(n_stages)
            reached = tally.reached
            for slot in slots:
                if found[slot] is not None:
                    reached[slot] += 1
            if entries:
                if not tally.entries:
                    tally.entries = [{} for _ in slots]
                for slot in slots:
                    hit = found[slot]
                    if hit is not None:
                        tally.entries[slot][hit[0]] = tally.entries[slot].get(hit[0], 0) + 1
                if amount is not None:
                    month_of_close = close[0]  # type: ignore[index]
                    tally.revenue_months[month_of_close] = (
                        tally.revenue_months.get(month_of_close, Decimal(0)) + amount
                    )
            for step in steps:
                here = found[step]
                if here is None:
                    continue
                cohort = tally.steps[step].get(here[0])
                if cohort is None:
                    cohort = tally.steps[step][here[0]] = [0, 0]
                cohort[0] += 1
                there = found[step + 1]
                if there is not None:
                    cohort[1] += 1
                    tally.days[step][there[1] - here[1]] += 1
                    lags = tally.lags[step].get(here[0])
                    if lags is None:
                        lags = tally.lags[step][here[0]] = Counter()
                    lags[there[0] - here[0]] += 1
            if deals_known and found[-1] is not None and (money is None or amount is not None):
                tally.won += 1
                if amount is not None:
                    tally.amounts[amount] += 1
                    close_month = close[0]  # type: ignore[index]
                    revenue_by_month[close_month] = (
                        revenue_by_month.get(close_month, Decimal(0)) + amount
                    )
                    won_by_month[close_month] = won_by_month.get(close_month, 0) + 1
                else:
                    deal_month = found[-1][0]
                    won_by_month[deal_month] = won_by_month.get(deal_month, 0) + 1
            if cost_column is not None:
                try:
                    tally.cost += parse_money(row[cost_column]) if row[cost_column] != "" else 0
                except ValueProblem:
                    quality.skip("bad_amount", line_of(), f"{row[cost_column]!r}")
            for sla_tally, from_column, to_column in sla_columns:
                try:
                    begin = read_moment(reader, row[from_column])
                    if begin is None:
                        continue
                    finish = read_moment(reader, row[to_column])
                except DateProblem:
                    continue
                latest_moment = max(latest_moment, begin, finish or 0)
                slot = next_slot[id(sla_tally)]
                went_on = slot is not None and found[slot] is not None
                record = str(row[id_column]) if id_column is not None else str(line_of())
                owner = str(row[owner_column]).strip() if owner_column is not None else ""
                begin_month = _month_of_minute(begin)
                sla_tally.entries.append(
                    SlaEntry(record, owner, begin_month, begin, finish, went_on)
                )
        quality.records += records
        quality.used += used
        through = date.fromordinal(last_day) if last_day else None
        end_of_day = (last_day + 1) * MINUTES_PER_DAY - 1 if last_day else 0
        return ReviewRecords(
            source=self.file_plan.shown,
            by=extra.names,
            columns=extra.headers,
            stages=tuple(spec.stage for spec in job.stages),
            groups=groups,
            data_through=through,
            as_of=max(latest_moment, end_of_day),
            amounts_known=money is not None,
            deals_known=deals_known,
            revenue_by_month=revenue_by_month,
            won_by_month=won_by_month,
            sla=sla,
            records=quality.records,
            skipped=quality.skipped_total,
            window=self.window,
            first_month=first_month,
            last_month=last_month,
            stage_headers=tuple(spec.header for spec in job.stages),
        )


def _month_of_minute(minute: int) -> int:
    day = date.fromordinal(minute // MINUTES_PER_DAY)
    return day.year * 12 + day.month - 1


def read_moment(reader: DateReader, value: object) -> int | None:
    """A date or date-time as minutes since 0001-01-01 00:00 (the mapping's zone); None if blank."""
    if isinstance(value, datetime):
        return _minutes(value)
    if isinstance(value, date):
        return value.toordinal() * MINUTES_PER_DAY
    if value is None:
        return None
    text = str(value)
    if not text.strip():
        return None
    hit = reader.read(text)
    if hit is None:
        return None
    found = _dates._DATE.match(text)
    rest = found["rest"] if found is not None else ""
    if not rest or not rest.strip():
        return hit[1] * MINUTES_PER_DAY
    time = _dates._TIME.fullmatch(rest)
    if time is None:
        raise DateProblem(f"{text!r} is not a time")
    hour, minute = _dates._clock(time, text)
    if time["tz"] is None:
        return hit[1] * MINUTES_PER_DAY + hour * 60 + minute
    assert found is not None
    day = reader._day(found, text)
    stamp = datetime(day.year, day.month, day.day) + timedelta(hours=hour, minutes=minute)
    aware = stamp.replace(tzinfo=_dates._offset(time["tz"], text))
    return _minutes(reader._convert(aware, text).replace(tzinfo=None))


def _minutes(moment: datetime) -> int:
    return moment.toordinal() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute


__all__ = ["read_moment", "read_review_records"]


def segmented_actuals(plan: Plan, plan_dir: Path, plan_file: Path | None = None):  # type: ignore[no-untyped-def]
    """Monthly actuals per plan segment from the mapping's `segment:` column (ExportActuals).

    A record's segment is the column's value read as a plan segment's id or label (width, case
    and spaces aside); records of any other value count in the team's total only (rows with no
    segment). Revenue comes from the same export (won amounts by close month, per segment).
    """
    from funnelplan.load.crm.quality import DataQuality
    from funnelplan.load.crm.results import table_months
    from funnelplan.model.actuals_table import ActualsTable, MonthActuals

    mapping = plan.actuals
    assert isinstance(mapping, ExportMapping)
    problems = _Problems(plan_file)
    revenue = mapping.revenue
    if revenue is not None and revenue.file not in (None, mapping.file):
        problems.plan(
            ("segment",),
            say("review.segment_revenue_elsewhere"),  # type: ignore[arg-type]
            say("review.segment_revenue_hint"),  # type: ignore[arg-type]
        )
        raise InputError(problems.items)
    records = read_review_records(plan, plan_dir, plan_file=plan_file, entries=True)
    ids: dict[str, str] = {}
    for segment in plan.segments:
        ids[header_key(segment.name)] = segment.id
        ids[header_key(segment.id)] = segment.id
    stages = records.stages
    by_segment: dict[str | None, GroupTally] = {}
    others: dict[str, int] = {}  # values naming no plan segment -> records (not counted)
    for value, tally in records.groups.items():
        segment_id = ids.get(header_key(value[0])) if value else None
        if segment_id is None:
            others[value[0] if value else ""] = tally.reached[0] if tally.reached else 0
            continue
        target = by_segment.get(segment_id)
        if target is None:
            target = by_segment[segment_id] = GroupTally.empty(len(stages))
            target.entries = [{} for _ in stages]
        for slot, months in enumerate(tally.entries):
            for month, n in months.items():
                target.entries[slot][month] = target.entries[slot].get(month, 0) + n
        for month, amount in tally.revenue_months.items():
            target.revenue_months[month] = target.revenue_months.get(month, Decimal(0)) + amount
    counts = {
        stage: {
            month: n
            for tally in by_segment.values()
            for month, n in (tally.entries[slot] if tally.entries else {}).items()
        }
        for slot, stage in enumerate(stages)
    }
    has_revenue = records.amounts_known
    revenue_total = (
        {m: a for t in by_segment.values() for m, a in t.revenue_months.items()}
        if has_revenue
        else None
    )
    months = table_months(plan, counts, revenue_total, records.data_through)
    order: list[str | None] = [s.id for s in plan.segments]
    rows = []
    for month in months:
        for segment_id in order:
            tally = by_segment.get(segment_id) or GroupTally.empty(len(stages))
            entries_of = tally.entries or [{} for _ in stages]
            rows.append(
                MonthActuals(
                    month=month,
                    segment=segment_id,
                    counts={
                        stage: entries_of[slot].get(month.ordinal, 0)
                        for slot, stage in enumerate(stages)
                    },
                    revenue=tally.revenue_months.get(month.ordinal, Decimal(0))
                    if has_revenue
                    else None,
                )
            )
    table = ActualsTable(
        source=records.source,
        stages=stages,
        has_revenue=has_revenue,
        rows=tuple(rows),
        data_through=records.data_through,
    )
    quality = records.quality  # type: ignore[attr-defined]
    described = {
        stage: f"{records.source}: {header}"
        for stage, header in zip(stages, records.stage_headers, strict=True)
    }
    if has_revenue and mapping.revenue is not None and mapping.revenue.amount:
        described["revenue"] = f"{records.source}: {mapping.revenue.amount}"
    described["segment"] = f"{records.source}: {mapping.segment}"
    if others:  # shown with the columns read: what the segment column held that no segment is
        listed = ", ".join(f"{value or '(blank)'} {n:,}" for value, n in sorted(others.items()))
        described["segment"] += f" (not counted, no plan segment: {listed})"
    return ExportActuals(table, DataQuality((quality,)), None, described)
