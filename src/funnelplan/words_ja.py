"""日本語の定型語。キーは words.EN と同じ（欠けるとテストが落ちる）。"""

from __future__ import annotations

JA: dict[str, str] = {
    "period": "期間",
    "period_span": "{start}〜{end}（{months}）",
    "stage_with_owner": "{stage}（{team}）",
    "rate_for_segment": "{rate}：{segment}",
    "months_n": "{n}か月",
    "kgi": "KGI（売上目標）",
    "deal_size": "顧客単価",
    "by_segment": "セグメント別",
    "rounding": "端数処理",
    "rounding_up": "累計で切り上げ（件数は整数）",
    "rounding_none": "なし（端数を保持）",
    "funnel": "ファネル",
    "funnel_chart": "計画全体のファネル（件数と次段階への転換率）",
    "stage": "段階",
    "owner": "担当",
    "rate_to_next": "次段階への転換率",
    "lag_months": "リードタイム（月）",
    "commitments": "チーム別の月次目標",
    "month": "月",
    "revenue": "売上",
    "total": "合計",
    "before_period": "{month}（期間前）",
    "segment_title": "セグメント：{label}（KGIの{share}、顧客単価{deal_size}）",
    "people": "1人あたり",
    "team": "チーム",
    "headcount": "人数",
    "period_total": "期間合計",
    "per_person_month": "1人あたり／月",
    "peak_month": "ピーク月／人",
    "per_person_day": "1人あたり／日",
    "notes": "注記",
    "note_pre_period": (
        "{months}は期間前です。この月の{stages}はリードタイムを経て期間内の受注になるため、"
        "これも目標に含まれます。"
    ),
    "note_after_average": (
        "期間後もファネルは続きます。{months}も期間の月平均売上（{amount}）が続くと仮定し、"
        "最後の月の{stages}はその受注にもつながる前提で計算しています"
        "（計画の `after_period:` で変更できます）。"
    ),
    "note_after_amount": (
        "期間後の{months}は毎月{amount}の売上を仮定し、最後の月の{stages}はその受注にも"
        "つながる前提で計算しています。"
    ),
    "note_after_stop": (
        "after_period: stop のため期間後は計画しません。最後の月の{stages}は少なくなります。"
    ),
    "note_pipeline": "期首時点の既存パイプライン：{items}。早い月の必要数から差し引いています。",
    "note_rounding_up": (
        "件数は整数です。各月の累計を切り上げているため、期間合計は一括で逆算した値と一致し、"
        "累計でどの月も目標を下回りません。"
    ),
    "note_rounding_none": "rounding: none のため件数は端数のまま（小数第2位まで表示）です。",
    "agreement": "マーケティングと営業の合意事項",
    "lead_definition": "リードの定義",
    "sales_sla": "営業のSLA",
    "team_marketing": "マーケティング",
    "team_sales": "営業",
}
