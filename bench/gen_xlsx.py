"""Write a HubSpot-shaped contacts export as an XLSX, as Excel writes one (XlsxWriter's default
mode: shared strings, a `<dimension>`, dates as serial numbers with a date style).

    python bench/gen_xlsx.py 100000 bench/out/contacts-100000.xlsx

The rows are bench/gen_contacts.py's (the same seed, the same columns) and an Email column, one
address a contact, so the shared-strings table has a string a row as real exports do: Record ID
and Amount as numbers, the six dates as date-time cells (`yyyy-mm-dd hh:mm`), owner, source and
email as shared strings. Seeded: the same workbook every run.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta

import xlsxwriter

HEADER = (
    "Record ID",
    "Create Date",
    "Became a Lead Date",
    "Became a Marketing Qualified Lead Date",
    "Became a Sales Qualified Lead Date",
    "Became an Opportunity Date",
    "Became a Customer Date",
    "Amount",
    "Contact owner",
    "Original Source",
    "Email",
)
REACH = (0.6, 0.5, 0.5, 0.6, 0.4)  # share of the previous stage that reaches the next
OWNERS = ("Sato", "Suzuki", "Tanaka", "Ito", "Kato")
SOURCES = ("Organic Search", "Paid Search", "Direct Traffic", "Referrals", "Offline Sources")


def main(rows: int, path: str) -> None:
    rng = random.Random(2027)
    start = datetime(2027, 1, 1)
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Contacts")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, HEADER)
    for record in range(rows):
        row = record + 1
        moment = start + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        dates = [moment]
        for share in REACH:
            if rng.random() >= share:
                break
            moment += timedelta(minutes=rng.randrange(0, 20 * 24 * 60))
            dates.append(moment)
        sheet.write_number(row, 0, 100000001 + record)
        for column, moment in enumerate(dates, start=1):
            sheet.write_datetime(row, column, moment, stamp)
        if len(dates) == 6:
            sheet.write_number(row, 7, rng.randrange(5, 500) * 10000)
        sheet.write_string(row, 8, OWNERS[record % 5])
        sheet.write_string(row, 9, SOURCES[record % 5])
        sheet.write_string(row, 10, f"contact{100000001 + record}@example.co.jp")
    book.close()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
