"""The plan's JSON Schema, from the same models that validate plans."""

from __future__ import annotations

import json

from funnelplan.model.plan import Plan

SCHEMA_FILE = "plan.schema.json"


def plan_schema() -> dict[str, object]:
    schema = Plan.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "funnelplan plan",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def plan_schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
