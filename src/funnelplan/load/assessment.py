"""The assessment's files: the statements (ours or a team's own YAML) and the answers sheets.

Answers come from where people answer: the blank sheet `assess --template` writes (opened in Excel),
a Google Forms or Microsoft Forms export (a timestamp column, a team column, one column per
statement), in UTF-8 (with or without a BOM) or cp932, comma, tab or semicolon separated. A
statement's column is found by its id (`G1`, or a header that starts with `G1 `), by its text in
either language, or by the text in a form grid's brackets (`Rate each [text]`). A rating is a whole
number from the scale (fullwidth digits too, and `5 - strongly agree`), or the scale's words
(`strongly agree`, `とてもそう思う`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

from funnelplan.errors import Choices, InputError, Problem, printable, say
from funnelplan.load.textfile import (
    MAX_PLAN_BYTES,
    MAX_TABLE_BYTES,
    DecodeError,
    ReadError,
    decode_bytes,
    read_bounded,
    sniff_delimiter,
)
from funnelplan.load.yamlsource import Source, read_yaml
from funnelplan.model.assessment import (
    Answers,
    Area,
    Assessment,
    Band,
    Bilingual,
    Respondent,
    Statement,
)

OURS = Path(__file__).resolve().parents[1] / "data" / "assessment.yaml"

TEAM_HEADERS = ("team", "チーム", "所属", "所属チーム", "部署", "部門", "department")
RATING_WORDS = {  # five-point agreement scales as forms write them
    "strongly disagree": 1,
    "disagree": 2,
    "neither agree nor disagree": 3,
    "neutral": 3,
    "agree": 4,
    "strongly agree": 5,
    "全くそう思わない": 1,
    "まったくそう思わない": 1,
    "そう思わない": 2,
    "あまりそう思わない": 2,
    "どちらともいえない": 3,
    "どちらとも言えない": 3,
    "そう思う": 4,
    "ややそう思う": 4,
    "とてもそう思う": 5,
    "強くそう思う": 5,
}


def load_assessment(path: Path | None = None) -> Assessment:
    """The statements file at `path` (funnelplan's own when None), checked; InputError otherwise."""
    file = str(path) if path is not None else "funnelplan/data/assessment.yaml"
    source, problems = read_yaml(path or OURS, file, MAX_PLAN_BYTES)
    if source is None:
        raise InputError(problems)
    assessment, problems = _assessment_from(source)
    if problems or assessment is None:
        raise InputError(problems)
    return assessment


def _text(source: Source, node: dict[str, object], path: tuple, key: str, problems: list) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(
            source.problem(
                (*path, key) if key in node else path,
                say("assess.statements.text_missing", key=key),
                say("assess.statements.text_missing_hint", key=key),
                at_key=key in node,
            )
        )
        return ""
    return " ".join(value.split())


def _bilingual(source: Source, node: dict, path: tuple, prefix: str, problems: list) -> Bilingual:
    return Bilingual(
        _text(source, node, path, f"{prefix}en", problems),
        _text(source, node, path, f"{prefix}ja", problems),
    )


def _list_of_mappings(source: Source, root: dict, key: str, problems: list) -> list[dict]:
    items = root.get(key)
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        problems.append(
            source.problem(
                (key,),
                say("assess.statements.list_needed", key=key),
                say("assess.statements.list_needed_hint", key=key),
            )
        )
        return []
    return items  # type: ignore[return-value]


def _assessment_from(source: Source) -> tuple[Assessment | None, list[Problem]]:
    problems: list[Problem] = []
    root = source.value
    if not isinstance(root, dict):
        return None, [
            source.problem((), say("assess.statements.not_mapping"), say("assess.statements.keys"))
        ]
    for key in root:
        if key not in ("scale", "areas", "statements", "bands"):
            problems.append(
                source.problem(
                    (str(key),),
                    say("assess.statements.unknown_key", key=key),
                    say("assess.statements.keys"),
                    at_key=True,
                )
            )
    scale = (1, 5)
    given = root.get("scale", {"min": 1, "max": 5})
    low, high = (given.get("min"), given.get("max")) if isinstance(given, dict) else (None, None)
    if not (
        isinstance(low, int)
        and isinstance(high, int)
        and not isinstance(low, bool)
        and 0 <= low < high <= 10
    ):
        problems.append(
            source.problem(
                ("scale",),
                say("assess.statements.bad_scale"),
                say("assess.statements.bad_scale_hint"),
            )
        )
    else:
        scale = (low, high)

    areas: list[Area] = []
    for index, node in enumerate(_list_of_mappings(source, root, "areas", problems)):
        area_id = _id(source, node, ("areas", index), {a.id for a in areas}, problems)
        areas.append(Area(area_id, _bilingual(source, node, ("areas", index), "", problems)))
    area_ids = [area.id for area in areas]

    statements: list[Statement] = []
    for index, node in enumerate(_list_of_mappings(source, root, "statements", problems)):
        path = ("statements", index)
        statement_id = _id(source, node, path, {s.id for s in statements}, problems)
        area = node.get("area")
        if area not in area_ids:
            problems.append(
                source.problem(
                    (*path, "area") if "area" in node else path,
                    say("assess.statements.unknown_area", area=area),
                    say("assess.statements.areas_are", areas=Choices(area_ids)),
                )
            )
        statements.append(
            Statement(statement_id, str(area), _bilingual(source, node, path, "", problems))
        )
    for area in areas:
        if statements and not any(s.area == area.id for s in statements):
            problems.append(
                source.problem(
                    ("areas", area_ids.index(area.id)),
                    say("assess.statements.empty_area", area=area.id),
                    say("assess.statements.empty_area_hint"),
                )
            )

    bands = _bands(source, root, scale, len(statements), problems)
    if problems:
        return None, problems
    return Assessment(source.file, scale, tuple(areas), tuple(statements), tuple(bands)), []


def _id(source: Source, node: dict, path: tuple, seen: set[str], problems: list) -> str:
    value = node.get("id")
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        problems.append(
            source.problem(
                path, say("assess.statements.id_missing"), say("assess.statements.id_hint")
            )
        )
        return ""
    value = str(value).strip()
    if value in seen:
        problems.append(
            source.problem(
                (*path, "id"),
                say("assess.statements.id_twice", id=value),
                say("assess.statements.id_hint"),
            )
        )
    return value


def _bands(
    source: Source, root: dict, scale: tuple[int, int], count: int, problems: list
) -> list[Band]:
    bands: list[Band] = []
    nodes = _list_of_mappings(source, root, "bands", problems)
    for index, node in enumerate(nodes):
        path = ("bands", index)
        low, high = node.get("from"), node.get("to")
        if (
            not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high))
            or low > high
        ):  # type: ignore[operator]
            problems.append(
                source.problem(
                    path, say("assess.bands.bad_range"), say("assess.bands.bad_range_hint")
                )
            )
            continue
        band_type = node.get("type")
        if not isinstance(band_type, str) or not band_type.strip():
            problems.append(
                source.problem(
                    path, say("assess.bands.type_missing"), say("assess.bands.type_hint")
                )
            )
            continue
        bands.append(
            Band(
                band_type.strip(),
                int(low),  # type: ignore[arg-type]
                int(high),  # type: ignore[arg-type]
                _bilingual(source, node, path, "", problems),
                _bilingual(source, node, path, "next_", problems),
            )
        )
    if not bands or not count or problems:
        return bands
    lowest, highest = scale[0] * count, scale[1] * count
    expected = lowest
    for index, band in sorted(enumerate(bands), key=lambda pair: pair[1].low):
        if band.low != expected:
            problems.append(
                source.problem(
                    ("bands", index, "from"),
                    say("assess.bands.not_covering", low=band.low, expected_before=expected - 1),
                    say("assess.bands.cover_hint", lowest=lowest, highest=highest),
                )
            )
        expected = band.high + 1
    if expected != highest + 1:
        problems.append(
            source.problem(
                ("bands",),
                say("assess.bands.not_to_the_top", high=expected - 1, highest=highest),
                say("assess.bands.cover_hint", lowest=lowest, highest=highest),
            )
        )
    return sorted(bands, key=lambda band: band.low)


