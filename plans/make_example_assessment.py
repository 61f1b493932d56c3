"""Writes plans/example-assessment.csv: a Google Forms export of the assessment, as Japanese teams
download it (cp932, a タイムスタンプ column, a 所属チーム column, the statements' Japanese text as
headers). 30 respondents: 16 in 営業, 14 in マーケティング. Fixed seed, so the file never changes.

    python plans/make_example_assessment.py
"""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
STATEMENTS = yaml.safe_load(
    (HERE.parent / "src" / "funnelplan" / "data" / "assessment.yaml").read_text("utf-8")
)["statements"]

# the mean rating each team gives each area: sales sees more than marketing, most of all in the
# lead handoff (sales believes it follows up; marketing sees its leads go cold)
MEANS = {
    "営業": {"goals": 3.6, "planning": 3.2, "handoff": 4.2, "systems": 3.0, "culture": 3.3},
    "マーケティング": {
        "goals": 3.0,
        "planning": 2.6,
        "handoff": 1.9,
        "systems": 2.7,
        "culture": 2.8,
    },
}
PEOPLE = {"営業": 16, "マーケティング": 14}


def main() -> None:
    rng = random.Random(20270601)
    start = datetime(2027, 6, 1, 9, 0, 0)
    rows = []
    for team, count in PEOPLE.items():
        for _ in range(count):
            ratings = []
            for statement in STATEMENTS:
                mean = MEANS[team][statement["area"]]
                ratings.append(str(min(5, max(1, round(rng.gauss(mean, 0.8))))))
            rows.append((team, ratings))
    rng.shuffle(rows)
    path = HERE / "example-assessment.csv"
    with path.open("w", encoding="cp932", newline="") as sheet:
        writer = csv.writer(sheet, lineterminator="\r\n")
        writer.writerow(["タイムスタンプ", "所属チーム", *(s["ja"] for s in STATEMENTS)])
        for index, (team, ratings) in enumerate(rows):
            when = start + timedelta(minutes=37 * index)
            writer.writerow([when.strftime("%Y/%m/%d %H:%M:%S"), team, *ratings])
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
