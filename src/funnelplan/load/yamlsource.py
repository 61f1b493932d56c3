"""YAML plans read with YAML 1.2 core rules, every value's position kept.

PyYAML resolves scalars with YAML 1.1 rules (`on` is true, `012` is octal 10, `1:30` is 90,
`2027-04-01` is a date) and keeps the last of duplicate keys. Plans are read here instead: we compose
the node tree with YAML 1.2 core resolvers, walk it ourselves (refusing duplicate keys and bounding
what anchors and aliases expand to) and record the line and column of every key and value, so any
later check can point at the exact place in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from funnelplan.errors import Problem
from funnelplan.load.textfile import MAX_PLAN_BYTES, ReadError, read_bounded
from funnelplan.model.values import decimal_from_text

Path_ = tuple[str | int, ...]

MAX_NODES = 20_000  # a plan has a few hundred values; anchors may not expand past this
MAX_DEPTH = 40  # a plan nests four or five levels; far deeper is not a plan
# characters YAML refuses (C0 controls but TAB, LF, CR; DEL; C1 but NEL): found here with their line
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CoreLoader(_Base):  # type: ignore[misc, valid-type]
    """Composes nodes with the YAML 1.2 core schema's implicit types only."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    CoreLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )

_STR, _NULL, _BOOL, _INT, _FLOAT, _SEQ, _MAP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int", "float", "seq", "map")
)


@dataclass
class Source:
    """A parsed YAML document with the position of every key and value (1-based line, column)."""

    file: str
    value: object
    lines: list[str]
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def problem(
        self, path: Path_, message: str, hint: str = "", *, at_key: bool = False
    ) -> Problem:
        """A Problem placed at `path`, or at the closest enclosing value that has a mark."""
        marks = self.key_marks if at_key else self.value_marks
        probe = path
        while probe and probe not in marks and probe not in self.value_marks:
            probe = probe[:-1]
        line, column = marks.get(probe) or self.value_marks.get(probe) or (1, 1)
        return self.problem_at(line, column, path, message, hint)

    def problem_at(
        self, line: int, column: int, path: Path_, message: str, hint: str = ""
    ) -> Problem:
        """A Problem at line:column, with that line as its excerpt."""
        excerpt = self.lines[line - 1].rstrip() if 0 < line <= len(self.lines) else ""
        return Problem(
            file=self.file,
            line=line,
            column=column,
            field=dotted(path),
            message=message,
            hint=hint,
            excerpt=excerpt,
        )


