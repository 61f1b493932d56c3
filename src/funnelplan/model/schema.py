"""The plan's JSON Schema, from the same models that validate plans."""

from __future__ import annotations

import json

from pydantic.json_schema import GenerateJsonSchema

from funnelplan.model.months import Month
from funnelplan.model.plan import Plan

SCHEMA_FILE = "plan.schema.json"


class _PlanSchema(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: object) -> bool:  # type: ignore[override]
        """No title on a month field (`period.start`), as when Month was a dataclass."""
        if isinstance(schema, dict) and schema.get("type") == "is-instance":
            return schema.get("cls") is not Month
        return super().field_title_should_be_set(schema)  # type: ignore[arg-type]


def plan_schema() -> dict[str, object]:
    schema = Plan.model_json_schema(mode="validation", schema_generator=_PlanSchema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "funnelplan plan",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def plan_schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
