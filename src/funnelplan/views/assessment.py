"""The assessment report as a Document: rows and words; core/assessment.py makes every number."""

from __future__ import annotations

from fractions import Fraction

from funnelplan.core.assessment import SCORE_PLACES, AssessmentReport, Score
from funnelplan.i18n.words import Words
from funnelplan.views.display import Style, format_count
from funnelplan.views.document import Bar, Chart, Column, Count, Document, Notes, Table

SHOWN_DIFFERENCES = 5  # the statements a meeting starts with


def assessment_style() -> Style:
    """Scores are counts with one decimal; no money is shown."""
    return Style("JPY", 0, 1)


def _score_text(score: Fraction) -> str:
    return format_count(score, assessment_style(), places=SCORE_PLACES)


def _score(value: Fraction) -> Count:
    return Count(value, places=SCORE_PLACES)


def assessment_document(report: AssessmentReport, words: Words) -> Document:
    language = words.language
    assessment = report.assessment
    list_sep = "、" if language == "ja" else ", "

    def type_name(score: Score) -> str:
        return score.band.name.in_language(language)

    teams = list(report.teams)
    facts = [
        (
            words("as_answers"),
            words("as_answers_value", file=report.answers_file, encoding=report.encoding),
        ),
        (
            words("as_statements"),
            words("as_statements_ours")
            if assessment.file.startswith("funnelplan/")
            else assessment.file,
        ),
        (
            words("as_scale"),
            words(
                "as_scale_value",
                low=assessment.scale[0],
                high=assessment.scale[1],
                lowest=assessment.lowest,
                highest=assessment.highest,
            ),
        ),
        (
            words("as_respondents"),
            words(
                "as_respondents_value",
                count=report.respondents_total,
                teams=list_sep.join(
                    words("as_team_count", team=team, count=n)
                    for team, n in report.respondents.items()
                ),
            ),
        ),
    ]
    if report.skipped:
        facts.append(
            (
                words("as_skipped"),
                words(
                    "as_skipped_value",
                    blank=report.skipped.get("blank", 0),
                    out_of_range=report.skipped.get("out_of_range", 0),
                ),
            )
        )

    headline = [
        words("as_headline_team", team=team, type=type_name(score), score=_score_text(score.shown))
        for team, score in report.teams.items()
    ]
    if len(teams) > 1:
        headline.append(
            words(
                "as_headline_overall",
                type=type_name(report.overall),
                score=_score_text(report.overall.shown),
                highest=assessment.highest,
            )
        )
    if report.widest_area is not None:
        widest = next(a for a in report.areas if a.area == report.widest_area)
        headline.append(
            words(
                "as_headline_widest",
                area=report.widest_area.name.in_language(language),
                gap=_score_text(widest.gap),
            )
        )

    team_rows: list[list] = [
        [team, Count(Fraction(report.respondents[team])), _score(score.shown), type_name(score)]
        for team, score in report.teams.items()
    ]
    team_rows.append(
        [
            words("as_overall"),
            Count(Fraction(report.respondents_total)),
            _score(report.overall.shown),
            type_name(report.overall),
        ]
    )
    blocks: list = [
        Table(
            words("as_by_team"),
            [
                Column(words("as_team"), False),
                Column(words("as_people")),
                Column(words("as_score")),
                Column(words("as_type"), False),
            ],
            team_rows,
            total_rows=1,
        )
    ]
    area_columns = [Column(words("as_area"), False), *(Column(team) for team in teams)]
    if len(teams) > 1:
        area_columns.append(Column(words("as_gap")))
    area_rows = []
    for area in report.areas:
        row: list = [area.area.name.in_language(language)]
        row += [_score(area.scores[team]) for team in teams]
        if len(teams) > 1:
            row.append(_score(area.gap))
        area_rows.append(row)
    blocks.append(Table(words("as_by_area"), area_columns, area_rows))
    if len(teams) == 2:
        first, second = teams
        blocks.append(
            Chart(
                words("as_area_chart"),
                "paired",
                [
                    Bar(
                        a.area.name.in_language(language),
                        _score(a.scores[first]),
                        _score(a.scores[second]),
                    )
                    for a in report.areas
                ],
                legend=(first, second),
            )
        )
    if report.differences:
        rows = [
            [
                f"{d.statement.id} {d.statement.text.in_language(language)}",
                *(_score(d.scores[team]) for team in teams),
                _score(d.gap),
            ]
            for d in report.differences[:SHOWN_DIFFERENCES]
        ]
        blocks.append(
            Table(
                words("as_differences"),
                [
                    Column(words("as_statement"), False),
                    *(Column(team) for team in teams),
                    Column(words("as_gap")),
                ],
                rows,
                caption=words(
                    "as_differences_caption", low=assessment.scale[0], high=assessment.scale[1]
                ),
            )
        )
    steps = []
    seen = set()
    for who, score in [(words("as_overall"), report.overall), *report.teams.items()]:
        if score.band.type in seen:
            continue
        seen.add(score.band.type)
        steps.append(
            words(
                "as_next_item",
                who=who,
                type=type_name(score),
                steps=score.band.next_steps.in_language(language),
            )
        )
    blocks.append(Notes(words("as_next"), steps))
    bands = list_sep.join(
        words("as_rule_band_item", name=b.name.in_language(language), low=b.low, high=b.high)
        for b in assessment.bands
    )
    blocks.append(
        Notes(
            words("as_rules"),
            [words("as_rule_sum"), words("as_rule_band", bands=bands), words("as_rule_round")],
        )
    )
    return Document(
        title=words("as_title"),
        facts=facts,
        blocks=blocks,
        headline=headline,
        fact_separator=words("fact_separator"),
    )
