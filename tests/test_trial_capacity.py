"""What a new user and an attacker found in teams, capacity and `target --hire`."""

from __future__ import annotations

import re
from pathlib import Path

from runner import PLANS, run_cli


def test_hire_sentences_group_large_counts(tmp_path: Path) -> None:
    # One full person handles 0.001 meetings a month: the proposal is large, and it used to be
    # printed as "129605" and "32000 full people" (every other count in the report is grouped).
    # 2027-05 needs 32 meetings at 0.001 a person: 32 / 0.001 = 32,000 full people.
    plan = tmp_path / "plan.yaml"
    text = (PLANS / "example-capacity.yaml").read_text(encoding="utf-8")
    plan.write_text(
        text.replace("capacity: {appointment: 12, deal: 4}", "capacity: {appointment: 0.001}"),
        encoding="utf-8",
    )
    done = run_cli("target", plan, "--hire")
    assert done.code == 0, done.stderr
    assert "32,000 full people" in done.stdout
    # the hires themselves (ramp and attrition on top): grouped in threes, never a bare run of digits
    assert re.search(r" \d{1,3}(,\d{3})+ by 2027-0\d \(sales\)", done.stdout)
    ja = run_cli("target", plan, "--hire", "--lang", "ja")
    assert re.search(r" \d{1,3}(,\d{3})+ 人（営業）", ja.stdout)


def test_costs_per_unit_are_shown_in_full_under_a_japanese_display_unit() -> None:
    # Under --money-unit auto (the default in Japanese) ¥11,979 per inquiry showed as 1万円 and
    # ¥32,386 per lead as 3万円: the figures one compares were rounded to the nearest 万.
    # Hand: spend ¥18,136,000 (docs/capacity.md) ÷ 1,514 inquiries = 11,978.86 → 11,979円;
    # ÷ 560 leads = 32,385.7 → 32,386円; CAC (18,136,000 + 50,100,000) ÷ 60 = 1,137,266.67.
    done = run_cli("target", PLANS / "example-capacity.yaml", "--lang", "ja")
    assert done.code == 0, done.stderr
    assert "11,979円" in done.stdout and "32,386円" in done.stdout
    assert "CAC（マーケティング費用 + 人件費）÷ 受注 60件：1,137,267円。" in done.stdout
    assert "20,000円" in done.stdout  # 展示会's cost per unit, not 2万円
    assert "1,814万円" in done.stdout  # a budget total keeps the display unit
