"""The plan: what a team writes in YAML, as typed, immutable models (pydantic v2).

Field types read numbers the way people write them (see `model/values.py`); rules that need more than
one field (shares add up to 100%, months lie in the period, ...) are in `check_plan`, which returns
problems as (path, message, hint) so the loader can place each one in the file.

No `from __future__ import annotations` here: pydantic would compile each field's annotation
from its text when the models are defined (~1 ms of every command's start-up).
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import core_schema

from funnelplan.errors import Text, say
from funnelplan.model.base import Read
from funnelplan.model.base import StrictModel as _Model
from funnelplan.model.months import Month, month_range, parse_month
from funnelplan.model.values import (
    MAX_COUNT,
    ValueProblem,
    parse_count,
    parse_money,
    parse_positive_number,
    parse_rate,
)

RESERVED_STAGE_IDS = frozenset({"month", "revenue", "total", "segment"})
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
MAX_PERIOD_MONTHS = 36
MAX_LAG = 24
MAX_STAGES = 50  # a funnel has a handful of stages; past this the plan is not a funnel
MAX_TOTAL_LAG = 36  # months from the top of the funnel to the deal, all lags added
# ISO 4217 minor units for the currencies teams use; any other three-letter code gets 2.
MINOR_UNITS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "TWD": 2, "KWD": 3, "BHD": 3}


def _identifier(value: object) -> str:
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        raise ValueProblem(
            say("plan.id.not_short", value=value),
            say("plan.id.how_to_write"),
        )
    return value


def _stage_id(value: object) -> str:
    text = _identifier(value)
    if text in RESERVED_STAGE_IDS:
        raise ValueProblem(
            say("plan.id.reserved", value=text),
            say("plan.id.choose_another", names=", ".join(sorted(RESERVED_STAGE_IDS))),
        )
    return text


def _lag(value: object) -> int | dict[int, Decimal]:
    """`lag: 1` (months to the next stage), or a distribution over months that adds up to 100%:
    `lag: {0: 35%, 1: 50%, 2: 15%}` (of a month's next-stage count, 35% come from this stage's
    entries of the same month, 50% from the month before, 15% from two months before)."""
    if isinstance(value, Mapping):
        return _lag_shares(value)
    try:
        return _lag_months(value)
    except ValueProblem as refused:
        if not isinstance(value, list):
            raise
        # `lag: [60%, 40%]`: a distribution without its months
        raise ValueProblem(refused.message, say("plan.lag.how_to_spread")) from None


def _lag_months(value: object) -> int:
    lag = parse_count(value)
    if lag > MAX_LAG:
        raise ValueProblem(
            say("plan.lag.too_long", n=lag, limit=MAX_LAG), say("plan.lag.in_months")
        )
    return lag


def _lag_shares(value: Mapping[object, object]) -> dict[int, Decimal]:
    if not value:
        raise ValueProblem(say("plan.lag.empty"), say("plan.lag.how_to_spread"))
    shares: dict[int, Decimal] = {}
    for key, share in value.items():
        at_key = True  # the month is read first, then its share
        try:  # a month or a share that cannot be read: the distribution's hint, not a count's
            months = _lag_months(key.strip() if isinstance(key, str) else key)
            if months in shares:
                raise ValueProblem(say("plan.lag.month_twice", n=months))
            at_key = False
            shares[months] = _share(share)
        except ValueProblem as refused:
            raise ValueProblem(
                refused.message, say("plan.lag.how_to_spread"), at=(key,), at_key=at_key
            ) from None
    total = sum(shares.values(), Decimal(0))
    if total != 1:
        raise ValueProblem(
            say("plan.lag.shares_not_whole", total=f"{total * 100:f}".rstrip("0").rstrip(".")),
            say("plan.lag.how_to_spread"),
        )
    return {months: shares[months] for months in sorted(shares) if shares[months]}


def _lag_text(value: int | dict[int, Decimal]) -> int | dict[int, str]:
    if isinstance(value, int):
        return value
    return {months: str(share) for months, share in value.items()}


def _currency(info: ValidationInfo | None) -> str | None:
    """The plan's currency, when the loader passed it (`context={"currency": "JPY"}`)."""
    context = info.context if info is not None else None
    return context.get("currency") if isinstance(context, dict) else None


def _positive_money(value: object, info: ValidationInfo) -> Decimal:
    amount = parse_money(value, _currency(info))
    if amount <= 0:
        raise ValueProblem(say("value.not_positive", value=value), say("plan.money.how_to_write"))
    return amount


def _non_negative_money(value: object, info: ValidationInfo) -> Decimal:
    amount = parse_money(value, _currency(info))
    if amount < 0:
        raise ValueProblem(say("value.negative", value=value), say("value.write_zero_or_more"))
    return amount


def _positive_count(value: object) -> int:
    count = parse_count(value)
    if count == 0:
        raise ValueProblem(say("value.at_least_one"), say("value.write_whole_number"))
    return count


