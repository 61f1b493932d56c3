"""Codes of `--set KEY=VALUE`, `--scenario NAME` and the plan's `scenarios:` (load/overrides.py)."""

EN = {
    "overrides.set_needs_equals": "{text!r} is not KEY=VALUE",
    "overrides.set_example": "write e.g. --set funnel.appointment.rate=30% or --set deal_size=2200000",
    "overrides.unknown_key": "{key!r} is not a key an override can set in this plan",
    "overrides.key_forms": "the keys: {forms}",
    "overrides.did_you_mean": "did you mean {word!r}?",
    "overrides.not_a_value": "{key} needs one value (a number, a rate or an amount)",
    "overrides.value_example": "write e.g. 30%, 1.5億円 or ¥2,500,000",
    "overrides.kgi_is_monthly": "the plan's KGI is given month by month (`kgi.monthly`)",
    "overrides.kgi_is_monthly_hint": "kgi.revenue applies to a plan with `kgi.revenue`; edit the monthly targets in the plan",
    "overrides.unknown_scenario": "{file} has no scenario {name!r}",
    "overrides.known_scenarios": "the plan's scenarios: {names}",
    "overrides.add_scenarios": "add one to the plan: `scenarios: {{stretch: {{kgi.revenue: 1億5000万円}}}}`",
    "overrides.scenario.one_value": "a scenario's value is one number or amount, not a list, a mapping or a boolean",
    "overrides.scenario.how": "write `key: value`, e.g. `funnel.appointment.rate: 30%`",
}

JA = {
    "overrides.set_needs_equals": "{text!r} は KEY=VALUE の形ではありません",
    "overrides.set_example": "例：--set funnel.appointment.rate=30% または --set deal_size=2200000",
    "overrides.unknown_key": "{key!r} はこの計画で上書きできるキーではありません",
    "overrides.key_forms": "キー：{forms}",
    "overrides.did_you_mean": "{word!r} のことですか？",
    "overrides.not_a_value": "{key} には値を 1 つ書きます（数、率、金額）",
    "overrides.value_example": "例：30%、1.5億円、¥2,500,000",
    "overrides.kgi_is_monthly": "この計画の KGI は月ごとの目標（`kgi.monthly`）で書かれています",
    "overrides.kgi_is_monthly_hint": "kgi.revenue は `kgi.revenue` のある計画に使えます。月ごとの目標は計画ファイルで直してください",
    "overrides.unknown_scenario": "{file} にシナリオ {name!r} はありません",
    "overrides.known_scenarios": "計画のシナリオ：{names}",
    "overrides.add_scenarios": "計画に追加してください：`scenarios: {{stretch: {{kgi.revenue: 1億5000万円}}}}`",
    "overrides.scenario.one_value": "シナリオの値は数か金額を一つだけ書きます（リスト、マッピング、真偽値は使えません）",
    "overrides.scenario.how": "`キー: 値` の形で書いてください（例：`funnel.appointment.rate: 30%`）",
}
