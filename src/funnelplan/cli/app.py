"""The command line: load, compute, render, and own the exit codes. Nothing else lives here.

Exit codes: 0 done; 2 bad input (plan, actuals, options), with every problem on stderr;
3 `gap --fail-if-behind` when revenue to date is behind plan.
"""

from __future__ import annotations

import copy
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from funnelplan import __version__
from funnelplan.cli.actuals import actuals as actuals_command
from funnelplan.cli.assess import assess as assess_command
from funnelplan.cli.calibrate import calibrate as calibrate_command
from funnelplan.cli.emit import (
    emit,
    flush_stdout,
    input_files,
    silence_stdout,
    write_stdout,
)
from funnelplan.cli.options import (
    ConfidenceOption,
    FormatOption,
    HeadersOption,
    LangOption,
    MoneyUnitFlag,
    OutputOption,
    PlanArgument,
    ScenarioOption,
    SetOption,
)
from funnelplan.cli.output import choose_format, write_atomically
from funnelplan.cli.review import review as review_command
from funnelplan.cli.sensitivity import sensitivity as sensitivity_command
from funnelplan.cli.whatif import whatif as whatif_command
from funnelplan.errors import FunnelplanError, InputError, Problem, say
from funnelplan.formats import CsvHeaders
from funnelplan.formats.reports import gap_renderable, target_renderable
from funnelplan.views.presentation import Language, presentation_for

if TYPE_CHECKING:
    from funnelplan.model.adjustment import Adjustment
    from funnelplan.model.plan import Plan

EXIT_INPUT = 2
EXIT_BEHIND = 3
COMPLETE_VARIABLE = "_FUNNELPLAN_COMPLETE"  # Typer's: _{PROG_NAME}_COMPLETE


class GapRates(StrEnum):
    plan = "plan"
    actual = "actual"


