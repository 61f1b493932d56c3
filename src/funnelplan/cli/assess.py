"""`funnelplan assess`: how well sales and marketing work together, from both teams' answers.

funnelplan assess answers.csv                  the report (table, or -f / -o as everywhere)
funnelplan assess --template -o answers.csv    a blank answers sheet (UTF-8 with BOM, for Excel)
funnelplan assess --interactive answers.csv --team 営業
                                               one person answers in the terminal; their row is
                                               added to answers.csv (resumable: a stop keeps what
                                               was answered beside the sheet)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from funnelplan.cli.options import FormatOption, LangOption, OutputOption


def assess(
    answers: Annotated[
        Path | None,
        typer.Argument(
            help="The answers sheet (CSV: the --template sheet or a form export).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    statements: Annotated[
        Path | None,
        typer.Option("--statements", help="Your own statements file (YAML; default: ours)."),
    ] = None,
    template: Annotated[
        bool, typer.Option("--template", help="Write a blank answers sheet (to -o FILE or stdout).")
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option("--interactive", help="Answer in the terminal; adds your row to ANSWERS."),
    ] = False,
    team: Annotated[
        str | None, typer.Option("--team", help="Your team, for --interactive (e.g. 営業).")
    ] = None,
    team_column: Annotated[
        str | None,
        typer.Option(
            "--team-column", help="The answers' team column (default: team, チーム, 所属)."
        ),
    ] = None,
    skip_incomplete: Annotated[
        bool,
        typer.Option(
            "--skip-incomplete", help="Leave out (and count) rows with a blank or invalid answer."
        ),
    ] = False,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="The answers' encoding (default: detected).")
    ] = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Rate how well sales and marketing work together; report each team's type and the gaps.

    Example:

    \b
      funnelplan assess plans/example-assessment.csv --lang ja
    """
    import os

    from funnelplan.errors import InputError, Problem, say
    from funnelplan.i18n.words import Words, language_from
    from funnelplan.load.assessment import load_assessment

    language = language_from(lang.value if lang else None, None, dict(os.environ))
    assessment = load_assessment(statements)
    inputs = [p for p in (answers, statements) if p is not None]
    if template:
        from funnelplan.cli.emit import write_stdout
        from funnelplan.cli.output import refuse_inputs, write_atomically
        from funnelplan.load.assessment import template_csv

        sheet = template_csv(assessment, language)
        refuse_inputs(output, inputs)
        wrong_format = output_format is not None and output_format.value != "csv"
        if wrong_format or (output is not None and output.suffix.lower() != ".csv"):
            raise InputError(  # the sheet is CSV whatever was asked: never CSV in a .json file
                [
                    Problem(
                        file=str(output) if output is not None else "--format",
                        field="-f" if wrong_format else "-o",
                        message=say("assess.cli.template_is_csv"),
                        hint=say("assess.cli.template_is_csv_hint"),
                    )
                ]
            )
        if output is not None and (output.exists() or output.is_symlink()):
            raise InputError(  # a blank sheet over filled-in answers loses them: never overwrite
                [
                    Problem(
                        file=str(output),
                        field="-o",
                        message=say("assess.cli.template_exists"),
                        hint=say("assess.cli.template_exists_hint"),
                    )
                ]
            )
        if output is None:
            write_stdout(sheet)
        else:
            write_atomically(output, sheet, bom=True)
        return
    if answers is None:
        raise InputError(
            [
                Problem(
                    file="ANSWERS",
                    message=say("assess.cli.answers_needed"),
                    hint=say("assess.cli.answers_needed_hint"),
                )
            ]
        )
    if interactive:
        from funnelplan.cli.assess_prompt import answer_in_terminal

        if not team or not team.strip():
            raise InputError(
                [
                    Problem(
                        file="--team",
                        message=say("assess.cli.team_needed"),
                        hint=say("assess.cli.team_needed_hint"),
                    )
                ]
            )
        answer_in_terminal(assessment, answers, team.strip(), language)
        return

    from funnelplan.cli.emit import emit
    from funnelplan.cli.output import choose_format
    from funnelplan.core.assessment import build_assessment
    from funnelplan.formats.reports import assessment_renderable
    from funnelplan.load.assessment import read_answers

    chosen = choose_format(output_format, output)
    sheet = read_answers(answers, assessment, encoding, skip_incomplete, team_column)
    report = build_assessment(assessment, sheet)
    emit(assessment_renderable(report, Words(language)), chosen, output, inputs)
