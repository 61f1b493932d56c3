"""model.base.Read: one Annotated marker for what BeforeValidator, AS_TEXT / SerializedBy and
WithJsonSchema did in three (start-up: bench/README.md, "Start-up (2026-12-02, second pass)").
The plan's JSON Schema and dumps are checked whole elsewhere (tests/test_cli_target.py:
plans/plan.schema.json is `funnelplan schema`); here, each marker against the three it replaces."""

from __future__ import annotations

import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

import pytest
from pydantic import (
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    TypeAdapter,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic._internal._decorators import inspect_validator
from pydantic_core import core_schema

from funnelplan.model import export_mapping, plan
from funnelplan.model.base import Read, _text

# The two markers Read took the place of, kept here as the reference it is checked against


class _AsText:
    """Annotated metadata: the value is serialized as its text, str(value) (Decimal, Month).

    The schema PlainSerializer(_text, return_type=str) gives, built without its per-field work:
    it reads the function's return annotation and inspects its signature for every field it
    annotates (~25 in Plan: ~40% of the time Plan's validator takes to build at start-up).
    """

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        schema["serialization"] = core_schema.plain_serializer_function_ser_schema(
            _text, info_arg=False, return_schema=core_schema.str_schema()
        )
        return schema


AS_TEXT = _AsText()


class SerializedBy:
    """Annotated metadata: the value is serialized by `function` (a lag that may be a mapping, a
    scenario's value), as PlainSerializer(function) would, without its per-field inspection or
    its module at start-up."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        schema["serialization"] = core_schema.plain_serializer_function_ser_schema(
            self.function, info_arg=False, return_schema=core_schema.any_schema()
        )
        return schema


def _reads() -> list[tuple[str, object, Read]]:
    found = []
    for module in (plan, export_mapping):
        for name, value in vars(module).items():
            if typing.get_origin(value) is Annotated:
                source, *metadata = typing.get_args(value)
                found += [(name, source, m) for m in metadata if isinstance(m, Read)]
    return found


READS = _reads()
CONFIG = ConfigDict(arbitrary_types_allowed=True)  # Month, as the plan's models allow it


def test_the_plan_types_are_read_in_one_step() -> None:
    names = {name for name, _, _ in READS}
    assert {"Rate", "Money", "MoneyOrZero", "Count", "Lag", "MonthKey", "Share"} <= names
    assert {"Timezone", "ColumnName"} <= names


@pytest.mark.parametrize("read", [read for _, _, read in READS], ids=[n for n, _, _ in READS])
def test_info_is_passed_where_pydantic_would_pass_it(read: Read) -> None:
    assert read.takes_info == inspect_validator(read.parse, mode="before", type="field")


def _three(source: object, read: Read) -> object:
    """The annotation as it was written before Read."""
    middle: list[object] = []
    if read.as_text:
        middle = [AS_TEXT]
    elif read.serializer is not None:
        middle = [SerializedBy(read.serializer)]
    return Annotated[
        (source, BeforeValidator(read.parse), *middle, WithJsonSchema(read.json_schema))
    ]  # type: ignore[return-value]


@pytest.mark.parametrize(("name", "source", "read"), READS, ids=[n for n, _, _ in READS])
def test_the_same_schemas_as_the_three_markers(name: str, source: object, read: Read) -> None:
    ours = TypeAdapter(Annotated[source, read], config=CONFIG)  # type: ignore[valid-type]
    theirs = TypeAdapter(_three(source, read), config=CONFIG)
    assert ours.json_schema() == theirs.json_schema()
    assert ours.json_schema(mode="serialization") == theirs.json_schema(mode="serialization")
    # the same validator and serializer; only the JSON Schema's function differs (checked above)
    assert _without_metadata(ours.core_schema) == _without_metadata(theirs.core_schema)


def _without_metadata(schema: object) -> object:
    if isinstance(schema, dict):
        return {k: _without_metadata(v) for k, v in schema.items() if k != "metadata"}
    if isinstance(schema, list):
        return [_without_metadata(item) for item in schema]
    return schema


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (plan.Rate, "25%", "0.25"),  # 25% = 25/100 = 0.25, dumped as its text
        (plan.Money, "1億2000万円", "120000000"),  # 1億 = 100,000,000; 2000万 = 20,000,000
        (plan.Count, "1,200", 1200),
        (plan.Lag, {0: "35%", 1: "65%"}, {0: "0.35", 1: "0.65"}),
        (plan.MonthKey, "2027/4", "2027-04"),
    ],
)
def test_read_and_dumped(kind: Any, value: object, expected: object) -> None:
    adapter = TypeAdapter(kind, config=CONFIG)
    read = adapter.validate_python(value, context={"currency": "JPY"})
    assert adapter.dump_python(read) == expected


def test_a_refusal_is_the_parser_s() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as refused:
        TypeAdapter(plan.Money).validate_python("-5", context={"currency": "JPY"})
    assert refused.value.errors()[0]["ctx"]["error"].message.code == "value.not_positive"


def test_info_reaches_a_two_parameter_parser() -> None:
    seen: list[object] = []

    def parse(value: object, info: ValidationInfo) -> Decimal:
        seen.append(info.context)
        return Decimal(str(value))

    TypeAdapter(Annotated[Decimal, Read(parse, json_schema={})]).validate_python(
        1, context={"currency": "USD"}
    )
    assert seen == [{"currency": "USD"}]
