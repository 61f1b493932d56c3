"""Sensitivity: which lever, pulled from the first month that can still act, brings revenue inside
the period, and how much.

Pure: takes a TargetReport (and a GapReport when there are actuals), returns a SensitivityReport.

Rules (docs/odds.md, and tested):
- **Levers**: the top stage's volume, each step's rate (`rate:<stage>`: from that stage to the
  next) and the deal size. Where the segments' rates or deal sizes differ, the lever is per
  segment; where they agree it is one lever over every segment. Volume is one lever.
- **Raised by the step** (10%: x 1.1, a rate at most 100%) **from the first month that can act**:
  the period's first month for a plan; the month after the as-of month with actuals. A volume
  change acts on top-stage entries from that month, a rate change on the conversions that arrive
  at the next stage from that month, a deal size change on deals from that month.
- **Expected counts** (exact fractions, no rounding): months up to the as-of month are the actuals
  (split over segments in the plan's proportions for that stage and month when the actuals are
  team-level; a stage the actuals lack keeps the plan's counts); later months take the plan's
  top-stage volume (`--pace actual`: the to-date monthly average) and each later stage is the
  stage above it, `lag` months earlier, x its rate (the forward run; with a lag distribution,
  each earlier month's entries split as the plan spreads the need, `target.plan_timing`).
  Without actuals every month is the plan's (the counts `target` works backward).
- **Revenue added inside the period** = the extra deals landing by the period's end x deal size
  (with lag distributions, each entry counts by the share of it the plan sends to deals inside
  the period, as the odds count it). A lever's first month of revenue is the first month it acts + the lags
  between (the earliest month of each distribution); when that is after the period the lever adds
  0 and the report says so.
- **Commitments when the lever improves**: each stage's count the plan needs, worked back by
  `target.backward` (exact, `rounding: none`) with the improved value, against the plan's: a 10%
  better close rate lowers every earlier stage by 1 - 1/1.1 = 9.1%; a better lead rate lowers only
  the stages above it; a higher deal size lowers every stage. Volume changes no other stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from funnelplan.core.rounding import round_half_up
from funnelplan.core.target import PlanTiming, arrival_share, backward, earliest_lags, plan_timing
from funnelplan.core.target_report import StageInfo, TargetReport
from funnelplan.model.months import Month
from funnelplan.model.record import replace

if TYPE_CHECKING:
    from funnelplan.core.gap import GapReport

VOLUME = "volume"
DEAL_SIZE = "deal_size"


@dataclass(frozen=True)
class Lever:
    key: str  # volume | rate:<stage id> | deal_size
    kind: str  # volume | rate | deal_size
    stage: str  # the stage it starts at (the top stage for volume, the last for deal size)
    segment: str | None  # None: every segment (or no segments)
    segment_label: str
    owner: str
    before: Fraction  # the plan's value (a rate, a deal size; volume: the entries it acts on)
    after: Fraction  # raised by the step (a rate at most 1)
    revenue_delta: Fraction  # exact
    shown: Fraction  # in the currency's minor unit, half up
    first_month: Month  # the first month the lever brings revenue
    in_period: bool  # first_month <= the period's end
    capped: bool = False  # a rate the step would lift past 100% is lifted to 100%
    commitments: dict[str, Fraction] = field(default_factory=dict)  # stage -> relative change


@dataclass(frozen=True)
class SensitivityReport:
    plan: str
    currency: str
    minor_unit: int
    rounding: str
    period_start: Month
    period_end: Month
    step: Fraction
    from_month: Month
    as_of: Month | None
    pace: str  # plan | actual
    stages: list[StageInfo]
    levers: list[Lever]  # ranked: largest revenue delta first
    source: str = ""  # the actuals file, when given

    @property
    def acting(self) -> list[Lever]:
        return [lever for lever in self.levers if lever.in_period]

    @property
    def too_late(self) -> list[Lever]:
        return [lever for lever in self.levers if not lever.in_period]

    @property
    def total_delta(self) -> Fraction:
        return sum((lever.shown for lever in self.levers), Fraction(0))


@dataclass
class _Funnel:
    id: str | None
    label: str
    deal_size: Fraction
    rates: list[Fraction]
    counts: dict[str, dict[Month, Fraction]]  # expected counts, every shown month


class SensitivityProblem(ValueError):
    """The sensitivity cannot run as asked (`--pace actual` without actuals)."""


def build_sensitivity(
    target: TargetReport,
    step: Fraction,
    gap: GapReport | None = None,
    pace: str = "plan",
) -> SensitivityReport:
    """Every lever raised by `step` from the first month that can act; see the module's rules."""
    if pace == "actual" and gap is None:
        raise SensitivityProblem("pace_needs_actuals")
    stages = target.stages
    as_of = gap.as_of if gap is not None else None
    from_month = as_of + 1 if as_of is not None else target.period_start
    timing = plan_timing(target) if any(s.spread for s in stages) else None
    funnels = _funnels(target, gap, pace, timing)
    lags_from = earliest_lags(stages)  # the first month a change can land: the earliest lags
    levers: list[Lever] = []

    def lever(kind: str, index: int, members: list[_Funnel], segment: _Funnel | None) -> Lever:
        stage = stages[index]
        key = VOLUME if kind == VOLUME else DEAL_SIZE if kind == DEAL_SIZE else f"rate:{stage.id}"
        if kind == VOLUME:
            first = from_month + lags_from[0]
        elif kind == DEAL_SIZE:
            first = from_month
        else:
            first = from_month + lags_from[index + 1]
        delta = Fraction(0)
        if first <= target.period_end:
            delta = sum(
                (
                    _delta(f, kind, index, step, from_month, target.period_end, stages, timing)
                    for f in members
                ),
                Fraction(0),
            )
        sample = members[0]
        if kind == VOLUME:
            before = sum(
                (n for f in members for m, n in f.counts[stages[0].id].items() if m >= from_month),
                Fraction(0),
            )
            after = before * (1 + step)
        elif kind == DEAL_SIZE:
            before = sample.deal_size
            after = before * (1 + step)
        else:
            before = sample.rates[index]
            after = min(Fraction(1), before * (1 + step))
        return Lever(
            key=key,
            kind=kind,
            stage=stage.id,
            segment=segment.id if segment is not None else None,
            segment_label=segment.label if segment is not None else "",
            owner=stage.owner,
            before=before,
            after=after,
            revenue_delta=delta,
            shown=round_half_up(delta, target.minor_unit),
            first_month=first,
            in_period=first <= target.period_end,
            capped=kind == "rate" and before * (1 + step) > 1,
            commitments=_commitments(kind, index, sample, step, stages),
        )

    levers.append(lever(VOLUME, 0, funnels, None))
    for index in range(len(stages) - 1):
        if len({f.rates[index] for f in funnels}) == 1:
            levers.append(lever("rate", index, funnels, None))
        else:
            levers += [lever("rate", index, [f], f) for f in funnels]
    last = len(stages) - 1
    if len({f.deal_size for f in funnels}) == 1:
        levers.append(lever(DEAL_SIZE, last, funnels, None))
    else:
        levers += [lever(DEAL_SIZE, last, [f], f) for f in funnels]
    order = {key: i for i, key in enumerate(lever.key for lever in levers)}
    levers.sort(key=lambda item: (-item.revenue_delta, order[item.key], item.segment or ""))
    return SensitivityReport(
        plan=target.plan,
        currency=target.currency,
        minor_unit=target.minor_unit,
        rounding=target.rounding,
        period_start=target.period_start,
        period_end=target.period_end,
        step=step,
        from_month=from_month,
        as_of=as_of,
        pace=pace,
        stages=stages,
        levers=levers,
        source=gap.source if gap is not None else "",
    )


