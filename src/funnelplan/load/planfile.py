"""Loading a plan file: YAML with positions -> validated Plan, or every problem at once."""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from funnelplan.errors import Choices, InputError, Problem, Refusal, Text, say
from funnelplan.load.yamlsource import Path_, Source, read_yaml
from funnelplan.model.plan import Plan, check_plan, did_you_mean


def load_plan(path: Path) -> Plan:
    """Read, parse and validate a plan; raise InputError with every problem found."""
    source, problems = read_yaml(path)
    if source is None:
        raise InputError(problems)
    return plan_from_source(source)


def plan_from_source(source: Source) -> Plan:
    if not isinstance(source.value, dict):
        raise InputError(
            [
                source.problem(
                    (),
                    say("plan.not_a_mapping.list")
                    if isinstance(source.value, list)
                    else say("plan.not_a_mapping.value"),
                    say("yaml.start_from_init"),
                )
            ]
        )
    early = _repeated_months(source)
    currency = source.value.get("currency", "JPY")
    context = {"currency": currency if isinstance(currency, str) and len(currency) == 3 else None}
    try:
        plan = Plan.model_validate(source.value, context=context)
    except ValidationError as error:
        raise InputError(_in_file_order([*early, *_validation_problems(error, source)])) from None
    issues = check_plan(plan)
    if issues or early:
        raise InputError(
            _in_file_order(
                [*early, *(source.problem(path, message, hint) for path, message, hint in issues)]
            )
        )
    return plan


def lag_distribution_problems(
    source: Source, plan: Plan, command: str, scenario: str | None = None
) -> list[Problem]:
    """`whatif` works forward with single lags: each lag of `plan` that is a distribution, as a
    problem placed in the plan (at the stage's lag, or at the scenario that makes it one)."""
    problems = []
    message = say("plan.lag.single_only", command=command)
    hint = say("plan.lag.single_only_how", command=command)
    scenarios = source.value.get("scenarios") if isinstance(source.value, dict) else None
    for index, stage in enumerate(plan.funnel):
        if len(stage.lag_shares) < 2:
            continue
        field = f"funnel.{stage.id}.lag"
        if scenario is None:
            problems.append(source.problem(("funnel", index, "lag"), message, hint))
        elif isinstance(scenarios, dict) and scenario in scenarios:
            how = say("plan.lag.single_only_how_scenario", command=command)
            problems.append(source.problem(("scenarios", scenario), message, how))
        else:  # the command line's --set made it one
            how = say("plan.lag.single_only_how_set", command=command, field=field)
            problems.append(Problem(file="--set", field=field, message=message, hint=how))
    return problems


def _repeated_months(source: Source) -> list[Problem]:
    """`2027-03` and `2027/3` in one mapping are one month twice: YAML sees two keys, we see one."""
    from funnelplan.model.months import MonthFormatError, parse_month

    problems: list[Problem] = []
    kgi = source.value.get("kgi") if isinstance(source.value, dict) else None
    if not isinstance(kgi, dict):
        return problems
    for name in ("weights", "monthly"):
        mapping = kgi.get(name)
        if not isinstance(mapping, dict):
            continue
        seen: dict[object, str] = {}
        for key in mapping:
            try:
                month = parse_month(key)
            except MonthFormatError:
                continue  # the model reports it
            if month in seen:
                first = seen[month]
                line = source.key_marks.get(("kgi", name, first), (0, 0))[0]
                problems.append(
                    source.problem(
                        ("kgi", name, key),
                        say(
                            "plan.kgi.repeated_month", key=key, month=month, first=first, line=line
                        ),
                        say("plan.kgi.each_month_once"),
                        at_key=True,
                    )
                )
            else:
                seen[month] = key
    return problems


