"""CSV `--headers labels`: column names (and gap's stage column) for people; `ids` stays the default."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gold import assert_gold
from runner import PLANS, run_cli

BOM = "\ufeff"


def csv_file(tmp_path: Path, command: str, stem: str, *options: str) -> str:
    output = tmp_path / "out.csv"
    done = run_cli(command, PLANS / f"{stem}.yaml", "-o", output, *options)
    assert done.code == 0, done.stderr
    return output.read_bytes().decode("utf-8")


@pytest.mark.parametrize(("stem", "lang"), [("example", "ja"), ("example-en", "en")])
@pytest.mark.parametrize("command", ["target", "gap"])
def test_labels_match_their_golden_files(
    tmp_path: Path, command: str, stem: str, lang: str
) -> None:
    text = csv_file(tmp_path, command, stem, "--headers", "labels", "--lang", lang)
    assert_gold(f"{command}/{stem}-labels.csv", text)


def test_target_labels_are_the_stage_labels_and_the_languages_words(tmp_path: Path) -> None:
    rows = list(
        csv.reader(
            io.StringIO(
                csv_file(
                    tmp_path, "target", "example", "--headers", "labels", "--lang", "ja"
                ).removeprefix(BOM)
            )
        )
    )
    assert rows[0] == ["月", "問い合わせ", "リード", "商談", "受注", "売上"]
    assert rows[-1][0] == "合計"
    # the numbers are the ids' CSV's, row for row
    ids = list(csv.reader(io.StringIO(csv_file(tmp_path, "target", "example").removeprefix(BOM))))
    assert ids[0] == ["month", "inquiry", "lead", "appointment", "deal", "revenue"]
    assert [row[1:] for row in rows[1:]] == [row[1:] for row in ids[1:]]


def test_gap_labels_name_the_stages_by_label(tmp_path: Path) -> None:
    text = csv_file(tmp_path, "gap", "example-en", "--headers", "labels", "--lang", "en")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0] == ["Month", "Stage", "Plan", "Actual", "Gap", "Attainment"]
    assert {row[1] for row in rows[1:]} == {
        "Inquiries",
        "MQLs",
        "Meetings",
        "Closed won",
        "Revenue",
    }


def test_ids_stay_the_default(tmp_path: Path) -> None:
    assert csv_file(tmp_path, "target", "example") == csv_file(
        tmp_path, "target", "example", "--headers", "ids"
    )


def test_an_unknown_headers_value_is_refused(tmp_path: Path) -> None:
    done = run_cli("target", PLANS / "example.yaml", "-f", "csv", "--headers", "names")
    assert done.code == 2
    assert "--headers: 'names' is not one of ids, labels" in done.stderr
    assert done.stdout == ""