def _delta(
    funnel: _Funnel,
    kind: str,
    index: int,
    step: Fraction,
    from_month: Month,
    end: Month,
    stages: list[StageInfo],
    timing: PlanTiming | None = None,
) -> Fraction:
    """The revenue one funnel gains inside the period from one lever (expected, exact). With lag
    distributions (`timing`), an entry counts where the plan counts it (`target.plan_timing`)."""
    rates, size = funnel.rates, funnel.deal_size
    chance_from = [Fraction(1)] * len(stages)
    for i in range(len(stages) - 2, -1, -1):
        chance_from[i] = chance_from[i + 1] * rates[i]
    if kind == DEAL_SIZE:
        deals = funnel.counts[stages[-1].id]
        return (
            sum((n for m, n in deals.items() if from_month <= m <= end), Fraction(0)) * size * step
        )
    if kind == VOLUME:
        top = funnel.counts[stages[0].id]
        # each month's entries by the share of them whose deals land by the period's end
        entries = sum(
            (n * _landing(timing, stages, m, end) for m, n in top.items() if m >= from_month),
            Fraction(0),
        )
        return entries * step * chance_from[0] * size
    rate = rates[index]
    raised = min(Fraction(1), rate * (1 + step)) - rate
    here = funnel.counts[stages[index].id]
    below = stages[index + 1 :]
    # the stage's entries that reach the next stage from `from_month` on (each lag's share in the
    # month it arrives), by the share of those whose deals then land by the period's end
    arriving = Fraction(0)
    for month, count in here.items():
        for lag, part in _parts(timing, stages, index, month):
            arrives = month + lag
            if arrives >= from_month:
                arriving += count * part * _landing(timing, below, arrives, end, index + 1)
    return arriving * raised * chance_from[index + 1] * size


def _landing(
    timing: PlanTiming | None, stages: list[StageInfo], month: Month, end: Month, index: int = 0
) -> Fraction:
    """The share of `stages[0]`'s entries of `month` whose deals land by the period's end: the
    plan's (`timing.landing`, stage `index` of the funnel), or for single lags 1 or 0."""
    if timing is not None:
        return timing.landing[index].get(month, Fraction(0))
    return arrival_share(stages, end - month)


