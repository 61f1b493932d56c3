"""Loading a plan file: YAML with positions -> validated Plan, or every problem at once."""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from funnelplan.errors import InputError, Problem
from funnelplan.load.yamlsource import Path_, Source, read_yaml
from funnelplan.model.plan import Plan, _did_you_mean, check_plan


def load_plan(path: Path) -> Plan:
    """Read, parse and validate a plan; raise InputError with every problem found."""
    source, problems = read_yaml(path)
    if source is None:
        raise InputError(problems)
    return plan_from_source(source)


def plan_from_source(source: Source) -> Plan:
    if not isinstance(source.value, dict):
        kind = "a list" if isinstance(source.value, list) else "a single value"
        raise InputError(
            [
                source.problem(
                    (),
                    f"a plan is a mapping of keys (plan:, period:, kgi:, funnel:, ...), but the file holds {kind}",
                    "start from `funnelplan init`",
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
                        f"{key} is {month} again (also {first} on line {line})",
                        "give each month once",
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
        hint = ""
        if kind == "missing":
            parent, name = path[:-1], path[-1]
            problems.append(
                source.problem(parent, f"missing key {name!r}", f"add `{name}:` to this mapping")
            )
            continue
        if kind == "extra_forbidden":
            parent, name = path[:-1], str(path[-1])
            allowed = _allowed_keys(parent)
            hint = _did_you_mean(name, allowed, "key")
            problems.append(source.problem(path, f"unknown key {name!r}", hint, at_key=True))
            continue
        cause = (detail.get("ctx") or {}).get("error")
        if cause is not None and hasattr(cause, "hint"):
            message, hint = cause.message, cause.hint
        else:
            message = detail["msg"]
            if kind == "bool_type" or isinstance(detail.get("input"), bool):
                hint = "only true and false are booleans; quote text such as 'on' or 'no'"
            elif kind.endswith("_type") and isinstance(detail.get("input"), dict | list):
                hint = "check the indentation: this value should not be a mapping or a list"
        problems.append(source.problem(path, message, hint, at_key=at_key))
    return _in_file_order(_unique(problems))


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def _is_step(part: str) -> bool:
    """Keep real keys; drop pydantic's own loc parts (`function-before[...]`, `[key]`, union arms)."""
    return not ("[" in part or "(" in part or part in {"str", "decimal", "int", "none", "literal"})


def _allowed_keys(path: Path_) -> list[str]:
    model: object = Plan
    for part in path:
        model = _step_into(model, part)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _step_into(annotation: object, part: str | int) -> object:
    """The type found one step down a model, list or dict annotation."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            arms = [arm for arm in typing.get_args(annotation) if arm is not type(None)]
            annotation = arms[0]
        else:
            break
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
        key = (problem.line, problem.column, problem.field, problem.message)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result