# --- answers --------------------------------------------------------------------------------------


def normal_header(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def statement_of(header: str, assessment: Assessment) -> Statement | None:
    normal = normal_header(header)
    bracket = re.search(r"\[([^\]]+)\]\s*$", normal)
    candidates = [normal] + ([bracket.group(1).strip()] if bracket else [])
    for statement in assessment.statements:
        texts = {normal_header(statement.text.en), normal_header(statement.text.ja)}
        key = normal_header(statement.id)
        for candidate in candidates:
            if candidate in texts or candidate == key:
                return statement
            if candidate.startswith(key) and candidate[len(key) : len(key) + 1] in (
                " ",
                ":",
                ".",
                ")",
            ):
                return statement
    return None


def rating_of(cell: str, scale: tuple[int, int]) -> int | None:
    """The rating a cell holds, or None when it holds none (out of range, text, a fraction)."""
    text = normal_header(cell)
    if text in RATING_WORDS:
        value = RATING_WORDS[text]
        return value if scale == (1, 5) else None
    found = re.fullmatch(r"(\d{1,3})(?:\s*(?:[-:：(（].*)?)?", text)
    if found is None:
        return None
    value = int(found.group(1))
    return value if scale[0] <= value <= scale[1] else None


MAX_RESPONDENTS = 100_000  # rows of answers read; more is not a survey (and would take GBs)


def read_answers(
    path: Path,
    assessment: Assessment,
    encoding: str | None = None,
    skip_incomplete: bool = False,
    team_column: str | None = None,
) -> Answers:
    """Every respondent's ratings from an answers sheet; InputError with every problem otherwise."""
    file = str(path)
    try:
        raw = read_bounded(path, MAX_TABLE_BYTES)
        text, used = decode_bytes(raw, encoding)
    except (ReadError, DecodeError) as error:
        line = getattr(error, "line", None)
        raise InputError(
            [Problem(file=file, line=line, message=error.message, hint=error.hint)]
        ) from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise InputError(
            [
                Problem(
                    file=file,
                    message=say("assess.answers.binary"),
                    hint=say("assess.answers.save_csv"),
                )
            ]
        )
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text[:65536]))
    try:
        rows = []
        for row in reader:
            if len(rows) > MAX_RESPONDENTS:  # the header and more people than any company asks
                raise InputError(
                    [
                        Problem(
                            file=file,
                            line=reader.line_num,
                            message=say("assess.answers.too_many", limit=f"{MAX_RESPONDENTS:,}"),
                            hint=say("assess.answers.too_many_hint"),
                        )
                    ]
                )
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise InputError(
            [
                Problem(
                    file=file,
                    line=reader.line_num,
                    message=say("assess.answers.not_csv", reason=str(error)),
                    hint=say("assess.answers.save_csv"),
                )
            ]
        ) from None
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError(
            [
                Problem(
                    file=file,
                    message=say("assess.answers.empty"),
                    hint=say("assess.answers.template_hint"),
                )
            ]
        )
    header_line, header = rows[0]
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    team_at: int | None = None
    wanted_team = normal_header(team_column) if team_column else None
    for index, name in enumerate(header):
        normal = normal_header(name)
        if (wanted_team is not None and normal == wanted_team) or (
            wanted_team is None and normal in TEAM_HEADERS and team_at is None
        ):
            team_at = index
            continue
        statement = statement_of(name, assessment)
        if statement is None:
            continue  # a timestamp, an e-mail, a comment: not ours
        if statement.id in columns:
            problems.append(
                Problem(
                    file=file,
                    line=header_line,
                    column=index + 1,
                    field=name,
                    message=say("assess.answers.statement_twice", id=statement.id),
                    hint=say("assess.answers.statement_twice_hint"),
                )
            )
            continue
        columns[statement.id] = index
    if team_at is None:
        problems.append(
            Problem(
                file=file,
                line=header_line,
                message=say("assess.answers.no_team_column", column=team_column or "team"),
                hint=say("assess.answers.team_column_hint", headers=Choices(TEAM_HEADERS[:3])),
            )
        )
    missing = [s.id for s in assessment.statements if s.id not in columns]
    if missing:
        problems.append(
            Problem(
                file=file,
                line=header_line,
                message=say("assess.answers.statements_missing", ids=Choices(missing, "comma")),
                hint=say("assess.answers.statements_missing_hint"),
            )
        )
    if problems:
        raise InputError(problems)
    assert team_at is not None
    respondents: list[Respondent] = []
    skipped: dict[str, int] = {}
    for line, row in rows[1:]:
        if any(cell.strip() for cell in row[len(header) :]):  # an unquoted 1,234 shifts a row
            problems.append(
                Problem(
                    file=file,
                    line=line,
                    column=len(header) + 1,
                    message=say(
                        "assess.answers.row_too_long", fields=len(row), headers=len(header)
                    ),
                    hint=say("assess.answers.row_too_long_hint"),
                )
            )
            continue
        row_problems: list[Problem] = []
        reason = ""
        team = row[team_at].strip() if team_at < len(row) else ""
        if not team:
            reason = "blank"
            row_problems.append(
                Problem(
                    file=file,
                    line=line,
                    column=team_at + 1,
                    field=header[team_at],
                    message=say("assess.answers.team_blank"),
                    hint=say("assess.answers.team_blank_hint"),
                )
            )
        ratings: dict[str, int] = {}
        for statement in assessment.statements:
            at = columns[statement.id]
            cell = row[at] if at < len(row) else ""
            if not cell.strip():
                reason = reason or "blank"
                row_problems.append(
                    Problem(
                        file=file,
                        line=line,
                        column=at + 1,
                        field=header[at],
                        message=say("assess.answers.rating_blank", id=statement.id),
                        hint=say(
                            "assess.answers.rating_hint",
                            low=assessment.scale[0],
                            high=assessment.scale[1],
                        ),
                    )
                )
                continue
            rating = rating_of(cell, assessment.scale)
            if rating is None:
                reason = "out_of_range" if reason != "blank" else reason
                row_problems.append(
                    Problem(
                        file=file,
                        line=line,
                        column=at + 1,
                        field=header[at],
                        message=say(
                            "assess.answers.rating_invalid", id=statement.id, value=cell.strip()
                        ),
                        hint=say(
                            "assess.answers.rating_hint",
                            low=assessment.scale[0],
                            high=assessment.scale[1],
                        ),
                    )
                )
                continue
            ratings[statement.id] = rating
        if row_problems:
            if skip_incomplete:
                skipped[reason] = skipped.get(reason, 0) + 1
            else:
                problems += row_problems
            continue
        respondents.append(Respondent(line, team, ratings))
    if problems:
        raise InputError(problems)
    if not respondents:
        raise InputError(
            [
                Problem(
                    file=file,
                    message=say("assess.answers.no_respondents"),
                    hint=say("assess.answers.template_hint"),
                )
            ]
        )
    return Answers(file, used, tuple(respondents), skipped)


def template_csv(assessment: Assessment, language: str) -> str:
    """The blank answers sheet: a team column, then one column per statement (`G1 text`)."""
    team = "チーム" if language == "ja" else "team"
    header = [team] + [  # a `\e` in a statements file's text never reaches a terminal raw
        f"{s.id} {printable(s.text.in_language(language))}" for s in assessment.statements
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(header)
    return buffer.getvalue()
