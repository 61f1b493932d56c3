"""The words of `funnelplan whatif`: scenarios side by side, and the levers solved under a cap."""

EN = {
    "wi_base": "Base",
    "wi_command_line": "With --set",
    "wi_caps": "Capped",
    "wi_cap_item": "{stage} at {count} a month",
    "wi_reachable": "Reachable under the cap",
    "wi_reachable_value": "{amount} ({ratio} of the KGI)",
    "wi_commitments": "Period commitments: the base and each scenario",
    "wi_changes": "Change against the base",
    "wi_change_value": "{change} ({ratio})",
    "wi_peaks": "Peak month per stage",
    "wi_peak_value": "{count} ({month})",
    "wi_settings": "What each scenario sets",
    "wi_scenario": "Scenario",
    "wi_key": "Key",
    "wi_value": "Value",
    "wi_revenue_chart": "Revenue (KGI): each scenario against the base",
    "wi_solve": "Under the cap, each lever alone: the value that still reaches the KGI",
    "wi_lever": "Lever",
    "wi_segment": "Segment",
    "wi_now": "Now",
    "wi_needed": "Needed",
    "wi_no_value": "no value can",
    "wi_lever_volume": "{stage} a month (the cap)",
    "wi_lever_rate": "{stage} → {next} rate",
    "wi_lever_deal_size": "Deal size",
    "wi_lever_share": "Share of {segment} in the capped volume",
    "wi_lever_in_segment": "{lever} ({segment})",
    "wi_headline_scenario": "{name}: revenue {revenue} ({change}); {items}.",
    "wi_headline_cap": "With {caps}, revenue reaches {amount} ({ratio} of the KGI of {kgi}).",
    "wi_headline_levers": "To still reach the KGI, any one of: {items}.",
    "wi_headline_cap_reached": (
        "With {caps}, revenue still reaches {amount} ({ratio} of the KGI of {kgi}): the cap "
        "leaves room."
    ),
    "wi_headline_slack": "Alone, each lever could fall to this and still reach the KGI: {items}.",
    "wi_headline_no_lever": "No single lever reaches the KGI under the cap.",
    "wi_headline_impossible": "No value can: {items}.",
    "wi_item_lever": "{lever}: {value} (now {now})",
    "wi_notes": "Notes",
    "wi_note_forward": (
        "Under a cap, whole counts run forward: each stage's running total is the floor of the "
        "running total above it × its rate (after its lag); a capped stage passes at most its cap "
        "a month, and what is over waits for the next month. Revenue is the deals inside the "
        "period × the deal size."
    ),
    "wi_note_alone": (
        "Each lever is solved alone, everything else as planned: the smallest value that still "
        "reaches the KGI. Rates are shown rounded up to 0.1% and amounts up to the currency's "
        'unit, so the value shown still reaches; "no value can" when even 100% falls short.'
    ),
    "wi_note_segments": (
        "With segments, each segment gets its part of a capped stage's room (its part of the "
        "plan's count there); a rate or deal size is the segment's own."
    ),
}

JA = {
    "wi_base": "基本計画",
    "wi_command_line": "--set の値",
    "wi_caps": "上限",
    "wi_cap_item": "{stage}は月{count}まで",
    "wi_reachable": "上限のもとで届く売上",
    "wi_reachable_value": "{amount}（KGIの{ratio}）",
    "wi_commitments": "期間のコミットメント：基本計画と各シナリオ",
    "wi_changes": "基本計画との差",
    "wi_change_value": "{change}（{ratio}）",
    "wi_peaks": "段階ごとのピーク月",
    "wi_peak_value": "{count}（{month}）",
    "wi_settings": "各シナリオが変える値",
    "wi_scenario": "シナリオ",
    "wi_key": "キー",
    "wi_value": "値",
    "wi_revenue_chart": "売上（KGI）：各シナリオと基本計画",
    "wi_solve": "上限のもとで、各レバーを単独で動かして KGI に届く値",
    "wi_lever": "レバー",
    "wi_segment": "セグメント",
    "wi_now": "現在",
    "wi_needed": "必要な値",
    "wi_no_value": "どの値でも届かない",
    "wi_lever_volume": "月あたりの{stage}",
    "wi_lever_rate": "{stage}→{next}率",
    "wi_lever_deal_size": "顧客単価",
    "wi_lever_share": "上限のある量のうち{segment}の割合",
    "wi_lever_in_segment": "{lever}（{segment}）",
    "wi_headline_scenario": "{name}：売上{revenue}（{change}）、{items}。",
    "wi_headline_cap": "{caps}とすると、売上は{amount}（KGI {kgi}の{ratio}）に届きます。",
    "wi_headline_levers": "KGI に届くには、次のどれか 1 つ：{items}。",
    "wi_headline_cap_reached": (
        "{caps}としても、売上は{amount}（KGI {kgi}の{ratio}）に届きます。上限には余裕があります。"
    ),
    "wi_headline_slack": "各レバーは単独で次の値まで下がっても KGI に届きます：{items}。",
    "wi_headline_no_lever": "上限のもとでは、どのレバーも単独では KGI に届きません。",
    "wi_headline_impossible": "どの値でも届かない：{items}。",
    "wi_item_lever": "{lever}：{value}（現在{now}）",
    "wi_notes": "注記",
    "wi_note_forward": (
        "上限があるときは整数の件数を前から計算します。各段階の累計は、前の段階の累計×転換率の"
        "端数を切り捨てた数です（リードタイムの後）。上限のある段階は月に上限までしか進まず、"
        "超えた分は翌月に回ります。売上は期間内の受注数×顧客単価です。"
    ),
    "wi_note_alone": (
        "各レバーは単独で動かし、ほかは計画どおりとして、KGI に届く最小の値を求めます。"
        "率は 0.1% 単位に切り上げ、金額は通貨の最小単位に切り上げて表示するので、"
        "表示の値で KGI に届きます。100% でも届かないときは「どの値でも届かない」と示します。"
    ),
    "wi_note_segments": (
        "セグメントがあるときは、上限のある段階の枠を計画の件数の比で各セグメントに分けます。"
        "率と顧客単価はセグメントごとの値です。"
    ),
}
