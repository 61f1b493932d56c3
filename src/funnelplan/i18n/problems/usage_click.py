"""click's own words for a command-line mistake, recognised and given a code (cli/usage.py).

click writes these messages in English whichever copy Typer carries (the `click` package up to
Typer 0.1x, `typer._click` after); `click_words` turns the ones people meet into codes so that
they read in Japanese too. A message not recognised stays click's English.
"""

from __future__ import annotations

import re

from funnelplan.i18n.problems import Choices, Text, say

EN = {
    "usage.click.extra_arguments": "unexpected extra arguments: {args}",
    "usage.click.no_value": "Option '{option}' does not take a value",
    "usage.click.needs_value": "option {option} needs a value after it",
    "usage.click.is_folder": "{path} is a folder, not a file",
    "usage.click.no_file": "{path} does not exist",
    "usage.click.not_a_number": "{value} is not a whole number",
}

JA = {
    "usage.click.extra_arguments": "余分な引数があります：{args}",
    "usage.click.no_value": "オプション {option} には値を付けられません",
    "usage.click.needs_value": "オプション {option} の後ろに値が必要です",
    "usage.click.is_folder": "{path} はファイルではなくフォルダです",
    "usage.click.no_file": "{path} がありません",
    "usage.click.not_a_number": "{value} は整数ではありません",
}

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"Got unexpected extra arguments? ?(?:\(s\))? \((?P<args>.*)\)$"),
        "extra_arguments",
    ),
    (re.compile(r"Option '(?P<option>[^']+)' does not take a value$"), "no_value"),
    (
        re.compile(r"Option '(?P<option>[^']+)' requires (?:an argument|\d+ arguments)$"),
        "needs_value",
    ),
    (
        re.compile(
            r"(?:Invalid value for '[^']*': )?(?:File|Directory|Path|file|directory|path) "
            r"'(?P<path>.*)' is a directory$"
        ),
        "is_folder",
    ),
    (
        re.compile(
            r"(?:Invalid value for '[^']*': )?(?:File|Directory|Path|file|directory|path) "
            r"'(?P<path>.*)' does not exist$"
        ),
        "no_file",
    ),
    (
        re.compile(
            r"(?:Invalid value for '[^']*': )?'(?P<value>.*)' is not a valid integer( range)?$"
        ),
        "not_a_number",
    ),
]


def click_words(message: str) -> Text | None:
    """click's message as a code when it is one people meet, else None."""
    for pattern, code in _PATTERNS:
        found = pattern.match(message)
        if found is None:
            continue
        params: dict[str, object] = dict(found.groupdict())
        if code == "extra_arguments":
            params["args"] = Choices(str(params["args"]).split(), "comma")
        return say(f"usage.click.{code}", **params)
    return None
