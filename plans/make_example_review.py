"""Regenerate plans/exports/review/leads.csv, the export of plans/example-review.yaml (deterministic).

    python plans/make_example_review.py

Two years of leads (2025-04 to 2027-03, the export taken on CUT) with KNOWN behaviour, so that
`review` and `calibrate` can be checked against what was put in (tests/test_review*.py build the
same records with `build()` and work out the expected numbers from them):

- each lead source has its own chance of becoming a 商談 (appointment) and of a 商談 being won,
  and its own deal sizes (SOURCES);
- the months from lead to 商談 follow LEAD_LAG (0: 50%, 1: 40%, 2: 10%), from 商談 to 受注 DEAL_LAG;
  the day within the month is drawn after the month (a record never goes backwards);
- each owner answers a new lead after a typical time (OWNERS, minutes; some never do), and a
  lead first touched within the hour is twice as likely to become a 商談;
- lead volume follows the seasons (SEASON: March and September are busy).
"""

from __future__ import annotations

import calendar
import csv
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = (
    Path(__file__).parent / "exports" / "review"
)  # a folder of its own: tests write into exports/*.csv
SEED = 2026
FIRST = date(2025, 4, 1)
CUT = datetime(2027, 3, 31, 19, 0)  # the export was taken on 2027-03-31 in the evening
LEADS_PER_MONTH = 330
SEASON = {
    4: 0.9,
    5: 0.8,
    6: 0.9,
    7: 1.0,
    8: 0.7,
    9: 1.3,
    10: 1.0,
    11: 1.0,
    12: 0.8,
    1: 0.9,
    2: 1.1,
    3: 1.6,
}


@dataclass(frozen=True)
class Source:
    share: float
    appointment: float  # chance a lead becomes a 商談 (before the response-time factor)
    won: float  # chance a 商談 is won
    amounts: tuple[int, ...]


SOURCES = {
    "展示会": Source(0.30, 0.10, 0.20, (1_000_000, 1_500_000, 2_000_000)),
    "ウェビナー": Source(0.30, 0.25, 0.25, (1_500_000, 2_000_000, 2_500_000)),
    "紹介": Source(0.15, 0.40, 0.40, (2_000_000, 3_000_000, 4_000_000)),
    "Web広告": Source(0.25, 0.15, 0.15, (800_000, 1_200_000, 1_600_000)),
}
OWNERS = {  # owner -> (typical minutes to the first touch, chance of never touching)
    "髙橋": (40, 0.02),
    "渡辺": (300, 0.05),
    "佐藤": (2 * 24 * 60, 0.10),
}
INDUSTRIES = ["製造", "IT", "小売", "金融"]
LEAD_LAG = {0: 0.5, 1: 0.4, 2: 0.1}  # months from lead to 商談
DEAL_LAG = {0: 0.3, 1: 0.5, 2: 0.2}  # months from 商談 to 受注
FAST_FACTOR = 2.0  # a lead touched within the hour becomes a 商談 this many times as often
SLOW_FACTOR = 0.8
HEADER = [
    "リードID",
    "作成日",
    "リードソース",
    "担当者",
    "業種",
    "初回接触日",
    "商談化日",
    "受注日",
    "ステージ",
    "受注金額",
]


@dataclass(frozen=True)
class Lead:
    """One generated lead, with what has happened by CUT (None: not, or not yet)."""

    id: str
    created: datetime
    source: str
    owner: str
    industry: str
    touched: datetime | None
    appointment: datetime | None
    won: datetime | None
    amount: int | None


def _later(rng: random.Random, start: datetime, months: int) -> datetime:
    """A moment `months` calendar months after `start`'s month, never before `start`."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    days = calendar.monthrange(year, month)[1]
    first = start.day + 1 if months == 0 else 1
    if first > days:  # created on the month's last day: the same day, later
        return start + timedelta(hours=rng.randrange(1, 4))
    day = rng.randrange(first, days + 1)
    return datetime(year, month, day, rng.randrange(9, 18), rng.randrange(60))


def _pick(rng: random.Random, shares: dict[int, float]) -> int:
    return rng.choices(list(shares), list(shares.values()))[0]


def build(seed: int = SEED) -> list[Lead]:
    rng = random.Random(seed)
    leads: list[Lead] = []
    number = 10_001
    month_start = FIRST
    names, shares = list(SOURCES), [s.share for s in SOURCES.values()]
    while month_start <= CUT.date():
        days = calendar.monthrange(month_start.year, month_start.month)[1]
        count = round(LEADS_PER_MONTH * SEASON[month_start.month])
        for _ in range(count):
            day = month_start + timedelta(days=rng.randrange(days))
            created = datetime.combine(day, datetime.min.time()) + timedelta(
                minutes=rng.randrange(9 * 60, 19 * 60)
            )
            source_name = rng.choices(names, shares)[0]
            source = SOURCES[source_name]
            owner = rng.choice(list(OWNERS))
            typical, never = OWNERS[owner]
            touched = None
            if rng.random() >= never:
                touched = created + timedelta(minutes=max(1, round(rng.expovariate(1 / typical))))
            fast = touched is not None and touched - created <= timedelta(hours=1)
            factor = FAST_FACTOR if fast else SLOW_FACTOR
            appointment = won = None
            amount = None
            if rng.random() < min(source.appointment * factor, 1.0):
                appointment = _later(rng, created, _pick(rng, LEAD_LAG))
                if touched is None or touched > appointment:
                    touched = appointment - timedelta(minutes=30)  # a 商談 is a touch
                    touched = max(touched, created + timedelta(minutes=1))
                if rng.random() < source.won:
                    won = _later(rng, appointment, _pick(rng, DEAL_LAG))
                    amount = rng.choice(source.amounts)
            leads.append(
                Lead(
                    id=f"L{number}",
                    created=created,
                    source=source_name,
                    owner=owner,
                    industry=rng.choice(INDUSTRIES),
                    touched=touched if touched is not None and touched <= CUT else None,
                    appointment=appointment
                    if appointment is not None and appointment <= CUT
                    else None,
                    won=won if won is not None and won <= CUT else None,
                    amount=amount if won is not None and won <= CUT else None,
                )
            )
            number += 1
        month_start = date(
            month_start.year + (month_start.month == 12), month_start.month % 12 + 1, 1
        )
    return [lead for lead in leads if lead.created <= CUT]


def _stamp(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def rows(leads: list[Lead]) -> list[list[str]]:
    out = []
    for lead in leads:
        stage = "受注" if lead.won else ("商談" if lead.appointment else "リード")
        out.append(
            [
                lead.id,
                _stamp(lead.created),
                lead.source,
                lead.owner,
                lead.industry,
                _stamp(lead.touched),
                _stamp(lead.appointment),
                _stamp(lead.won),
                stage,
                str(lead.amount) if lead.amount is not None else "",
            ]
        )
    return out


def export_text(leads: list[Lead]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(leads))
    return out.getvalue()


def main() -> None:
    HERE.mkdir(exist_ok=True)
    (HERE / "leads.csv").write_text(export_text(build()), encoding="utf-8", newline="")


if __name__ == "__main__":
    main()
