"""`target --segment X` is the report of a plan holding only that segment (issue 9).

The segmented plan splits ¥60,000,000 over six equal months (¥10,000,000 each) 50/50, so the
`growth` segment is exactly a ¥30,000,000 plan (¥5,000,000 a month) with growth's deal size, its
appointment rate and its pipeline: the two reports must agree in every number.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runner import run_cli

COMMON = """\
currency: JPY
period: {start: 2027-04, end: 2027-09}
rounding: up
funnel:
  - {id: inquiry, label: 問い合わせ, owner: marketing, rate: 40%}
  - {id: lead, label: リード, owner: marketing, rate: 50%}
  - {id: appointment, label: 商談, owner: sales, rate: 25%, lag: 1}
  - {id: deal, label: 受注, owner: sales}
teams:
  marketing: {headcount: 3}
  sales: {headcount: 4, working_days: 20}
"""

SEGMENTED = (
    "plan: 全社\n"
    + COMMON
    + """\
kgi: {revenue: 60000000}
deal_size: 2000000
segments:
  - {id: growth, label: 成長企業, share: 50%, deal_size: 2500000, rates: {appointment: 20%},
     pipeline: {appointment: 6}}
  - {id: smb, label: 中小企業, share: 50%}
"""
)

ALONE = (
    "plan: 全社\n"
    + COMMON.replace("rate: 25%, lag: 1", "rate: 20%, lag: 1")
    + """\
kgi: {revenue: 30000000}
deal_size: 2500000
pipeline: {appointment: 6}
"""
)


@pytest.fixture
def plans(tmp_path: Path) -> tuple[Path, Path]:
    segmented, alone = tmp_path / "segmented.yaml", tmp_path / "alone.yaml"
    segmented.write_text(SEGMENTED, "utf-8")
    alone.write_text(ALONE, "utf-8")
    return segmented, alone


@pytest.mark.parametrize("key", ["growth", "成長企業", "GROWTH"])
def test_a_segment_by_id_or_label_is_its_own_plan(plans: tuple[Path, Path], key: str) -> None:
    segmented, alone = plans
    focused = run_cli("target", segmented, "--segment", key, "-f", "json")
    assert focused.code == 0, focused.stderr
    expected = run_cli("target", alone, "-f", "json")
    got, want = json.loads(focused.stdout), json.loads(expected.stdout)
    assert got.pop("plan") == "全社: 成長企業"
    want.pop("plan")
    assert got == want


def test_the_table_shows_the_segments_own_funnel_and_people(plans: tuple[Path, Path]) -> None:
    segmented, alone = plans
    focused = run_cli("target", segmented, "--segment", "growth", "-f", "markdown").stdout
    expected = run_cli("target", alone, "-f", "markdown").stdout
    assert focused.split("\n", 1)[1] == expected.split("\n", 1)[1]  # all but the title
    assert "| 商談 | sales | 20% | 1 |" in focused  # the segment's rate, not the plan's 25%
    assert "中小企業" not in focused


def test_an_unknown_segment_lists_ids_and_labels(plans: tuple[Path, Path]) -> None:
    done = run_cli("target", plans[0], "--segment", "中堅")
    assert done.code == 2
    assert "--segment: no segment '中堅'" in done.stderr
    assert "growth (成長企業), smb (中小企業)" in done.stderr
