"""Words of the people-and-money sections of `target`: capacity, hires, channels, budget."""

EN = {
    "cap_over_headline": "Over capacity: {team} {stage} in {months}.",
    "cap_month_over": "{month} ({commitment} against {capacity})",
    "cap_table": "People and capacity: {team}",
    "cap_people": "People",
    "cap_ramped": "Ramped equivalents",
    "cap_people_cost": "People cost",
    "cap_capacity": "{stage} capacity",
    "cap_commitment": "{stage} commitment",
    "cap_per_full_person": "{stage} per full person",
    "cap_over": "Over",
    "cap_over_mark": "over",
    "cap_chart": "{team}: {stage} commitment against capacity by month",
    "cap_legend_commitment": "commitment",
    "cap_legend_capacity": "capacity",
    "cap_notes": "How people are counted",
    "cap_note_ramp": (
        "{team}: a new person counts as {ramp} of a full person in their first months, "
        "in full after."
    ),
    "cap_note_attrition": (
        "{team}: attrition {attrition} a year, spread evenly over the months: each group "
        "(the starting people, each month's hires) loses {attrition} ÷ 12 of its size a month, "
        "without compounding."
    ),
    "cap_note_capacity": "{team}: one full person handles {items} a month.",
    "cap_note_per_person": (
        "Per full person (個人予算) is the month's commitment ÷ ramped equivalents, rounded up to a "
        "tenth; a person in ramp owes their share of it."
    ),
    "hire_title": "Hires to carry the plan (target --hire)",
    "hire_sentence": (
        "{month} needs {commitment} {stage} at {per_person} a person: {people} full people; "
        "hire {count} by {hire_month}."
    ),
    "hire_headline": "Hire {items} so that no month is over capacity.",
    "hire_item": "{count} by {month} ({team})",
    "hire_none": "No hires needed: no month is over capacity.",
    "hire_unreachable": (
        "{month}: {team} {stage} needs {commitment} against {capacity}; no hire inside the period "
        "is ramped by then."
    ),
    "hire_beside": "Beside the plan's own hires; each is as late as it can be.",
    "budget_months": "Channels by month ({stage})",
    "budget_count": "{channel}",
    "budget_cost": "{channel} cost",
    "budget_marketing": "Marketing spend",
    "budget_people": "People cost",
    "budget_channels": "Channels",
    "budget_channel": "Channel",
    "budget_share": "Share",
    "budget_rate": "Rate to next",
    "budget_per_unit": "Cost per unit",
    "budget_fixed": "Fixed a month",
    "budget_count_total": "Count",
    "budget_cost_total": "Cost",
    "budget_cost_per": "Cost per stage",
    "budget_stage_count": "Count",
    "budget_stage_cost": "Marketing spend per unit",
    "budget_notes": "Budget",
    "budget_note_rate": "{stage} converts at the channels' share-weighted rate: {rate}.",
    "budget_note_total": "Marketing spend {amount}: {share} of revenue.",
    "budget_note_people": "People cost over the period: {amount}.",
    "budget_note_cac": "CAC (marketing spend + people cost) ÷ {deals} deals: {amount}.",
    "gap_budget_title": "Budget of the catch-up",
    "gap_budget_extra": (
        "The catch-up's {stage} against the plan's in the remaining months: {units}, costing "
        "{cost} at the channels' cost per unit ({items}); fixed costs do not change."
    ),
    "gap_budget_item": "{channel} {units}: {cost}",
    "gap_budget_per_deal": (
        "Marketing spend to date {spend} (as planned: the actuals carry no costs): {actual} per "
        "deal won against {plan} per deal planned."
    ),
    "gap_budget_per_deal_none": (
        "Marketing spend to date {spend} (as planned: the actuals carry no costs); no deal won "
        "yet, against {plan} per deal planned."
    ),
}

