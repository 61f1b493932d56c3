"""Overrides and named scenarios: `--set KEY=VALUE` and the plan's `scenarios:`, applied to the
plan's parsed YAML before validation.

A key is a path in the plan (`kgi.revenue`, `deal_size`, `funnel.<stage id>.rate`, `.lag`,
`segments.<id>.share`, `.deal_size`, `segments.<id>.rates.<stage>`, `teams.<id>.headcount`). The
value is written into the parsed mapping at that path, exactly where a hand edit would put it, and the
plan is then validated as any plan is: so a value reads as the plan file reads it (`30%`, `1.5億円`,
`¥2,500,000`) and is checked by the same rules. A problem a value causes is placed where the value
was written: at the `--set` option, or at the scenario's line in the plan.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from funnelplan.errors import Choices, InputError, Problem, Text, closest, say
from funnelplan.load.planfile import plan_from_source
from funnelplan.load.yamlsource import Path_, Source, dotted, parse_yaml, read_yaml
from funnelplan.model.adjustment import Adjustment
from funnelplan.model.plan import Plan

SET_OPTION = "--set"
SCENARIO_OPTION = "--scenario"
COMMAND_LINE = "--set"  # the name of the scenario the command line's --set options make (whatif)

KEY_FORMS = (
    "kgi.revenue",
    "deal_size",
    "funnel.<stage>.rate",
    "funnel.<stage>.lag",
    "segments.<id>.share",
    "segments.<id>.deal_size",
    "segments.<id>.rates.<stage>",
    "teams.<id>.headcount",
)


@dataclass(frozen=True)
class Override:
    """One value to write into the plan: its key, the value as YAML reads it, and where it came from.

    `scenario` is None for a `--set` option (then `text` is what followed `KEY=`).
    """

    key: str
    value: object
    text: str
    scenario: str | None = None

    def problem(
        self, source: Source, message: Text | str, hint: Text | str = "", *, at_key: bool = False
    ) -> Problem:
        """A problem placed where this value (or, `at_key`, its key) was written."""
        if self.scenario is not None:
            placed = source.problem(("scenarios", self.scenario, self.key), "", "", at_key=at_key)
            return Problem(
                file=placed.file,
                line=placed.line,
                column=placed.column,
                field=dotted(("scenarios", self.scenario, self.key)),
                message=message,
                hint=hint,
                excerpt=placed.excerpt,
            )
        excerpt = f"{SET_OPTION} {self.key}={self.text}"
        return Problem(
            file=SET_OPTION,
            field=self.key,
            message=message,
            hint=hint,
            excerpt=excerpt,
            column=len(SET_OPTION) + 2 + (0 if at_key else len(self.key) + 1),
        )


@dataclass(frozen=True)
class Variant:
    """A plan as a scenario makes it: its name, what it sets (key -> value as written), the plan."""

    name: str
    settings: dict[str, str]
    plan: Plan


def parse_set_options(texts: Sequence[str]) -> tuple[list[Override], list[Problem]]:
    """`KEY=VALUE` options as overrides (the value read as a YAML plan reads it), and the problems."""
    overrides: list[Override] = []
    problems: list[Problem] = []
    for text in texts:
        key, equals, value_text = text.partition("=")
        key, value_text = key.strip(), value_text.strip()
        if not equals or not key:
            problems.append(
                Problem(
                    file=SET_OPTION,
                    field=text,
                    message=say("overrides.set_needs_equals", text=text),
                    hint=say("overrides.set_example"),
                )
            )
            continue
        overrides.append(Override(key, _read_value(value_text), value_text))
    return overrides, problems


def _read_value(text: str) -> object:
    """The value as the plan file reads it: YAML 1.2 core scalars (2000000 an int, 30% text)."""
    source, _ = parse_yaml(text, SET_OPTION)
    if source is None:  # not valid YAML on its own (`¥2,500,000: x`): the text as written
        return text
    return source.value


def scenario_overrides(source: Source, name: str) -> tuple[list[Override], list[Problem]]:
    """The overrides a plan's scenario `name` makes, or a problem when the plan has no such one."""
    scenarios = _scenarios(source)
    if name not in scenarios:
        names = sorted(scenarios)
        close = closest(name, names)
        if close is not None:
            hint = say("overrides.did_you_mean", word=close)
        elif names:
            hint = say("overrides.known_scenarios", names=Choices(names))
        else:
            hint = say("overrides.add_scenarios")
        return [], [
            Problem(
                file=SCENARIO_OPTION,
                field=name,
                message=say("overrides.unknown_scenario", name=name, file=source.file),
                hint=hint,
            )
        ]
    values = scenarios[name]
    return [
        Override(str(key), value, _as_text(value), scenario=name) for key, value in values.items()
    ], []