def _share(value: object) -> Decimal:
    """A share that may be 0 (a ramp's first month, no attrition); over 100% is refused."""
    from funnelplan.errors import say

    text = value.strip().rstrip("%％").strip() if isinstance(value, str) else value
    if text in (0, "0", "０", "0.0"):
        return Decimal(0)
    try:
        return parse_rate(value)
    except ValueProblem:
        if isinstance(value, bool):
            raise
        raise ValueProblem(
            say("capacity.share_out_of_range", value=value),  # type: ignore[arg-type]
            say("capacity.share_how"),  # type: ignore[arg-type]
        ) from None


def _months_once(value: object) -> object:
    """`{2027-05: 1, 2027/5: 1}` is one month twice: YAML sees two keys, the plan one month."""
    from funnelplan.errors import say
    from funnelplan.model.months import MonthFormatError

    if not isinstance(value, dict):
        return value
    seen: dict[Month, object] = {}
    for key in value:
        try:
            month = parse_month(key)
        except MonthFormatError:
            continue  # the key's own type reports it
        if month in seen:
            raise ValueProblem(
                say("capacity.month_twice", key=key, first=seen[month], month=month),  # type: ignore[arg-type]
                say("capacity.month_twice_how"),  # type: ignore[arg-type]
            )
        seen[month] = key
    return value


# an after_period amount refused for these reasons keeps its own words
_MONEY_REFUSALS = ("value.money.other_currency", "value.far_too_large", "value.far_too_small")


def _after_period(value: object, info: ValidationInfo) -> str | Decimal:
    if value in ("average", "stop"):
        return str(value)
    try:
        return _non_negative_money(value, info)
    except ValueProblem as error:
        if error.message.code in _MONEY_REFUSALS:
            raise
        raise ValueProblem(
            say("plan.after_period.invalid", value=value),
            say("plan.after_period.how_to_write"),
        ) from None


def _empty_list() -> list[Any]:  # not default_factory=list: see base._text
    return []


def _empty_dict() -> dict[Any, Any]:
    return {}


_NUMBER_OR_TEXT = {"anyOf": [{"type": "number"}, {"type": "string"}]}

Rate = Annotated[
    Decimal,
    Read(
        parse_rate,
        as_text=True,
        json_schema={
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                {"type": "string", "pattern": r"^\s*[0-9０-９.．]+\s*[%％]\s*$"},
            ],
            "description": "a share: 25%, ２５％ or 0.25",
        },
    ),
]
Money = Annotated[
    Decimal,
    Read(
        _positive_money,
        as_text=True,
        json_schema={**_NUMBER_OR_TEXT, "description": "120000000, ¥120,000,000 or 1億2000万円"},
    ),
]
MoneyOrZero = Annotated[
    Decimal,
    Read(
        _non_negative_money,
        as_text=True,
        json_schema={**_NUMBER_OR_TEXT, "description": "an amount, 0 or more"},
    ),
]
Count = Annotated[int, Read(parse_count, json_schema={"type": "integer", "minimum": 0})]
PositiveCount = Annotated[int, Read(_positive_count, json_schema={"type": "integer", "minimum": 1})]
Lag = Annotated[
    int | dict[int, Decimal],
    Read(
        _lag,
        serializer=_lag_text,
        json_schema={
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_LAG},
                {
                    "type": "object",
                    "description": "months -> share, adding up to 100%: {0: 35%, 1: 50%, 2: 15%}",
                    "minProperties": 1,
                    # the months, 0 to MAX_LAG (24) as the loader reads them
                    "propertyNames": {"pattern": r"^\s*0*([0-9]|1[0-9]|2[0-4])\s*$"},
                    "additionalProperties": {
                        "anyOf": [
                            {"type": "number", "minimum": 0, "maximum": 1},
                            {"type": "string", "pattern": r"^\s*[0-9０-９.．]+\s*[%％]\s*$"},
                        ]
                    },
                },
            ]
        },
    ),
]
Weight = Annotated[
    Decimal,
    Read(
        parse_positive_number, as_text=True, json_schema={"type": "number", "exclusiveMinimum": 0}
    ),
]
MonthKey = Annotated[
    Month,
    Read(
        parse_month,
        as_text=True,
        json_schema={"type": "string", "pattern": r"^\d{4}-\d{2}$", "examples": ["2027-04"]},
    ),
]
Identifier = Annotated[
    str,
    Read(_identifier, json_schema={"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"}),
]
StageId = Annotated[
    str,
    Read(_stage_id, json_schema={"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"}),
]
Share = Annotated[
    Decimal,
    Read(
        _share,
        as_text=True,
        json_schema={
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": r"^\s*[0-9０-９.．]+\s*[%％]\s*$"},
            ],
            "description": "a share from 0% to 100%: 25%, 0.25",
        },
    ),
]
Capacity = Annotated[
    Decimal,
    Read(
        parse_positive_number, as_text=True, json_schema={"type": "number", "exclusiveMinimum": 0}
    ),
]
AfterPeriod = Annotated[
    str | Decimal,
    Read(_after_period, json_schema={"anyOf": [{"enum": ["average", "stop"]}, _NUMBER_OR_TEXT]}),
]

