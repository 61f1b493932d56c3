"""`funnelplan target`, `check`, `init`, `schema`, `--version` end to end, against golden files.

Golden files live in tests/gold/target/; `FUNNELPLAN_UPDATE_GOLD=1 python -m pytest` rewrites them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from funnelplan.formats.machine import excel_safe, write_csv
from funnelplan.load.planfile import load_plan
from funnelplan.load.yamlsource import read_yaml
from gold import assert_gold
from runner import PLANS, ROOT, run_cli

EXAMPLES = ["example", "example-en"]
EXTENSIONS = {"table": "txt", "markdown": "md", "csv": "csv", "json": "json"}
BOM = "\ufeff"


def target_file(tmp_path: Path, stem: str, fmt: str, *options: str) -> str:
    """`target PLAN -o FILE.ext` (the extension picks the format); the file's exact text."""
    output = tmp_path / f"out.{EXTENSIONS[fmt]}"
    done = run_cli("target", PLANS / f"{stem}.yaml", "-o", output, *options)
    assert done.code == 0, done.stderr
    assert done.stdout == ""
    return output.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize("stem", EXAMPLES)
def test_every_format_matches_its_golden_file(tmp_path: Path, stem: str, fmt: str) -> None:
    text = target_file(tmp_path, stem, fmt)
    assert_gold(f"target/{stem}.{EXTENSIONS[fmt]}", text)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
@pytest.mark.parametrize("stem", EXAMPLES)
def test_stdout_is_the_same_as_the_file(tmp_path: Path, stem: str, fmt: str) -> None:
    from_file = target_file(tmp_path, stem, fmt).removeprefix(BOM).replace("\r\n", "\n")
    done = run_cli("target", PLANS / f"{stem}.yaml", "--format", fmt)
    assert done.code == 0, done.stderr
    assert done.stdout == from_file  # (subprocess reads \r\n as \n)


@pytest.mark.parametrize("stem", EXAMPLES)
def test_table_on_a_pipe_has_no_colour_and_fixed_width(tmp_path: Path, stem: str) -> None:
    done = run_cli("target", PLANS / f"{stem}.yaml")
    assert done.code == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert done.stdout.replace("\r\n", "\n") == target_file(tmp_path, stem, "table")


def test_segment_option(tmp_path: Path) -> None:
    text = target_file(tmp_path, "example", "csv", "--segment", "enterprise")
    assert_gold("target/example-enterprise.csv", text)
    markdown = target_file(tmp_path, "example", "markdown", "--segment", "enterprise")
    assert_gold("target/example-enterprise.md", markdown)
    assert "中小企業" not in markdown.split("##", 2)[2]  # the other segment is left out


def test_format_option_wins_over_the_extension(tmp_path: Path) -> None:
    output = tmp_path / "out.txt"
    done = run_cli("target", PLANS / "example.yaml", "--format", "json", "-o", output)
    assert done.code == 0, done.stderr
    assert json.loads(output.read_text("utf-8"))["currency"] == "JPY"


# --- CSV -------------------------------------------------------------------------------------


def test_csv_file_has_a_bom_header_and_total_row(tmp_path: Path) -> None:
    text = target_file(tmp_path, "example", "csv")
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0] == ["month", "inquiry", "lead", "appointment", "deal", "revenue"]
    assert rows[1][0] == "2027-03"  # the month before the period is a row of its own
    assert rows[-1][0] == "total"
    # the total row is the sum of the month rows
    for column in range(1, len(rows[0])):
        assert int(rows[-1][column]) == sum(int(row[column]) for row in rows[1:-1])


def test_csv_on_stdout_has_no_bom() -> None:
    done = run_cli("target", PLANS / "example.yaml", "--format", "csv")
    assert not done.stdout.startswith(BOM)


def test_csv_cells_never_become_formulas(tmp_path: Path) -> None:
    for stem in EXAMPLES:
        text = target_file(tmp_path, stem, "csv").removeprefix(BOM)
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert re.fullmatch(r"-?\d+(\.\d+)?", cell) or cell[:1] not in "=+-@\t\r"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_excel_safe_quotes_formula_starts(text: str) -> None:
    assert excel_safe(text) == "'" + text


def test_write_csv_keeps_numbers_as_numbers() -> None:
    text = write_csv(["month", "=x"], [["2027-04", -5], ["total", 1.5]])
    assert text == "month,'=x\r\n2027-04,-5\r\ntotal,1.5\r\n"


# --- JSON ------------------------------------------------------------------------------------


def test_json_shape(tmp_path: Path) -> None:
    data = json.loads(target_file(tmp_path, "example", "json"))
    assert {"plan", "currency", "stages", "months", "total", "segments"} <= set(data)
    assert data["currency"] == "JPY"
    assert [s["id"] for s in data["stages"]] == ["inquiry", "lead", "appointment", "deal"]
    assert set(data["stages"][0]) >= {"id", "label", "owner", "rate", "lag"}
    first = data["months"][0]
    assert (first["month"], first["in_period"]) == ("2027-03", False)
    for month in data["months"]:
        assert all(isinstance(n, int) for n in month["counts"].values())
    assert data["total"]["revenue"] == 120_000_000
    assert [s["id"] for s in data["segments"]] == ["enterprise", "smb"]


