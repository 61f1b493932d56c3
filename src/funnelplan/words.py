"""Every fixed word a report shows, from one catalogue."""

from __future__ import annotations

EN: dict[str, str] = {
    "period": "Period",
    "period_span": "{start} – {end} ({months})",
    "stage_with_owner": "{stage} ({team})",
    "rate_for_segment": "{rate}: {segment}",
    "months_n": "{n} months",
    "kgi": "KGI (revenue)",
    "deal_size": "Deal size",
    "by_segment": "by segment",
    "rounding": "Rounding",
    "rounding_up": "up to whole counts (cumulative)",
    "rounding_none": "none (fractions kept)",
    "funnel": "Funnel",
    "funnel_chart": "The funnel over the plan (counts, and the rate to the next stage)",
    "stage": "Stage",
    "owner": "Owner",
    "rate_to_next": "Rate to next",
    "lag_months": "Lag (months)",
    "commitments": "Monthly commitments by team",
    "month": "Month",
    "revenue": "Revenue",
    "total": "Total",
    "before_period": "{month} (before)",
    "segment_title": "Segment: {label} ({share} of the KGI, deal size {deal_size})",
    "people": "Per person",
    "team": "Team",
    "headcount": "People",
    "period_total": "Period total",
    "per_person_month": "Per person / month",
    "peak_month": "Peak month / person",
    "per_person_day": "Per person / day",
    "notes": "Notes",
    "note_pre_period": (
        "{months}: before the period. {stages} started then turn into deals inside the period "
        "(lag), so they are commitments too."
    ),
    "note_after_average": (
        "After the period the funnel goes on: {months} is assumed to bring the period's average "
        "monthly revenue ({amount}), so the last months' {stages} feed those deals too "
        "(change with `after_period:` in the plan)."
    ),
    "note_after_amount": (
        "After the period, {months} is assumed to bring {amount} a month, so the last months' "
        "{stages} feed those deals too."
    ),
    "note_after_stop": (
        "after_period: stop: nothing is planned after the period, so {stages} taper off in the "
        "last months."
    ),
    "note_pipeline": "Already in the pipeline at the start: {items}; taken off the earliest needs.",
    "note_rounding_up": (
        "Counts are whole: each month's running total is rounded up, so the period total equals "
        "the one-step backward calculation and no month falls short cumulatively."
    ),
    "note_rounding_none": "rounding: none: counts are exact fractions, shown to two decimals.",
    "agreement": "Agreement between marketing and sales",
    "lead_definition": "Lead definition",
    "sales_sla": "Sales SLA",
    "team_marketing": "marketing",
    "team_sales": "sales",
}


def _catalogues() -> dict[str, dict[str, str]]:
    from funnelplan.words_ja import JA

    return {"en": EN, "ja": JA}


LANGUAGES = ("en", "ja")


def language_from(option: str | None, plan_locale: str | None, environ: dict[str, str]) -> str:
    """`--lang`, else the plan's `locale:`, else LC_ALL / LC_MESSAGES / LANG (ja_JP... -> ja), else en."""
    if option:
        return option
    if plan_locale:
        return plan_locale
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


class Words:
    """Looks words up in one language; `words("key", n=3)` formats the entry."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.entries = _catalogues()[language]

    def __call__(self, key: str, **values: object) -> str:
        text = self.entries[key]
        return text.format(**values) if values else text

    def team(self, team_id: str) -> str:
        """The standard teams in the report's language; a plan's own team ids as written."""
        return self.entries.get(f"team_{team_id}", team_id)
