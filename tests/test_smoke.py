from pathlib import Path

from funnelplan.core.commitments import build_target
from funnelplan.load.planfile import load_plan

PLANS = Path(__file__).parent.parent / "plans"


def test_example_plan_totals() -> None:
    report = build_target(load_plan(PLANS / "example-en.yaml"))
    # $1,800,000 / $45,000 = 40 deals; 40 / 35% = 114.3 -> 115 meetings, less 12 held = 103 new
    assert report.total.counts["deal"] == 40