MAX_TEAM_NAME = 40  # characters: a team's name as people write it (インサイドセールス, Field sales)


def _team_name(value: object) -> str:
    """A team as people name it: any text (インサイドセールス, inside_sales), one line, not blank."""
    from funnelplan.errors import say

    text = value if isinstance(value, str) else ""
    if not text.strip() or text != text.strip() or any(ord(char) < 0x20 for char in text):
        raise ValueProblem(
            say("team.name_not_text", value=repr(value)),  # type: ignore[arg-type]
            say("team.name_how"),  # type: ignore[arg-type]
        )
    if len(text) > MAX_TEAM_NAME:
        raise ValueProblem(
            say("team.name_too_long", value=text, limit=MAX_TEAM_NAME),  # type: ignore[arg-type]
            say("team.name_shorter"),  # type: ignore[arg-type]
        )
    return text


TeamName = Annotated[
    str,
    Read(_team_name, json_schema={"type": "string", "minLength": 1, "maxLength": MAX_TEAM_NAME}),
]


def _scenario_value(value: object) -> object:
    """A scenario's value is one plain value (30%, 1.5億円, 2200000): it is read, placed and
    checked as the key's own value when the scenario is used (funnelplan.load.overrides). A
    stage's lag may be a distribution, `{0: 35%, 1: 65%}`: a mapping of months to plain values."""
    if (
        isinstance(value, Mapping)
        and value
        and all(_is_plain(months) and _is_plain(share) for months, share in value.items())
    ):
        return value
    if not _is_plain(value):
        from funnelplan.errors import say

        raise ValueProblem(say("overrides.scenario.one_value"), say("overrides.scenario.how"))
    return value


def _is_plain(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, str | int | Decimal)


def _scenario_text(value: object) -> object:
    if isinstance(value, Mapping):
        return {months: str(share) for months, share in value.items()}
    return str(value)


ScenarioValue = Annotated[
    object,
    Read(
        _scenario_value,
        serializer=_scenario_text,
        json_schema={**_NUMBER_OR_TEXT, "description": "the key's new value: 30%, 1.5億円"},
    ),
]
ScenarioKey = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "description": "a path in the plan: kgi.revenue, deal_size, funnel.<stage>.rate, "
            "funnel.<stage>.lag, segments.<id>.share, segments.<id>.deal_size, "
            "segments.<id>.rates.<stage>, teams.<id>.headcount",
        }
    ),
]


MoneyUnit = Literal["auto", "円", "千円", "万円", "百万円", "億円"]


def _actuals_kind(value: object) -> str:
    return "str" if isinstance(value, str) else "mapping()"


def actuals_union() -> Any:
    """`actuals:` as its type reads: a path to a monthly table, or a record-level export's mapping
    (the tags keep error paths clean)."""
    from funnelplan.model.export_mapping import ExportMapping

    return Annotated[
        Annotated[ExportMapping, Tag("mapping()")] | Annotated[str, Tag("str")],
        Discriminator(_actuals_kind),
    ]


def _read_actuals(value: object, info: ValidationInfo) -> object:
    if isinstance(value, str):
        return value
    from funnelplan.model.export_mapping import ExportMapping

    return ExportMapping.model_validate(value, context=info.context)


class _LazyActuals:
    """Annotated metadata: `actuals:` validated as `actuals_union()` is, but the CRM mapping's
    models (model/export_mapping.py) are imported, and their validator built, only for a plan
    whose `actuals:` is a mapping: ~3 ms of every other run's start-up (bench/README.md,
    "Start-up (2026-12-02, second pass)"). A mapping's errors keep their places (pydantic passes
    a nested ValidationError's on); the JSON Schema is the union's."""

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(_read_actuals)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> Any:
        from pydantic import TypeAdapter

        return handler(TypeAdapter(actuals_union()).core_schema)


if TYPE_CHECKING:
    from funnelplan.model.export_mapping import ExportMapping

    Actuals = ExportMapping | str
else:
    Actuals = Annotated[object, _LazyActuals()]


class Period(_Model):
    start: MonthKey
    end: MonthKey

    @property
    def months(self) -> list[Month]:
        return month_range(self.start, self.end)


class Kgi(_Model):
    """The revenue goal: a period total spread by weights, or explicit monthly targets."""

    revenue: Money | None = None
    weights: dict[MonthKey, Weight] = Field(default_factory=_empty_dict)
    monthly: dict[MonthKey, MoneyOrZero] | None = None


