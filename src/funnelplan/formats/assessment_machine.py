"""The assessment report's machine texts: JSON (the contract in docs/assess.md) and a tidy CSV."""

from __future__ import annotations

import json

from funnelplan.core.assessment import AssessmentReport, Score
from funnelplan.formats.machine import number, write_csv

PLACES = 1


def _score(score: Score) -> dict[str, object]:
    return {"score": number(score.shown, PLACES), "type": score.band.type}


def assessment_json(report: AssessmentReport) -> str:
    assessment = report.assessment
    document = {
        "answers": report.answers_file,
        "scale": {"min": assessment.scale[0], "max": assessment.scale[1]},
        "range": {"min": assessment.lowest, "max": assessment.highest},
        "respondents": report.respondents,
        "skipped": report.skipped,
        "teams": {team: _score(score) for team, score in report.teams.items()},
        "overall": _score(report.overall),
        "areas": [
            {
                "area": area.area.id,
                "scores": {team: number(v, PLACES) for team, v in area.scores.items()},
                "gap": number(area.gap, PLACES),
            }
            for area in report.areas
        ],
        "differences": [
            {
                "statement": d.statement.id,
                "scores": {team: number(v, PLACES) for team, v in d.scores.items()},
                "gap": number(d.gap, PLACES),
            }
            for d in report.differences
        ],
        "bands": [{"type": b.type, "from": b.low, "to": b.high} for b in assessment.bands],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def assessment_csv(report: AssessmentReport) -> str:
    """One row per score: `section,team,id,score,type` (section: team, overall, area, statement)."""
    rows: list[list[object]] = []
    for team, score in report.teams.items():
        rows.append(["team", team, "", number(score.shown, PLACES), score.band.type])
    rows.append(["overall", "", "", number(report.overall.shown, PLACES), report.overall.band.type])
    for area in report.areas:
        for team, value in area.scores.items():
            rows.append(["area", team, area.area.id, number(value, PLACES), ""])
    for difference in report.differences:
        for team, value in difference.scores.items():
            rows.append(["statement", team, difference.statement.id, number(value, PLACES), ""])
    return write_csv(["section", "team", "id", "score", "type"], rows)
