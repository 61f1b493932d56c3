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
