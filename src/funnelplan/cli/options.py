"""The options every report command shares, declared once (cli.py and cli/actuals.py use them)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from funnelplan.formats import CsvHeaders, Format
from funnelplan.views.presentation import Language, MoneyUnitOption

PlanArgument = Annotated[
    Path, typer.Argument(help="The plan file (YAML).", dir_okay=False, show_default=False)
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", help="Output format (default: table, or the -o file's extension)."
    ),
]
LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang", help="Report language (default: the plan's locale, else LANG, else en)."
    ),
]
MoneyUnitFlag = Annotated[
    MoneyUnitOption | None,
    typer.Option(
        "--money-unit",
        help="Money display: plain, auto (1億2,000万円), 円, 千円, 万円, 百万円, 億円.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically); .txt .md .csv .json .html .xlsx pick the format.",
    ),
]
HeadersOption = Annotated[
    CsvHeaders,
    typer.Option(
        "--headers",
        help="CSV column names: ids (stage ids, for machines) or labels (stage labels, for people).",
    ),
]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="KEY=VALUE: change one value of the plan, e.g. funnel.appointment.rate=30% "
        "(repeatable; read and checked as the plan's own value).",
    ),
]
ScenarioOption = Annotated[
    list[str] | None,
    typer.Option(
        "--scenario",
        help="Apply one of the plan's `scenarios:` (repeatable: in order, a later one wins on a "
        "key both set; then any --set).",
    ),
]
ConfidenceOption = Annotated[
    str | None,
    typer.Option(
        "--confidence",
        help="Size the plan so the odds of reaching the KGI are at least this (e.g. 80%).",
    ),
]
