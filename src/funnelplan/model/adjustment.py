"""What the command line changed from the plan file, so a report says it (`--scenario`, `--set`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Adjustment:
    """One value a report's plan has that its file does not: from one of the plan's scenarios
    (`--scenario NAME`) or from `--set KEY=VALUE` (`scenario` None), with the value as written."""

    scenario: str | None
    key: str
    value: str
