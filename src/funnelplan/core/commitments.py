"""What each team commits to: the funnel worked back from the KGI, then the plan's people and money.

`build_target` is the one entry point every command uses (`target`, `gap`, `whatif`, ...):

1. Channels with their own rates make the top stage convert at the share-weighted rate
   (core/budget.py, `with_channel_mix`), before the funnel is worked back.
2. The funnel: every stage's monthly count (core/target.py, `build_funnel`, the one `backward`).
3. Teams with people over time: their capacity and ramped per-person loads (core/capacity.py).
4. Channels: counts and cost per channel, cost per stage and CAC (core/budget.py); people cost
   comes from step 3, so this runs last.

Steps 1, 3 and 4 read the plan as written and change nothing when its keys are absent; their
modules are imported only when the plan has those keys, so a plain plan pays for the funnel alone.
"""

from __future__ import annotations

from funnelplan.core.target import build_funnel
from funnelplan.core.target_report import TargetReport
from funnelplan.model.plan import Plan
from funnelplan.model.record import replace


def _has_people(plan: Plan) -> bool:
    return any(team.over_time or team.cost is not None for team in plan.teams.values())


def build_target(plan: Plan) -> TargetReport:
    """The whole backward calculation for a plan: the funnel, its teams' people and its channels."""
    if not plan.channels:
        report = build_funnel(plan)
        return _with_people(plan, report)
    from funnelplan.core.budget import with_budget, with_channel_mix

    report = _with_people(plan, build_funnel(with_channel_mix(plan)))
    return with_budget(plan, report)


def _with_people(plan: Plan, report: TargetReport) -> TargetReport:
    if not _has_people(plan):
        return report
    from funnelplan.core.capacity import with_capacity

    return with_capacity(plan, report)


def people_over_time(
    plan: Plan, report: TargetReport, *, hire: bool = False, plan_file: str = ""
) -> TargetReport:
    """Capacity (and the budget) worked again from the report's months, as `--segment` narrows
    them; with `hire`, the hire proposal too (an exit-2 problem when no team has `capacity:`)."""
    from funnelplan.core.budget import with_budget
    from funnelplan.core.capacity import with_capacity, with_hire_proposal

    if hire and not any(team.capacity for team in plan.teams.values()):
        from funnelplan.errors import InputError, Problem, say

        raise InputError(
            [
                Problem(
                    file=plan_file,
                    field="--hire",
                    message=say("capacity.hire_needs_capacity"),
                    hint=say("capacity.hire_needs_capacity_how"),
                )
            ]
        )
    report = with_budget(plan, with_capacity(plan, replace(report, capacity=None, budget=None)))
    return with_hire_proposal(plan, report) if hire else report
