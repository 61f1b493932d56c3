"""Comparing actuals with the plan (funnelplan.core.gap, `funnelplan gap`)."""

EN = {
    "gap.no_months": "the actuals hold no months",
    "gap.add_month_rows": "add one row per month",
    "gap.months_missing": "the actuals have no row for {months} (comparing up to {as_of})",
    "gap.add_months_or_earlier": "add the month (0 where nothing happened) or give an earlier --as-of",
    "gap.outside_period": "the actuals have no month in the period {span} (they hold {first}..{last})",
    "gap.check_plan": "check the file belongs to this plan",
    "gap.give_month_in_period": "give a month in the period",
    "gap.actuals_end_early": "the actuals end at {last}, before {as_of}",
    "gap.give_last_as_of": "give --as-of {last} or add the months",
    "gap.segment_months_missing": "segment {id} has no row for {months}",
    "gap.every_segment_every_month": "give every segment a row for every month (0 where nothing happened)",
    "gap.no_actuals": "no actuals file: the plan has no `actuals:` key",
    "gap.add_actuals": "add `actuals: actuals.csv` to the plan, or give --actuals FILE",
}

JA = {
    "gap.no_months": "実績に月がありません",
    "gap.add_month_rows": "1 か月に 1 行ずつ書いてください",
    "gap.months_missing": "実績に {months} の行がありません（{as_of} まで比べています）",
    "gap.add_months_or_earlier": "その月を加える（何もなければ 0）か、もっと前の --as-of を指定してください",
    "gap.outside_period": "実績に期間 {span} の月がありません（実績は {first}..{last}）",
    "gap.check_plan": "この計画の実績ファイルか確かめてください",
    "gap.give_month_in_period": "期間内の月を指定してください",
    "gap.actuals_end_early": "実績は {last} で終わっていて、{as_of} まで届きません",
    "gap.give_last_as_of": "--as-of {last} を指定するか、月を加えてください",
    "gap.segment_months_missing": "セグメント {id} に {months} の行がありません",
    "gap.every_segment_every_month": "どのセグメントにも毎月の行を書いてください（何もなければ 0）",
    "gap.no_actuals": "実績ファイルがありません：計画に `actuals:` キーがありません",
    "gap.add_actuals": "計画に `actuals: actuals.csv` を加えるか、--actuals FILE を指定してください",
}