class Stage(_Model):
    id: StageId
    label: str | None = None
    owner: TeamName = Field(description="the team that owns the stage: a key of `teams:`")
    rate: Rate | None = Field(None, description="share of this stage that reaches the next")
    lag: Lag = Field(
        0, description="months until the next stage, or a distribution: {0: 35%, 1: 50%, 2: 15%}"
    )

    @property
    def name(self) -> str:
        return self.label or self.id

    @property
    def latest_lag(self) -> int:
        """The most months an entry takes to reach the next stage (the lag, for a single one)."""
        return max(self.lag) if isinstance(self.lag, dict) else self.lag

    @property
    def lag_shares(self) -> tuple[tuple[int, Fraction], ...]:
        """The lag as months -> share of the next stage's count; one month at 100% for `lag: N`."""
        if isinstance(self.lag, dict):
            return tuple((months, Fraction(share)) for months, share in self.lag.items())
        return ((self.lag, Fraction(1)),)


class Team(_Model):
    label: str | None = Field(None, description="the team's name on reports, if not its key")
    headcount: PositiveCount
    working_days: PositiveCount | None = None
    # people over time (docs/capacity.md); all optional, `headcount` alone works as before
    hires: Annotated[dict[MonthKey, PositiveCount], BeforeValidator(_months_once)] = Field(
        default_factory=_empty_dict, description="people joining in a month: {2027-05: 2}"
    )
    ramp: list[Share] = Field(
        default_factory=_empty_list,
        description="a new person's share of a full one in their 1st, 2nd, ... month; 100% after",
    )
    attrition: Share | None = Field(None, description="leavers a year, as a share of the people")
    capacity: dict[str, Capacity] = Field(
        default_factory=_empty_dict, description="what one full person handles a month, by stage"
    )
    cost: MoneyOrZero | None = Field(None, description="a month per person")

    @property
    def over_time(self) -> bool:
        """Any of the people-over-time keys: capacity and per-person loads use ramped people."""
        return bool(self.hires or self.ramp or self.attrition or self.capacity)


class Channel(_Model):
    """Where the top stage's count comes from: a share of it, its cost and its own rate."""

    id: str = Field(min_length=1, description="a name, any text: 展示会, Web広告")
    share: Rate
    cost_per_unit: MoneyOrZero | None = Field(None, description="per unit of the top stage")
    cost: MoneyOrZero | None = Field(None, description="a fixed cost each month of the period")
    rate: Rate | None = Field(None, description="its rate to the next stage (else the stage's)")


class Segment(_Model):
    id: Identifier
    label: str | None = None
    share: Rate
    deal_size: Money | None = None
    rates: dict[str, Rate] = Field(default_factory=_empty_dict)
    pipeline: dict[str, Count] = Field(default_factory=_empty_dict)

    @property
    def name(self) -> str:
        return self.label or self.id


class Thresholds(_Model):
    """Status marks in `gap`: attainment below `at_risk` is at risk, below `behind` is behind."""

    at_risk: Rate = Field(Decimal("0.95"), description="below this attainment: at risk")
    behind: Rate = Field(Decimal("0.85"), description="below this attainment: behind")


class SlaRule(_Model):
    """A measurable promise: from the `from` stage's date to the `to` date column, `within` a limit.

    `within` is read by `funnelplan.core.sla` (`1 business day`, `7 days`, `4 hours`), which also
    checks `from` and `to` against the funnel and the export mapping (review, with positions).
    """

    model_config = _Model.model_config | {"populate_by_name": True}

    text: str = Field(description="the promise as both teams wrote it")
    from_stage: str = Field(alias="from", description="the plan stage whose date starts the clock")
    to: str = Field(description="a date column named in the mapping's `dates:` (or a stage)")
    within: str = Field(description="the limit: 1 business day, 7 days, 4 hours")


def _sla_kind(value: object) -> str:
    return "rule()" if isinstance(value, dict | SlaRule) else "str"


# a sentence, or a measurable rule; the tags keep error paths clean (sales_sla[0].within)
SlaItem = Annotated[
    Annotated[SlaRule, Tag("rule()")] | Annotated[str, Tag("str")],
    Discriminator(_sla_kind),
]


class Agreement(_Model):
    lead_definition: list[str] = Field(default_factory=_empty_list)
    sales_sla: list[SlaItem] = Field(default_factory=_empty_list)
    holidays: str | None = Field(
        None, description="business days skip weekends and this country's public holidays: JP"
    )

    @property
    def sla_texts(self) -> list[str]:
        """Every SLA sentence, measured rule or not (what `target` prints)."""
        return [rule if isinstance(rule, str) else rule.text for rule in self.sales_sla]

    @property
    def sla_rules(self) -> list[tuple[int, SlaRule]]:
        """The measurable rules with their place in `sales_sla`."""
        return [(i, rule) for i, rule in enumerate(self.sales_sla) if isinstance(rule, SlaRule)]


