"""Every fixed word a report shows, from one catalogue."""

from __future__ import annotations

from functools import cache

EN: dict[str, str] = {
    "list_separator": ", ",
    "item_team_amount": "{team} {amount}",
    "item_stage_change": "{stage} {count} ({change})",
    "item_stage_month": "{count} {stage} ({month})",
    "gap_revenue_chart": "Revenue by month: actual against plan",
    "gap_drivers_chart": "What moved revenue against plan",
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
    "lag_share": "{months}: {share}",
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
    # gap (issue 3)
    "gap_as_of": "As of",
    "adjusted": "Changed from the plan file",
    "adjusted_scenario": "scenario {name}: {setting} = {value}",
    "adjusted_set": "--set {setting} = {value}",
    "gap_actuals": "Actuals",
    "gap_to_date_span": "{start} – {end}",
    "gap_forecast": "Forecast (to-date pace)",
    "gap_forecast_value": "{amount} ({attainment} of the KGI)",
    "gap_thresholds": "Status marks",
    "gap_thresholds_value": "on track from {at_risk}, at risk from {behind}, behind below",
    "gap_to_date": "To date ({span})",
    "gap_monthly": "Month by month",
    "gap_plan": "Plan",
    "gap_actual": "Actual",
    "gap_gap": "Gap",
    "gap_attainment": "Attainment",
    "gap_status": "Status",
    "status_on_track": "on track",
    "status_at_risk": "at risk",
    "status_behind": "behind",
    "status_missing": "missing",
    "status_no_plan": "-",
    "gap_missing_cell": "missing",
    "gap_rates": "Conversion rates to date",
    "gap_step": "Step",
    "gap_counted": "Months counted",
    "gap_difference": "Difference (points)",
    "gap_step_name": "{from_} → {to}",
    "gap_window": "{first_from} – {last_from} → {first_to} – {last_to}",
    "gap_drivers": "Why revenue differs from plan (drivers)",
    "gap_driver": "Driver",
    "gap_impact": "Impact",
    "gap_revenue_gap": "Revenue gap to date",
    "driver_volume": "{stage} volume",
    "driver_rate": "{from_} → {to} rate",
    "driver_deal_size": "Deal size",
    "gap_teams": "Drivers by team",
    "gap_segment_to_date": "Segment: {label}, to date",
    "gap_catch_up": "Catch-up: what the remaining months now need ({basis})",
    "gap_basis_plan": "at the plan's rates",
    "gap_basis_actual": "at the to-date actual rates",
    "gap_new_total": "Total",
    "gap_original": "Original",
    "gap_change": "Change",
    "gap_change_pct": "Change %",
    "gap_headline_revenue": (
        "Revenue to date ({span}): {actual} against a plan of {plan} ({attainment}, {status})."
    ),
    "gap_headline_revenue_missing": "The actuals carry no revenue, so the revenue gap is unknown.",
    "gap_headline_driver": (
        "The largest driver is {driver} ({team}): {impact} of the {gap} gap; by team: {teams}."
    ),
    "gap_headline_catch_up": (
        "To reach the KGI of {kgi}, the remaining {n} months need {remaining} "
        "({change} on the original plan): {items}."
    ),
    "gap_headline_impossible": "{amount} of it cannot come in time: {items}.",
    "gap_headline_met": "The KGI of {kgi} is already met: {actual} to date.",
    "gap_headline_over": "The period is over: {short} short of the KGI of {kgi}.",
    "gap_notes": "Notes",
    "gap_note_cohort": (
        "Rates are counted in cohorts: each stage over the months its entries had to convert in "
        "(lags), e.g. {example}."
    ),
    "gap_note_same_month": (
        "The actuals lack the months before {start} that lagged rates need, so every stage is "
        "counted over the same months ({span}); lagged rates are approximate."
    ),
    "gap_note_missing": "Not in the actuals (shown as missing, never as 0): {items}.",
    "gap_note_no_revenue_drivers": "No drivers: the actuals carry no revenue.",
    "gap_note_no_stage_drivers": "No drivers: the actuals carry no funnel stage.",
    "gap_note_merged": "{driver} spans {stages}: missing or 0 in the actuals or the plan, it cannot be separated.",
    "gap_note_volume_at": "Volume is measured at {stage}: {stages} missing or 0.",
    "gap_note_drivers_method": (
        "Drivers split the revenue gap exactly (Shapley decomposition of volume x rates x deal size "
        "over the same months); the plan's values are its own whole counts, so they may differ "
        "slightly from the nominal rates."
    ),
    "gap_note_pipeline": "Already in the funnel at {as_of} and held against the first needs: {items}.",
    "gap_note_impossible": (
        "{stage}: {count} more were needed in {month} to feed {next} in {feeds}; that month is "
        "past (about {amount} of the remaining revenue cannot come in time)."
    ),
    "gap_note_fallback_rates": "No actual rate for {items}: the plan's rate is used.",
    "gap_not_compared": "Not compared",
    "gap_not_compared_outside": "{months} (outside the period)",
    "gap_not_compared_later": "{months} (after the as-of month {as_of})",
    "list_sep": "; ",
    "gap_note_before": "{months}: before the period; shown, not counted in the to-date totals.",
    "gap_note_met": "The KGI is already met ({actual} to date): nothing more is needed.",
    "gap_note_over": "The period is over: no months remain ({short} short of the KGI).",
    "gap_note_unavailable": "No catch-up: the actuals carry no revenue.",
    "gap_headline_offsetting": (
        "The drivers offset each other: {items}; together {gap} (by team: {teams})."
    ),
    "item_driver_change": "{driver} {direction} by {change} ({impact})",
    "driver_fell": "fell",
    "driver_rose": "rose",
    "gap_headline_slip": "Capped by what entered the funnel in past months: {items}.",
    "item_slip": "{count} {stage} ({amount}) slip from {from_} to {to}",
    "gap_note_slip": (
        "{count} {stage} ({amount}) due by {from_} slip to {to}: what can close in {from_} is "
        "capped by entries already made in past months."
    ),
    "gap_note_held_from_plan": (
        "Not in the actuals: {items}; the catch-up holds what the plan counted there (never 0)."
    ),
    "team_marketing": "marketing",
    "team_sales": "sales",
    # actuals from CRM exports (views/actuals.py)
    "ex_title": "monthly actuals from CRM exports",
    "ex_sources": "Exports",
    "ex_counting": "Counting",
    "ex_counting_rule": (
        "period-based: a record counts for a stage in the month it entered that stage; revenue is "
        "won amounts by close month"
    ),
    "ex_monthly": "Monthly actuals (entered each stage that month)",
    "ex_flow": "Flow ratios",
    "ex_flow_caption": (
        "Each stage's count over the stage before it in the same month: a flow, not a "
        "conversion rate of the same records."
    ),
    "ex_cohort": "Cohorts by creation month",
    "ex_cohort_month": "Created",
    "ex_open": "still open",
    "ex_cohort_caption": (
        "Records by the month they entered {stage}, and how many have reached each later stage "
        "so far (as of {as_of}, the latest date in the export); open cohorts may still advance."
    ),
    "ex_quality": "Data quality",
    "ex_mapping": "Columns read",
    "ex_file_summary": "{file} ({encoding}): {records}, {used} used, {skipped} skipped.",
    "ex_skip_fields": "{n} skipped: more or fewer fields than the header ({rows}; {example}).",
    "ex_skip_duplicate_id": (
        "{n} skipped: the record id was seen on an earlier row, which was counted ({rows}; "
        "id {example})."
    ),
    "ex_skip_bad_date": "{n} skipped: a date that cannot be read ({rows}; {example}).",
    "ex_skip_no_date": "{n} skipped: no date for any mapped stage ({rows}).",
    "ex_skip_bad_amount": "{n} skipped: a won deal without a readable amount ({rows}; {example}).",
    "ex_backwards": (
        "{n} records have stage dates that run backwards, counted as they are ({rows}; {example})."
    ),
    "ex_backwards_one": (
        "{n} record has stage dates that run backwards, counted as it is ({rows}; {example})."
    ),
    "ex_not_won": "{n} deals not won: no revenue, not a problem.",
    "ex_not_won_one": "{n} deal not won: no revenue, not a problem.",
    "ex_outside": "Dates outside the months of the table, not counted: {items}.",
    "ex_blank_footer": "{blank} and {footer} ignored.",
    "ex_rows": "rows {rows}",
    "ex_rows_one": "row {rows}",
    "ex_records": "{n} records",
    "ex_records_one": "{n} record",
    "ex_won_deals": "{n} won deals",
    "ex_won_deals_one": "{n} won deal",
    "ex_blank_rows": "{n} blank rows",
    "ex_blank_rows_one": "{n} blank row",
    "ex_footer_lines": "{n} report footer lines",
    "ex_footer_lines_one": "{n} report footer line",
    "ex_data_through": "Data through",
    "ex_partial": (
        "{month} holds data to {day}: an incomplete month, not compared (to date ends at "
        "{as_of}; --as-of {month} compares it as it is)."
    ),
    "ex_partial_compared": (
        "{month} holds data to {day}: an incomplete month, compared as it is against the whole "
        "month's plan."
    ),
    # check
    "check_ok": "{path}: OK ({stages} stages, {start} – {end})",
    # separators: a fact's label and value, a label and its value in a line, ranges, lists cut short
    "fact_separator": ": ",
    "label_value": "{label}: {value}",
    "span": "{start} – {end}",
    "list_more": "...",
    "month_open": "{month} (still open)",
    "gap_cohort_example": "{stage} {start} – {end} / {lagged} {lagged_start} – {lagged_end}",
    "ex_field_count": "{fields} fields, the header has {width}",
    "ex_backwards_pair": "{stage} {day} before {earlier} {earlier_day}",
    "ex_backwards_first": "{stage} {day} before an earlier stage",
    # init
    "init_wrote": "wrote {path}: edit it, then run `funnelplan target {path}`",
}


