"""model.record.Record: the written-out immutable classes behave as the frozen dataclasses they
replaced (equal, hashed, shown, copied, pickled, refused assignment), and `replace` works on them
as `dataclasses.replace` did (bench/README.md, "Start-up (2026-12-02, second pass)")."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from fractions import Fraction

import pytest

from funnelplan.core import capacity_report, gap, odds, target_report
from funnelplan.model import actuals_table, record
from funnelplan.model.months import Month
from funnelplan.model.record import Record, replace
from funnelplan.views import display, document, presentation

MODULES = [
    capacity_report,
    gap,
    odds,
    target_report,
    actuals_table,
    display,
    document,
    presentation,
]
RECORDS = sorted(
    {
        value
        for module in MODULES
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Record) and value is not Record
    },
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)


def test_the_core_report_classes_are_records() -> None:
    names = {cls.__name__ for cls in RECORDS}
    for name in ("TargetReport", "MonthRow", "GapReport", "CatchUp", "Driver", "TargetOdds"):
        assert name in names
    assert "Style" in names and "Odds" in names


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__qualname__)
def test_a_record_takes_its_fields_in_order(cls: type[Record]) -> None:
    """`__init__` takes exactly the fields, in `__match_args__` order, as a dataclass's did; each
    is a slot and annotated (what `fields()` of the dataclass listed)."""
    parameters = list(inspect.signature(cls.__init__).parameters)[1:]
    assert tuple(parameters) == cls.__match_args__
    assert cls.__slots__ == cls.__match_args__
    assert set(cls.__match_args__) <= set(cls.__annotations__)
    assert not any("__dict__" in vars(base) for base in cls.__mro__[:-1])  # no per-instance dict


def _stage(**changes: object) -> target_report.StageInfo:
    values: dict[str, object] = {"id": "lead", "label": "問い合わせ", "owner": "marketing"}
    values |= {"rate": Fraction(1, 5), "lag": 1}
    return target_report.StageInfo(**(values | changes))  # type: ignore[arg-type]


def test_equal_hashed_and_shown_as_a_frozen_dataclass() -> None:
    @dataclasses.dataclass(frozen=True)
    class StageInfo:  # the class as it was written before
        id: str
        label: str
        owner: str
        rate: Fraction | None
        lag: int
        spread: tuple[tuple[int, Fraction], ...] = ()

    old = StageInfo("lead", "問い合わせ", "marketing", Fraction(1, 5), 1)
    new = _stage()
    assert repr(new) == repr(old).split("<locals>.")[1]  # both by __qualname__
    assert new == _stage() and hash(new) == hash(_stage())
    assert new != _stage(lag=2)
    assert new != old  # another class is never equal, as between two dataclasses
    assert hash(new) == hash(dataclasses.astuple(old))  # the fields' tuple, as a dataclass's


def test_frozen() -> None:
    stage = _stage()
    with pytest.raises(dataclasses.FrozenInstanceError):
        stage.lag = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del stage.lag  # type: ignore[misc]
    with pytest.raises(AttributeError):
        object.__setattr__(stage, "other", 1)  # slots: no attribute beyond the fields


def test_replace_changes_the_named_fields_only() -> None:
    stage = _stage(spread=((0, Fraction(1, 2)), (1, Fraction(1, 2))))
    changed = replace(stage, rate=Fraction(1, 4))
    assert changed == _stage(spread=stage.spread, rate=Fraction(1, 4))
    assert stage.rate == Fraction(1, 5)  # the original is unchanged
    assert replace(stage) == stage and replace(stage) is not stage
    assert stage.__replace__(lag=3).lag == 3  # copy.replace's protocol (Python 3.13)
    with pytest.raises(TypeError):
        replace(stage, colour="red")


def test_replace_keeps_the_defaults_given() -> None:
    row = gap.RateRow("lead", "deal", "sales", Fraction(1, 5), None, gap.NoRate.missing, "lead")
    assert replace(row, actual=Fraction(1, 4)).reason is gap.NoRate.missing
    driver = gap.Driver(
        gap.DriverKind.rate, "lead", "deal", "sales", Fraction(1), Fraction(2), Fraction(3), 3
    )
    assert driver.spans == [] and replace(driver, spans=["a"]).spans == ["a"]
    assert gap.Driver(*driver._fields()[:-1]).spans is not driver.spans  # a new list each time


def test_replace_on_a_dataclass_is_dataclasses_replace() -> None:
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0

    assert replace(Point(1, 2), y=3) == Point(1, 3)
    with pytest.raises(TypeError):
        replace(Point(1), z=1)


def test_copied_and_pickled_through_init() -> None:
    month = Month(2027, 4)
    row = target_report.MonthRow(month, True, Fraction(10), {"lead": Fraction(3)})
    for twin in (copy.copy(row), copy.deepcopy(row), pickle.loads(pickle.dumps(row))):
        assert twin == row and twin is not row
    assert copy.deepcopy(row).counts is not row.counts


def test_odds_refuses_an_error_above_its_bound() -> None:
    assert odds.Odds(Fraction(1, 2), Fraction(0)).probability == Fraction(1, 2)
    with pytest.raises(AssertionError):
        odds.Odds(Fraction(1, 2), odds.ERROR_LIMIT)


def test_the_module_says_how() -> None:
    assert "replace" in (record.__doc__ or "")
