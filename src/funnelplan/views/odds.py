"""The odds in the target and gap reports: one fact line each, and the sized plan's table."""

from __future__ import annotations

from funnelplan.core.odds import TOO_COMPLEX, GapOdds, TargetOdds
from funnelplan.core.target_report import TargetReport
from funnelplan.i18n.words import Words
from funnelplan.views.display import format_rate
from funnelplan.views.document import Column, Count, Rate, Table


def target_odds_fact(odds: TargetOdds, words: Words) -> tuple[str, str]:
    if odds.shown is None:
        return words("odds_kgi"), words("odds_not_computed", reason=_reason(odds.reason, words))
    return words("odds_kgi"), words("odds_value", probability=format_rate(odds.shown))


def gap_odds_fact(odds: GapOdds, words: Words) -> tuple[str, str]:
    if odds.shown is None:
        reason = _reason(odds.reason, words)
        return words("odds_gap"), words("odds_not_computed", reason=reason)
    return words("odds_gap"), words(
        f"odds_gap_value_{odds.basis}", probability=format_rate(odds.shown)
    )


def _reason(reason: str, words: Words) -> str:
    if reason == "no_revenue":
        return words("odds_no_revenue")
    if reason == TOO_COMPLEX:
        return words("odds_too_complex")
    return reason


def sized_table(report: TargetReport, odds: TargetOdds, words: Words) -> Table | None:
    """Both plans' totals per stage and the odds of each (target --confidence)."""
    sized = odds.sized
    if sized is None or odds.shown is None:
        return None
    top = report.stages[0]
    wanted = format_rate(sized.wanted)
    if sized.extra == 0:
        title = words("odds_sized_none", wanted=wanted)
    else:
        title = words(
            "odds_sized_title",
            wanted=wanted,
            extra=sized.extra,
            stage=top.label,
            relative=format_rate(sized.relative_extra, signed=True),
        )
    columns = [
        Column(words("odds_column_stage"), False),
        Column(words("odds_column_plan")),
        Column(words("odds_column_sized")),
        Column(words("odds_column_change")),
    ]
    rows: list[list] = [
        [
            stage.label,
            Count(odds.planned[stage.id]),
            Count(sized.counts[stage.id]),
            Count(sized.changes[stage.id], signed=True),
        ]
        for stage in report.stages
    ]
    rows.append(
        [words("odds_row_probability"), Rate(odds.shown), Rate(sized.shown), Rate(sized.gain, True)]
    )
    one_fewer = format_rate(sized.one_fewer_shown) if sized.one_fewer_shown is not None else "-"
    caption = words(
        "odds_sized_caption_segments" if report.segments else "odds_sized_caption",
        stage=top.label,
        wanted=wanted,
        one_fewer=one_fewer,
    )
    return Table(title, columns, rows, total_rows=1, caption=caption)
