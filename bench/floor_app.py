"""The floor of funnelplan's own stack: a minimal Typer app that imports typer, pydantic, rich and
yaml and dispatches one command taking a path. `funnelplan target` cannot start faster than this.

    python bench/floor_app.py plans/example.yaml
"""

from pathlib import Path
from typing import Annotated

import pydantic  # noqa: F401
import rich  # noqa: F401
import typer
import yaml  # noqa: F401

app = typer.Typer(add_completion=False)


@app.command()
def target(path: Annotated[Path, typer.Argument()]) -> None:
    """Print the path's size: the least a command taking a plan file can do."""
    typer.echo(f"{path}: {path.stat().st_size} bytes")


@app.command()
def version() -> None:  # a second command so Typer dispatches by name, like funnelplan
    typer.echo("floor")


if __name__ == "__main__":
    app()