def _parts(
    timing: PlanTiming | None, stages: list[StageInfo], index: int, month: Month
) -> list[tuple[int, Fraction]]:
    """Where stage `index`'s entries of `month` go: (months later, share). A single lag: all of
    them `lag` months later; a distribution: as the plan spreads the next stage's need, each
    lag's share of the next stage's flow in that month over this stage's flow."""
    stage = stages[index]
    if timing is None:
        return list(stage.shares)
    return timing.parts(index, stage, month)


def _commitments(
    kind: str, index: int, funnel: _Funnel, step: Fraction, stages: list[StageInfo]
) -> dict[str, Fraction]:
    """Each stage's relative change in what the plan needs when the lever improves (exact)."""
    if kind == VOLUME:
        return {}
    rates = list(funnel.rates)
    size = funnel.deal_size
    if kind == DEAL_SIZE:
        size = size * (1 + step)
    else:
        rates[index] = min(Fraction(1), rates[index] * (1 + step))

    def needs(rates_used: list[Fraction], deal_size: Fraction) -> dict[str, Fraction]:
        infos = [
            replace(s, rate=rates_used[i] if i < len(rates_used) else None)
            for i, s in enumerate(stages)
        ]
        month = Month(2000, 1)
        counts = backward(infos, deal_size, {month: funnel.deal_size}, "none", {})
        return {sid: sum(by.values(), Fraction(0)) for sid, by in counts.items()}

    old, new = needs(funnel.rates, funnel.deal_size), needs(rates, size)
    return {s.id: new[s.id] / old[s.id] - 1 for s in stages if old[s.id]}


def _funnels(
    target: TargetReport, gap: GapReport | None, pace: str, timing: PlanTiming | None = None
) -> list[_Funnel]:
    """The funnels' expected counts per stage and month (see the module's rules)."""
    stages = target.stages
    ids = [s.id for s in stages]
    plans = target.segments or [None]
    team_rows = {row.month: row for row in target.months}
    result: list[_Funnel] = []
    for funnel in plans:
        rows = funnel.months if funnel is not None else target.months
        rates_by = funnel.rates if funnel is not None else {s.id: s.rate for s in stages if s.rate}
        rates = [Fraction(rates_by[s.id]) for s in stages[:-1]]
        deal_size = funnel.deal_size if funnel is not None else target.deal_size
        assert deal_size is not None
        counts = {sid: {row.month: row.counts[sid] for row in rows} for sid in ids}
        if gap is not None:
            counts = _with_actuals(
                counts, rows, team_rows, gap, pace, rates, stages, funnel, timing
            )
        result.append(
            _Funnel(
                funnel.id if funnel is not None else None,
                funnel.label if funnel is not None else target.plan,
                Fraction(deal_size),
                rates,
                counts,
            )
        )
    return result


def _with_actuals(
    counts: dict[str, dict[Month, Fraction]],
    rows: list,
    team_rows: dict,
    gap: GapReport,
    pace: str,
    rates: list[Fraction],
    stages: list[StageInfo],
    funnel: object,
    timing: PlanTiming | None = None,
) -> dict[str, dict[Month, Fraction]]:
    as_of = gap.as_of
    actual = {m.month: m.cells for m in gap.total.months}
    own = {row.month: row for row in rows}

    def share(sid: str, month: Month) -> Fraction:
        if funnel is None:
            return Fraction(1)
        team = team_rows.get(month)
        total = team.counts[sid] if team is not None else Fraction(0)
        mine = own[month].counts[sid] if month in own else Fraction(0)
        return mine / total if total else Fraction(getattr(funnel, "share", 1))

    result: dict[str, dict[Month, Fraction]] = {sid: {} for sid in counts}
    months = sorted(counts[stages[0].id])
    top = stages[0].id
    to_date = [m for m in actual if gap.period_start <= m <= as_of]
    tops = [actual[m][top].actual for m in to_date if actual[m][top].actual is not None]
    average = sum(tops, Fraction(0)) / len(tops) if tops else None
    for month in months:
        for index, stage in enumerate(stages):
            sid = stage.id
            if month <= as_of:
                cell = actual.get(month, {}).get(sid)
                if cell is not None and cell.actual is not None:
                    result[sid][month] = cell.actual * share(sid, month)
                else:
                    result[sid][month] = counts[sid].get(month, Fraction(0))
            elif index == 0:
                if pace == "actual" and average is not None:
                    result[sid][month] = average * share(sid, month)
                else:
                    result[sid][month] = counts[sid].get(month, Fraction(0))
            else:
                above = stages[index - 1]
                came = Fraction(0)  # each earlier month's entries, the part that arrives now
                for lag in {lag for lag, _ in above.shares}:
                    source = month + -lag
                    parts = dict(_parts(timing, stages, index - 1, source))
                    came += result[above.id].get(source, Fraction(0)) * parts.get(lag, Fraction(0))
                result[sid][month] = came * rates[index - 1]
    return result
