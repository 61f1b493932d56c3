"""Reading a hand-kept monthly actuals file (CSV or YAML) into an ActualsTable.

CSV: the bytes are decoded by `textfile.decode_bytes` (BOM, strict UTF-8, strict cp932, else ask for
`--encoding`), the delimiter sniffed, then read with the csv module. Headers may be stage ids, stage
labels (問い合わせ), `revenue`/`売上`, `month`/`月` and, for segmented plans, `segment`; case, spaces,
full-width letters and a BOM do not matter. Numbers as Excel writes them (`1,234`, `１２３`,
`¥1,234`, `▲500`) and months as `2027-04`, `2027/4/1`, `2027年4月` are read. Blank rows are skipped.

YAML: `2027-04: {inquiry: 180, lead: 90, revenue: 9500000}`; a segmented plan nests one level more:
`2027-04: {enterprise: {...}, smb: {...}}`.

Every problem (unknown or duplicate header, a month twice, a row with more fields than the header,
a negative or fractional count, an empty cell) is collected with its row and raised at once as
InputError. A stage the file has no column for is *missing*, never zero; an empty cell in a column
that exists is an error (write 0 when nothing happened).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

from funnelplan.errors import InputError, Problem, Text, say
from funnelplan.load.textfile import (
    MAX_TABLE_BYTES,
    DecodeError,
    ReadError,
    decode_bytes,
    read_bounded,
    sniff_delimiter,
)
from funnelplan.load.yamlsource import Source, read_yaml
from funnelplan.model.actuals_table import (
    MONTH_NAMES,
    REVENUE_NAMES,
    SEGMENT_NAMES,
    ActualsTable,
    MonthActuals,
    header_key,
)
from funnelplan.model.months import Month, MonthFormatError, day_first_order, parse_month
from funnelplan.model.plan import Plan, did_you_mean
from funnelplan.model.values import COUNT_HINT, ValueProblem, parse_count, parse_money

MAX_ROWS = 10_000  # a monthly table has dozens of rows; anything far beyond is the wrong file


_key = header_key


class _Names:
    """Resolves the names a file may use for columns, stages and segments to the plan's ids."""

    def __init__(self, plan: Plan) -> None:
        self.columns: dict[str, str] = {}
        for name in MONTH_NAMES:
            self.columns[_key(name)] = "month"
        for name in REVENUE_NAMES:
            self.columns[_key(name)] = "revenue"
        if plan.segments:
            for name in SEGMENT_NAMES:
                self.columns[_key(name)] = "segment"
        # a label never takes a fixed name (Revenue) or another stage's id (the plan refuses
        # such labels too): fixed names first, labels only where free, then ids over labels
        for stage in plan.funnel:
            self.columns.setdefault(_key(stage.name), stage.id)
        for stage in plan.funnel:
            self.columns[_key(stage.id)] = stage.id
        self.segments: dict[str, str] = {}
        for segment in plan.segments:
            self.segments.setdefault(_key(segment.name), segment.id)
        for segment in plan.segments:
            self.segments[_key(segment.id)] = segment.id
        self.order = [stage.id for stage in plan.funnel]
        self.known = sorted(
            {stage.id for stage in plan.funnel} | {"month", "revenue"} | set(SEGMENT_NAMES[:1])
            if plan.segments
            else {stage.id for stage in plan.funnel} | {"month", "revenue"}
        )
        self.segmented = bool(plan.segments)
        self.currency = plan.currency
        self.plan_has_segments_hint = ", ".join(s.id for s in plan.segments)

    def column(self, header: str) -> str | None:
        return self.columns.get(_key(header))

    def segment(self, name: str) -> str | None:
        return self.segments.get(_key(name))


