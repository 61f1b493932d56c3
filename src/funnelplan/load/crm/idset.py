"""The record ids seen so far, in bounded memory: a set while small, then 8 bytes an id.

A Python set costs 60-100 bytes per id, too much at 10 million records, so past `limit` ids
move into an open-addressing table of 64-bit fingerprints in an `array('q')`:
- an id of up to 18 digits with no leading zero (HubSpot, most CRMs) is stored exactly: a repeat
  is never missed and two different ids are never taken for one (`0001` is not `1`);
- any other id (Salesforce's 18-character ids) by its 62-bit hash: two different ids would be
  taken for one with a probability of about n² / 2^63 (10^-5 at 10 million ids).

The table's slot is the fingerprint times a 64-bit odd constant, top bits (Fibonacci hashing):
ids that run in sequence spread over the whole table instead of piling into long probe runs.
`add_all` takes a batch of ids at once: all of them are new and added, or none is added.
"""

from __future__ import annotations

from array import array

_HASH_MASK = (1 << 61) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_WORD = (1 << 64) - 1


def fingerprint(key: str) -> int:
    """Odd for digit ids (exact), even and non-zero for hashed ones: the spaces never meet."""
    if key.isdigit() and len(key) <= 18 and key.isascii() and (key[0] != "0" or len(key) == 1):
        return (int(key) << 1) | 1
    return ((hash(key) & _HASH_MASK) << 1) | 2


class IdSet:
    def __init__(self, limit: int = 1_000_000) -> None:
        self.limit = limit
        self.small: set[str] | None = set()
        self.table: array[int] | None = None
        self.mask = 0
        self.shift = 64
        self.size = 0

    def __len__(self) -> int:
        return len(self.small) if self.small is not None else self.size

    def seen(self, key: str) -> bool:
        """True when `key` was added before; else add it and return False."""
        small = self.small
        if small is not None:
            if key in small:
                return True
            small.add(key)
            if len(small) > self.limit:
                self._compact(small)
            return False
        return not self._insert(fingerprint(key))

    def add_all(self, keys: list[str]) -> bool:
        """Add `keys` when none was seen before and none is blank or repeated; else add nothing."""
        small = self.small
        if small is not None:
            fresh = set(keys)
            if len(fresh) != len(keys) or "" in fresh or not small.isdisjoint(fresh):
                return False
            small |= fresh
            if len(small) > self.limit:
                self._compact(small)
            return True
        if "" in keys:
            return False
        while (self.size + len(keys)) * 4 > len(self.table) * 3:  # type: ignore[arg-type]
            self._grow()
        table, mask, shift = self.table, self.mask, self.shift
        assert table is not None
        placed: list[int] = []
        for mark in map(fingerprint, keys):
            index = ((mark * _GOLDEN) & _WORD) >> shift
            held = table[index]
            while held:
                if held == mark:
                    for slot in reversed(placed):  # undo: linear probing undoes exactly in LIFO
                        table[slot] = 0
                    return False
                index = (index + 1) & mask
                held = table[index]
            table[index] = mark
            placed.append(index)
        self.size += len(placed)
        return True

    def _compact(self, keys: set[str]) -> None:
        self.small = None
        self._allocate(len(keys) * 2)
        for key in keys:
            self._insert(fingerprint(key))

    def _allocate(self, slots: int) -> None:
        bits = max(slots - 1, 1).bit_length()
        self.table = array("q", bytes(8 << bits))
        self.mask = (1 << bits) - 1
        self.shift = 64 - bits
        self.size = 0

    def _insert(self, mark: int) -> bool:
        """Add a fingerprint; False when it was there already."""
        table, mask = self.table, self.mask
        assert table is not None
        index = ((mark * _GOLDEN) & _WORD) >> self.shift
        while True:
            held = table[index]
            if held == 0:
                table[index] = mark
                self.size += 1
                if self.size * 4 > len(table) * 3:
                    self._grow()
                return True
            if held == mark:
                return False
            index = (index + 1) & mask

    def _grow(self) -> None:
        old = self.table
        assert old is not None
        self._allocate(len(old) * 2)
        for mark in old:
            if mark:
                self._insert(mark)
