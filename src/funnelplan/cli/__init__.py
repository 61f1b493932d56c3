"""The command line: the Typer app, shared options, usage mistakes, writing output.

Each command is load -> compute -> view -> emit. May import every other layer; nothing imports it
but `__main__` and the console script.

The collector is paused while the command line's modules are imported (Typer, pydantic, the plan's
models: ~40,000 objects, none of them garbage), and what they made is then frozen (gc.freeze), so
no later collection walks it: ~8 ms of every command's start-up otherwise (bench/README.md,
"Start-up"). Collection is back on before any command reads a file.
"""

import gc

_collecting = gc.isenabled()
gc.disable()
try:
    from funnelplan.cli.app import app, main, run
finally:
    if _collecting:
        gc.freeze()
        gc.enable()

__all__ = ["app", "main", "run"]