def test_json_counts_are_decimals_under_rounding_none(tmp_path: Path) -> None:
    plan = (PLANS / "example-en.yaml").read_text("utf-8") + "rounding: none\n"
    path = tmp_path / "plan.yaml"
    path.write_text(plan, "utf-8")
    done = run_cli("target", path, "--format", "json")
    assert done.code == 0, done.stderr
    data = json.loads(done.stdout)
    # $1,800,000 / 6 = $300,000 a month / $45,000 = 6 2/3 deals: written to 4 decimals
    assert data["months"][1]["counts"]["deal"] == 6.6667


# --- atomic writes -----------------------------------------------------------------------------


def test_output_replaces_a_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    output = tmp_path / "out.md"
    output.write_text("old", "utf-8")
    done = run_cli("target", PLANS / "example.yaml", "-o", output)
    assert done.code == 0, done.stderr
    assert output.read_text("utf-8").startswith("# FY2027")
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_write_atomically_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    from funnelplan.cli.output import write_atomically

    output = tmp_path / "out.txt"
    output.write_text("old", "utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(output, "\udcff")  # a lone surrogate cannot be encoded
    assert output.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# --- check, init, schema, version, help ----------------------------------------------------------


@pytest.mark.parametrize("stem", EXAMPLES)
def test_check_says_ok(stem: str) -> None:
    done = run_cli("check", PLANS / f"{stem}.yaml")
    assert done.code == 0, done.stderr
    assert "OK (4 stages" in done.stdout


def test_init_writes_a_plan_that_works_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    done = run_cli("init", path)
    assert done.code == 0, done.stderr
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert run_cli("target", path).code == 0
    again = run_cli("init", path)
    assert again.code == 2
    assert "already exists" in again.stderr
    assert path.read_text("utf-8") == text


def test_init_default_path(tmp_path: Path) -> None:
    done = run_cli("init", cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert (tmp_path / "plan.yaml").exists()


def test_schema_is_valid_and_validates_the_example_plans() -> None:
    import jsonschema

    done = run_cli("schema")
    assert done.code == 0
    schema = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in [PLANS / f"{stem}.yaml" for stem in EXAMPLES]:
        source, problems = read_yaml(path)
        assert source is not None, problems
        errors = [error.message for error in validator.iter_errors(source.value)]
        assert errors == [], path


def test_the_example_plans_point_editors_at_the_current_schema() -> None:
    # every example plan's first line names plans/plan.schema.json, which is `funnelplan schema`
    # as it is now (FUNNELPLAN_UPDATE_GOLD=1 rewrites it); the lag distribution validates too
    assert_gold("../../plans/plan.schema.json", run_cli("schema").stdout)
    for path in sorted(PLANS.glob("example*.yaml")):
        first = path.read_text("utf-8").splitlines()[0]
        if first.startswith("# yaml-language-server:"):
            assert first == "# yaml-language-server: $schema=plan.schema.json", path


def test_schema_catches_a_typo() -> None:
    import jsonschema

    from funnelplan.model.schema import plan_schema

    validator = jsonschema.Draft202012Validator(plan_schema())
    source, _ = read_yaml(PLANS / "example.yaml")
    assert source is not None and isinstance(source.value, dict)
    broken = {**source.value, "dael_size": 5}
    assert any("dael_size" in error.message for error in validator.iter_errors(broken))


def test_version() -> None:
    from funnelplan import __version__

    done = run_cli("--version")
    assert done.code == 0
    assert done.stdout == f"funnelplan {__version__}\n"


def test_every_command_has_help() -> None:
    from funnelplan.cli.app import app

    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    assert {"target", "check", "init", "schema"} <= set(names)
    for name in names:
        done = run_cli(name, "--help")
        assert done.code == 0, name
        assert "Usage:" in done.stdout
        summary = done.stdout.split("\n\n")[1].strip()
        assert len(summary) > 10, f"{name} has no help text"


def test_no_arguments_shows_help() -> None:
    done = run_cli()
    assert "Commands" in done.stdout + done.stderr


# --- the README's Quickstart -------------------------------------------------------------------


def quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quickstart", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the Quickstart has no ```sh block"
    return [line for line in block[1].splitlines() if line.strip()]


def test_readme_quickstart_has_exactly_two_commands() -> None:
    first, second = quickstart_commands()
    assert "pip install" in first and "funnelplan target plans/example.yaml" in first
    assert "pip install" in second and "[test]" in second and "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    _, second = quickstart_commands()
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert second in ci.splitlines()
    assert "ruff check" in ci


def test_example_plans_load() -> None:
    for stem in EXAMPLES:
        assert load_plan(PLANS / f"{stem}.yaml").funnel


# (the README's command output is checked in test_docs.py)
