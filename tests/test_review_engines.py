"""`review` reads the same numbers on its bulk path (DuckDB) as row by row, or declines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from runner import PLANS, run_cli

PLAN = """\
plan: engines
period: {start: 2027-04, end: 2028-03}
kgi: {revenue: 100000000}
deal_size: 2000000
actuals:
  file: leads.csv
  id: リードID
  columns: {lead: 作成日, appointment: 商談化日, deal: 受注日}
  attributes: {source: リードソース, owner: 担当者}
funnel:
  - {id: lead, owner: marketing, rate: 25%, lag: 1}
  - {id: appointment, owner: sales, rate: 25%, lag: 1}
  - {id: deal, owner: sales}
"""


def _engine(name: str, *args: object) -> str:
    saved = os.environ.get("FUNNELPLAN_ENGINE")
    os.environ["FUNNELPLAN_ENGINE"] = name
    try:
        done = run_cli(*args)
    finally:
        if saved is None:
            os.environ.pop("FUNNELPLAN_ENGINE", None)
        else:
            os.environ["FUNNELPLAN_ENGINE"] = saved
    assert done.code == 0, done.stderr
    return done.stdout


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "leads.csv").write_bytes((PLANS / "exports" / "review" / "leads.csv").read_bytes())
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.mark.parametrize("by", [["--by", "source"], ["--by", "source", "--by", "owner"], []])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_both_engines_agree(plan: Path, by: list[str], fmt: str) -> None:
    args = ("review", plan, *by, "--from", "2026-05", "-f", fmt)
    assert _engine("duckdb", *args) == _engine("python", *args)


def test_the_bulk_path_declines_an_odd_row_and_the_answer_is_the_same(plan: Path) -> None:
    export = plan.parent / "leads.csv"
    text = export.read_text(encoding="utf-8")
    lines = text.split("\r\n")
    # a date that does not exist, and a record id seen twice: both skipped row by row
    lines.insert(5, "L99999,2026-02-30 10:00,展示会,佐藤,IT,,,,リード,")
    lines.insert(6, lines[1])
    export.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    args = ("review", plan, "--by", "source", "-f", "json")
    assert _engine("duckdb", *args) == _engine("python", *args)
    shown = _engine("python", "review", plan, "--by", "source")
    assert "2 rows not used" in shown