def scenario_names(source: Source) -> list[str]:
    """The plan's scenarios, in the order the file gives them."""
    return list(_scenarios(source))


def _scenarios(source: Source) -> dict[str, dict[str, object]]:
    raw = source.value.get("scenarios") if isinstance(source.value, dict) else None
    if not isinstance(raw, dict):
        return {}
    return {str(name): values for name, values in raw.items() if isinstance(values, dict)}


def _as_text(value: object) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def read_plan_source(path: Path) -> tuple[Source, Plan]:
    """The plan's parsed YAML and the plan it validates to (every problem at once, as load_plan)."""
    source, problems = read_yaml(path)
    if source is None:
        raise InputError(problems)
    return source, plan_from_source(source)


def load_plan_with(
    path: Path, sets: Sequence[str] = (), scenario: str | Sequence[str] | None = None
) -> Plan:
    """The plan at `path` with its scenarios `scenario` (one name, or several applied in the order
    given: a later one wins on a key both set) and then every `--set` applied (load_plan's result
    when there are none). Raises InputError with every problem found."""
    return load_adjusted_plan(path, sets, scenario)[0]


def load_adjusted_plan(
    path: Path, sets: Sequence[str] = (), scenario: str | Sequence[str] | None = None
) -> tuple[Plan, tuple[Adjustment, ...]]:
    """load_plan_with's plan, and what the scenarios and --set options changed, in the order
    applied (a report says it: what is pasted into a meeting is not the plan file's numbers)."""
    scenarios = [scenario] if isinstance(scenario, str) else list(scenario or ())
    source, base = read_plan_source(path)
    if not sets and not scenarios:
        return base, ()
    overrides, problems = parse_set_options(sets)
    from_scenarios: list = []
    for name in scenarios:
        from_plan, missing = scenario_overrides(source, name)
        from_scenarios += from_plan
        problems = [*problems, *missing]
    overrides = [*from_scenarios, *overrides]
    if problems:  # the overrides that did parse are checked too: every problem at once
        try:
            apply_overrides(source, overrides)
        except InputError as error:
            problems += error.problems
        raise InputError(_unique(problems))
    adjustments = tuple(Adjustment(o.scenario, o.key, o.text) for o in overrides)
    return apply_overrides(source, overrides), adjustments


def load_with_scenarios(path: Path) -> Plan:
    """The plan at `path`, every one of its scenarios checked too (`funnelplan check`)."""
    base, _ = load_variants(path)
    return base


def load_variants(
    path: Path, scenarios: Sequence[str] = (), sets: Sequence[str] = ()
) -> tuple[Plan, list[Variant]]:
    """The base plan and each scenario's plan: those named, or every one the plan has when none
    is named; the `--set` options make one more, named `--set`. Every problem at once."""
    source, base = read_plan_source(path)
    return base, variants_of(source, scenarios, sets)


def variants_of(
    source: Source, scenarios: Sequence[str] = (), sets: Sequence[str] = ()
) -> list[Variant]:
    """load_variants' scenarios for a plan already read (its `source` holds a valid plan)."""
    names = list(dict.fromkeys(scenarios)) if scenarios else scenario_names(source)  # each once
    problems: list[Problem] = []
    pending: list[tuple[str, list[Override]]] = []
    for name in names:
        overrides, missing = scenario_overrides(source, name)
        problems += missing
        pending.append((name, overrides))
    if sets:
        overrides, wrong = parse_set_options(sets)
        problems += wrong
        pending.append((COMMAND_LINE, overrides))
    variants: list[Variant] = []
    for name, overrides in pending:
        try:
            plan = apply_overrides(source, overrides)
        except InputError as error:
            problems += error.problems
            continue
        settings = {override.key: override.text for override in overrides}
        variants.append(Variant(name, settings, plan))
    if problems:
        raise InputError(_unique(problems))
    return variants