class SourceCost(_Model):
    """What one value of a CRM attribute (a lead source, a campaign) cost over the export's span."""

    cost: Money = Field(description="the spend on this source, in the plan's currency")


class Plan(_Model):
    plan: str = Field(description="the title on every report")
    currency: str = Field("JPY", pattern="^[A-Z]{3}$", description="ISO 4217 code")
    locale: Literal["ja", "en"] | None = Field(None, description="report language (else LANG)")
    money_unit: MoneyUnit | None = Field(
        None, description="display unit for JPY: auto (1億2,000万円), 円, 千円, 万円, 百万円, 億円"
    )
    count_unit: str = Field("", max_length=4, description="shown after counts in sentences: 件, 社")
    period: Period
    kgi: Kgi
    deal_size: Money | None = Field(None, description="average revenue per deal (顧客単価)")
    rounding: Literal["up", "none"] = "up"
    funnel: list[Stage] = Field(min_length=2, description="top of the funnel first")
    teams: dict[TeamName, Team] = Field(default_factory=_empty_dict)
    segments: list[Segment] = Field(default_factory=_empty_list)
    channels: list[Channel] = Field(
        default_factory=_empty_list, description="where the top stage comes from, and its cost"
    )
    agreement: Agreement | None = None
    sources: dict[str, SourceCost] = Field(
        default_factory=_empty_dict,
        description="cost per value of a CRM attribute (review): {展示会: {cost: 3000000}}",
    )
    pipeline: dict[str, Count] = Field(default_factory=_empty_dict)
    after_period: AfterPeriod = Field(
        "average",
        description="revenue assumed each month after the period: average, stop or an amount",
    )
    actuals: Actuals | None = Field(
        None,
        description="a monthly actuals file, or a CRM export's mapping; paths relative to this plan",
    )
    thresholds: Thresholds = Field(default_factory=Thresholds, description="gap status marks")
    scenarios: dict[str, dict[ScenarioKey, ScenarioValue]] = Field(
        default_factory=_empty_dict,
        description="named what-ifs: {stretch: {kgi.revenue: 1億5000万円}} (--scenario NAME)",
    )

    @property
    def team_labels(self) -> dict[str, str]:
        """Each team's name on reports, by its key, where the plan gives a `label`."""
        return {key: team.label for key, team in self.teams.items() if team.label is not None}

    @property
    def minor_unit(self) -> int:
        return MINOR_UNITS.get(self.currency, 2)

    @model_validator(mode="after")
    def _owners_by_key(self) -> "Plan":
        """`owner:` may name a team by its key or by its `label`; the model keeps the key."""
        keys = {team.label: key for key, team in self.teams.items() if team.label is not None}
        if any(stage.owner not in self.teams and stage.owner in keys for stage in self.funnel):
            funnel = [
                stage.model_copy(update={"owner": keys[stage.owner]})
                if stage.owner not in self.teams and stage.owner in keys
                else stage
                for stage in self.funnel
            ]
            object.__setattr__(self, "funnel", funnel)
        return self

    def stage(self, stage_id: str) -> Stage:
        return next(stage for stage in self.funnel if stage.id == stage_id)


Issue = tuple[tuple[str | int, ...], Text, Text | None]  # (path, message, hint)


def check_plan(plan: Plan) -> list[Issue]:
    """Rules across fields. Returns every problem found, in file order."""
    issues: list[Issue] = []
    if plan.period.end < plan.period.start:
        issues.append((("period", "end"), say("plan.period.reversed"), say("plan.period.swap")))
    elif plan.period.end - plan.period.start >= MAX_PERIOD_MONTHS:
        issues.append(
            (
                ("period", "end"),
                say("plan.period.too_long", n=MAX_PERIOD_MONTHS),
                say("plan.period.shorten"),
            )
        )
    in_period = set(plan.period.months)
    if plan.money_unit not in (None, "auto") and plan.currency != "JPY":
        issues.append(
            (
                ("money_unit",),
                say("plan.money_unit.not_yen", unit=plan.money_unit, currency=plan.currency),
                say("plan.money_unit.remove"),
            )
        )
    issues += _check_kgi(plan, in_period)
    issues += _check_money_units(plan)
    issues += _check_funnel(plan)
    issues += _check_names(plan)
    issues += _check_teams(plan)
    stage_ids = [stage.id for stage in plan.funnel]
    owners = {stage.owner for stage in plan.funnel}
    for team in plan.teams:
        if team not in owners:
            issues.append(
                (
                    ("teams", team),
                    say("plan.team.owns_nothing", team=team),
                    did_you_mean(team, owners, "owner"),
                )
            )
    issues += _check_pipeline(plan.pipeline, stage_ids, ("pipeline",))
    issues += _check_people(plan) + _check_channels(plan)
    if plan.thresholds.behind > plan.thresholds.at_risk:
        issues.append(
            (
                ("thresholds", "behind"),
                say("plan.thresholds.reversed"),
                say("plan.thresholds.how_to_write"),
            )
        )
    if plan.segments:
        issues += _check_segments(plan, stage_ids)
    elif plan.deal_size is None:
        issues.append(((), say("plan.missing_key", name="deal_size"), say("plan.deal_size.add")))
    if not issues:
        issues += _check_count_bound(plan)
    return issues


