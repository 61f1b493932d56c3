"""What the command line changed from the plan file, so a report says it (`--scenario`, `--set`)."""

from __future__ import annotations

from funnelplan.model.record import Record


class Adjustment(Record):
    """One value a report's plan has that its file does not: from one of the plan's scenarios
    (`--scenario NAME`) or from `--set KEY=VALUE` (`scenario` None), with the value as written.
    A Record, not a dataclass: every report command defines it at start-up."""

    __match_args__ = ("scenario", "key", "value")
    __slots__ = __match_args__
    scenario: str | None
    key: str
    value: str

    def __init__(self, scenario: str | None, key: str, value: str) -> None:
        object.__setattr__(self, "scenario", scenario)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "value", value)