JA = {
    "cap_over_headline": "処理能力超過：{team}の{stage}（{months}）。",
    "cap_month_over": "{month}：{capacity}に対し{commitment}",
    "cap_table": "人員と処理能力：{team}",
    "cap_people": "人数",
    "cap_ramped": "立ち上がり換算人数",
    "cap_people_cost": "人件費",
    "cap_capacity": "{stage}の処理能力",
    "cap_commitment": "{stage}の目標",
    "cap_per_full_person": "{stage}の1人あたり（個人予算）",
    "cap_over": "超過",
    "cap_over_mark": "超過",
    "cap_chart": "{team}：{stage}の月別目標と処理能力",
    "cap_legend_commitment": "目標",
    "cap_legend_capacity": "処理能力",
    "cap_notes": "人員の数え方",
    "cap_note_ramp": "{team}：新しく入った人は最初の月から順に一人前の {ramp} と数え、その後は一人前です。",
    "cap_note_attrition": (
        "{team}：離職率は年 {attrition}。月ごとに均等に割り振り、各グループ（期首の人員、各月の採用）"
        "が毎月その人数の {attrition} ÷ 12 ずつ離職すると見込みます（複利にはしません）。"
    ),
    "cap_note_capacity": "{team}：一人前の1人が月に担当できるのは {items} です。",
    "cap_note_per_person": (
        "1人あたり（個人予算）は、その月の目標 ÷ 立ち上がり換算人数を 0.1 単位で切り上げた値です。"
        "立ち上がり中の人はその割合分を担当します。"
    ),
    "hire_title": "計画を担うための採用（target --hire）",
    "hire_sentence": (
        "{month} は{stage} {commitment} が必要で、1人 {per_person} なら一人前 {people} 人分です。"
        "{hire_month} までに {count} 人を採用してください。"
    ),
    "hire_headline": "どの月も処理能力を超えないよう、{items}を採用してください。",
    "hire_item": "{month} までに {count} 人（{team}）",
    "hire_none": "採用は不要です。処理能力を超える月はありません。",
    "hire_unreachable": (
        "{month}：{team}の{stage}は{capacity}に対し{commitment}が必要ですが、"
        "期間内の採用ではそれまでに立ち上がりません。"
    ),
    "hire_beside": "計画に書かれた採用に加える人数です。いずれもできるだけ遅い月にしています。",
    "budget_months": "チャネル別の月次（{stage}）",
    "budget_count": "{channel}",
    "budget_cost": "{channel}の費用",
    "budget_marketing": "マーケティング費用",
    "budget_people": "人件費",
    "budget_channels": "チャネル",
    "budget_channel": "チャネル",
    "budget_share": "割合",
    "budget_rate": "次の段階への率",
    "budget_per_unit": "1件あたり費用",
    "budget_fixed": "月額固定",
    "budget_count_total": "件数",
    "budget_cost_total": "費用",
    "budget_cost_per": "段階ごとの単価",
    "budget_stage_count": "件数",
    "budget_stage_cost": "1件あたりのマーケティング費用",
    "budget_notes": "予算",
    "budget_note_rate": "{stage}はチャネルの割合で加重した率 {rate} で次の段階に進みます。",
    "budget_note_total": "マーケティング費用 {amount}：売上の {share}。",
    "budget_note_people": "期間の人件費：{amount}。",
    "budget_note_cac": "CAC（マーケティング費用 + 人件費）÷ 受注 {deals}：{amount}。",
    "gap_budget_title": "挽回計画の予算",
    "gap_budget_extra": (
        "残りの月の{stage}は、挽回計画では当初計画より {units}。チャネルの1件あたり費用で {cost}"
        "（{items}）。月額固定の費用は変わりません。"
    ),
    "gap_budget_item": "{channel} {units}：{cost}",
    "gap_budget_per_deal": (
        "これまでのマーケティング費用 {spend}（計画どおりに使った前提。実績には費用がありません）："
        "受注1件あたり {actual}、計画では {plan}。"
    ),
    "gap_budget_per_deal_none": (
        "これまでのマーケティング費用 {spend}（計画どおりに使った前提。実績には費用がありません）："
        "まだ受注がありません。計画では受注1件あたり {plan}。"
    ),
}
