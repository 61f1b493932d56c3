"""The base of every model read from a plan: strict keys, immutable, built on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import core_schema


class StrictModel(BaseModel):
    """Unknown keys are errors (typos never pass); numbers where text belongs become text."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
        coerce_numbers_to_str=True,
        defer_build=True,  # one schema for Plan on first use, not one per model at import
    )


def _text(value: object) -> str:
    # not `str` itself: pydantic inspects a function's signature, and inspecting a builtin
    # tokenizes its text signature (the first time: ~7 ms of regex compiling at start-up)
    return str(value)


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