def _check_names(plan: Plan) -> list[Issue]:
    """A label must not take a monthly table's own column (Revenue, 月) or another's id or label."""
    from funnelplan.model.headers import MONTH_NAMES, REVENUE_NAMES, SEGMENT_NAMES, header_key

    issues: list[Issue] = []
    fixed = {header_key(name): name for name in (*MONTH_NAMES, *REVENUE_NAMES, *SEGMENT_NAMES)}
    for kind, items in (("funnel", plan.funnel), ("segments", plan.segments)):
        ids = {header_key(item.id): index for index, item in enumerate(items)}
        labels: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.label is None:
                continue
            key = header_key(item.label)
            what = "stage" if kind == "funnel" else "segment"
            if kind == "funnel" and key in fixed:
                clash = say(
                    "plan.label.is_actuals_column", what=what, label=item.label, column=fixed[key]
                )
            elif ids.get(key, index) != index:
                other = f"{kind}[{ids[key]}] ({items[ids[key]].id})"
                clash = say("plan.label.is_id", what=what, label=item.label, other=other)
            elif key in labels:
                other = f"{kind}[{labels[key]}]"
                clash = say("plan.label.is_label", what=what, label=item.label, other=other)
            else:
                labels[key] = index
                continue
            issues.append(
                (
                    (kind, index, "label"),
                    clash,
                    say("plan.label.own_label"),
                )
            )
    return issues


def _check_teams(plan: Plan) -> list[Issue]:
    """A team's label is its own: not another team's key or label, nor a standard team's words."""
    from funnelplan.errors import say
    from funnelplan.model.headers import header_key

    issues: list[Issue] = []
    standard = {"marketing": ("marketing", "マーケティング"), "sales": ("sales", "営業")}
    names: dict[str, str] = {}  # a shown name (normalised) -> the team key it shows
    owners = [stage.owner for stage in plan.funnel]
    keys = list(dict.fromkeys([*plan.teams, *owners]))
    for key in keys:
        labelled = key in plan.teams and plan.teams[key].label is not None
        for shown in (key,) if labelled else standard.get(key, (key,)):
            names.setdefault(header_key(shown), key)
    for key, team in plan.teams.items():
        if team.label is None:
            continue
        other = names.get(header_key(team.label))
        if other is not None and other != key:
            issues.append(
                (
                    ("teams", key, "label"),
                    say("team.label_taken", label=team.label, other=other),  # type: ignore[list-item]
                    say("team.label_own"),  # type: ignore[list-item]
                )
            )
        else:
            names[header_key(team.label)] = key
    return issues


def _month_targets(plan: Plan) -> dict[Month, Decimal]:
    """Each period month's revenue target, roughly (for bounds only: no rounding)."""
    if plan.kgi.monthly is not None:
        return dict(plan.kgi.monthly)
    months = plan.period.months
    weights = {month: plan.kgi.weights.get(month, Decimal(1)) for month in months}
    total = sum(weights.values(), Decimal(0))
    revenue = plan.kgi.revenue or Decimal(0)
    return {month: revenue * weight / total for month, weight in weights.items()}


def _check_count_bound(plan: Plan) -> list[Issue]:
    """Refuse a plan whose counts would pass 10^9: a rate like 1e-9 is a typo, not a funnel."""
    targets = _month_targets(plan)
    month, target = max(targets.items(), key=lambda item: (item[1], -item[0].ordinal))
    arms = plan.segments or [None]
    for arm in arms:
        share = arm.share if arm is not None else Decimal(1)
        deal_size = (arm.deal_size if arm is not None else None) or plan.deal_size
        if deal_size is None or target <= 0:
            continue
        count = target * share / deal_size
        for index in range(len(plan.funnel) - 1, -1, -1):
            stage = plan.funnel[index]
            if index < len(plan.funnel) - 1:
                rate = (arm.rates.get(stage.id) if arm is not None else None) or stage.rate
                count = count / (rate or Decimal(1))
            if count > MAX_COUNT:
                where = say("plan.funnel.in_segment", id=arm.id) if arm is not None else ""
                return [
                    (
                        ("funnel", index, "rate") if stage.rate is not None else ("funnel", index),
                        say(
                            "plan.funnel.count_too_large",
                            count=_about(count),
                            stage=stage.id,
                            month=month,
                            where=where,
                        ),
                        say("plan.funnel.check_rates"),
                    )
                ]
    return []


def _about(count: Decimal) -> str:
    """A huge count in words a message can hold: 3×10^22."""
    exponent = count.adjusted()
    head = (count.scaleb(-exponent)).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    return f"{head}×10^{exponent}"


