"""Teams with people over time: ramped equivalents, attrition, capacity against the commitments.

Every figure below is worked out by hand in the comments (docs/capacity.md, core/capacity.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.capacity import kept_share, ramp_share, staffing
from funnelplan.core.commitments import build_target
from funnelplan.load.planfile import load_plan
from funnelplan.model.months import Month, month_range
from funnelplan.model.plan import Team
from runner import run_cli

# Six months; appointments convert 1:1 into deals of ¥1, so each month's appointment commitment
# is its revenue target: 60, 60, 72, 72, 78, 84.
WORKED = """\
plan: worked example
period: {start: 2027-01, end: 2027-06}
kgi:
  monthly: {2027-01: 60, 2027-02: 60, 2027-03: 72, 2027-04: 72, 2027-05: 78, 2027-06: 84}
deal_size: 1
funnel:
  - {id: appointment, label: Meetings, owner: sales, rate: 100%}
  - {id: deal, owner: sales}
teams:
  sales:
    headcount: 5
    hires: {2027-02: 2}
    ramp: [0%, 25%, 50%, 75%]
    capacity: {appointment: 12}
"""


def _capacity(write_plan: Callable[..., Path], text: str = WORKED) -> list:
    report = build_target(load_plan(write_plan(text)))
    assert report.capacity is not None
    return report.capacity.rows


def test_worked_example_ramped_equivalents_capacity_and_the_one_month_over(
    write_plan: Callable[..., Path],
) -> None:
    rows = [row for row in _capacity(write_plan) if row.stage == "appointment"]
    # 5 full people from the start; 2 hired in month 2 at 0%, 25%, 50%, 75%, then 100%:
    # month 1: 5                = 5      month 4: 5 + 2 × 50% = 6
    # month 2: 5 + 2 × 0%  = 5          month 5: 5 + 2 × 75% = 6.5
    # month 3: 5 + 2 × 25% = 5.5        month 6: 5 + 2 × 100% = 7
    assert [row.ramped for row in rows] == [5, 5, Fraction(11, 2), 6, Fraction(13, 2), 7]
    # heads: 5 in month 1, then 7 (a hire counts as a person from the month they join)
    assert [row.people for row in rows] == [5, 7, 7, 7, 7, 7]
    # 12 meetings per full person: 60, 60, 66, 72, 78, 84
    assert [row.capacity for row in rows] == [60, 60, 66, 72, 78, 84]
    # the plan asks 60, 60, 72, 72, 78, 84: month 3 (72 > 66) is over; the rest are at capacity
    assert [row.commitment for row in rows] == [60, 60, 72, 72, 78, 84]
    assert [row.over for row in rows] == [False, False, True, False, False, False]


def test_per_full_person_divides_by_ramped_equivalents_rounded_up_to_a_tenth(
    write_plan: Callable[..., Path],
) -> None:
    rows = _capacity(write_plan)
    # 60 / 5 = 12; 72 / 5.5 = 13.09... -> 13.1; 72 / 6 = 12; 78 / 6.5 = 12; 84 / 7 = 12
    assert [row.per_full_person for row in rows] == [12, 12, Fraction(131, 10), 12, 12, 12]


def test_period_loads_divide_by_ramped_person_months(write_plan: Callable[..., Path]) -> None:
    report = build_target(load_plan(write_plan(WORKED)))
    load = next(p for p in report.people if p.stage == "appointment")
    # 426 meetings over 5 + 5 + 5.5 + 6 + 6.5 + 7 = 35 ramped person-months: 12.17... -> 12.2;
    # the peak is month 3's 13.1 (72 / 5.5 rounded up)
    assert load.period_total == 426
    assert load.per_person_month == Fraction(122, 10)
    assert load.peak_per_person_month == Fraction(131, 10)


def test_attrition_is_spread_evenly_over_the_months_without_compounding() -> None:
    team = Team(headcount=12, attrition="12%")
    months = month_range(Month(2027, 1), Month(2027, 4))
    # 12% a year = 1% of the group a month: 12, 12 × 0.99 = 11.88, 12 × 0.98 = 11.76, 11.64
    people = [s.people for s in staffing("sales", team, months)]
    assert people == [12, Fraction(1188, 100), Fraction(1176, 100), Fraction(1164, 100)]


def test_attrition_and_ramp_act_on_each_hire_group_from_its_own_first_month() -> None:
    team = Team(headcount=12, attrition="12%", hires={"2027-02": 2}, ramp=["0%", "50%"])
    months = month_range(Month(2027, 1), Month(2027, 3))
    rows = staffing("sales", team, months)
    # month 3: the 12 keep 1 - 2 × 1% = 98% (11.76); the 2 hired in month 2 are in their 2nd
    # month: they keep 99% (1.98 people) at a ramp of 50% (0.99 ramped)
    assert rows[2].people == Fraction(1176, 100) + Fraction(198, 100)
    assert rows[2].ramped == Fraction(1176, 100) + Fraction(99, 100)
    # month 2: the hires' first month: whole (2 people) at 0%
    assert rows[1].people == Fraction(1188, 100) + 2
    assert rows[1].ramped == Fraction(1188, 100)


def test_no_group_falls_below_none() -> None:
    team = Team(headcount=1, attrition="100%")
    # 100% a year: a twelfth a month; from its 13th month on nothing is left, never less
    assert kept_share(team, 13) == 0
    assert kept_share(team, 20) == 0
    assert kept_share(team, 7) == Fraction(1, 2)


@settings(max_examples=60, deadline=None)
@given(
    headcount=st.integers(1, 30),
    hires=st.dictionaries(st.integers(0, 11), st.integers(1, 5), max_size=4),
    ramp=st.lists(st.integers(0, 100), max_size=5),
)
def test_without_attrition_ramped_is_headcount_plus_each_hires_ramp_share(
    headcount: int, hires: dict[int, int], ramp: list[int]
) -> None:
    start = Month(2027, 1)
    months = month_range(start, start + 11)
    team = Team(
        headcount=headcount,
        hires={str(start + offset): count for offset, count in hires.items()},
        ramp=[f"{share}%" for share in ramp],
    )
    for index, row in enumerate(staffing("t", team, months)):
        joined = {offset: count for offset, count in hires.items() if offset <= index}
        assert row.people == headcount + sum(joined.values())
        expected = headcount + sum(
            count * ramp_share(team, index - offset + 1) for offset, count in joined.items()
        )
        assert row.ramped == expected
        assert row.ramped <= row.people


def test_headline_flags_the_month_over_capacity(write_plan: Callable[..., Path]) -> None:
    done = run_cli("target", write_plan(WORKED))
    assert done.code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "Over capacity: sales Meetings in 2027-03 (72 against 66)."
    done = run_cli("target", write_plan(WORKED), "--lang", "ja")
    assert (
        done.stdout.splitlines()[1] == "処理能力超過：営業のMeetings（2027-03：66件に対し72件）。"
    )


def test_json_carries_the_capacity_rows(write_plan: Callable[..., Path]) -> None:
    done = run_cli("target", write_plan(WORKED), "--format", "json")
    document = json.loads(done.stdout)
    rows = [row for row in document["capacity"] if row["stage"] == "appointment"]
    assert rows[2] == {
        "team": "sales",
        "month": "2027-03",
        "people": 7,
        "ramped": 5.5,
        "stage": "appointment",
        "capacity": 66,
        "commitment": 72,
        "over": True,
        "capacity_per_person": 12,
        "commitment_per_full_person": 13.1,
    }
    assert "budget" not in document  # no channels in the plan


def test_plans_without_the_new_keys_have_no_new_json_keys() -> None:
    done = run_cli("target", "plans/example.yaml", "--format", "json")
    document = json.loads(done.stdout)
    assert not {"capacity", "staffing", "hire", "budget"} & set(document)


def test_csv_adds_people_and_capacity_columns(write_plan: Callable[..., Path]) -> None:
    done = run_cli("target", write_plan(WORKED), "--format", "csv")
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "month,appointment,deal,revenue,sales_people,sales_ramped,appointment_capacity,"
        "appointment_over"
    )
    assert lines[3] == "2027-03,72,72,72,7,5.5,66,true"
    assert lines[-1] == "total,426,426,426,,,,"


def test_segment_focus_carries_that_segments_counts_against_the_whole_team(
    write_plan: Callable[..., Path],
) -> None:
    text = (Path(__file__).parent.parent / "plans" / "example.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  sales: {headcount: 8, working_days: 20}",
        "  sales: {headcount: 8, working_days: 20, capacity: {appointment: 5}}",
    )
    path = write_plan(text)
    whole = build_target(load_plan(path))
    done = run_cli("target", path, "--segment", "smb", "--format", "json")
    assert done.code == 0, done.stderr
    document = json.loads(done.stdout)
    smb = next(s for s in whole.segments if s.id == "smb")
    counts = {str(row.month): row.counts["appointment"] for row in smb.months}
    for row in document["capacity"]:
        # the segment's own meetings against the whole team: 8 people × 5 = 40
        assert row["commitment"] == counts[row["month"]]
        assert row["capacity"] == 40