def apply_overrides(source: Source, overrides: Sequence[Override]) -> Plan:
    """The plan `source` holds with each override written in, validated; problems placed at the
    override that caused them. `source` must hold a valid plan (its own problems are its own)."""
    raw = copy.deepcopy(source.value)
    assert isinstance(raw, dict)
    placed: dict[Path_, Override] = {}
    problems: list[Problem] = []
    for override in overrides:
        path, problem = _resolve(override, raw, source)
        if problem is not None:
            problems.append(problem)
            continue
        assert path is not None
        distribution = path[-1] == "lag" and isinstance(override.value, dict)  # lag: {0: 35%, ...}
        if override.value is None or (isinstance(override.value, dict | list) and not distribution):
            problems.append(
                override.problem(
                    source,
                    say("overrides.not_a_value", key=override.key),
                    say("overrides.value_example"),
                )
            )
            continue
        _write(raw, path, override.value)
        placed[path] = override
    edited = _OverriddenSource(
        file=source.file,
        value=raw,
        lines=source.lines,
        value_marks=source.value_marks,
        key_marks=source.key_marks,
        original=source,
        placed=placed,
    )
    try:
        plan = plan_from_source(edited)
    except InputError as error:  # with the keys that name nothing: every problem at once
        raise InputError([*problems, *error.problems]) from None
    if problems:
        raise InputError(problems)
    return plan


@dataclass
class _OverriddenSource(Source):
    """The edited YAML: a problem at (or around) a written value is placed at its override."""

    original: Source | None = None
    placed: dict[Path_, Override] = field(default_factory=dict)

    def problem(
        self, path: Path_, message: Text | str, hint: Text | str = "", *, at_key: bool = False
    ) -> Problem:
        override = self._override_at(path)
        if override is None or self.original is None:
            return super().problem(path, message, hint, at_key=at_key)  # type: ignore[arg-type]
        return override.problem(self.original, message, hint)

    def _override_at(self, path: Path_) -> Override | None:
        """The override written at `path`, inside it, or under it (`segments` for a share)."""
        if not path:
            return None
        for written, override in self.placed.items():
            if written[: len(path)] == path or path[: len(written)] == written:
                return override
        return None


def _write(raw: dict[str, object], path: Path_, value: object) -> None:
    target: object = raw
    for part in path[:-1]:
        if isinstance(target, dict):
            if not isinstance(target.get(part), dict | list):  # type: ignore[arg-type]
                target[part] = {}  # type: ignore[index]
            target = target[part]  # type: ignore[index]
        else:
            assert isinstance(target, list) and isinstance(part, int)
            target = target[part]
    assert isinstance(target, dict)
    target[path[-1]] = value


def _ids(items: object, key: str = "id") -> list[str]:
    if not isinstance(items, list):
        return []
    return [str(item[key]) for item in items if isinstance(item, dict) and key in item]


def known_keys(raw: dict[str, object]) -> list[str]:
    """Every key an override may set in this plan (funnel.inquiry.rate, teams.sales.headcount...)."""
    stages = _ids(raw.get("funnel"))
    rated = stages[:-1]
    keys = ["kgi.revenue", "deal_size"]
    keys += [f"funnel.{stage}.{name}" for stage in rated for name in ("rate", "lag")]
    for segment in _ids(raw.get("segments")):
        keys += [f"segments.{segment}.share", f"segments.{segment}.deal_size"]
        keys += [f"segments.{segment}.rates.{stage}" for stage in rated]
    teams = raw.get("teams")
    if isinstance(teams, dict):
        keys += [f"teams.{team}.headcount" for team in teams]
    return keys


def _resolve(
    override: Override, raw: dict[str, object], source: Source
) -> tuple[Path_ | None, Problem | None]:
    """The YAML path `override.key` names in this plan, or the problem why it names none."""
    key = override.key
    if key not in known_keys(raw):
        close = closest(key, known_keys(raw))
        hint = (
            say("overrides.did_you_mean", word=close)
            if close is not None
            else say("overrides.key_forms", forms=Choices(KEY_FORMS))
        )
        return None, override.problem(
            source, say("overrides.unknown_key", key=key), hint, at_key=True
        )
    parts = key.split(".")
    if parts[0] == "kgi":
        kgi = raw.get("kgi")
        if isinstance(kgi, dict) and kgi.get("monthly") is not None:
            return None, override.problem(
                source, say("overrides.kgi_is_monthly"), say("overrides.kgi_is_monthly_hint")
            )
        return ("kgi", "revenue"), None
    if parts[0] == "deal_size":
        return ("deal_size",), None
    if parts[0] == "teams":
        return ("teams", parts[1], "headcount"), None
    items = _ids(raw.get(parts[0]))
    index = items.index(parts[1])
    return (parts[0], index, *parts[2:]), None


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[object, ...]] = set()
    kept: list[Problem] = []
    for problem in problems:
        mark = (problem.location(), problem.field, problem.message_text())
        if mark not in seen:
            seen.add(mark)
            kept.append(problem)
    return kept
