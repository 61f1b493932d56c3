"""`target --confidence`: the option's value read as a share, and the odds it asks for."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from funnelplan.core.odds import TargetOdds
    from funnelplan.core.target_report import TargetReport


def read_share(text: str, option: str, area: str, below_one: bool) -> Fraction:
    """`80%`, `８０％` or `0.8` as an exact share; exit 2 (`InputError`) when it is not one."""
    from funnelplan.errors import InputError, Problem, say
    from funnelplan.model.values import ValueProblem, parse_rate

    name = {"odds": "confidence", "sensitivity": "step"}[area]
    try:
        share = Fraction(parse_rate(text))
    except ValueProblem:
        share = None
        problem = f"{area}.{name}_not_a_share"
    else:
        problem = f"{area}.{name}_out_of_range"
    if share is not None and (share < 1 or not below_one):
        return share
    raise InputError(
        [
            Problem(
                file=option,
                message=say(problem, value=text),
                hint=say(f"{area}.{name}_hint"),
            )
        ]
    )


def target_odds_for(report: TargetReport, confidence: str | None) -> TargetOdds:
    """The target's odds, sized to `--confidence` when it is given."""
    from funnelplan.core.odds import target_odds

    wanted = None if confidence is None else read_share(confidence, "--confidence", "odds", True)
    return target_odds(report, wanted)