def _check_kgi(plan: Plan, in_period: set[Month]) -> list[Issue]:
    kgi, issues = plan.kgi, []
    span = f"{plan.period.start}..{plan.period.end}"
    if kgi.revenue is None and kgi.monthly is None:
        issues.append((("kgi",), say("plan.kgi.missing"), say("plan.kgi.add_revenue")))
    if kgi.revenue is not None and kgi.monthly is not None:
        issues.append((("kgi", "monthly"), say("plan.kgi.both"), say("plan.remove_one")))
    if kgi.weights and kgi.monthly is not None:
        issues.append(
            (
                ("kgi", "weights"),
                say("plan.kgi.weights_with_monthly"),
                say("plan.kgi.remove_weights"),
            )
        )
    for name, months in (("weights", kgi.weights), ("monthly", kgi.monthly or {})):
        for month in months:
            if month not in in_period:
                issues.append(
                    (
                        ("kgi", name, str(month)),
                        say("plan.kgi.month_outside_period", month=month, span=span),
                        say("plan.kgi.fix_month"),
                    )
                )
    if kgi.monthly is not None:
        missing = [str(month) for month in plan.period.months if month not in kgi.monthly]
        if missing:
            issues.append(
                (
                    ("kgi", "monthly"),
                    say("plan.kgi.months_missing", months=", ".join(missing)),
                    say("plan.kgi.give_every_month"),
                )
            )
        elif sum(kgi.monthly.values()) <= 0:
            issues.append(
                (("kgi", "monthly"), say("plan.kgi.monthly_zero"), say("plan.kgi.give_target"))
            )
    return issues


def _check_money_units(plan: Plan) -> list[Issue]:
    unit = Decimal(1).scaleb(-plan.minor_unit)
    amounts: list[tuple[tuple[str | int, ...], Decimal | None]] = [
        (("kgi", "revenue"), plan.kgi.revenue),
        (("deal_size",), plan.deal_size),
        *((("kgi", "monthly", str(m)), v) for m, v in (plan.kgi.monthly or {}).items()),
        *((("segments", i, "deal_size"), s.deal_size) for i, s in enumerate(plan.segments)),
    ]
    if isinstance(plan.after_period, Decimal):
        amounts.append((("after_period",), plan.after_period))
    return [
        (
            path,
            say("plan.money.finer_than_currency", amount=amount, currency=plan.currency),
            say("plan.money.round_to_unit", unit=unit, currency=plan.currency),
        )
        for path, amount in amounts
        if amount is not None and amount != amount.quantize(unit, rounding="ROUND_DOWN")
    ]


def _check_funnel(plan: Plan) -> list[Issue]:
    issues: list[Issue] = []
    if len(plan.funnel) > MAX_STAGES:
        issues.append(
            (
                ("funnel", MAX_STAGES),
                say("plan.funnel.too_many_stages", n=len(plan.funnel), limit=MAX_STAGES),
                say("plan.funnel.merge_stages"),
            )
        )
        return issues
    total_lag = sum(stage.latest_lag for stage in plan.funnel)
    if total_lag > MAX_TOTAL_LAG:
        issues.append(
            (
                ("funnel",),
                say("plan.funnel.lags_too_long", n=total_lag, limit=MAX_TOTAL_LAG),
                say("plan.funnel.check_lags"),
            )
        )
    seen: dict[str, int] = {}
    last = len(plan.funnel) - 1
    for index, stage in enumerate(plan.funnel):
        if stage.id in seen:
            issues.append(
                (
                    ("funnel", index, "id"),
                    say("plan.stage.duplicate_id", id=stage.id, index=seen[stage.id]),
                    say("plan.stage.unique_ids"),
                )
            )
        seen.setdefault(stage.id, index)
        if index < last and stage.rate is None:
            issues.append(
                (
                    ("funnel", index),
                    say("plan.stage.no_rate", id=stage.id),
                    say("plan.stage.add_rate"),
                )
            )
        if index == last and stage.rate is not None:
            issues.append(
                (
                    ("funnel", index, "rate"),
                    say("plan.stage.last_has_rate", id=stage.id),
                    say("plan.stage.remove_rate"),
                )
            )
        if index == last and stage.latest_lag:
            issues.append(
                (
                    ("funnel", index, "lag"),
                    say("plan.stage.last_has_lag"),
                    say("plan.stage.remove_lag"),
                )
            )
    return issues


def _check_pipeline(
    pipeline: dict[str, int], stage_ids: list[str], path: tuple[str | int, ...]
) -> list[Issue]:
    issues: list[Issue] = []
    for stage_id in pipeline:
        if stage_id not in stage_ids:
            issues.append(
                (
                    (*path, stage_id),
                    say("plan.stage.unknown", id=stage_id),
                    did_you_mean(stage_id, stage_ids, "stage"),
                )
            )
        elif stage_id == stage_ids[-1]:
            issues.append(
                (
                    (*path, stage_id),
                    say("plan.pipeline.deal_stage"),
                    say("plan.pipeline.earlier_stages"),
                )
            )
    return issues