def _validation_problems(error: ValidationError, source: Source) -> list[Problem]:
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        at_key = "[key]" in detail["loc"]
        path: Path_ = tuple(
            part for part in detail["loc"] if isinstance(part, int) or _is_step(part)
        )
        kind = detail["type"]
        hint: Text | None = None
        if kind == "missing":
            parent, name = path[:-1], path[-1]
            problems.append(
                source.problem(
                    parent, say("plan.missing_key", name=name), say("plan.add_key", name=name)
                )
            )
            continue
        if kind == "extra_forbidden":
            parent, name = path[:-1], str(path[-1])
            allowed = _allowed_keys(parent)
            hint = did_you_mean(name, allowed, "key")
            problems.append(
                source.problem(path, say("plan.unknown_key", name=name), hint, at_key=True)
            )
            continue
        cause = (detail.get("ctx") or {}).get("error")
        if isinstance(cause, Refusal):
            message, hint = cause.message, cause.hint
            if cause.at:  # a key or value inside the mapping refused: placed there
                path, at_key = (*path, *cause.at), cause.at_key
        else:
            message = _pydantic_words(detail)
            if kind == "bool_type" or isinstance(detail.get("input"), bool):
                hint = say("plan.booleans_hint")
            elif kind.endswith("_type") and isinstance(detail.get("input"), dict | list):
                hint = say("plan.check_indentation_value")
        problems.append(source.problem(path, message, hint, at_key=at_key))
    return _in_file_order(_unique(problems))


_PYDANTIC_CODES = {
    "string_type": "plan.input.string",
    "list_type": "plan.input.list",
    "dict_type": "plan.input.dict",
    "int_type": "plan.input.integer",
    "int_parsing": "plan.input.integer",
    "float_type": "plan.input.number",
    "float_parsing": "plan.input.number",
    "bool_type": "plan.input.boolean",
    "bool_parsing": "plan.input.boolean",
}


def _pydantic_words(detail: Mapping[str, Any]) -> Text:
    """pydantic's message for a value of the wrong kind, by code; as pydantic says it otherwise.

    A code is used only when its English is pydantic's message word for word, so a pydantic
    release that rewords one shows its own words rather than ours for something else.
    """
    kind, ctx, said = detail["type"], detail.get("ctx") or {}, str(detail["msg"])
    words: Text | None = None
    if kind in _PYDANTIC_CODES:
        words = say(_PYDANTIC_CODES[kind])
    elif kind == "model_type":
        words = say("plan.input.dict_or_model", model=ctx.get("class_name", ""))
    elif kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        words = say("plan.input.one_of", choices=Choices(re.split(r", | or ", expected)))
    elif kind == "too_short":
        one = ctx.get("min_length") == 1
        code = "plan.input.list_too_short_one" if one else "plan.input.list_too_short"
        words = say(code, n=ctx.get("min_length"), found=ctx.get("actual_length"))
    elif kind == "string_pattern_mismatch":
        words = say("plan.input.pattern", pattern=repr(ctx.get("pattern")))
    elif kind == "string_too_long":
        n = ctx.get("max_length")
        words = say(
            "plan.input.string_too_long_one" if n == 1 else "plan.input.string_too_long", n=n
        )
    elif kind == "string_too_short":
        n = ctx.get("min_length")
        words = say(
            "plan.input.string_too_short_one" if n == 1 else "plan.input.string_too_short", n=n
        )
    if words is not None and words.render("en") == said:
        return words
    return say("plan.input.as_pydantic_says", text=said)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def _is_step(part: str) -> bool:
    """Keep real keys; drop pydantic's own loc parts (`function-before[...]`, `[key]`, union arms)."""
    return not ("[" in part or "(" in part or part in {"str", "decimal", "int", "none", "literal"})


def _allowed_keys(path: Path_) -> list[str]:
    model: object = Plan
    if path[:1] == ("actuals",):  # a CRM mapping: its model is loaded only for such plans
        from funnelplan.model.export_mapping import ExportMapping

        model, path = ExportMapping, path[1:]
    for part in path:
        model = _step_into(model, part)
    model = _unwrapped(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _unwrapped(annotation: object) -> object:
    """`Annotated[X, ...]` and `X | None` as X (a union: its first arm)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            arms = [arm for arm in typing.get_args(annotation) if arm is not type(None)]
            annotation = arms[0]
        else:
            return annotation


def _step_into(annotation: object, part: str | int) -> object:
    """The type found one step down a model, list or dict annotation."""
    annotation = _unwrapped(annotation)
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        field = annotation.model_fields.get(part)
        return field.annotation if field else None
    if origin is list:
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    return None


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[object, ...]] = set()
    result = []
    for problem in problems:
        key = (problem.line, problem.column, problem.field, problem.message_text())
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result
