"""`target --hire`: the fewest hires, each as late as it can be, so that no month is over capacity."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.capacity import _capacity_rows, propose_hires
from funnelplan.core.commitments import build_target
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan
from runner import run_cli

# Meetings convert 1:1 into deals of ¥1: each month's meeting commitment is its revenue target.
# 4 full people at 12 meetings carry 48 a month; August asks 72.
ISSUE_EXAMPLE = """\
plan: hiring
period: {start: 2027-01, end: 2027-09}
kgi:
  monthly: {2027-01: 48, 2027-02: 48, 2027-03: 48, 2027-04: 48, 2027-05: 48, 2027-06: 48,
            2027-07: 48, 2027-08: 72, 2027-09: 48}
deal_size: 1
funnel:
  - {id: appointment, label: meetings, owner: sales, rate: 100%}
  - {id: deal, owner: sales}
teams:
  sales:
    headcount: 4
    hires: {2027-06: 1}
    ramp: [0%, 25%, 50%, 75%]
    capacity: {appointment: 12}
"""


def test_the_issues_example_hires_two_by_may(write_plan: Callable[..., Path]) -> None:
    done = run_cli("target", write_plan(ISSUE_EXAMPLE), "--hire")
    assert done.code == 0, done.stderr
    # August needs 72 / 12 = 6 full people. It has 4 + the June hire in its 3rd month (50%) =
    # 4.5, so 1.5 short. A hire reaches 100% by August from April (5th month), 75% from May, 50%
    # from June: 2 from April or May (2 × 75% = 1.5), 3 from June (3 × 50% = 1.5). Fewest: 2;
    # latest with 2: May.
    assert (
        "2027-08 needs 72 meetings at 12 a person: 6 full people; hire 2 by 2027-05." in done.stdout
    )
    assert (
        done.stdout.splitlines()[1] == "Over capacity: sales meetings in 2027-08 (72 against 54)."
    )
    assert done.stdout.splitlines()[2] == (
        "Hire 2 by 2027-05 (sales) so that no month is over capacity."
    )
    document = json.loads(
        run_cli("target", write_plan(ISSUE_EXAMPLE), "--hire", "-f", "json").stdout
    )
    assert document["hire"]["hires"] == [
        {
            "team": "sales",
            "month": "2027-05",
            "count": 2,
            "needed_in": "2027-08",
            "stage": "appointment",
            "commitment": 72,
            "capacity_per_person": 12,
            "full_people": 6,
        }
    ]
    assert document["hire"]["total"] == 2


def test_a_month_no_hire_can_reach_is_reported_not_solved(write_plan: Callable[..., Path]) -> None:
    # January asks 60 of 4 people (48): a hire in January is at 0% there, so none can help
    text = ISSUE_EXAMPLE.replace("2027-01: 48", "2027-01: 60")
    done = run_cli("target", write_plan(text), "--hire")
    assert done.code == 0, done.stderr
    assert (
        "2027-01: sales meetings needs 60 against 48; no hire inside the period is ramped by then."
        in done.stdout
    )


def _over(plan: Plan, rows: list, team: str, extra: dict[Month, int], skip: set[Month]) -> bool:
    return any(r.over and r.month not in skip for r in _capacity_rows(plan, team, rows, extra))


@settings(max_examples=40, deadline=None)
@given(
    headcount=st.integers(1, 6),
    per_person=st.integers(1, 20),
    needs=st.lists(st.integers(0, 200), min_size=3, max_size=9),
    ramp=st.lists(st.sampled_from([0, 10, 25, 50, 75, 100]), max_size=4),
    attrition=st.sampled_from([None, 0, 12, 30]),
    own_hire=st.booleans(),
)
def test_no_month_is_over_and_no_hire_could_be_dropped_or_come_a_month_later(
    headcount: int,
    per_person: int,
    needs: list[int],
    ramp: list[int],
    attrition: int | None,
    own_hire: bool,
) -> None:
    start = Month(2027, 1)
    months = [start + i for i in range(len(needs))]
    team: dict[str, object] = {
        "headcount": headcount,
        "ramp": [f"{share}%" for share in ramp],
        "capacity": {"appointment": per_person},
    }
    if attrition is not None:
        team["attrition"] = f"{attrition}%"
    if own_hire:
        team["hires"] = {str(months[1]): 1}
    if sum(needs) == 0:
        needs[0] = 1
    plan = Plan.model_validate(
        {
            "plan": "p",
            "period": {"start": str(months[0]), "end": str(months[-1])},
            "kgi": {"monthly": {str(m): n for m, n in zip(months, needs, strict=True)}},
            "deal_size": 1,
            "funnel": [
                {"id": "appointment", "owner": "sales", "rate": 1},
                {"id": "deal", "owner": "sales"},
            ],
            "teams": {"sales": team},
        }
    )
    rows = build_target(plan).months
    proposal = propose_hires(plan, rows)
    skip = {u.month for u in proposal.unreachable}
    extra: dict[Month, int] = {}
    for hire in proposal.hires:
        extra[hire.month] = extra.get(hire.month, 0) + hire.count
    # with the proposal no month is over (bar those no hire inside the period can reach)
    assert not _over(plan, rows, "sales", extra, skip)
    for month in extra:
        fewer = {**extra, month: extra[month] - 1}
        # one hire fewer: some month is over
        assert _over(plan, rows, "sales", fewer, skip)
        if month < months[-1]:
            # one hire of this month a month later: some month is over
            later = {**fewer, month + 1: fewer.get(month + 1, 0) + 1}
            assert _over(plan, rows, "sales", later, skip)
    # an unreachable month really is: even 1000 hires in its own month cannot lift it
    for month in skip:
        assert _over(plan, rows, "sales", {m: 1000 for m in months if m <= month}, set())


def test_thousands_of_hires_are_solved_as_groups_quickly(write_plan: Callable[..., Path]) -> None:
    import time

    # 90 million meetings in August at 1 a person: 89,999,996 more full people. Hires are tried
    # as groups (halving), never one at a time, so this is as quick as a small plan.
    text = ISSUE_EXAMPLE.replace("2027-08: 72", "2027-08: 90000000").replace(
        "capacity: {appointment: 12}", "capacity: {appointment: 1}"
    )
    text = text.replace("2027-01: 48", "2027-01: 4").replace("2027-02: 48", "2027-02: 4")
    for month in range(3, 10):
        text = text.replace(f"2027-0{month}: 48", f"2027-0{month}: 4")
    started = time.perf_counter()
    done = run_cli("target", write_plan(text), "--hire", "--format", "json")
    assert done.code == 0, done.stderr
    assert time.perf_counter() - started < 10
    hires = json.loads(done.stdout)["hire"]["hires"]
    # August is 90,000,000 - 4 - 0.5 (the June hire at 50%) = 89,999,995.5 full people short.
    # Hires of April are full by August: 89,999,996 of them; but two of those may come in May
    # (75% each by August): 89,999,994 + 2 × 75% = 89,999,995.5, the same count, two later.
    assert [(h["month"], h["count"]) for h in hires] == [("2027-04", 89999994), ("2027-05", 2)]
    assert all(h["needed_in"] == "2027-08" for h in hires)
