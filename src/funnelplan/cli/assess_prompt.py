"""`assess --interactive`: one person rates every statement in the terminal, resumably.

What has been answered is kept after each answer in a small file beside the sheet
(`.answers.csv.<team>.partial`); a stop (q, Ctrl-D, Ctrl-C) keeps it, and the same command goes on
from there. The last answer adds the person's row to the sheet (created with the template's header
when it does not exist yet) and removes the partial file.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

from funnelplan.errors import InputError, Problem, printable, say
from funnelplan.i18n.words import Words
from funnelplan.model.assessment import Assessment


def partial_path(answers: Path, team: str) -> Path:
    safe = "".join(ch if ch.isalnum() else "_" for ch in team)
    return answers.with_name(f".{answers.name}.{safe}.partial")


def answer_in_terminal(
    assessment: Assessment,
    answers: Path,
    team: str,
    language: str,
    ask: Callable[[str], str] = input,
    tell: Callable[[str], None] = lambda text: print(text, file=sys.stderr),
) -> bool:
    """Ask every statement not yet answered; True when the row was added to `answers`."""
    from funnelplan.cli.output import write_atomically
    from funnelplan.load.assessment import rating_of, template_csv

    words = Words(language)
    if answers.exists() or answers.is_symlink():
        _read_sheet(answers, assessment)  # a device, a FIFO or a sheet without a team column:
        # said now, not after the last answer
    elif not answers.parent.is_dir():
        raise InputError(
            [
                Problem(
                    file=str(answers),
                    field="ANSWERS",
                    message=say("assess.cli.no_folder", folder=str(answers.parent)),
                    hint=say("assess.cli.no_folder_hint"),
                )
            ]
        )
    keep = partial_path(answers, team)
    ratings: dict[str, int] = {}
    if keep.exists():
        try:
            ratings = {k: int(v) for k, v in json.loads(keep.read_text("utf-8")).items()}
        except (ValueError, OSError, AttributeError):
            ratings = {}
        tell(words("as_resuming", done=len(ratings), total=len(assessment.statements)))
    low, high = assessment.scale
    for number, statement in enumerate(assessment.statements, 1):
        if statement.id in ratings:
            continue
        text = printable(statement.text.in_language(language))  # shown literally, never run
        tell(f"\n[{number}/{len(assessment.statements)}] {text}")
        while True:
            try:
                reply = ask(words("as_prompt", low=low, high=high)).strip()
            except (EOFError, KeyboardInterrupt):
                reply = "q"
            if reply.lower() in ("q", "quit", "ｑ"):
                tell(words("as_stopped", done=len(ratings), total=len(assessment.statements)))
                return False
            rating = rating_of(reply, assessment.scale)
            if rating is not None:
                break
            tell(words("as_prompt_again", low=low, high=high))
        ratings[statement.id] = rating
        keep.write_text(json.dumps(ratings), encoding="utf-8")

    header_text = template_csv(assessment, language)
    if answers.exists() or answers.is_symlink():
        existing, header = _read_sheet(answers, assessment)
    else:
        existing = header_text
        header = next(csv.reader(io.StringIO(header_text)))
    from funnelplan.load.assessment import TEAM_HEADERS, normal_header, statement_of

    row: list[str] = []
    for name in header:
        statement = statement_of(name, assessment)
        if statement is not None:
            row.append(str(ratings[statement.id]))
        elif normal_header(name) in TEAM_HEADERS:
            row.append(team)
        else:
            row.append("")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    text = existing if existing.endswith("\n") else existing + "\r\n"
    write_atomically(answers, text + buffer.getvalue(), bom=True, field="ANSWERS")
    keep.unlink(missing_ok=True)
    tell(words("as_saved", file=answers))
    return True


def _read_sheet(answers: Path, assessment: Assessment) -> tuple[str, list[str]]:
    """The sheet's text (without a BOM) and its header; InputError when it cannot take a row."""
    from funnelplan.load.assessment import TEAM_HEADERS, normal_header
    from funnelplan.load.textfile import (
        MAX_TABLE_BYTES,
        DecodeError,
        ReadError,
        decode_bytes,
        read_bounded,
    )

    try:
        existing, _ = decode_bytes(read_bounded(answers, MAX_TABLE_BYTES))
    except (ReadError, DecodeError) as error:
        raise InputError(
            [
                Problem(
                    file=str(answers),
                    line=getattr(error, "line", None),
                    message=error.message,
                    hint=error.hint,
                )
            ]
        ) from None
    existing = existing.lstrip("\ufeff")
    header = next(csv.reader(io.StringIO(existing)), [])
    if not any(normal_header(name) in TEAM_HEADERS for name in header):
        raise InputError(
            [
                Problem(
                    file=str(answers),
                    line=1,
                    message=say("assess.answers.no_team_column", column="team"),
                    hint=say("assess.answers.team_column_hint", headers="team, チーム, 所属"),
                )
            ]
        )
    from funnelplan.errors import Choices
    from funnelplan.load.assessment import statement_of

    found = {statement.id for name in header if (statement := statement_of(name, assessment))}
    missing = [s.id for s in assessment.statements if s.id not in found]
    if missing:  # the row would lose those answers, and the sheet could not be read back
        raise InputError(
            [
                Problem(
                    file=str(answers),
                    line=1,
                    message=say("assess.answers.statements_missing", ids=Choices(missing, "comma")),
                    hint=say("assess.answers.statements_missing_hint"),
                )
            ]
        )
    return existing, header
