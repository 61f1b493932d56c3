"""Write a large plan: 36 months x 100 segments x 12 stages (issue 16's size), seeded and exact.

    python bench/gen_big_plan.py /tmp/big-plan.yaml          # the default size
    python bench/gen_big_plan.py out.yaml --months 12 --segments 10 --stages 6

The KGI is split evenly over the segments (1% each at 100); each segment has its own deal size
and one rate of its own, so every segment table differs; two stages have a lag.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path


def big_plan(months: int = 36, segments: int = 100, stages: int = 12, seed: int = 16) -> str:
    chance = random.Random(seed)
    start_year, start_month = 2027, 4
    end_index = start_year * 12 + start_month - 1 + months - 1
    end = f"{end_index // 12}-{end_index % 12 + 1:02}"
    lines = [
        "plan: Large plan (36 months, 100 segments, 12 stages)",
        "currency: JPY",
        f"period: {{start: {start_year}-{start_month:02}, end: {end}}}",
        f"kgi: {{revenue: {months * segments * 10_000_000}}}",
        "deal_size: 1000000",
        "rounding: up",
        "funnel:",
    ]
    for number in range(stages):
        stage = f"stage{number + 1:02}"
        owner = "marketing" if number < stages // 2 else "sales"
        if number == stages - 1:
            lines.append(f"  - {{id: {stage}, label: 段階{number + 1}, owner: {owner}}}")
            continue
        lag = ", lag: 1" if number in (stages // 2, stages - 2) else ""
        rate = 60 + chance.randrange(0, 30)
        lines.append(
            f"  - {{id: {stage}, label: 段階{number + 1}, owner: {owner}, rate: {rate}%{lag}}}"
        )
    lines.append("segments:")
    share = f"{100 / segments:g}%"
    for number in range(segments):
        deal_size = chance.randrange(5, 50) * 100_000
        rated = f"stage{chance.randrange(1, stages):02}"
        rate = 50 + chance.randrange(0, 40)
        lines.append(
            f"  - {{id: seg{number + 1:03}, label: セグメント{number + 1}, share: {share}, "
            f"deal_size: {deal_size}, rates: {{{rated}: {rate}%}}}}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--segments", type=int, default=100)
    parser.add_argument("--stages", type=int, default=12)
    arguments = parser.parse_args()
    arguments.output.write_text(
        big_plan(arguments.months, arguments.segments, arguments.stages), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
