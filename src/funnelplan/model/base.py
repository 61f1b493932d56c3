"""The base of every model read from a plan: strict keys, immutable, built on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler
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


class Read:
    """Annotated metadata: the value is read by `parse`, serialized as its text, str(value)
    (`as_text`: Decimal, Month) or by `serializer` (a lag that may be a mapping), and described
    by `json_schema` in the JSON Schema. One step for what BeforeValidator(parse),
    PlainSerializer(...) and WithJsonSchema(json_schema) do in three: the same schemas, without
    each one's handler nor their inspection of each function's signature, for every field of
    Plan's validator (bench/README.md, "Start-up (2026-12-02, second pass)";
    tests/test_model_read.py checks each against the markers it replaced).

    `parse(value)` or `parse(value, info)` (a plain function): a second parameter without a
    default is given the ValidationInfo, as BeforeValidator decides.
    """

    __slots__ = ("as_text", "json_schema", "parse", "serializer")

    def __init__(
        self,
        parse: Callable[..., Any],
        *,
        json_schema: dict[str, Any],
        as_text: bool = False,
        serializer: Callable[[Any], Any] | None = None,
    ) -> None:
        self.parse = parse
        self.json_schema = json_schema
        self.as_text = as_text
        self.serializer = serializer

    @property
    def takes_info(self) -> bool:
        """pydantic's rule: two positional parameters without a default (the first counts even
        with one), read from the code object rather than by inspect.signature."""
        code = self.parse.__code__
        required = code.co_argcount - len(self.parse.__defaults__ or ())
        return max(required, min(1, code.co_argcount)) == 2

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        inner = handler(source)
        schema: core_schema.CoreSchema
        if self.takes_info:
            schema = core_schema.with_info_before_validator_function(self.parse, inner)
        else:
            schema = core_schema.no_info_before_validator_function(self.parse, inner)
        if self.as_text:
            schema["serialization"] = core_schema.plain_serializer_function_ser_schema(
                _text, info_arg=False, return_schema=core_schema.str_schema()
            )
        elif self.serializer is not None:
            schema["serialization"] = core_schema.plain_serializer_function_ser_schema(
                self.serializer, info_arg=False, return_schema=core_schema.any_schema()
            )
        return schema

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return self.json_schema.copy()  # as WithJsonSchema(json_schema)
