"""The starter plan `funnelplan init` writes: every key commented, valid as written, in English or
Japanese (`--lang ja` or a Japanese LANG: 問い合わせ → リード → 商談 → 受注, 円, comments in Japanese)."""

STARTER_PLAN = """\
# yaml-language-server: $schema=plan.schema.json
# A funnelplan plan. Run `funnelplan target THIS_FILE` to see each team's monthly commitments.
plan: FY2027 H1 new business          # the title on every report
currency: JPY                         # ISO 4217 code; JPY has no minor unit
period: {start: 2027-04, end: 2027-09}
kgi:
  revenue: 120000000                  # the period's target: also ¥120,000,000 or 1億2000万円
  # weights: {2027-09: 2}             # optional: relative month weights (default 1 each)
  # monthly: {2027-04: 15000000}      # or: every month's target instead of revenue + weights
deal_size: 2000000                    # average revenue per deal
rounding: up                          # up: whole counts (default); none: keep fractions
funnel:                               # top of the funnel first; rate = share reaching the next stage
  - {id: inquiry, label: Inquiries, owner: marketing, rate: 40%}
  - {id: lead, label: Leads, owner: marketing, rate: 50%}
  - {id: appointment, label: Appointments, owner: sales, rate: 25%, lag: 1}  # lag: months to close
  - {id: deal, label: Deals, owner: sales}                                   # the last stage: no rate
# pipeline: {appointment: 20}         # counts already held at the start
# after_period: average               # revenue assumed after the period: average, stop or an amount
teams:                                # optional: headcount for per-person commitments
  marketing: {headcount: 3}
  sales: {headcount: 8, working_days: 20}
agreement:                            # optional: what both teams sign off
  lead_definition:
    - Budget and timeline are roughly known
  sales_sla:
    - First contact on the same day
"""

STARTER_PLAN_JA = """\
# yaml-language-server: $schema=plan.schema.json
# funnelplan の計画です。`funnelplan target このファイル` で各チームの月次目標を表示します。
plan: FY2027 上期 新規受注計画        # すべてのレポートの表題
currency: JPY                         # ISO 4217 の通貨コード（円には小数の単位がありません）
locale: ja                            # レポートの言語（ja か en）
period: {start: 2027-04, end: 2027-09}
kgi:
  revenue: 1億2000万円                # 期間の売上目標（120000000 や ¥120,000,000 とも書けます）
  # weights: {2027-09: 2}             # 任意：月ごとの重み（既定はどの月も 1）
  # monthly: {2027-04: 1500万円}      # または：revenue と weights の代わりに毎月の目標
deal_size: 200万円                    # 顧客単価（1 件あたりの平均売上）
rounding: up                          # up：件数を整数に切り上げ（既定）／none：端数を保持
funnel:                               # ファネルの上の段階から。rate は次の段階へ進む割合
  - {id: inquiry, label: 問い合わせ, owner: マーケティング, rate: 40%}
  - {id: lead, label: リード, owner: インサイドセールス, rate: 50%}
  - {id: appointment, label: 商談, owner: フィールドセールス, rate: 25%, lag: 1}  # lag：受注までの月数
  - {id: deal, label: 受注, owner: フィールドセールス}  # 最後の段階は受注：rate は付けません
# pipeline: {appointment: 20}         # 期首にすでにある件数
# after_period: average               # 期間後に見込む売上：average、stop、または毎月の金額
teams:                                # 任意：人数を書くと 1 人あたりの目標も出ます
  マーケティング: {headcount: 3}
  インサイドセールス: {headcount: 4}
  フィールドセールス: {headcount: 8, working_days: 20}  # working_days：月の営業日数
agreement:                            # 任意：両チームで合意する事項
  lead_definition:                    # 営業に渡すリードの定義
    - 予算と導入時期がある程度決まっている
  sales_sla:                          # 営業がリードをどう扱うか
    - 当日中にメールか電話で連絡する
"""


def starter_plan(language: str) -> str:
    """The starter plan in `language` ("ja" or "en")."""
    return STARTER_PLAN_JA if language == "ja" else STARTER_PLAN
