"""The numbers views show are computed in the core: driver changes, the offset rule, catch-up changes."""

from __future__ import annotations

from fractions import Fraction

from tests.test_gap import example

from funnelplan.core.gap import Driver, DriverKind
from funnelplan.model.record import replace


def _driver(kind: DriverKind, stage: str, plan: int, actual: int, shown: int) -> Driver:
    return Driver(
        kind,
        stage,
        "revenue",
        "sales",
        Fraction(plan),
        Fraction(actual),
        Fraction(shown),
        Fraction(shown),
    )


def test_a_driver_knows_its_change_and_key() -> None:
    volume = _driver(DriverKind.volume, "inquiry", 600, 50, -194)
    assert volume.change == -550 and volume.relative_size == Fraction(550, 600)  # fell 91.7%
    assert volume.key == "volume:inquiry"
    assert _driver(DriverKind.deal_size, "deal", 2, 2, 0).key == "deal_size"


def test_drivers_offset_when_their_sizes_pass_three_times_the_gap() -> None:
    report = example()
    # -194 and +169 add to -25; their sizes add to 363 > 3 x 25: offsetting, said in words
    offset = [
        _driver(DriverKind.volume, "inquiry", 1, 1, -194),
        _driver(DriverKind.rate, "lead", 1, 1, 169),
    ]
    assert replace(report, drivers=offset).drivers_gap == -25
    assert replace(report, drivers=offset).drivers_offset
    # -20 and -5: sizes 25, the gap 25: not offsetting
    plain = [
        _driver(DriverKind.volume, "inquiry", 1, 1, -20),
        _driver(DriverKind.rate, "lead", 1, 1, -5),
    ]
    assert not replace(report, drivers=plain).drivers_offset
