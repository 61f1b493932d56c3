"""plans/example-capacity.yaml in every format and both languages, against golden files
(tests/gold/capacity/; `FUNNELPLAN_UPDATE_GOLD=1 python -m pytest` rewrites them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gold import assert_gold
from runner import PLANS, run_cli

EXTENSIONS = {"table": "txt", "markdown": "md", "html": "html", "csv": "csv", "json": "json"}


@pytest.mark.parametrize("hire", [False, True])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_the_capacity_example_matches_its_golden_files(
    tmp_path: Path, fmt: str, lang: str, hire: bool
) -> None:
    if fmt in ("csv", "json") and lang == "ja":
        pytest.skip("machine formats are never translated")
    output = tmp_path / f"out.{EXTENSIONS[fmt]}"
    options = ["--lang", lang, *(["--hire"] if hire else [])]
    done = run_cli("target", PLANS / "example-capacity.yaml", "-o", output, *options)
    assert done.code == 0, done.stderr
    name = (
        "example-capacity"
        + ("-hire" if hire else "")
        + (f".{lang}" if fmt not in ("csv", "json") else "")
    )
    assert_gold(f"capacity/{name}.{EXTENSIONS[fmt]}", output.read_bytes().decode("utf-8"))


def test_segment_focus_keeps_capacity_of_the_segments_counts() -> None:
    # `--segment` narrows the months; capacity and the budget are worked again from them
    done = run_cli("target", PLANS / "example.yaml", "--segment", "smb", "--format", "json")
    assert done.code == 0, done.stderr
    assert "capacity" not in done.stdout


def test_the_schema_validates_the_capacity_example() -> None:
    import json

    import jsonschema

    from funnelplan.load.yamlsource import read_yaml

    validator = jsonschema.Draft202012Validator(json.loads(run_cli("schema").stdout))
    source, problems = read_yaml(PLANS / "example-capacity.yaml")
    assert source is not None, problems
    assert [error.message for error in validator.iter_errors(source.value)] == []
    broken = {**source.value, "channels": [{"id": "x", "share": "100%", "cots": 5}]}
    assert any("cots" in error.message for error in validator.iter_errors(broken))


@pytest.mark.parametrize(
    ("fmt", "lang"), [("markdown", "en"), ("markdown", "ja"), ("html", "ja"), ("json", "en")]
)
def test_gap_of_the_capacity_example_matches_its_golden_files(
    tmp_path: Path, fmt: str, lang: str
) -> None:
    output = tmp_path / f"out.{EXTENSIONS[fmt]}"
    actuals = "tests/data/capacity-actuals.csv"  # relative to the repository, as the gold shows it
    done = run_cli(
        "gap", "plans/example-capacity.yaml", "--actuals", actuals, "-o", output, "--lang", lang
    )
    assert done.code == 0, done.stderr
    name = "gap-example-capacity" + (f".{lang}" if fmt != "json" else "")
    assert_gold(f"capacity/{name}.{EXTENSIONS[fmt]}", output.read_bytes().decode("utf-8"))
