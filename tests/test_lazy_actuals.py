"""`actuals:` is validated without importing the CRM mapping's models unless it is a mapping
(model/plan.py, `_LazyActuals`; start-up: bench/README.md, "Start-up (2026-12-02, second
pass)"). The same values and the same errors, at the same places, as the discriminated union it
stands for (`actuals_union()`), and the same JSON Schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from funnelplan.errors import InputError
from funnelplan.load.planfile import load_plan
from funnelplan.model.plan import Plan, actuals_union
from runner import ROOT

CONTEXT = {"currency": "JPY"}

VALUES: list[object] = [
    "monthly.csv",
    5,
    2027,
    True,
    None,
    [],
    ["a", "b"],
    {},
    {"file": "c.csv"},
    {"file": "c.csv", "colums": {"inquiry": "a"}},
    {"file": "c.csv", "timezone": "Asia/Tokio"},
    {"file": "c.csv", "timezone": "Asia/Tokyo", "id": "Record ID"},
    {"file": "c.csv", "timezone": 5, "source": "hubspot", "date_format": "Y-M-D"},
    {"file": ["c.csv"], "id": True},
    {"file": "c.csv", "revenue": {"won": {"column": "Stage", "values": []}}},
    {"file": "c.csv", "revenue": {"won": {"column": "Stage", "values": "Won"}, "amout": "A"}},
    {"file": "c.csv", "revenue": 5, "attributes": ["Source", True]},
    {"file": "c.csv", "attributes": 5, "dates": {"a": None}, "columns": ["a"]},
    {"file": "c.csv", "source": "hubspot-contacts", "stages": {"inquiry": "created"}},
]


class _Eager(BaseModel):  # `actuals:` as Plan held it before: the union, with Plan's settings
    model_config = Plan.model_config | {"title": "Actuals"}
    actuals: actuals_union() | None = None  # type: ignore[valid-type]


LAZY = Plan.model_fields["actuals"].annotation  # Actuals | None


class _Lazy(BaseModel):
    model_config = Plan.model_config | {"title": "Actuals"}
    actuals: LAZY = None  # type: ignore[valid-type]


def _outcome(model: type[BaseModel], value: object) -> Any:
    try:
        return ("ok", model.model_validate({"actuals": value}, context=CONTEXT).actuals)
    except ValidationError as refused:
        return ("refused", [_said(error) for error in refused.errors(include_url=False)])


def _said(error: Any) -> tuple[object, ...]:
    """An error as the plan loader reads it: its type, its place without the union's tags, its
    words (a refusal's code, else pydantic's message) and what was given."""
    place = tuple(part for part in error["loc"] if not (isinstance(part, str) and "(" in part))
    cause = (error.get("ctx") or {}).get("error")
    words = getattr(getattr(cause, "message", None), "code", None) or error["msg"]
    return error["type"], place, words, repr(error["input"])


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_the_same_values_and_errors_as_the_union(value: object) -> None:
    assert _outcome(_Lazy, value) == _outcome(_Eager, value)


def test_a_mapping_is_the_export_mapping_and_a_path_is_text() -> None:
    from funnelplan.model.export_mapping import ExportMapping

    mapping = _outcome(_Lazy, {"file": "c.csv", "timezone": "Asia/Tokyo"})[1]
    assert isinstance(mapping, ExportMapping) and mapping.timezone == "Asia/Tokyo"
    assert _outcome(_Lazy, "monthly.csv") == ("ok", "monthly.csv")


def test_the_same_json_schema_as_the_union() -> None:
    assert _Lazy.model_json_schema() == _Eager.model_json_schema()


def test_a_refusal_inside_the_mapping_keeps_its_place(tmp_path: Path) -> None:
    example = (ROOT / "plans" / "example.yaml").read_text(encoding="utf-8").splitlines()
    mapping = ["actuals:", "  file: c.csv", "  timezone: Asia/Tokio"]  # for the example's path
    lines = [*(mapping if line.startswith("actuals:") else [line] for line in example)]
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(line for group in lines for line in group) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(path)
    (problem,) = caught.value.problems
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.code == "crm.timezone.unknown" and problem.field == "actuals.timezone"
    assert lines[problem.line - 1] == "  timezone: Asia/Tokio"  # type: ignore[operator]
    assert problem.column == len("  timezone: ") + 1  # the value's first character


def test_a_plan_without_a_mapping_does_not_import_the_mapping_models() -> None:
    script = (
        "import sys; from pathlib import Path; from funnelplan.load.planfile import load_plan; "
        "load_plan(Path('plans/example.yaml')); "
        "print('funnelplan.model.export_mapping' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "False"
