"""Golden files: `assert_gold("target/example.md", text)` compares with tests/gold/target/example.md.

Run `FUNNELPLAN_UPDATE_GOLD=1 python -m pytest` to rewrite the files from the current output, then
review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLD = Path(__file__).parent / "gold"


def updating() -> bool:
    return os.environ.get("FUNNELPLAN_UPDATE_GOLD", "") not in ("", "0")


def assert_gold(relative_name: str, text: str) -> None:
    """The text equals the golden file byte for byte (or rewrites it when updating)."""
    path = GOLD / relative_name
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {path}: run FUNNELPLAN_UPDATE_GOLD=1 python -m pytest"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"output differs from {path} (FUNNELPLAN_UPDATE_GOLD=1 to rewrite)"
