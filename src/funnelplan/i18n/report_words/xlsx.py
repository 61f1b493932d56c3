"""The workbook's words (`--format xlsx`): sheet names, input labels, column names, notes;
and the people's CSV headers (`--headers labels`)."""

EN = {
    "xlsx_sheet_commitments": "Commitments",
    "xlsx_sheet_inputs": "Inputs",
    "xlsx_sheet_funnel": "Funnel",
    "xlsx_sheet_summary": "Summary",
    "xlsx_inputs_note": (
        "Yellow cells are inputs: change one and every count follows. Months, lags and rounding "
        "shape the sheets: change them in the plan and run funnelplan again."
    ),
    "xlsx_commitments_note": (
        "Each count is a formula over the Inputs sheet (see the funnel sheets). Grey months are "
        "before the period: what is started then closes inside it."
    ),
    "xlsx_funnel_note": (
        "A stage's count = CEILING(its running requirement − what is held at the start) − its "
        "months before; the requirement is the next stage's running count (lag months later) "
        "÷ the rate, or the revenue ÷ the deal size."
    ),
    "xlsx_funnel_note_none": (
        "A stage's count = its running requirement − what is held at the start − its months "
        "before (rounding: none, fractions kept)."
    ),
    "xlsx_funnel_title": "Funnel: {label}",
    "xlsx_funnel_title_share": "Funnel: {label} ({share} of the KGI)",
    "xlsx_currency": "Currency",
    "xlsx_kgi_total": "KGI: the period's revenue",
    "xlsx_after_period": "After the period",
    "xlsx_after_revenue": "Revenue a month after the period",
    "xlsx_after_average": "average: the period's monthly average goes on (after_period: average)",
    "xlsx_after_stop": "stop: nothing after the period (after_period: stop)",
    "xlsx_after_amount": "an amount a month (after_period: amount)",
    "xlsx_weight": "Weight",
    "xlsx_revenue_target": "Revenue target",
    "xlsx_stage_id": "Id",
    "xlsx_label": "Label",
    "xlsx_held": "Held at the start",
    "xlsx_segment": "Segment",
    "xlsx_share": "Share",
    "xlsx_stage_rate": "{stage}: rate",
    "xlsx_stage_held": "{stage}: held",
    "xlsx_when": "When",
    "xlsx_before": "before",
    "xlsx_in_period": "period",
    "xlsx_after": "after",
    "xlsx_revenue_needed": "Revenue needed",
    "xlsx_needed_running": "{stage}: needed (running)",
    "xlsx_fact": "Item",
    "xlsx_value": "Value",
    "csv_plan": "Plan",
    "csv_actual": "Actual",
    "csv_gap": "Gap",
    "csv_attainment": "Attainment",
}

JA = {
    "xlsx_sheet_commitments": "月別コミットメント",
    "xlsx_sheet_inputs": "入力",
    "xlsx_sheet_funnel": "ファネル",
    "xlsx_sheet_summary": "概要",
    "xlsx_inputs_note": (
        "黄色のセルが入力です。変えるとすべての件数が追従します。月、リードタイム、丸めはシートの形を"
        "決めるので、計画ファイルで変えて funnelplan を実行し直してください。"
    ),
    "xlsx_commitments_note": (
        "件数はすべて入力シートを参照する数式です（計算はファネルのシート）。灰色の月は期間前で、"
        "そこで始めた分が期間内に受注になります。"
    ),
    "xlsx_funnel_note": (
        "段階の件数 ＝ CEILING（累計の必要数 − 期首の保有数）− それまでの月の件数。必要数は次の段階の"
        "累計件数（リードタイム分あと）÷ 転換率、最後の段階は売上 ÷ 顧客単価です。"
    ),
    "xlsx_funnel_note_none": (
        "段階の件数 ＝ 累計の必要数 − 期首の保有数 − それまでの月の件数（丸めなし：端数を残す）。"
    ),
    "xlsx_funnel_title": "ファネル：{label}",
    "xlsx_funnel_title_share": "ファネル：{label}（KGI の {share}）",
    "xlsx_currency": "通貨",
    "xlsx_kgi_total": "KGI：期間の売上",
    "xlsx_after_period": "期間後",
    "xlsx_after_revenue": "期間後の月あたり売上",
    "xlsx_after_average": "期間の月平均が続く（after_period: average）",
    "xlsx_after_stop": "期間後はなし（after_period: stop）",
    "xlsx_after_amount": "毎月この金額（after_period に金額）",
    "xlsx_weight": "重み",
    "xlsx_revenue_target": "売上目標",
    "xlsx_stage_id": "ID",
    "xlsx_label": "名前",
    "xlsx_held": "期首の保有数",
    "xlsx_segment": "セグメント",
    "xlsx_share": "構成比",
    "xlsx_stage_rate": "{stage}：転換率",
    "xlsx_stage_held": "{stage}：保有数",
    "xlsx_when": "区分",
    "xlsx_before": "期間前",
    "xlsx_in_period": "期間内",
    "xlsx_after": "期間後",
    "xlsx_revenue_needed": "必要な売上",
    "xlsx_needed_running": "{stage}：必要数（累計）",
    "xlsx_fact": "項目",
    "xlsx_value": "値",
    "csv_plan": "計画",
    "csv_actual": "実績",
    "csv_gap": "差",
    "csv_attainment": "達成率",
}
