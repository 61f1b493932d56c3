"""The base of every model read from a plan: strict keys, immutable, built on first use."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Unknown keys are errors (typos never pass); numbers where text belongs become text."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
        coerce_numbers_to_str=True,
        defer_build=True,  # one schema for Plan on first use, not one per model at import
    )
