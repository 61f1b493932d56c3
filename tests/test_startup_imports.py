"""Start-up: a command in its default format imports what its run needs, and nothing else.

Each command runs in a fresh interpreter (the modules a test process already holds would hide an
import) and reports `sys.modules` when it is done. Two checks:

- funnelplan's own modules on a default `target` run are among the ones listed below, each for a
  reason. A new import on that path fails here: make it lazy (import inside the function, on the
  path that needs it), or add it to the list with its reason.
- the other modules are the stack floor's (bench/floor_app.py: a minimal Typer app importing typer,
  pydantic, rich and yaml) and the few named below: no rich, no DuckDB, no openpyxl, no renderer
  of a format not chosen (tests/test_terminal.py checks the formats one by one).

bench/README.md ("Start-up (this session)") has the times these imports cost.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from runner import ROOT

DRIVER = """
import runpy, sys
target = sys.argv[1]
sys.argv = [target, *sys.argv[2:]]
try:
    if target.endswith(".py"):
        runpy.run_path(target, run_name="__main__")
    else:
        runpy.run_module(target, run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""

# funnelplan's modules a default `target plans/example.yaml` run needs
TARGET_NEEDS = {
    # the command line: the app registers every command, so each command's module is imported
    # (small: options and a function); the rest is what `target` itself runs
    *(
        f"funnelplan.cli.{name}"
        for name in (
            "actuals",
            "app",
            "assess",
            "calibrate",
            "emit",
            "odds",
            "options",
            "output",
            "review",
            "sensitivity",
            "usage",
            "whatif",
        )
    ),
    # reading the plan: YAML with positions, the models, the checks across fields
    "funnelplan.load.planfile",
    "funnelplan.load.textfile",
    "funnelplan.load.yamlsource",
    "funnelplan.model.base",
    "funnelplan.model.headers",  # check_plan: labels may not take a monthly table's column names
    "funnelplan.model.months",
    "funnelplan.model.plan",
    "funnelplan.model.record",  # the small immutable classes of the view (document, presentation)
    "funnelplan.model.values",
    # the calculation: the target and its odds of reaching the KGI (shown by default)
    "funnelplan.core.commitments",  # build_target: the funnel, then people and money if any
    "funnelplan.core.odds",
    "funnelplan.core.rounding",
    "funnelplan.core.target",
    "funnelplan.core.target_report",  # what the report holds
    "funnelplan.model.adjustment",  # a report says what --scenario / --set changed
    # the view and the table
    "funnelplan.views.display",
    "funnelplan.views.document",
    "funnelplan.views.odds",
    "funnelplan.views.presentation",
    "funnelplan.views.target",
    "funnelplan.formats.bars",
    "funnelplan.formats.registry",
    "funnelplan.formats.reports",
    "funnelplan.formats.terminal",
    # words and problems
    "funnelplan.errors",
    "funnelplan.i18n.problems",
    "funnelplan.i18n.words",
    "funnelplan.i18n.words_ja",
    "funnelplan.i18n.report_words",
    *(
        f"funnelplan.i18n.report_words.{area}"  # Words merges every area's catalogue
        for area in ("assess", "capacity", "odds", "review", "whatif", "xlsx")
    ),
    # packages
    *(f"funnelplan.{package}" for package in ("cli", "core", "formats", "i18n", "load")),
    *(f"funnelplan.{package}" for package in ("model", "views")),
    "funnelplan",
    "funnelplan.__main__",
}

# beyond the floor's modules, what any report command may import, and why
BEYOND_FLOOR = {
    "gc",  # cli: the collector paused during imports, frozen at exit
    "unicodedata",  # model.values and model.headers: NFKC for full-width digits and names
    "pkgutil",  # i18n.words: the report word catalogues, found by listing their package
}
# reading a CSV or a CRM export of unknown encoding tries cp932, Japanese teams' everyday one
DECODING = {"_codecs_jp", "_multibytecodec", "encodings.cp932", "encodings.utf_8_sig"}


def _modules(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        capture_output=True,
        cwd=ROOT,
        encoding="utf-8",
        check=False,
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("MODULES ")]
    assert lines, done.stderr[-2000:]
    return set(lines[-1].split()[1:])


@pytest.fixture(scope="module")
def floor() -> set[str]:
    return _modules("bench/floor_app.py", "target", "plans/example.yaml")


def test_a_default_target_run_imports_only_what_it_needs(floor: set[str]) -> None:
    imported = _modules("funnelplan", "target", "plans/example.yaml")
    ours = {name for name in imported if name.split(".")[0] == "funnelplan"}
    assert sorted(ours - TARGET_NEEDS) == [], "imported by `target` but not needed (see above)"
    assert sorted(imported - ours - floor - BEYOND_FLOOR) == []
    for unneeded in ("rich", "duckdb", "openpyxl", "funnelplan.formats.markdown"):
        assert unneeded not in imported
    # `actuals:` may be a CRM export's mapping: its models load only for a plan that has one
    assert "funnelplan.model.export_mapping" not in imported


@pytest.mark.parametrize(
    "args",
    [
        ("gap", "plans/example.yaml"),
        ("check", "plans/example.yaml"),
        ("actuals", "plans/example-crm.yaml"),
    ],
)
def test_the_other_default_commands_stay_on_the_floor(
    floor: set[str], args: tuple[str, str]
) -> None:
    imported = _modules("funnelplan", *args)
    beyond = {name for name in imported - floor if name.split(".")[0] != "funnelplan"}
    assert sorted(beyond - BEYOND_FLOOR - DECODING) == []
    shown = {name for name in imported if name.startswith("funnelplan.formats.")}
    assert shown <= {
        "funnelplan.formats.bars",
        "funnelplan.formats.registry",
        "funnelplan.formats.reports",
        "funnelplan.formats.terminal",
    }
    assert not {name for name in imported if name.startswith("funnelplan.core.")} & {
        "funnelplan.core.whatif",
        "funnelplan.core.sensitivity",
    }
    mapped = args[1] == "plans/example-crm.yaml"  # the one plan here whose actuals are a mapping
    assert ("funnelplan.model.export_mapping" in imported) == mapped
