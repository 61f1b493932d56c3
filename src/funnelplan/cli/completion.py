"""Shell completion's answers for values Typer cannot know: a plan's segment ids (`--segment`).

Typer completes commands and options itself (bash, zsh, fish: `funnelplan --install-completion`);
for `target PLAN --segment <TAB>` it asks `segment_ids`, which reads the plan named before it,
quietly: a plan that does not load completes nothing rather than printing problems into the shell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# what the shell typed so far: bash sets COMP_WORDS, Typer's zsh, fish and PowerShell scripts
# set _TYPER_COMPLETE_ARGS
TYPED = ("COMP_WORDS", "_TYPER_COMPLETE_ARGS")


def segment_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The plan's segment ids that start with what was typed, each with its label as the help."""
    plan_path = (getattr(ctx, "params", None) or {}).get("plan_path") or _plan_in_command_line()
    if plan_path is None:
        return []
    try:
        from funnelplan.load.planfile import load_plan

        plan = load_plan(Path(plan_path))
    except Exception:  # a half-written plan: nothing to offer
        return []
    return [
        (segment.id, segment.name)
        for segment in plan.segments
        if segment.id.startswith(incomplete) or segment.name.startswith(incomplete)
    ]


def _plan_in_command_line() -> str | None:
    """The typed `.yaml`/`.yml` word that names a file.

    click's parse during completion leaves `plan_path` unset while `--segment` still waits for
    its value (`target plan.yaml --segment <TAB>`), so the words are read as the shell gave them.
    """
    import os
    import shlex

    typed = next((os.environ[name] for name in TYPED if os.environ.get(name)), "")
    try:
        words = shlex.split(typed)
    except ValueError:  # an unclosed quote while typing
        words = typed.split()
    return next(
        (word for word in words if word.endswith((".yaml", ".yml")) and Path(word).is_file()), None
    )
