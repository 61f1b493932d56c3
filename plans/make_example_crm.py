"""Regenerate the example CRM exports of plans/example-crm.yaml (deterministic: same files every run).

    python plans/make_example_crm.py

A HubSpot-shaped contacts export (UTF-8 with BOM, English headers) and a deals export (cp932,
Japanese headers, `2027/5/29` dates, amounts written several ways), cut on CUT: contacts created
from February (so the March lead-in that the appointment -> deal lag needs is complete), each
moving on to lead and sales-qualified lead a few days later with a little less than the plan's
rates; every sales-qualified lead opens a deal for that contact, about a month later won at a
little under the plan's close rate. Stage dates after CUT have not happened yet. A handful of odd
rows at the end show what the data-quality account reports (a repeated id, a bad date, a row
with no date, dates running backwards, a UTC timestamp, an amount not yet known, a won deal
without a close date).
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent / "exports"
SEED = 2027
CUT = datetime(2027, 5, 20, 18, 0)  # the export was taken on 2027-05-20 in the evening
FIRST = date(2027, 2, 1)
INQUIRIES_PER_DAY = 31  # the plan needs 1,000 a month; the team is running a little short
LEAD_RATE = 0.41  # plan 40%
SQL_RATE = 0.47  # plan 50%
WIN_RATE = 0.23  # plan 25%
AMOUNTS = [800_000, 1_200_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 5_000_000]
AMOUNT_WEIGHTS = [12, 18, 18, 24, 14, 9, 5]  # mean about ¥1.93M (plan ¥2M)
NAMES = [
    "Suzuki",
    "Sato",
    "Tanaka",
    "Takahashi",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
]
SOURCES = ["Organic Search", "Paid Search", "Referrals", "Direct Traffic", "Social Media"]
COMPANIES = ["㈱アクメ", "ミライ工業", "東京商事～本社", "髙島屋システム", "北斗ロジ", "桜データ"]
OWNERS = ["髙橋 一郎", "渡辺 花子", "佐藤 健"]


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _slash(day: date) -> str:
    return f"{day.year}/{day.month}/{day.day}"


def _amount(rng: random.Random, value: int) -> str:
    form = rng.random()
    if form < 0.5:
        return str(value)
    if form < 0.8:
        return f"{value:,} 円"
    return f"￥{value:,}"


def build() -> tuple[str, bytes]:
    rng = random.Random(SEED)
    contacts: list[list[str]] = []
    deals: list[list[str]] = []
    record, deal_id = 100_001, 900_001
    day = FIRST
    while day <= CUT.date():
        weekday_factor = 0.55 if day.weekday() >= 5 else 1.18
        for _ in range(round(INQUIRIES_PER_DAY * weekday_factor * rng.uniform(0.8, 1.2))):
            created = datetime.combine(day, datetime.min.time()) + timedelta(
                minutes=rng.randrange(8 * 60, 20 * 60)
            )
            if created > CUT:
                continue
            lead = sql = customer = None
            if rng.random() < LEAD_RATE:
                lead = created + timedelta(hours=rng.randrange(1, 24 * 6))
                if rng.random() < SQL_RATE:
                    sql = lead + timedelta(hours=rng.randrange(24, 24 * 8))
            stage = "subscriber"
            if sql is not None and sql <= CUT:
                stage = "salesqualifiedlead"
                won = rng.random() < WIN_RATE
                close = (sql + timedelta(days=rng.randrange(24, 42))).date()
                amount = rng.choices(AMOUNTS, AMOUNT_WEIGHTS)[0]
                company = rng.choice(COMPANIES)
                owner = rng.choice(OWNERS)
                if close <= CUT.date():
                    deal_stage = "成約" if won else "失注"
                    if won:
                        stage = "customer"
                        customer = datetime.combine(close, datetime.min.time()) + timedelta(
                            hours=15
                        )
                else:
                    deal_stage = rng.choice(["提案", "見積提示", "交渉"])  # still open
                deals.append(
                    [
                        str(deal_id),
                        f"{company} 導入案件",
                        deal_stage,
                        _slash(close),
                        _amount(rng, amount),
                        f"{_slash(sql.date())} {sql:%H:%M}",
                        owner,
                        str(record),
                    ]
                )
                deal_id += 1
            elif lead is not None and lead <= CUT:
                stage = "lead"
            contacts.append(
                [
                    str(record),
                    rng.choice(NAMES),
                    _stamp(created),
                    _stamp(lead) if lead is not None and lead <= CUT else "",
                    _stamp(sql) if sql is not None and sql <= CUT else "",
                    _stamp(customer) if customer is not None else "",
                    stage,
                    rng.choice(SOURCES),
                ]
            )
            record += 1
        day += timedelta(days=1)
    # the odd rows the data-quality account reports
    contacts += [
        [contacts[-40][0], "Sato", "2027-05-02 09:00", "", "", "", "subscriber", "Direct Traffic"],
        [str(record), "Mori", "2027-13-01 09:00", "", "", "", "subscriber", "Direct Traffic"],
        [str(record + 1), "Abe", "", "", "", "", "subscriber", "Direct Traffic"],
        [
            str(record + 2),
            "Ishii",
            "2027-05-10 11:00",
            "2027-05-18 11:00",
            "2027-05-15 10:00",
            "",
            "salesqualifiedlead",
            "Referrals",
        ],
        [
            str(record + 3),
            "Ogawa",
            "2027-04-30T15:30:00.000Z",
            "2027-04-30T15:30:00.000Z",
            "",
            "",
            "lead",
            "Paid Search",
        ],
        [str(record + 4), "Kato", "2027-05-20 17:45", "", "", "", "subscriber", "Direct Traffic"],
    ]
    deals += [
        [
            str(deal_id),
            "ミライ工業 追加",
            "成約",
            "2027/5/12",
            "未定",
            "2027/4/1 10:00",
            OWNERS[1],
            "",
        ],
        [
            str(deal_id + 1),
            "東京商事 更新",
            "成約",
            "",
            "1,000,000 円",
            "2027/5/1 10:00",
            OWNERS[1],
            "",
        ],
    ]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "Record ID",
            "First Name",
            "Create Date",
            "Became a Lead Date",
            'Date entered "Sales Qualified Lead (Lifecycle Stage Pipeline)"',
            "Became a Customer Date",
            "Lifecycle Stage",
            "Original Source",
        ]
    )
    writer.writerows(contacts)
    contacts_text = "\ufeff" + out.getvalue()
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "レコードID",
            "取引名",
            "取引ステージ",
            "クローズ日",
            "金額",
            "作成日",
            "取引担当者",
            "関連コンタクトID",
        ]
    )
    writer.writerows(deals)
    return contacts_text, out.getvalue().encode("cp932")


def main() -> None:
    contacts, deals = build()
    (HERE / "hubspot-contacts.csv").write_text(contacts, encoding="utf-8", newline="")
    (HERE / "hubspot-deals-ja.csv").write_bytes(deals)


if __name__ == "__main__":
    main()
