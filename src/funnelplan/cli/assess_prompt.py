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

from funnelplan.errors import InputError, Problem, say
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
    from funnelplan.load.assessment import _rating, template_csv

    words = Words(language)
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
        tell(f"\n[{number}/{len(assessment.statements)}] {statement.text.in_language(language)}")
        while True:
            try:
                reply = ask(words("as_prompt", low=low, high=high)).strip()
            except (EOFError, KeyboardInterrupt):
                reply = "q"
            if reply.lower() in ("q", "quit", "ｑ"):
                tell(words("as_stopped", done=len(ratings), total=len(assessment.statements)))
                return False
            rating = _rating(reply, assessment.scale)
            if rating is not None:
                break
            tell(words("as_prompt_again", low=low, high=high))
        ratings[statement.id] = rating
        keep.write_text(json.dumps(ratings), encoding="utf-8")

    header_text = template_csv(assessment, language)
    if answers.exists():
        from funnelplan.load.textfile import MAX_TABLE_BYTES, decode_bytes, read_bounded

        existing, _ = decode_bytes(read_bounded(answers, MAX_TABLE_BYTES))
        existing = existing.lstrip("\ufeff")
        header = next(csv.reader(io.StringIO(existing)), [])
    else:
        existing = header_text
        header = next(csv.reader(io.StringIO(header_text)))
    from funnelplan.load.assessment import TEAM_HEADERS, _normal, _statement_of

    row: list[str] = []
    for name in header:
        statement = _statement_of(name, assessment)
        if statement is not None:
            row.append(str(ratings[statement.id]))
        elif _normal(name) in TEAM_HEADERS:
            row.append(team)
        else:
            row.append("")
    if not any(_normal(name) in TEAM_HEADERS for name in header):
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
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    text = existing if existing.endswith("\n") else existing + "\r\n"
    write_atomically(answers, text + buffer.getvalue(), bom=True, field="ANSWERS")
    keep.unlink(missing_ok=True)
    tell(words("as_saved", file=answers))
    return True
