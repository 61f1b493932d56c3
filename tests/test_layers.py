"""The package's layers, checked from the source: no import circles, no import upward, no private
name taken from another layer (issue 10). Every import counts, including those inside functions and
under TYPE_CHECKING, so a lazy import cannot hide a circle.

The layers, lowest first (a module may import its own layer and those below):
i18n → errors → model → load → core → views → formats → cli → the library face
(funnelplan/__init__), which the CLI reads only for `__version__`.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "funnelplan"

LAYERS = {
    "i18n": 0,
    "errors": 1,
    "model": 2,
    "load": 3,
    "core": 4,
    "views": 5,
    "formats": 6,
    "cli": 7,
    "__main__": 7,
    "__init__": 8,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, name: str, known: set[str]) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every funnelplan import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("funnelplan"):
                    found.append((alias.name, [], node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("funnelplan"):
                continue
            names = [alias.name for alias in node.names]
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            for submodule in submodules:
                found.append((submodule, [], node.lineno))
            rest = [n for n in names if f"{target}.{n}" not in known]
            if rest or not submodules:
                found.append((target, rest, node.lineno))
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, names, _line in _imports(path, name, known):
            if target == "funnelplan" and names == ["__version__"]:
                continue  # the package's version, read by `--version`
            if target in known and target != name:
                graph[name].add(target)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    circles = _circles(_graph())
    assert circles == [], f"import circles: {circles}"


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


def test_no_import_runs_up_a_layer() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        for target in targets
        if LAYERS[_layer(target)] > LAYERS[_layer(name)]
    ]
    assert upward == []


def test_no_private_name_from_another_layer() -> None:
    modules = _modules()
    known = set(modules)
    private = [
        f"{path.relative_to(PACKAGE.parent)}:{line} takes {', '.join(taken)} from {target}"
        for name, path in modules.items()
        for target, names, line in _imports(path, name, known)
        if _layer(target) != _layer(name)
        and (taken := [n for n in names if n.startswith("_") and not n.startswith("__")])
    ]
    assert private == []


def test_every_module_is_in_a_layer() -> None:
    assert {_layer(name) for name in _modules()} <= set(LAYERS)
