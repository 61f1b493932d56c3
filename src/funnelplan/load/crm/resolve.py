"""A plan's export mapping resolved against the files: which file, which columns, which preset.

Shared by the monthly aggregation (`load.py`) and the record-level pass (`records.py`): each mapped
file's header read and matched (presets, did-you-mean), its stage, won and revenue columns chosen,
and every mapping problem placed in the plan file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from funnelplan.errors import Problem, Text, closest, say
from funnelplan.load.crm.dates import (
    OrderUndecided,
    decide_order,
    weigh,
)
from funnelplan.load.crm.job import FileJob, RevenueSpec, StageSpec, WonSpec
from funnelplan.load.crm.presets import PRESETS, Preset, header_key
from funnelplan.load.crm.quality import Worded
from funnelplan.load.crm.readers import (
    open_export,
)
from funnelplan.model.export_mapping import ExportMapping, RevenueMapping


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
        found = closest(name, [n for n in self.names if n])
        if found is not None:
            return say("plan.did_you_mean", name=repr(found))
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


def _pattern(path: Path) -> bool:
    """A glob of Parquet files (its problems, a pattern matching nothing included, are its own)."""
    from funnelplan.load.crm.parquet import has_pattern, is_parquet

    return is_parquet(path) and has_pattern(path)


def _pattern_matches(path: Path) -> bool:
    from funnelplan.load.crm.parquet import matched

    return _pattern(path) and bool(matched(path))


def _scan_order(
    file_plan: _FilePlan, job: FileJob, encoding: str | None, problems: _Problems
) -> str | None:
    columns = [spec.column for spec in job.stages]
    if job.revenue is not None:
        columns.append(job.revenue.date)
    evidence: dict[str, str | None] = {}
    opened = open_export(file_plan.path, encoding, file_plan.sheet)
    if opened.narrow is not None:  # XLSX: the date columns' cells alone converted
        opened.narrow(frozenset(columns))
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


def _did_you_mean(word: str, options: list[str]) -> Text:
    close = closest(word, options)
    if close is not None:
        return say("plan.did_you_mean", name=repr(close))
    return say("plan.known.other", names=", ".join(options))


def _column(file: str, header: str) -> Worded:
    """`file: header`, where a stage's dates (or the revenue) were read from."""
    return Worded(f"{file}: {header}", "label_value", label=file, value=header)
