"""Write a large plan for timing the calculation: 36 months x 100 segments x 12 stages.

    python bench/gen_compute_plan.py /tmp/big.yaml [MONTHS SEGMENTS STAGES]

Every segment has its own share (adding up to 100%), deal size and one rate override, so no two
funnels are alike; some stages have a lag, and the months carry weights. Deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path


def big_plan(months: int = 36, segments: int = 100, stages: int = 12) -> str:
    start_year, start_month = 2027, 4
    end_index = start_month - 1 + months - 1
    end = f"{start_year + end_index // 12}-{end_index % 12 + 1:02d}"
    lines = [
        f"plan: big plan {months}x{segments}x{stages}",
        "currency: JPY",
        f"period: {{start: {start_year}-{start_month:02d}, end: {end}}}",
        "kgi:",
        "  revenue: 12345678901",
        "  weights: {"
        + ", ".join(
            f"{start_year + (start_month - 1 + i) // 12}-{(start_month - 1 + i) % 12 + 1:02d}: {1 + i % 3}"
            for i in range(0, months, 5)
        )
        + "}",
        "deal_size: 2000000",
        "rounding: up",
        "funnel:",
    ]
    rates = [40, 50, 60, 70, 35, 45, 55, 65, 30, 80, 75]
    for s in range(stages):
        owner = "marketing" if s < stages // 2 else "sales"
        if s == stages - 1:
            lines.append(f"  - {{id: s{s}, label: 段階{s}, owner: {owner}}}")
        else:
            lag = 1 if s % 4 == 1 else 0
            lines.append(
                f"  - {{id: s{s}, label: 段階{s}, owner: {owner}, rate: {rates[s % len(rates)]}%, lag: {lag}}}"
            )
    lines += [
        "teams:",
        "  marketing: {headcount: 7}",
        "  sales: {headcount: 13, working_days: 20}",
        "segments:",
    ]
    # shares in hundredths of a percent, adding up to 100%
    weights = [1 + (i * 7) % 13 for i in range(segments)]
    total = sum(weights)
    basis = [w * 10000 // total for w in weights]
    basis[0] += 10000 - sum(basis)
    for i, part in enumerate(basis):
        deal = 500000 + (i * 37) % 20 * 250000
        rate = 20 + i % 30
        lines.append(
            f"  - {{id: g{i}, label: 区分{i}, share: {part / 100:.2f}%, deal_size: {deal}, "
            f"rates: {{s{i % (stages - 1)}: {rate}%}}}}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    target = Path(sys.argv[1])
    numbers = [int(a) for a in sys.argv[2:5]]
    target.write_text(big_plan(*numbers), encoding="utf-8")


if __name__ == "__main__":
    main()
