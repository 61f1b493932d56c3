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

from funnelplan.errors import Problem, Text, say
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
        self, path: Path_, message: Text, hint: Text | None = None, *, at_key: bool = False
    ) -> Problem:
        """A Problem placed at `path`, or at the closest enclosing value that has a mark."""
        marks = self.key_marks if at_key else self.value_marks
        probe = path
        while probe and probe not in marks and probe not in self.value_marks:
            probe = probe[:-1]
        line, column = marks.get(probe) or self.value_marks.get(probe) or (1, 1)
        return self.problem_at(line, column, path, message, hint)

    def problem_at(
        self, line: int, column: int, path: Path_, message: Text, hint: Text | None = None
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
            message = say("yaml.not_utf8")
        else:
            message = say("yaml.looks_like_cp932")
        return None, [
            Problem(
                file=file,
                line=line,
                message=message,
                hint=say("yaml.save_as_utf8"),
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
        return None, [error.problem(file)]
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
                    message=say("yaml.control_character", char=ord(found[0])),
                    hint=say("yaml.remove_control_character"),
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
        return None, [Problem(file=file, message=say("yaml.invalid", error=error))]
    except RecursionError:  # nesting far deeper than any plan: [[[[...]]]]
        return None, [
            Problem(
                file=file,
                message=say("yaml.far_too_deep"),
                hint=say("yaml.keep_nesting_under", n=MAX_DEPTH),
            )
        ]
    finally:
        loader.dispose()
    if node is None:
        return None, [
            Problem(
                file=file, line=1, message=say("yaml.empty_file"), hint=say("yaml.start_from_init")
            )
        ]
    walker = _Walker(Source(file=file, value=None, lines=lines))
    walker.source.value = walker.walk(node, ())
    return (walker.source, walker.problems) if not walker.problems else (None, walker.problems)


# libyaml's own words for the syntax errors people make, by code (others are shown as it says them)
LIBYAML = {
    "did not find expected ',' or ']'": "yaml.libyaml.expected_comma_or_bracket",
    "did not find expected ',' or '}'": "yaml.libyaml.expected_comma_or_brace",
    "did not find expected key": "yaml.libyaml.expected_key",
    "did not find expected node content": "yaml.libyaml.expected_node",
    "did not find expected '-' indicator": "yaml.libyaml.expected_dash",
    "could not find expected ':'": "yaml.libyaml.expected_colon",
    "mapping values are not allowed in this context": "yaml.libyaml.mapping_not_allowed",
    "found character that cannot start any token": "yaml.libyaml.bad_token_start",
    "found undefined alias": "yaml.libyaml.undefined_alias",
    "found unexpected end of stream": "yaml.libyaml.unexpected_end",
    "found unexpected ':'": "yaml.libyaml.unexpected_colon",
    "found unknown escape character": "yaml.libyaml.unknown_escape",
    "found undefined tag handle": "yaml.libyaml.undefined_tag_handle",
    "block sequence entries are not allowed in this context": "yaml.libyaml.sequence_not_allowed",
}


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, lines: list[str]) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    said = error.problem or error.context or "not valid YAML"
    problem = say(LIBYAML[said]) if said in LIBYAML else say("yaml.libyaml_says", text=said)
    hint = say("yaml.check_this_line")
    source_line = lines[line - 1] if line and 0 < line <= len(lines) else ""
    leading = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    # libyaml says only "found character that cannot start any token" for a TAB indent
    if "tab" in said.lower() or "\\t" in said or "\t" in leading:
        problem, hint = say("yaml.tab_indent"), say("yaml.indent_with_spaces")
    elif "expected a single document" in str(error.context) or "but found another document" in str(
        error.problem
    ):
        problem = say("yaml.two_documents")
        hint = say("yaml.one_plan_per_file")
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
                    say("yaml.too_many_values", n=MAX_NODES),
                    say("yaml.write_without_aliases"),
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
                say("yaml.recursive_alias"),
                say("yaml.remove_alias"),
            )
            if cycle
            else (
                say("yaml.too_deep", n=MAX_DEPTH),
                say("yaml.check_nesting"),
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
                say("yaml.unsupported_tag", tag=tag),
                say("yaml.remove_tag"),
            )
        )
        return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, object]:
        result: dict[str, object] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(self.source.problem(path, say("yaml.key_not_plain")))
                continue
            key = key_node.value
            line, column = self.mark(key_node)
            if key in first_seen:
                hint = say("yaml.remove_duplicate", line=first_seen[key])
                # `{revenue: 60,000,000}` splits into keys `revenue: 60`, `000: null`, `000`: a
                # repeated group of three digits; `lag: {1: 60%, 1: 40%}` repeats a month
                if (len(key) == 3 and key.isdigit()) or key in ("", "~", "null"):
                    hint = say("yaml.flow_comma_splits_amount")
                self.source.key_marks.setdefault((*path, key, "#dup"), (line, column))
                problem = self.source.problem(
                    (*path, key, "#dup"),
                    say("yaml.duplicate_key", key=key, line=first_seen[key]),
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
