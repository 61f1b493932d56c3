"""Words of the odds (target, gap) and of `funnelplan sensitivity`."""

from __future__ import annotations

EN: dict[str, str] = {
    "odds_kgi": "Odds of reaching the KGI",
    "odds_value": "{probability} at the planned counts (each unit converting independently at its stage's rate)",
    "odds_not_computed": "not computed ({reason})",
    "odds_gap": "Odds of reaching the KGI from here",
    "odds_gap_value_plan": (
        "{probability} (revenue to date, plus what the pipeline and the catch-up's entries bring "
        "at the plan's rates)"
    ),
    "odds_gap_value_actual": (
        "{probability} (revenue to date, plus what the pipeline and the catch-up's entries bring "
        "at the to-date actual rates)"
    ),
    "odds_no_revenue": "the actuals carry no revenue",
    "odds_too_complex": (
        "the deal sizes have no common unit small enough to sum exactly; round them, e.g. to"
        " multiples of 1,000"
    ),
    "odds_sized_title": "Sized for {wanted}: {extra} more {stage} ({relative})",
    "odds_sized_none": "Sized for {wanted}: the plan already reaches it",
    "odds_column_stage": "Stage",
    "odds_column_plan": "Plan",
    "odds_column_sized": "Sized",
    "odds_column_change": "Change",
    "odds_row_probability": "Odds of reaching the KGI",
    "odds_sized_caption": (
        "The fewest extra {stage} at which the odds reach {wanted} (one fewer: {one_fewer}); "
        "the later stages follow from the raised volume at each rate (rounded down)."
    ),
    "odds_sized_caption_segments": (
        "The fewest extra {stage} at which the odds reach {wanted} (one fewer: {one_fewer}), "
        "spread over the segments in proportion to their planned {stage}; the later stages follow "
        "from the raised volume at each rate (rounded down)."
    ),
}

JA: dict[str, str] = {
    "odds_kgi": "KGI達成確率",
    "odds_value": "{probability}（計画どおりの件数で、1件ずつが各段階の率で独立に進むとした場合）",
    "odds_not_computed": "計算できません（{reason}）",
    "odds_gap": "ここからのKGI達成確率",
    "odds_gap_value_plan": (
        "{probability}（これまでの売上に、進行中の件数と挽回計画の件数が計画の率で進む分を加えた場合）"
    ),
    "odds_gap_value_actual": (
        "{probability}（これまでの売上に、進行中の件数と挽回計画の件数が実績の率で進む分を加えた場合）"
    ),
    "odds_no_revenue": "実績に売上がありません",
    "odds_too_complex": "案件単価に共通の単位がなく、厳密に合計できません。1,000 の倍数など切りのよい金額にしてください",
    "odds_sized_title": "達成確率{wanted}以上の計画: {stage}を{extra}件増（{relative}）",
    "odds_sized_none": "達成確率{wanted}以上の計画: いまの計画で届いています",
    "odds_column_stage": "段階",
    "odds_column_plan": "計画",
    "odds_column_sized": "確率に合わせた計画",
    "odds_column_change": "増減",
    "odds_row_probability": "KGI達成確率",
    "odds_sized_caption": (
        "達成確率が{wanted}に届く最少の{stage}の増分です（1件少ないと{one_fewer}）。"
        "後の段階は増えた件数に各段階の率を掛けた数（切り捨て）です。"
    ),
    "odds_sized_caption_segments": (
        "達成確率が{wanted}に届く最少の{stage}の増分です（1件少ないと{one_fewer}）。"
        "増分は各セグメントの計画の{stage}の比で配分し、後の段階は増えた件数に各段階の率を掛けた数（切り捨て）です。"
    ),
}

