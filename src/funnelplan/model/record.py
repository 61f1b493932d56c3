"""Record: the base of small immutable classes every command defines at start-up.

`@dataclass(frozen=True)` compiles six methods from text for each class when its module is
imported (~0.5 ms a class on Python 3.11, and a report command defines dozens before it reads its
plan: bench/README.md, "Start-up"). A Record subclass is written out instead and behaves the same:

    class Money(Record):
        __match_args__ = ("amount", "signed")  # the fields, in order
        __slots__ = __match_args__

        def __init__(self, amount: Fraction, signed: bool = False) -> None:
            object.__setattr__(self, "amount", amount)
            object.__setattr__(self, "signed", signed)

Use it where many classes are defined on every run; a dataclass elsewhere. `replace(record,
field=value)` (this module's) is `dataclasses.replace` for Records and dataclasses alike; a Record
also has `__replace__`, so `copy.replace` works on it from Python 3.13.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from dataclasses import replace as _replace_dataclass
from typing import Any, Self, TypeVar

T = TypeVar("T")


class Record:
    """Immutable; equal and hashed by its fields (`__match_args__`, in order), as frozen dataclasses.

    A subclass names its fields in `__match_args__` (and `__slots__ = __match_args__`) and sets
    them in `__init__` with `object.__setattr__`; views and formats use it for the few classes
    every report command defines at start-up.
    """

    __slots__ = ()
    __match_args__: tuple[str, ...] = ()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:  # copy and pickle through __init__
        return self.__class__, self._fields()

    def __replace__(self, /, **changes: Any) -> Self:
        """A copy with `changes`, through `__init__` (an unknown field is a TypeError)."""
        values = dict(zip(self.__match_args__, self._fields(), strict=True))
        values.update(changes)
        return self.__class__(**values)


def replace(obj: T, /, **changes: Any) -> T:
    """`obj` with some fields changed: a Record's `__replace__`, else `dataclasses.replace`."""
    if isinstance(obj, Record):
        return obj.__replace__(**changes)
    return _replace_dataclass(obj, **changes)  # type: ignore[type-var]
