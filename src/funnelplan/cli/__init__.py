"""The command line: the Typer app, shared options, usage mistakes, writing output.

Each command is load -> compute -> view -> emit. May import every other layer; nothing imports it
but `__main__` and the console script.
"""

from funnelplan.cli.app import app, main, run

__all__ = ["app", "main", "run"]