EN.update(
    {
        "sens_volume": "{stage} volume",
        "sens_rate": "{stage} → {next} rate",
        "sens_deal_size": "Deal size",
        "sens_with_segment": "{name} ({segment})",
        "sens_sep": ", ",
        "sens_and": " and ",
        "sens_headline_only": "Only {names} still bring revenue inside this period.",
        "sens_headline_all": "Every lever still brings revenue inside this period; the most: {name} ({amount}).",
        "sens_headline_none": "No lever pulled from {month} brings revenue inside this period any more.",
        "sens_headline_late": "{names}: reach revenue from {month}, after the period.",
        "sens_step": "Step",
        "sens_from": "Acting from",
        "sens_pace": "Later months",
        "sens_pace_plan": "the plan's top-stage volume",
        "sens_pace_actual": "the to-date average top-stage volume",
        "sens_chart": "Revenue added inside the period, by lever (and its first month of revenue)",
        "sens_from_month": "from {month}",
        "sens_after_short": "from {month}, after the period",
        "sens_levers": "Levers raised by {step}, ranked by the revenue they add inside the period",
        "sens_lever": "Lever",
        "sens_before": "Now",
        "sens_after": "Raised",
        "sens_revenue_delta": "Revenue added in the period",
        "sens_first_month": "First month of revenue",
        "sens_commitments": "Commitments when the lever improves by {step} (change in each stage's count)",
        "sens_commitments_caption": (
            "What the plan would need of each stage, worked backward with the improved value: a "
            "better rate lowers the stages above it, a higher deal size every stage."
        ),
        "sens_note_after": "{name} reaches revenue from {month}, after the period: it adds nothing this period.",
        "sens_note_capped": "{name}: raised to 100% (a rate cannot pass it).",
        "sens_note_expected": (
            "Counts are expected values (exact fractions): each stage is the stage above it, lag "
            "months earlier, x its rate; revenue is shown to the currency's unit, half up."
        ),
        "sens_note_from_plan": "Every month takes the plan's counts (what `target` works backward).",
        "sens_note_from_actuals": (
            "Months up to the as-of month take the actuals (split over segments in the plan's "
            "proportions when the actuals are team-level); later months run forward from them."
        ),
    }
)

JA.update(
    {
        "sens_volume": "{stage}数",
        "sens_rate": "{stage}→{next}率",
        "sens_deal_size": "顧客単価",
        "sens_with_segment": "{name}（{segment}）",
        "sens_sep": "、",
        "sens_and": "と",
        "sens_headline_only": "改善が今期中に効くのは{names}だけです。",
        "sens_headline_all": "どの改善も今期中に効きます。最も大きいのは{name}（{amount}）です。",
        "sens_headline_none": "{month}からの改善は、どれも今期中の売上には届きません。",
        "sens_headline_late": "{names}は{month}から売上に効くため、今期には間に合いません。",
        "sens_step": "改善幅",
        "sens_from": "改善の開始月",
        "sens_pace": "今後の月",
        "sens_pace_plan": "計画の最上段の件数",
        "sens_pace_actual": "これまでの最上段の月平均",
        "sens_chart": "改善ごとの今期中の売上増（と売上に効き始める月）",
        "sens_from_month": "{month}から",
        "sens_after_short": "{month}から（今期後）",
        "sens_levers": "{step}改善したときの今期中の売上増（大きい順）",
        "sens_lever": "改善する項目",
        "sens_before": "現在",
        "sens_after": "改善後",
        "sens_revenue_delta": "今期中の売上増",
        "sens_first_month": "売上に効き始める月",
        "sens_commitments": "{step}改善したときの各段階の目標件数の増減",
        "sens_commitments_caption": (
            "改善後の値で計画を逆算した各段階の必要件数です。転換率の改善はそれより上の段階を、"
            "顧客単価の改善はすべての段階を減らします。"
        ),
        "sens_note_after": "{name}は{month}から売上に効くため、今期の売上は増えません。",
        "sens_note_capped": "{name}: 100%までの改善としています（転換率は100%を超えません）。",
        "sens_note_expected": (
            "件数は期待値（端数のまま）です。各段階は、リードタイム分前の月の一つ上の段階に転換率を掛けた数で、"
            "売上は通貨の単位に四捨五入して表示します。"
        ),
        "sens_note_from_plan": "すべての月で計画の件数（`target`の逆算）を使います。",
        "sens_note_from_actuals": (
            "基準月までは実績を使い（実績がチーム全体の場合は計画の比でセグメントに配分）、"
            "以降の月は実績から順に進めて計算します。"
        ),
    }
)
