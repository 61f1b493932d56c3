"""The assessment's report: each team's score and type, per area, and where the teams differ most.

Exact: every mean is a Fraction, and the one rounding (to one decimal, halves up:
`core.rounding.round_half_up`, the rule "assessment scores are shown to one decimal, halves up")
is applied here, so the report, its JSON and its sentences show the same numbers.

- A respondent's score is the sum of their ratings (20 statements rated 1 to 5: 20 to 100).
- A team's score is the mean of its respondents' scores; the company's (overall) is the mean of
  every respondent's score, so each person counts once, whatever the size of their team.
- A score's type is the band holding the score as shown (to one decimal); a band runs from its
  `from` up to the next band's `from`, so 39.5 is still Undefined and 40.0 is Defined.
- An area's score is the mean of the respondents' sums over that area's statements, so a team's
  area scores add up to its score (before rounding).
- A statement's difference is the highest team mean minus the lowest; sorted largest first (ties
  in the statements' order).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from funnelplan.core.rounding import round_half_up
from funnelplan.model.assessment import Answers, Area, Assessment, Band, Respondent, Statement

SCORE_PLACES = 1


@dataclass(frozen=True)
class Score:
    exact: Fraction
    shown: Fraction  # to one decimal, halves up
    band: Band


@dataclass(frozen=True)
class AreaScores:
    area: Area
    scores: dict[str, Fraction]  # team -> mean area sum, shown (one decimal)
    gap: Fraction  # highest minus lowest team, shown


@dataclass(frozen=True)
class Difference:
    statement: Statement
    scores: dict[str, Fraction]  # team -> mean rating, shown
    gap: Fraction  # shown; sorted on the exact gap


@dataclass(frozen=True)
class AssessmentReport:
    assessment: Assessment
    answers_file: str
    encoding: str
    respondents: dict[str, int]  # team -> respondents, in the sheet's order of first appearance
    respondents_total: int
    teams: dict[str, Score]
    overall: Score
    areas: tuple[AreaScores, ...]
    differences: tuple[Difference, ...]  # empty with one team
    skipped: dict[str, int]
    widest_area: Area | None  # the area where the teams differ most (None with one team)


def _shown(value: Fraction) -> Fraction:
    return round_half_up(value, SCORE_PLACES)


def band_for(assessment: Assessment, shown: Fraction) -> Band:
    """The band holding a shown score: from its `from` up to the next band's `from`."""
    chosen = assessment.bands[0]
    for band in assessment.bands:
        if shown >= band.low:
            chosen = band
    return chosen


def _score(assessment: Assessment, totals: list[int]) -> Score:
    exact = Fraction(sum(totals), len(totals))
    shown = _shown(exact)
    return Score(exact, shown, band_for(assessment, shown))


def _mean(values: list[int]) -> Fraction:
    return Fraction(sum(values), len(values))


def build_assessment(assessment: Assessment, answers: Answers) -> AssessmentReport:
    by_team: dict[str, list[Respondent]] = {}
    for respondent in answers.respondents:
        by_team.setdefault(respondent.team, []).append(respondent)

    def total(respondent: Respondent, statements: tuple[Statement, ...] | list[Statement]) -> int:
        return sum(respondent.ratings[s.id] for s in statements)

    teams = {
        team: _score(assessment, [total(r, assessment.statements) for r in people])
        for team, people in by_team.items()
    }
    overall = _score(assessment, [total(r, assessment.statements) for r in answers.respondents])

    areas: list[AreaScores] = []
    exact_area_gaps: list[Fraction] = []
    for area in assessment.areas:
        members = [s for s in assessment.statements if s.area == area.id]
        exact = {
            team: _mean([total(r, members) for r in people]) for team, people in by_team.items()
        }
        gap = max(exact.values()) - min(exact.values())
        exact_area_gaps.append(gap)
        areas.append(AreaScores(area, {t: _shown(v) for t, v in exact.items()}, _shown(gap)))

    differences: list[tuple[Fraction, int, Difference]] = []
    if len(by_team) > 1:
        for order, statement in enumerate(assessment.statements):
            exact = {
                team: _mean([r.ratings[statement.id] for r in people])
                for team, people in by_team.items()
            }
            gap = max(exact.values()) - min(exact.values())
            shown = {team: _shown(value) for team, value in exact.items()}
            differences.append((gap, order, Difference(statement, shown, _shown(gap))))
    differences.sort(key=lambda item: (-item[0], item[1]))

    widest = None
    if len(by_team) > 1 and areas:
        largest = max(exact_area_gaps)
        widest = areas[exact_area_gaps.index(largest)].area
    return AssessmentReport(
        assessment=assessment,
        answers_file=answers.file,
        encoding=answers.encoding,
        respondents={team: len(people) for team, people in by_team.items()},
        respondents_total=len(answers.respondents),
        teams=teams,
        overall=overall,
        areas=tuple(areas),
        differences=tuple(item[2] for item in differences),
        skipped=dict(answers.skipped),
        widest_area=widest,
    )
