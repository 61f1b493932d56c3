"""The contacts export with Japanese owners and sources, in UTF-8 and in cp932 (the same rows).

python bench/gen_contacts.py 1000000 bench/out/contacts-1000000.csv
python bench/gen_contacts_ja.py bench/out/contacts-1000000.csv   # -> ...-ja-utf8.csv, -ja-cp932.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

NAMES = {
    "Sato": "佐藤",
    "Suzuki": "鈴木",
    "Tanaka": "田中",
    "Ito": "伊藤",
    "Kato": "加藤",
    "Organic Search": "自然検索",
    "Paid Search": "検索広告",
    "Direct Traffic": "直接流入",
    "Referrals": "紹介",
    "Offline Sources": "展示会・オフライン",
}


def main(source: Path) -> None:
    stem = source.with_suffix("")
    with (
        open(source, encoding="utf-8", newline="") as rows,
        open(f"{stem}-ja-utf8.csv", "w", encoding="utf-8", newline="") as utf8,
        open(f"{stem}-ja-cp932.csv", "w", encoding="cp932", newline="") as cp932,
    ):
        for line in rows:
            for english, japanese in NAMES.items():
                line = line.replace(english, japanese)
            utf8.write(line)
            cp932.write(line)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
