"""Writes bench/plan-segments.yaml: 40 segments over 24 months, for `bench/odds_sensitivity.py`.

Segments as a large sales organisation has them: 8 regions x 5 company sizes. Deal sizes come from
the size band (five values, whole ¥100,000s); close rates differ by size band, lead rates by region
(so every rate lever is per segment and the odds convolve 40 funnels on one revenue grid). Sales
cycle lags of 1 and 2 months, a pipeline in a few segments.
"""

from __future__ import annotations

from pathlib import Path

REGIONS = ["hokkaido", "tohoku", "kanto", "chubu", "kansai", "chugoku", "shikoku", "kyushu"]
SIZES = [
    ("xs", 600_000, "30%"),
    ("s", 1_200_000, "27%"),
    ("m", 2_000_000, "25%"),
    ("l", 3_500_000, "22%"),
    ("xl", 6_000_000, "18%"),
]
LEAD_RATES = ["44%", "46%", "48%", "50%", "52%", "45%", "47%", "49%"]


def plan_text() -> str:
    lines = [
        "plan: bench 40 segments x 24 months",
        "currency: JPY",
        "period: {start: 2027-04, end: 2029-03}",
        "kgi: {revenue: 4800000000}",
        "deal_size: 2000000",
        "funnel:",
        "  - {id: inquiry, label: 問い合わせ, owner: marketing, rate: 40%}",
        "  - {id: lead, label: リード, owner: marketing, rate: 50%, lag: 1}",
        "  - {id: appointment, label: 商談, owner: sales, rate: 25%, lag: 2}",
        "  - {id: deal, label: 受注, owner: sales}",
        "teams:",
        "  marketing: {headcount: 12}",
        "  sales: {headcount: 40, working_days: 20}",
        "segments:",
    ]
    count = len(REGIONS) * len(SIZES)
    shares = ["2.5%"] * count
    index = 0
    for r, region in enumerate(REGIONS):
        for size, deal_size, close in SIZES:
            pipeline = ", pipeline: {appointment: 6}" if index % 7 == 0 else ""
            lines.append(
                f"  - {{id: {region}_{size}, share: {shares[index]}, deal_size: {deal_size}, "
                f"rates: {{lead: {LEAD_RATES[r]}, appointment: {close}}}{pipeline}}}"
            )
            index += 1
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    path = Path(__file__).with_name("plan-segments.yaml")
    path.write_text(plan_text(), encoding="utf-8")
    print(f"wrote {path}")
