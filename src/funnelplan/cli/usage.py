"""Command-line mistakes (a typo in an option, a missing argument, a bad choice) as problems.

Typer parses the command line with click, and which click depends on Typer's version: Typer up to
0.1x depends on the `click` package, newer Typer carries its own copy (`typer._click`) and pip
installs no `click` at all. So nothing here imports click: an exception is recognised by the names
of its classes (click's public exception names, the same in both), and its parts are read from the
attributes both copies have (`ctx`, `param`, `option_name`, `format_message()`). The result is a
`Problem` like any other bad input: one clean message, a hint, exit 2, and the Japanese catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from funnelplan.errors import Choices, Problem, Text, closest, say

# click's exception classes, by name (the same in click and in typer._click)
USAGE_ERROR = "UsageError"  # every command-line mistake derives from it


def is_usage_error(error: BaseException) -> bool:
    return _has_class(error, USAGE_ERROR)


def _has_class(error: BaseException, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(error).__mro__)


def _command_path(error: BaseException) -> str:
    """`funnelplan target`, however the program was started (`python -m funnelplan` too)."""
    names: list[str] = []
    context = getattr(error, "ctx", None)
    while context is not None:
        names.append(str(getattr(context, "info_name", "") or ""))
        context = getattr(context, "parent", None)
    return " ".join(["funnelplan", *reversed(names[:-1])]) if names else "funnelplan"


def _option_names(context: Any) -> list[str]:
    """Every option the command takes, long and short (`--format`, `-f`)."""
    names: list[str] = []
    for param in getattr(getattr(context, "command", None), "params", []):
        names.extend(getattr(param, "opts", []))
        names.extend(getattr(param, "secondary_opts", []))
    names.extend(getattr(context, "help_option_names", []))
    return [name for name in names if name.startswith("-")]


def usage_problem(error: BaseException) -> Problem:
    """The problem a command-line mistake is, in the words of funnelplan's other problems."""
    command = _command_path(error)
    context = getattr(error, "ctx", None)
    help_hint = say("usage.see_help", command=command)
    if _has_class(error, "NoSuchOption"):
        option = str(getattr(error, "option_name", "") or "")
        meant = closest(option, _option_names(context))
        return Problem(
            file=command,
            field=option,
            message=say("usage.no_such_option"),
            hint=say("usage.meant_option", meant=meant, command=command) if meant else help_hint,
        )
    if _has_class(error, "MissingParameter"):
        param = getattr(error, "param", None)
        name = _param_label(param)
        return Problem(
            file=command,
            field=name,
            message=say("usage.missing_argument"),
            hint=help_hint,
        )
    if _has_class(error, "BadParameter"):
        param = getattr(error, "param", None)
        choice = _choice_mistake(error)
        if choice is not None:
            return not_a_choice(command, _param_label(param), *choice)
        return Problem(
            file=command,
            field=_param_label(param),
            message=_click_says(error),
            hint=help_hint,
        )
    if _has_class(error, "BadOptionUsage") and "requires an argument" in _plain(error):
        option = str(getattr(error, "option_name", "") or "")
        return Problem(
            file=command,
            field=option,
            message=say("usage.needs_a_value"),
            hint=help_hint,
        )
    return Problem(file=command, message=_click_says(error), hint=help_hint)


def unknown_command(name: str, commands: Iterable[str]) -> Problem:
    known = sorted(commands)
    meant = closest(name, known)
    listed = Choices(known, "comma")
    return Problem(
        file="funnelplan",
        field=name,
        message=say("usage.no_such_command"),
        hint=say("usage.meant_command", meant=meant, listed=listed)
        if meant
        else say("usage.the_commands", listed=listed),
    )


def not_a_choice(command: str, field: str, value: str, choices: list[str]) -> Problem:
    """`--format xlsx`: the value is not one of the option's choices; the closest, or all."""
    meant = closest(value, choices)
    choice_list = Choices(choices, "comma")
    return Problem(
        file=command,
        field=field,
        message=say("usage.not_a_choice", value=value, choice_list=choice_list),
        hint=say("plan.did_you_mean", name=meant)
        if meant
        else say("usage.choose_one_of", choice_list=choice_list),
    )


def _param_label(param: Any) -> str:
    """`--format` for an option, `PLAN_PATH` for an argument."""
    if param is None:
        return ""
    options = [name for name in getattr(param, "opts", []) if name.startswith("--")]
    if options:
        return options[0]
    return str(getattr(param, "human_readable_name", "") or getattr(param, "name", "")).upper()


def _choice_mistake(error: BaseException) -> tuple[str, list[str]] | None:
    """The value and the choices from click's Choice message: `'xlsx' is not one of 'table', ...`.

    Read from the message because the copies of click keep the choices in different places (on
    the parameter's type, or in a validator Typer 0.2x builds); every copy words it this way.
    """
    message = str(getattr(error, "message", "") or "")
    found = re.search(r"'(.*?)' is not one of (.*)", message, re.DOTALL)
    if found is None:
        return None
    choices = re.findall(r"'(.*?)'", found.group(2))
    return (found.group(1), choices) if choices else None


def _click_says(error: BaseException) -> Text:
    """click's words for a mistake funnelplan has no words of its own for: by code where they are
    ones people meet (funnelplan.i18n.problems.usage_click), else as click wrote them."""
    from funnelplan.i18n.problems.usage_click import click_words

    text = _plain(error)
    return click_words(text) or say("usage.as_click_says", text=text)


def _plain(error: BaseException) -> str:
    """click's own words for the mistake, as one line with no trailing full stop."""
    formatter = getattr(error, "format_message", None)
    text = formatter() if callable(formatter) else str(error)
    return " ".join(str(text).split()).removesuffix(".")