def _check_segments(plan: Plan, stage_ids: list[str]) -> list[Issue]:
    issues: list[Issue] = []
    if plan.pipeline:
        issues.append(
            (
                ("pipeline",),
                say("plan.pipeline.segmented"),
                say("plan.pipeline.move_to_segments"),
            )
        )
    seen: set[str] = set()
    rated = {stage.id for stage in plan.funnel if stage.rate is not None}
    for index, segment in enumerate(plan.segments):
        if segment.id in seen:
            issues.append(
                (
                    (("segments", index, "id")),
                    say("plan.segment.duplicate_id", id=segment.id),
                    say("plan.segment.unique_ids"),
                )
            )
        seen.add(segment.id)
        if segment.deal_size is None and plan.deal_size is None:
            issues.append(
                (
                    ("segments", index),
                    say("plan.segment.no_deal_size", id=segment.id),
                    say("plan.segment.add_deal_size"),
                )
            )
        for stage_id in segment.rates:
            if stage_id not in rated:
                issues.append(
                    (
                        ("segments", index, "rates", stage_id),
                        say("plan.segment.not_a_rated_stage", id=stage_id),
                        did_you_mean(stage_id, sorted(rated), "stage"),
                    )
                )
        issues += _check_pipeline(segment.pipeline, stage_ids, ("segments", index, "pipeline"))
    total = sum((segment.share for segment in plan.segments), Decimal(0))
    if total != 1:
        issues.append(
            (
                ("segments",),
                say("plan.segment.shares_not_whole", total=f"{(total * 100).normalize():f}%"),
                say("plan.segment.fix_shares"),
            )
        )
    return issues


def did_you_mean(word: str, choices: object, what: str) -> Text | None:
    from funnelplan.errors import closest

    options = sorted(str(choice) for choice in choices)  # type: ignore[attr-defined]
    close = closest(word, options)
    if close is not None:
        return say("plan.did_you_mean", name=repr(close))
    return Text(_KNOWN[what], {"names": ", ".join(options)}) if options else None


_KNOWN = {  # what did_you_mean lists when no name is close (say: the code checks see them)
    "key": say("plan.known.keys").code,
    "owner": say("plan.known.owners").code,
    "stage": say("plan.known.stages").code,
    "column": say("plan.known.columns").code,
}


def _check_people(plan: Plan) -> list[Issue]:
    """Hires inside the period; capacity only for stages the team owns (docs/capacity.md)."""
    from funnelplan.errors import Choices, say

    issues: list[tuple[tuple[str | int, ...], object, object]] = []
    in_period = set(plan.period.months)
    for team_id, team in plan.teams.items():
        for month in team.hires:
            if month not in in_period:
                issues.append(
                    (
                        ("teams", team_id, "hires", str(month)),
                        say(
                            "capacity.hire_outside_period",
                            month=month,
                            start=plan.period.start,
                            end=plan.period.end,
                        ),
                        say("capacity.hire_outside_period_how"),
                    )
                )
        owned = [stage.id for stage in plan.funnel if stage.owner == team_id]
        for stage_id in team.capacity:
            stage = next((s for s in plan.funnel if s.id == stage_id), None)
            if stage is None:
                issues.append(
                    (
                        ("teams", team_id, "capacity", stage_id),
                        say("capacity.unknown_stage", stage=stage_id),
                        say("capacity.stages_of_team", team=team_id, stages=Choices(owned)),
                    )
                )
            elif stage.owner != team_id:
                issues.append(
                    (
                        ("teams", team_id, "capacity", stage_id),
                        say("capacity.stage_of_other_team", stage=stage_id, owner=stage.owner),
                        say("capacity.stages_of_team", team=team_id, stages=Choices(owned)),
                    )
                )
    return issues  # type: ignore[return-value]


def _check_channels(plan: Plan) -> list[Issue]:
    """Channel ids once each; their shares add up to 100%."""
    from funnelplan.errors import say

    issues: list[tuple[tuple[str | int, ...], object, object]] = []
    if not plan.channels:
        return []
    seen: dict[str, int] = {}
    for index, channel in enumerate(plan.channels):
        if channel.id in seen:
            issues.append(
                (
                    ("channels", index, "id"),
                    say("budget.channel_twice", id=channel.id, first=seen[channel.id]),
                    say("budget.channel_twice_how"),
                )
            )
        seen.setdefault(channel.id, index)
    total = sum((channel.share for channel in plan.channels), Decimal(0))
    if total != 1:
        issues.append(
            (
                ("channels",),
                say("budget.shares_not_100", total=f"{(total * 100).normalize():f}%"),
                say("budget.shares_not_100_how"),
            )
        )
    return issues  # type: ignore[return-value]
