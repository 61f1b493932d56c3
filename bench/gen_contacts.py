"""Write a HubSpot-shaped contacts export for the aggregation benchmark (about 75 bytes a row).

    python bench/gen_contacts.py 1000000 bench/out/contacts-1m.csv

Columns: Record ID, Create Date, five lifecycle dates (Lead, MQL, SQL, Opportunity, Customer;
fewer records reach each), Amount, Contact owner, Original Source. Seeded: the same file every run.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta

HEADER = (
    "Record ID,Create Date,Became a Lead Date,Became a Marketing Qualified Lead Date,"
    "Became a Sales Qualified Lead Date,Became an Opportunity Date,Became a Customer Date,"
    "Amount,Contact owner,Original Source\r\n"
)
REACH = (0.6, 0.5, 0.5, 0.6, 0.4)  # share of the previous stage that reaches the next
OWNERS = ("Sato", "Suzuki", "Tanaka", "Ito", "Kato")
SOURCES = ("Organic Search", "Paid Search", "Direct Traffic", "Referrals", "Offline Sources")


def main(rows: int, path: str) -> None:
    rng = random.Random(2027)
    start = datetime(2027, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        lines = []
        for record in range(rows):
            moment = start + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
            dates = [moment.strftime("%Y-%m-%d %H:%M")]
            for share in REACH:
                if rng.random() >= share:
                    break
                moment += timedelta(minutes=rng.randrange(0, 20 * 24 * 60))
                dates.append(moment.strftime("%Y-%m-%d %H:%M"))
            amount = str(rng.randrange(5, 500) * 10000) if len(dates) == 6 else ""
            dates += [""] * (6 - len(dates))
            lines.append(
                f"{100000001 + record},{','.join(dates)},{amount},"
                f"{OWNERS[record % 5]},{SOURCES[record % 5]}\r\n"
            )
            if len(lines) == 10000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
