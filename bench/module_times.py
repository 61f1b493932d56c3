"""Each module's own import time on a command's run: the least over N runs, nested imports taken out.

    python bench/module_times.py 7 -m funnelplan gap plans/example.yaml     # funnelplan's modules
    python bench/module_times.py 7 --all bench/floor_app.py target plans/example.yaml

Why not `python -X importtime`: it times only the `import` statement's path, so a module loaded
by `importlib.import_module` (pydantic's lazy attributes: `from pydantic import Field` loads
pydantic.fields that way; funnelplan's word catalogues) is not listed and its time is counted
in the *importing* module's self time. `-X importtime` gave model.plan ~15 ms of self time, of
which ~10 ms were pydantic modules the floor loads anyway. This wraps every module's
`exec_module` instead, so each module is charged what its own body costs. Standard library only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import atexit, importlib.abc, runpy, sys, time

spent, stack = {}, []


class Timed(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is None:
                continue
            loader = spec.loader
            if loader is not None and hasattr(loader, "exec_module"):
                run = loader.exec_module

                def exec_module(module, run=run, name=name):
                    stack.append(0.0)
                    start = time.perf_counter()
                    try:
                        run(module)
                    finally:
                        total = time.perf_counter() - start
                        inner = stack.pop()
                        spent[name] = spent.get(name, 0.0) + total - inner
                        if stack:
                            stack[-1] += total

                try:
                    loader.exec_module = exec_module
                except (AttributeError, TypeError):
                    pass
            return spec
        return None


sys.meta_path.insert(0, Timed())
atexit.register(
    lambda: sys.stderr.write("".join(f"\nMODULE {s * 1e6:.0f} {n}" for n, s in spent.items()))
)
arguments = sys.argv[1:]
if arguments[0] == "-m":
    sys.argv = arguments[1:]
    runpy.run_module(arguments[1], run_name="__main__", alter_sys=True)
else:
    sys.argv = arguments
    runpy.run_path(arguments[0], run_name="__main__")
"""


def main() -> None:
    arguments = sys.argv[1:]
    if not arguments or not arguments[0].isdigit():
        raise SystemExit(__doc__)
    runs, command = int(arguments[0]), arguments[1:]
    everything = command[:1] == ["--all"]
    command = command[1:] if everything else command
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", "src/funnelplan"], cwd=ROOT)
    least: dict[str, float] = {}
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, *command],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        for line in done.stderr.splitlines():
            if line.startswith("MODULE "):
                _, micros, name = line.split()
                least[name] = min(least.get(name, float("inf")), float(micros))
    shown = {n: t for n, t in least.items() if everything or n.split(".")[0] == "funnelplan"}
    print(f"{len(shown)} modules, {sum(shown.values()) / 1000:.1f} ms in all (least of {runs})")
    for name, micros in sorted(shown.items(), key=lambda item: -item[1])[:40]:
        print(f"{micros / 1000:8.2f} ms  {name}")


if __name__ == "__main__":
    main()