@cache
def _catalogues() -> dict[str, dict[str, str]]:
    """The core words and every area's (funnelplan.i18n.report_words), per language."""
    import importlib
    import pkgutil

    from funnelplan.i18n import report_words
    from funnelplan.i18n.words_ja import JA

    merged = {"en": dict(EN), "ja": dict(JA)}
    for found in pkgutil.iter_modules(report_words.__path__):
        area = importlib.import_module(f"{report_words.__name__}.{found.name}")
        for language, entries in merged.items():
            extra: dict[str, str] = getattr(area, language.upper(), {})
            twice = set(extra) & set(entries)
            if twice:
                raise ValueError(f"report words defined twice ({found.name}): {sorted(twice)}")
            entries.update(extra)
    return merged


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

    def __init__(self, language: str = "en", team_labels: dict[str, str] | None = None) -> None:
        self.language = language
        self.entries = _catalogues()[language]
        self.team_labels = team_labels or {}

    def __call__(self, key: str, **values: object) -> str:
        text = self.entries[key]
        return text.format(**values) if values else text

    def team(self, team_id: str) -> str:
        """A team's `label` from the plan, else a standard team in the report's language, else
        the team's key as written (インサイドセールス stays インサイドセールス)."""
        label = self.team_labels.get(team_id)
        if label:
            return label
        return self.entries.get(f"team_{team_id}", team_id)