app = typer.Typer(
    help="Work a B2B revenue goal backward into each team's monthly commitments.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _segment_ids(ctx, incomplete):  # type: ignore[no-untyped-def]  # Typer matches these names
    """`--segment <TAB>`: the plan's segment ids (funnelplan.cli.completion, imported only then)."""
    from funnelplan.cli.completion import segment_ids

    return segment_ids(ctx, incomplete)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"funnelplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """funnelplan: one shared plan for sales and marketing, worked backward from revenue."""


def _plan_with(
    path: Path, sets: list[str] | None, scenario: list[str] | None
) -> tuple[Plan, tuple[Adjustment, ...]]:
    """The plan with its --scenario and --set options, and what they changed (the report says
    it); funnelplan.load.overrides is imported only when there are some: a plain run reads the
    plan as load_plan does, which is what load_adjusted_plan does without them."""
    if not sets and not scenario:
        from funnelplan.load.planfile import load_plan

        return load_plan(path), ()
    from funnelplan.load.overrides import load_adjusted_plan

    return load_adjusted_plan(path, sets or (), scenario)


@app.command()
def target(
    plan_path: PlanArgument,
    output_format: FormatOption = None,
    output: OutputOption = None,
    segment: Annotated[
        str | None,
        typer.Option(
            "--segment",
            help="One segment as its own plan: its funnel, months and people (its id or label).",
            autocompletion=_segment_ids,
        ),
    ] = None,
    lang: LangOption = None,
    money_unit: MoneyUnitFlag = None,
    hire: Annotated[
        bool,
        typer.Option(
            "--hire",
            help="Propose the fewest hires, each as late as it can be, so no month is over capacity.",
        ),
    ] = False,
    sets: SetOption = None,
    scenario: ScenarioOption = None,
    headers: HeadersOption = CsvHeaders.ids,
    confidence: ConfidenceOption = None,
) -> None:
    """Work the plan backward to the monthly counts each team commits to.

    Example:

    \b
      funnelplan target plans/example.yaml --format markdown -o plan.md
    """
    from funnelplan.core.commitments import build_target
    from funnelplan.model.record import replace

    chosen = choose_format(output_format, output)
    plan, adjustments = _plan_with(plan_path, sets, scenario)
    report = replace(build_target(plan), adjustments=adjustments)
    focus = None
    if segment is not None:
        from funnelplan.core.segment_focus import find_segment, focus_segment

        focus = find_segment(plan, segment, str(plan_path))
        report = focus_segment(plan, report, focus)
    if segment is not None or hire:
        from funnelplan.core.commitments import people_over_time

        report = people_over_time(plan, report, hire=hire, plan_file=str(plan_path))
    shown = presentation_for(plan, lang, money_unit)
    from funnelplan.cli.odds import target_odds_for

    emit(
        target_renderable(
            report,
            shown,
            target_odds_for(report, confidence),
            plan=plan,
            focus=focus,
            headers=headers,
        ),
        chosen,
        output,
        input_files(plan, plan_path),
    )


@app.command()
def gap(
    plan_path: PlanArgument,
    actuals: Annotated[
        Path | None,
        typer.Option(
            "--actuals", help="The actuals file (CSV or YAML); default: the plan's `actuals:`."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Compare up to this month (default: the last with actuals)."),
    ] = None,
    rates: Annotated[
        GapRates,
        typer.Option("--rates", help="Catch-up at the plan's or the to-date actual rates."),
    ] = GapRates.plan,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="The actuals CSV's encoding (default: detected)."),
    ] = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    fail_if_behind: Annotated[
        bool,
        typer.Option(
            "--fail-if-behind",
            help="Exit 3 when revenue to date is marked behind (below thresholds.behind, 85%).",
        ),
    ] = False,
    fail_if_at_risk: Annotated[
        bool,
        typer.Option(
            "--fail-if-at-risk",
            help="Exit 3 when revenue to date is at risk or behind (below thresholds.at_risk, 95%).",
        ),
    ] = False,
    lang: LangOption = None,
    money_unit: MoneyUnitFlag = None,
    sets: SetOption = None,
    scenario: ScenarioOption = None,
    headers: HeadersOption = CsvHeaders.ids,
) -> None:
    """Compare the actuals with the plan: gaps, drivers, and what the remaining months need.

    Example:

    \b
      funnelplan gap plans/example.yaml --as-of 2027-06
    """
    from funnelplan.core.commitments import build_target
    from funnelplan.core.gap import build_gap_for_file
    from funnelplan.core.odds import gap_odds
    from funnelplan.load.gap_inputs import as_of_month, load_actuals_for
    from funnelplan.model.record import replace

    chosen = choose_format(output_format, output)
    plan, adjustments = _plan_with(plan_path, sets, scenario)
    month = as_of_month(as_of)
    table, actuals_path = load_actuals_for(plan, plan_path, actuals, encoding)
    target = build_target(plan)  # once: the gap and its odds read the same plan
    report = build_gap_for_file(plan, table, str(actuals_path), month, rates.value, target)
    report = replace(report, adjustments=adjustments)

    emit(
        gap_renderable(
            report,
            presentation_for(plan, lang, money_unit),
            gap_odds(target, report),
            headers=headers,
        ),
        chosen,
        output,
        [*input_files(plan, plan_path), actuals_path],
    )
    status = report.revenue_to_date.status
    if (fail_if_behind and status == "behind") or (
        fail_if_at_risk and status in ("behind", "at_risk")
    ):
        raise typer.Exit(EXIT_BEHIND)


@app.command()
def check(plan_path: PlanArgument, lang: LangOption = None) -> None:
    """Validate a plan; print every problem, or OK.

    Example:

    \b
      funnelplan check plans/example.yaml
    """
    from funnelplan.i18n.words import Words, language_from
    from funnelplan.load.overrides import load_with_scenarios

    plan = load_with_scenarios(plan_path)  # each of its scenarios checked too
    words = Words(language_from(lang.value if lang else None, plan.locale, dict(os.environ)))
    typer.echo(
        words(
            "check_ok",
            path=plan_path,
            stages=len(plan.funnel),
            start=plan.period.start,
            end=plan.period.end,
        )
    )


@app.command()
def schema() -> None:
    """Print the plan's JSON Schema (editors use it to complete and check plans).

    Example:

    \b
      funnelplan schema > plan.schema.json
    """
    from funnelplan.model.schema import plan_schema_json

    write_stdout(plan_schema_json())


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter plan.")] = Path(
        "plan.yaml"
    ),
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="The starter plan's language (default: LANG, else en)."),
    ] = None,
) -> None:
    """Write a commented starter plan (never overwrites an existing file).

    Example:

    \b
      funnelplan init plan.yaml --lang ja
    """
    from funnelplan.cli.starter import starter_plan
    from funnelplan.i18n.words import Words, language_from

    words = Words(language_from(lang.value if lang else None, None, dict(os.environ)))

    if path.exists():
        raise InputError(
            [
                Problem(
                    file=str(path),
                    message=say("output.exists"),
                    hint=say("output.choose_another_path"),
                )
            ]
        )
    from funnelplan.model.schema import SCHEMA_FILE, plan_schema_json

    write_atomically(path, starter_plan(words.language), field="PATH")
    schema_path = path.parent / SCHEMA_FILE  # the starter's modeline points editors at it
    if not schema_path.exists():
        write_atomically(schema_path, plan_schema_json(), field="PATH")
    typer.echo(words("init_wrote", path=path), err=True)


app.command(name="actuals")(actuals_command)
app.command(name="assess")(assess_command)
app.command(name="whatif")(whatif_command)
app.command(name="sensitivity")(sensitivity_command)
app.command(name="review")(review_command)
app.command(name="calibrate")(calibrate_command)


def run() -> None:
    """The `funnelplan` command: main(), then no garbage collection while Python shuts down.

    At exit Python collects garbage over every object the imports made (pydantic's schemas,
    typing's caches): ~50 ms of a 285 ms `target` run, measured with hyperfine. Nothing here
    relies on a collection at exit (files are closed by `with`, writes are atomic), so the
    objects alive now are frozen (gc.freeze) and the collector skips them. Only the command's
    own entry points call this; main() stays safe to call in-process.

    Pydantic plugins are not loaded (PYDANTIC_DISABLE_PLUGINS, unless the environment sets it):
    looking for them reads every installed package's entry points when the plan's validator is
    built, ~4 ms with 35 packages installed and more in a bigger environment, for instrumentation
    a command line does not use. Typer builds its own validators the same way.
    """
    import gc

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        main()
    finally:
        gc.freeze()


def main() -> None:
    """Entry point: every problem (bad input or a command-line mistake) on stderr, and its exit code.

    Usage mistakes are recognised without importing click (see funnelplan.cli.usage): newer Typer
    carries its own copy of click and pip installs none.
    """
    from funnelplan.cli.usage import is_usage_error

    try:
        if os.environ.get(COMPLETE_VARIABLE):  # the shell asks for completions: Typer answers
            command_for("en")(prog_name="funnelplan")
        args, language = _leading_language(sys.argv[1:])
        if not args:
            _bare_command(language)
        _check_command(args)
        code = command_for(language or _error_language(args), _named_command(args))(
            args=args, standalone_mode=False, prog_name="funnelplan"
        )
        flush_stdout()  # a closed pipe or a full disk shows here, not at exit
        if isinstance(code, int) and code:  # typer.Exit(code) returns here, not raised
            sys.exit(code)
    except FunnelplanError as error:
        _report(error.problems, error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort as aborted:
        if isinstance(aborted.__cause__ or aborted.__context__, KeyboardInterrupt):
            sys.exit(130)  # Ctrl-C, as older click reports it
        sys.stderr.write("Aborted.\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `funnelplan target plan.yaml | head -1`: the reader has enough
        silence_stdout()
        sys.exit(0)
    except Exception as error:
        if not is_usage_error(error):
            _internal_error(error)
        from funnelplan.cli.usage import usage_problem

        _report(InputError([usage_problem(error)]).problems, EXIT_INPUT)


def command_for(language: str, only: str | None = None) -> typer.core.TyperGroup:
    """The click command Typer builds from `app` (as `app()` does), its help in `language`.

    Each command's summary in the list is its help's first paragraph, whole (click would cut it
    at about 45 characters: "commits..."). Japanese help comes from funnelplan.cli.help_ja,
    imported only then. `only` (a command's name): the group holds that one command, so Typer
    does not build the other ten from their signatures (~9 ms of every run); its usage lines,
    help and errors are the same, since the group keeps its callback.
    """
    import inspect

    source = app
    if only is not None:
        source = copy.copy(app)  # the same settings and callback; its own list of commands
        source.registered_commands = [c for c in app.registered_commands if _name(c) == only]
    command = typer.main.get_command(source)
    for sub in getattr(command, "commands", {}).values():
        if sub.help and not sub.short_help:
            sub.short_help = inspect.cleandoc(sub.help).split("\n\n")[0]
    if language == "ja":
        from funnelplan.cli.help_ja import in_japanese

        in_japanese(command)
    return command  # type: ignore[return-value]


def _bare_command(language: str | None = None) -> None:
    """`funnelplan` alone: the help on stderr and exit 2, whichever Typer (some exit 0 here)."""
    import contextlib

    with contextlib.redirect_stdout(sys.stderr), contextlib.suppress(SystemExit, typer.Exit):
        command_for(language or _error_language([]))(
            ["--help"], standalone_mode=False, prog_name="funnelplan"
        )
    sys.exit(EXIT_INPUT)


def _leading_language(args: list[str]) -> tuple[list[str], str | None]:
    """`--lang` before the command's name: `funnelplan --lang ja target plan.yaml` runs as
    `funnelplan target --lang ja plan.yaml` (every command but `schema` takes it), and
    `funnelplan --lang ja --help` lists the commands in Japanese. Returns the arguments to run
    and, where no command follows, the language for the list (None: as the arguments say)."""
    if args[:1] == ["--lang"] and len(args) > 1:
        option, rest = args[:2], args[2:]
    elif args[:1] and args[0].startswith("--lang="):
        option, rest = args[:1], args[1:]
    elif args == ["--lang"]:
        raise InputError(
            [Problem(file="funnelplan", field="--lang", message=say("usage.needs_a_value"))]
        )
    else:
        return args, None
    if rest and not rest[0].startswith("-"):
        return [rest[0], *option, *rest[1:]], None
    value = option[-1].removeprefix("--lang=")
    if value not in ("en", "ja"):
        from funnelplan.cli.usage import not_a_choice

        raise InputError([not_a_choice("funnelplan", "--lang", value, ["en", "ja"])])
    return rest, value


def _check_command(args: list[str]) -> None:
    """`funnelplan tagret plan.yaml`: the command's name is checked first, with a did-you-mean."""
    from funnelplan.cli.usage import unknown_command

    if not args or args[0].startswith("-"):
        return
    names = {_name(command) for command in app.registered_commands}
    if args[0] not in names:
        raise InputError([unknown_command(args[0], names)])


def _named_command(args: list[str]) -> str | None:
    """The command the arguments run (checked by _check_command), or None (`--help`, `--version`)."""
    return args[0] if args and not args[0].startswith("-") else None


def _name(command: typer.models.CommandInfo) -> str:
    return command.name or command.callback.__name__  # type: ignore[union-attr]


def _report(problems: list[Problem], exit_code: int) -> None:
    language = _error_language(sys.argv[1:])
    for problem in problems:
        sys.stderr.write(problem.render(language) + "\n")
    from funnelplan.errors import say

    count = len(problems)
    summary = say("problem.summary.one" if count == 1 else "problem.summary.many", count=count)
    sys.stderr.write(summary.render(language) + "\n")
    sys.exit(exit_code)


def _internal_error(error: BaseException) -> None:
    if os.environ.get("FUNNELPLAN_DEBUG"):
        raise error
    sys.stderr.write(
        f"funnelplan: internal error ({type(error).__name__}: {error}); this is a bug, please"
        " report it with the command and the plan (FUNNELPLAN_DEBUG=1 shows the traceback)\n"
    )
    sys.exit(1)


def _error_language(args: list[str]) -> str:
    """Problems follow `--lang`, else LC_ALL / LC_MESSAGES / LANG: the plan may not have loaded."""
    from funnelplan.i18n.words import language_from

    option = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            option = args[index + 1]
        elif arg.startswith("--lang="):
            option = arg.removeprefix("--lang=")
    return "ja" if language_from(option, None, dict(os.environ)) == "ja" else "en"