def dotted(path: Path_) -> str:
    """('funnel', 2, 'rate') -> 'funnel[2].rate'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def decode_text(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (a BOM is dropped); a cp932 file is named as such rather than read as mojibake."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        try:
            raw.decode("cp932")
        except UnicodeDecodeError:
            found = "it is not UTF-8 text"
        else:
            found = "it looks like Shift_JIS (cp932), as Windows and Excel save it"
        return None, [
            Problem(
                file=file,
                line=line,
                message=f"cannot read the file as UTF-8: {found}",
                hint="save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)",
            )
        ]


def read_yaml(
    path: Path, display_name: str | None = None, limit: int = MAX_PLAN_BYTES
) -> tuple[Source | None, list[Problem]]:
    """Read and parse a YAML file of at most `limit` bytes; the Source, or None and the problems."""
    file = display_name or str(path)
    try:
        raw = read_bounded(path, limit)
    except ReadError as error:
        return None, [Problem(file=file, message=error.message, hint=error.hint)]
    text, problems = decode_text(raw, file)
    if text is None:
        return None, problems
    return parse_yaml(text, file)


def _control_characters(text: str, file: str, lines: list[str]) -> list[Problem]:
    """NUL, ESC and the like, each at its line and column (PyYAML says only "position 122")."""
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for found in _FORBIDDEN.finditer(line):
            problems.append(
                Problem(
                    file=file,
                    line=number,
                    column=found.start() + 1,
                    message=f"the control character {ord(found[0]):#04x} cannot be in a YAML file",
                    hint="remove it (it is invisible in most editors)",
                    excerpt=lines[number - 1].rstrip() if number <= len(lines) else "",
                )
            )
            if len(problems) >= 20:
                return problems
    return problems


def parse_yaml(text: str, file: str) -> tuple[Source | None, list[Problem]]:
    lines = text.splitlines()
    if _FORBIDDEN.search(text):
        return None, _control_characters(text, file, lines)
    loader = CoreLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, file, lines)]
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML parse error is marked
        return None, [Problem(file=file, message=f"not valid YAML: {error}")]
    except RecursionError:  # nesting far deeper than any plan: [[[[...]]]]
        return None, [
            Problem(
                file=file,
                message="the file nests far too deep to be a plan",
                hint=f"a plan nests a few levels; keep it under {MAX_DEPTH}",
            )
        ]
    finally:
        loader.dispose()
    if node is None:
        return None, [
            Problem(
                file=file, line=1, message="the file is empty", hint="start from `funnelplan init`"
            )
        ]
    walker = _Walker(Source(file=file, value=None, lines=lines))
    walker.source.value = walker.walk(node, ())
    return (walker.source, walker.problems) if not walker.problems else (None, walker.problems)


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, lines: list[str]) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = error.problem or error.context or "not valid YAML"
    hint = "check the indentation and punctuation on this line"
    source_line = lines[line - 1] if line and 0 < line <= len(lines) else ""
    leading = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    # libyaml says only "found character that cannot start any token" for a TAB indent
    if "tab" in problem.lower() or "\\t" in problem or "\t" in leading:
        problem, hint = "a TAB character is used for indentation", "indent with spaces, not tabs"
    elif "expected a single document" in str(error.context) or "but found another document" in str(
        error.problem
    ):
        problem = "the file holds more than one YAML document (a second `---`)"
        hint = (
            "keep one plan per file: remove the `---` separator and what follows, or split the file"
        )
    excerpt = lines[line - 1].rstrip() if line and 0 < line <= len(lines) else ""
    return Problem(file=file, line=line, column=column, message=problem, hint=hint, excerpt=excerpt)


class _Walker:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.nodes = 0
        self.open: set[int] = set()  # the collections being walked: an alias to one is a cycle
        self.refused = False

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(self, node: yaml.Node, path: Path_) -> object:
        self.nodes += 1
        if self.nodes == MAX_NODES + 1:
            self.problems.append(
                self.source.problem(
                    path,
                    f"the file expands to more than {MAX_NODES} values (anchors and aliases?)",
                    "write the plan out without deeply nested aliases (*name)",
                )
            )
        if self.nodes > MAX_NODES:
            return None
        self.source.value_marks.setdefault(path, self.mark(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.open or len(self.open) >= MAX_DEPTH:
            self.refuse(node, path, id(node) in self.open)
            return None
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.walk(child, (*path, index)) for index, child in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return None  # pragma: no cover
        finally:
            self.open.discard(id(node))

    def refuse(self, node: yaml.Node, path: Path_, cycle: bool) -> None:
        """One problem for a value that contains itself (`x: &a [*a]`) or nests past MAX_DEPTH."""
        if self.refused:
            return
        self.refused = True
        line, column = self.mark(node)
        message, hint = (
            (
                "an alias refers to the value that contains it, so it never ends",
                "remove the alias (*name) or point it at another value",
            )
            if cycle
            else (
                f"the values nest more than {MAX_DEPTH} levels deep",
                "a plan nests a few levels: check the indentation",
            )
        )
        self.problems.append(self.source.problem_at(line, column, path, message, hint))

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> object:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _INT:
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            if len(text) > 100:  # past int()'s digit limit; values.py refuses it as too large
                return Decimal(text)
            return int(text, 10)
        if tag == _FLOAT:
            return decimal_from_text(text)
        self.problems.append(
            self.source.problem(
                path,
                f"the YAML tag {tag!r} is not supported",
                "remove the !tag and write a plain value",
            )
        )
        return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, object]:
        result: dict[str, object] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    self.source.problem(path, "a key must be a plain name, not a list or mapping")
                )
                continue
            key = key_node.value
            line, column = self.mark(key_node)
            if key in first_seen:
                hint = f"remove one of them (the first is on line {first_seen[key]})"
                if key.isdigit() or key in ("", "~", "null"):
                    hint = (
                        "in a flow mapping {...} a comma splits an amount like ¥60,000,000: "
                        "quote the amount or use block style"
                    )
                self.source.key_marks.setdefault((*path, key, "#dup"), (line, column))
                problem = self.source.problem(
                    (*path, key, "#dup"),
                    f"duplicate key {key!r} (also on line {first_seen[key]})",
                    hint,
                    at_key=True,
                )
                self.problems.append(Problem(**{**problem.__dict__, "field": dotted((*path, key))}))
                continue
            first_seen[key] = line
            self.source.key_marks[(*path, key)] = (line, column)
            result[key] = self.walk(value_node, (*path, key))
        return result


__all__ = ["CoreLoader", "Decimal", "Source", "decode_text", "dotted", "parse_yaml", "read_yaml"]
