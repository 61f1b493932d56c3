"""How a plan maps a record-level CRM export onto its funnel: the `actuals:` mapping.

```yaml
actuals:
  file: exports/contacts.csv       # relative to the plan file's folder
  source: hubspot-contacts         # optional preset: column names for a vendor's export
  id: Record ID                    # optional: a record id seen again is counted once
  stages: {inquiry: created, lead: lead}        # plan stage -> the vendor's stage (presets)
  columns: {appointment: Became a Sales Qualified Lead Date}   # plan stage -> date column
  revenue: {file: exports/deals.csv, source: hubspot-deals}
  timezone: Asia/Tokyo
  date_format: auto
```

Models only (pydantic, frozen, unknown keys refused); checks that need the plan's funnel or the
files' headers are in `resolve.py`.

No `from __future__ import annotations` here: pydantic would compile each field's annotation
from its text when the models are defined, on every command's start-up.
"""

from typing import Annotated, Literal

from pydantic import Field

from funnelplan.errors import say
from funnelplan.model.base import Read
from funnelplan.model.base import StrictModel as _Model
from funnelplan.model.values import ValueProblem

PRESETS = ("hubspot-contacts", "hubspot-deals", "salesforce-leads", "salesforce-opportunities")
Preset = Literal[
    "hubspot-contacts", "hubspot-deals", "salesforce-leads", "salesforce-opportunities"
]
DateFormat = Literal["auto", "Y/M/D", "M/D/Y", "D/M/Y"]


def _timezone(value: object) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(value, str) or not value.strip():
        raise ValueProblem(
            say("crm.timezone.invalid", value=value), say("crm.timezone.how_to_write")
        )
    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueProblem(
            say("crm.timezone.unknown", value=value), say("crm.timezone.how_to_write_list")
        ) from None
    return value.strip()


def _text(value: object) -> str:
    if isinstance(value, bool) or value is None:
        raise ValueProblem(
            say("value.expected", what=say("value.what.column_name"), value=repr(value)),
            say("crm.column.quote_name"),
        )
    text = str(value).strip()
    if not text:
        raise ValueProblem(say("crm.column.empty_name"), say("crm.column.write_as_in_file"))
    return text


def _values(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ValueProblem(say("crm.won.no_values"), say("crm.won.values_example"))
    return [str(item).strip() for item in items if not isinstance(item, bool)]


Timezone = Annotated[
    str,
    Read(_timezone, json_schema={"type": "string", "examples": ["Asia/Tokyo", "UTC"]}),
]
ColumnName = Annotated[str, Read(_text, json_schema={"type": "string"})]
Values = Annotated[
    list[str],
    Read(_values, json_schema={"type": "array", "items": {"type": "string"}}),
]


class WonRule(_Model):
    """A row is won when `column` holds one of `values` (compared without case or width)."""

    column: ColumnName
    values: Values


class _FileMapping(_Model):
    file: str = Field(description="the export, relative to the plan file's folder")
    source: Preset | None = Field(None, description="a preset naming the vendor's columns")
    id: ColumnName | None = Field(None, description="record id column: repeats count once")
    columns: dict[str, ColumnName] = Field(
        default_factory=dict, description="plan stage id -> the column of the date it was entered"
    )
    stages: dict[str, str] = Field(
        default_factory=dict, description="plan stage id -> the preset's stage name"
    )
    encoding: str | None = Field(None, description="the file's encoding when it cannot be told")
    sheet: str | None = Field(None, description="XLSX: the sheet to read (default: the first)")
    timezone: Timezone | None = None
    date_format: DateFormat | None = None


class RevenueMapping(_FileMapping):
    """Won revenue, summed by close month; may come from another export than the stages."""

    file: str | None = Field(None, description="default: the main export")  # type: ignore[assignment]
    date: ColumnName | None = Field(None, description="the close date column")
    amount: ColumnName | None = Field(None, description="the amount column")
    won: WonRule | None = Field(None, description="which rows are won (default: every row)")


def _attributes(value: object) -> object:
    if isinstance(value, list):  # [Original Source, 業種]: each column under its own name
        return {str(item).strip(): item for item in value if not isinstance(item, bool)}
    return value


Attributes = Annotated[
    dict[str, ColumnName],
    Read(
        _attributes,
        json_schema={
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": "string"}},
                {"type": "array", "items": {"type": "string"}},
            ],
            "description": "name -> column (or a list of columns): what `review --by` groups by",
        },
    ),
]


class ExportMapping(_FileMapping):
    """A record-level export aggregated into monthly actuals (period-based counting)."""

    revenue: RevenueMapping | None = None
    attributes: Attributes = Field(
        default_factory=dict,
        description="review: columns records are grouped by (source: Original Source, owner: ...)",
    )
    dates: dict[str, ColumnName] = Field(
        default_factory=dict,
        description="review: other date columns by name (first_touch: 初回接触日), for SLA rules",
    )
    cost: ColumnName | None = Field(
        None, description="review: a column holding each record's cost (summed per group)"
    )
    segment: ColumnName | None = Field(
        None,
        description="the column naming each record's segment (a plan segment's id or label)",
    )
    timezone: Timezone | None = Field(
        None, description="months of values with Z or an offset are counted in this zone"
    )
    date_format: DateFormat = Field(
        "auto", description="auto, or M/D/Y / D/M/Y when slashed dates are ambiguous"
    )
