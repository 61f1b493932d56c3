"""Write a HubSpot-shaped contacts export as an XLSX, as Excel writes one (XlsxWriter's default
mode: shared strings, a `<dimension>`, dates as serial numbers with a date style).

    python bench/gen_xlsx.py 100000 bench/out/contacts-100000.xlsx
    python bench/gen_xlsx.py 100000 bench/out/contacts-wide-100000.xlsx --wide

With `--wide`, 40 more columns as a HubSpot export has them (51 in all, of which the plan maps
7): names, phone numbers, companies and cities as texts, counts and scores as numbers, activity
dates, yes/no flags, some filled on a third of the rows only; put between the stage columns, so
the mapped ones are spread over the sheet as they are in a real export.

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


# the wide export's other columns: (header, kind); kinds are written by `_extra`
EXTRA = (
    ("First Name", "name"),
    ("Last Name", "name"),
    ("Phone Number", "phone"),
    ("Company Name", "company"),
    ("Job Title", "choice"),
    ("City", "choice"),
    ("Country/Region", "choice"),
    ("Lead Status", "choice"),
    ("Lifecycle Stage", "choice"),
    ("Number of Pageviews", "count"),
    ("Number of Sessions", "count"),
    ("Number of Form Submissions", "count"),
    ("HubSpot Score", "count"),
    ("Marketing emails opened", "count"),
    ("Marketing emails clicked", "sparse count"),
    ("Last Activity Date", "date"),
    ("Last Modified Date", "date"),
    ("Recent Conversion Date", "sparse date"),
    ("First Conversion Date", "sparse date"),
    ("Last Contacted", "sparse date"),
    ("Annual Revenue", "money"),
    ("Number of Employees", "sparse count"),
    ("Industry", "choice"),
    ("Website URL", "company"),
    ("Unsubscribed from all email", "flag"),
    ("Marketing contact status", "choice"),
    ("Persona", "sparse choice"),
    ("Preferred language", "choice"),
    ("Time Zone", "choice"),
    ("Original Source Drill-Down 1", "choice"),
    ("Original Source Drill-Down 2", "sparse choice"),
    ("Latest Source", "choice"),
    ("Latest Source Date", "date"),
    ("Number of Associated Deals", "sparse count"),
    ("Recent Deal Amount", "sparse money"),
    ("Recent Deal Close Date", "sparse date"),
    ("Days To Close", "sparse count"),
    ("Became an Evangelist Date", "sparse date"),
    ("IP Country", "choice"),
    ("Message", "sparse name"),
)
CHOICES = tuple(f"choice {n}" for n in range(40))


def _header(wide: bool) -> list[str]:
    if not wide:
        return list(HEADER)
    names = [name for name, _ in EXTRA]
    # Record ID, 8 others, three stage dates, 12 others, three dates and Amount, the rest
    return [
        HEADER[0],
        *names[:8],
        *HEADER[1:4],
        *names[8:20],
        *HEADER[4:8],
        *names[20:],
        *HEADER[8:],
    ]


def _extra(sheet, row: int, column: int, kind: str, rng: random.Random, stamp, start) -> None:  # type: ignore[no-untyped-def]
    if kind.startswith("sparse"):
        if rng.random() >= 1 / 3:
            return
        kind = kind.split()[1]
    if kind == "name":
        sheet.write_string(row, column, f"name{rng.randrange(100000)}")
    elif kind == "phone":
        sheet.write_string(
            row, column, f"+81-3-{rng.randrange(10000):04d}-{rng.randrange(10000):04d}"
        )
    elif kind == "company":
        sheet.write_string(row, column, f"company{rng.randrange(20000)}.co.jp")
    elif kind == "choice":
        sheet.write_string(row, column, CHOICES[rng.randrange(len(CHOICES))])
    elif kind == "count":
        sheet.write_number(row, column, rng.randrange(0, 500))
    elif kind == "money":
        sheet.write_number(row, column, rng.randrange(1, 10000) * 1000)
    elif kind == "flag":
        sheet.write_boolean(row, column, rng.random() < 0.1)
    else:  # a date
        sheet.write_datetime(
            row, column, start + timedelta(minutes=rng.randrange(0, 500000)), stamp
        )


def main(rows: int, path: str, wide: bool = False) -> None:
    rng = random.Random(2027)
    start = datetime(2027, 1, 1)
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Contacts")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    header = _header(wide)
    sheet.write_row(0, 0, header)
    at = {name: header.index(name) for name in HEADER}  # where each of the 11 columns is
    others = [(header.index(name), kind) for name, kind in EXTRA] if wide else []
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
        for name, moment in zip(HEADER[1:7], dates, strict=False):
            sheet.write_datetime(row, at[name], moment, stamp)
        if len(dates) == 6:
            sheet.write_number(row, at["Amount"], rng.randrange(5, 500) * 10000)
        sheet.write_string(row, at["Contact owner"], OWNERS[record % 5])
        sheet.write_string(row, at["Original Source"], SOURCES[record % 5])
        sheet.write_string(row, at["Email"], f"contact{100000001 + record}@example.co.jp")
        for column, kind in others:
            _extra(sheet, row, column, kind, rng, stamp, start)
    book.close()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], "--wide" in sys.argv[3:])
