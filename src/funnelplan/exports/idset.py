"""The record ids seen so far, in bounded memory: a set while small, then 8 bytes an id.

A Python set costs 60-100 bytes per id, too much at 10 million records, so past `limit` ids
move into an open-addressing table of 64-bit fingerprints in an `array('q')`:
- an id of up to 18 digits (HubSpot, most CRMs) is stored exactly: a repeat is never missed and
  two different ids are never taken for one;
- any other id (Salesforce's 18-character ids) by its 62-bit hash: two different ids would be
  taken for one with a probability of about n² / 2^63 (10^-5 at 10 million ids).
"""

from __future__ import annotations

from array import array

_HASH_MASK = (1 << 61) - 1


def fingerprint(key: str) -> int:
    """Odd for digit ids (exact), even and non-zero for hashed ones: the spaces never meet."""
    if key.isdigit() and len(key) <= 18 and key.isascii():
        return (int(key) << 1) | 1
    return ((hash(key) & _HASH_MASK) << 1) | 2


class IdSet:
    def __init__(self, limit: int = 1_000_000) -> None:
        self.limit = limit
        self.small: set[str] | None = set()
        self.table: array[int] | None = None
        self.mask = 0
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

    def _compact(self, keys: set[str]) -> None:
        self.small = None
        self._allocate(len(keys) * 4)
        for key in keys:
            self._insert(fingerprint(key))

    def _allocate(self, slots: int) -> None:
        size = 1 << max(slots - 1, 1).bit_length()
        self.table = array("q", bytes(8 * size))
        self.mask = size - 1
        self.size = 0

    def _insert(self, mark: int) -> bool:
        """Add a fingerprint; False when it was there already."""
        table, mask = self.table, self.mask
        assert table is not None
        index = (mark ^ (mark >> 17)) & mask
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