def read_actuals(
    path: Path, plan: Plan, encoding: str | None = None, display_name: str | None = None
) -> ActualsTable:
    """Read a CSV (any extension but .yaml/.yml) or YAML actuals file; InputError lists every problem."""
    file = display_name or str(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(path, plan, file)
    try:
        raw = read_bounded(path, MAX_TABLE_BYTES)
    except ReadError as error:
        raise InputError([error.problem(file)]) from None
    try:
        text, _ = decode_bytes(raw, encoding)
    except DecodeError as error:
        raise InputError([error.problem(file)]) from None
    return parse_actuals_csv(text, plan, file)


def parse_actuals_csv(text: str, plan: Plan, file: str) -> ActualsTable:
    names = _Names(plan)
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    problems: list[Problem] = []
    header: list[str] | None = None
    columns: list[str | None] = []  # resolved id per field; None: an ignored empty column
    header_line = 0
    records: list[tuple[int, list[str]]] = []
    next_line = 1
    try:
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = row, line
                continue
            records.append((line, row))
            if len(records) > MAX_ROWS:
                problems.append(
                    Problem(
                        file=file,
                        line=line,
                        message=say("actuals.too_many_rows", n=MAX_ROWS),
                        hint=say("actuals.aggregate_first"),
                    )
                )
                break
    except csv.Error as error:
        problems.append(
            Problem(
                file=file,
                line=reader.line_num,
                message=say("actuals.csv_invalid", error=error),
                hint=say("actuals.check_quotes"),
            )
        )
    if header is None:
        raise InputError(
            [
                *problems,
                Problem(
                    file=file,
                    line=1,
                    message=say("actuals.no_header"),
                    hint=say("actuals.add_header"),
                ),
            ]
        )
    columns = _resolve_header(header, header_line, records, names, file, problems)
    if "month" not in columns:
        problems.append(
            Problem(
                file=file,
                line=header_line,
                message=say("actuals.no_month_column"),
                hint=say("actuals.name_month_column"),
            )
        )
        raise InputError(problems)
    at = columns.index("month")
    try:
        day_first = day_first_order([row[at] for _, row in records if at < len(row)])
    except MonthFormatError as error:
        problems.append(error.problem(file, line=header_line, field="month"))
        day_first = None
    rows: list[tuple[int, Month, str | None, dict[str, object], dict[str, int]]] = []
    for line, row in records:
        cells: dict[str, object] = {}
        places: dict[str, int] = {}
        if len(row) > len(header):
            extra = [cell for cell in row[len(header) :] if cell.strip()]
            if extra:
                problems.append(
                    Problem(
                        file=file,
                        line=line,
                        message=say("actuals.row_length", n=len(row), header=len(header)),
                        hint=say("actuals.unquoted_thousands"),
                    )
                )
                continue
        if len(row) < len(header):
            missing = [c for c in columns[len(row) :] if c is not None]
            if missing:
                problems.append(
                    Problem(
                        file=file,
                        line=line,
                        message=say("actuals.row_length", n=len(row), header=len(header)),
                        hint=say("actuals.missing_values", stages=", ".join(missing)),
                    )
                )
                continue
        for index, column in enumerate(columns):
            if column is not None and index < len(row):
                cells[column] = row[index].strip()
                places[column] = index + 1
        rows.append((line, *_row_key(cells, names, file, line, problems, day_first), cells, places))
    stages = tuple(sid for sid in names.order if sid in columns)
    return _build(file, names, stages, "revenue" in columns, rows, problems)


def _resolve_header(
    header: list[str],
    line: int,
    records: list[tuple[int, list[str]]],
    names: _Names,
    file: str,
    problems: list[Problem],
) -> list[str | None]:
    columns: list[str | None] = []
    seen: dict[str, tuple[int, str]] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        if not name:
            used = any(index < len(row) and row[index].strip() for _, row in records)
            if used:
                problems.append(
                    Problem(
                        file=file,
                        line=line,
                        column=None,
                        field=f"column {index + 1}",
                        message=say("actuals.unnamed_column"),
                        hint=say("actuals.name_the_column"),
                    )
                )
            columns.append(None)
            continue
        resolved = names.column(name)
        if resolved is None:
            hint = did_you_mean(name, names.known, "column")
            if _key(name) in (_key(n) for n in SEGMENT_NAMES):
                hint = say("actuals.segment_column_without_segments")
            problems.append(
                Problem(
                    file=file,
                    line=line,
                    field=name,
                    message=say("actuals.unknown_column", name=name),
                    hint=hint,
                )
            )
            columns.append(None)
            continue
        if resolved in seen:
            first_index, first_name = seen[resolved]
            problems.append(
                Problem(
                    file=file,
                    line=line,
                    field=name,
                    message=say(
                        "actuals.repeated_column",
                        index=index + 1,
                        name=name,
                        first=first_index + 1,
                        first_name=first_name,
                        stage=resolved,
                    ),
                    hint=say("actuals.keep_one_of_them"),
                )
            )
            columns.append(None)
            continue
        seen[resolved] = (index, name)
        columns.append(resolved)
    return columns


def _row_key(
    cells: dict[str, object],
    names: _Names,
    file: str,
    line: int,
    problems: list[Problem],
    day_first: bool | None = None,
) -> tuple[Month | None, str | None]:
    month: Month | None = None
    raw = cells.get("month", "")
    try:
        month = parse_month(raw, day_first) if raw != "" else None
        if month is None:
            problems.append(
                Problem(file=file, line=line, field="month", message=say("actuals.no_month"))
            )
    except MonthFormatError as error:
        problems.append(error.problem(file, line=line, field="month"))
    segment: str | None = None
    if names.segmented and "segment" in cells:
        name = str(cells["segment"])
        segment = names.segment(name) if name else None
        if segment is None:
            problems.append(
                Problem(
                    file=file,
                    line=line,
                    field="segment",
                    message=say("actuals.unknown_segment", name=name)
                    if name
                    else say("actuals.no_segment"),
                    hint=say("actuals.segments.known", names=names.plan_has_segments_hint),
                )
            )
    return month, segment


def _count(value: object) -> int:
    """A monthly count: whole and not negative; `▲3` is refused as a negative count."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if text == "":
            raise ValueProblem(say("actuals.empty_cell"), say("actuals.write_zero"))
        if text.startswith(("▲", "△", "-")):
            raise ValueProblem(say("value.count.negative", value=value), COUNT_HINT)
        return parse_count(text)
    return parse_count(value)


def _revenue(value: object, currency: str) -> Decimal:
    if isinstance(value, str) and value.strip() == "":
        raise ValueProblem(say("actuals.empty_cell"), say("actuals.write_zero_won"))
    return parse_money(value, currency)


def _build(
    file: str,
    names: _Names,
    stages: tuple[str, ...],
    has_revenue: bool,
    rows: list[tuple[int, Month | None, str | None, dict[str, object], dict[str, int]]],
    problems: list[Problem],
    place=None,  # type: ignore[no-untyped-def]
) -> ActualsTable:
    """Values checked and rows keyed; `place(line, column)` makes a Problem for YAML sources."""
    seen: dict[tuple[Month, str | None], int] = {}
    result: list[MonthActuals] = []

    def problem(line: object, field: str, message: Text, hint: Text | None = None) -> Problem:
        if place is not None:
            return place(line, field, message, hint)
        return Problem(file=file, line=line, field=field, message=message, hint=hint)  # type: ignore[arg-type]

    def _line(at: object) -> object:
        if place is not None:
            return place(at, "", say("actuals.no_month"), None).line
        return at

    segmented_rows = any(segment is not None for _, _, segment, _, _ in rows)
    for line, month, segment, cells, _places in rows:
        counts: dict[str, int] = {}
        revenue: Decimal | None = None
        for sid in stages:
            try:
                counts[sid] = _count(cells[sid])
            except ValueProblem as error:
                problems.append(problem(line, sid, error.message, error.hint))
        if has_revenue:
            try:
                revenue = _revenue(cells["revenue"], names.currency)
            except ValueProblem as error:
                problems.append(problem(line, "revenue", error.message, error.hint))
        if month is None or (segmented_rows and segment is None):
            continue
        key = (month, segment)
        if key in seen:
            what = f"{month}" + (f" ({segment})" if segment else "")
            problems.append(
                problem(
                    line,
                    "month",
                    say("actuals.repeated_row", what=what, line=_line(seen[key])),
                    say("actuals.one_row_per_month_and_segment")
                    if segment
                    else say("actuals.one_row_per_month"),
                )
            )
            continue
        seen[key] = line  # type: ignore[assignment]
        result.append(MonthActuals(month, segment, counts, revenue))
    if not problems and not result:
        problems.append(problem(None, "", say("actuals.no_months"), say("actuals.add_month_rows")))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    result.sort(key=lambda r: (r.month, r.segment or ""))
    return ActualsTable(source=file, stages=stages, has_revenue=has_revenue, rows=tuple(result))


def _read_yaml(path: Path, plan: Plan, file: str) -> ActualsTable:
    source, problems = read_yaml(path, file, MAX_TABLE_BYTES)
    if source is None:
        raise InputError(problems)
    return parse_actuals_yaml(source, plan)


def parse_actuals_yaml(source: Source, plan: Plan) -> ActualsTable:
    names = _Names(plan)
    problems: list[Problem] = []
    top = source.value
    if not isinstance(top, dict):
        raise InputError(
            [
                source.problem(
                    (),
                    say("actuals.yaml.not_a_mapping"),
                    say("actuals.yaml.one_key_per_month"),
                )
            ]
        )
    present: list[str] = []
    entries: list[tuple[tuple[str | int, ...], Month | None, str | None, dict[str, object]]] = []

    def take(path: tuple[str | int, ...], value: object, month: Month | None, seg: str | None):  # type: ignore[no-untyped-def]
        if not isinstance(value, dict):
            problems.append(source.problem(path, say("actuals.yaml.month_not_a_mapping")))
            return
        cells: dict[str, object] = {}
        for key, cell in value.items():
            resolved = names.column(str(key))
            if resolved is None or resolved in ("month", "segment"):
                problems.append(
                    source.problem(
                        (*path, key),
                        say("plan.unknown_key", name=key),
                        did_you_mean(str(key), names.known, "key"),
                        at_key=True,
                    )
                )
                continue
            if resolved in cells:
                problems.append(
                    source.problem(
                        (*path, key),
                        say("actuals.yaml.repeated_stage", key=key, stage=resolved),
                        say("actuals.yaml.keep_one"),
                        at_key=True,
                    )
                )
                continue
            cells[resolved] = cell
            if resolved not in present:
                present.append(resolved)
        entries.append((path, month, seg, cells))

    per_segment: list[str] = []
    totals: list[str] = []
    try:
        day_first = day_first_order(list(top))
    except MonthFormatError as error:
        problems.append(source.problem((), error.message, error.hint))
        day_first = None
    for key, value in top.items():
        try:
            month: Month | None = parse_month(key, day_first)
        except MonthFormatError as error:
            problems.append(source.problem((key,), error.message, error.hint, at_key=True))
            month = None
        if names.segmented and isinstance(value, dict) and value:
            first = next(iter(value))
            if names.segment(str(first)) is not None:
                for seg_key, seg_value in value.items():
                    seg = names.segment(str(seg_key))
                    if seg is None:
                        problems.append(
                            source.problem(
                                (key, seg_key),
                                say("actuals.unknown_segment", name=seg_key),
                                say("actuals.segments.known", names=names.plan_has_segments_hint),
                                at_key=True,
                            )
                        )
                        continue
                    take((key, seg_key), seg_value, month, seg)
                per_segment.append(key)
                continue
        take((key,), value, month, None)
        totals.append(key)

    if per_segment and totals:  # the team-total months would be dropped from a segmented table
        first = per_segment[0]
        line = source.key_marks.get((first,), (0, 0))[0]
        for key in totals:
            problems.append(
                source.problem(
                    (key,),
                    say("actuals.yaml.mixed_totals", key=key, first=first, line=line),
                    say(
                        "actuals.yaml.per_segment_or_totals", segments=names.plan_has_segments_hint
                    ),
                    at_key=True,
                )
            )

    stages = tuple(sid for sid in names.order if sid in present)
    has_revenue = "revenue" in present
    rows = []
    for path, month, seg, cells in entries:
        for column in (*stages, *(["revenue"] if has_revenue else [])):
            if column not in cells:
                problems.append(
                    source.problem(
                        path,
                        say("actuals.yaml.missing_value", column=column),
                        say("actuals.yaml.write_zero"),
                    )
                )
                cells[column] = 0
        rows.append((path, month, seg, cells, {}))

    def place(path: object, field: str, message: Text, hint: Text | None) -> Problem:
        where = path if isinstance(path, tuple) else ()
        if field and isinstance(path, tuple):
            for key in entries_keys(path) or []:
                if names.column(str(key)) == field:
                    where = (*path, key)
                    break
        return source.problem(where, message, hint)

    def entries_keys(path: tuple[str | int, ...]) -> list[object] | None:
        node: object = top
        for part in path:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return list(node) if isinstance(node, dict) else None

    return _build(source.file, names, stages, has_revenue, rows, problems, place)
