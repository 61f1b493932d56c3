"""The terminal table: the report's fixed tables drawn directly, with no layout engine.

The look is rich's SIMPLE_HEAD table (a bold title, a blank line, the header, one rule, the rows, a
blank line before the totals); this module draws it in one pass because a report's tables are fixed:
every column is as wide as its widest cell, text left, numbers right. Widths are display cells: an
East Asian wide or fullwidth character (問い合わせ, ¥ in fullwidth) takes two, a combining mark none.

A table wider than the screen folds: its columns are split into stacked tables that each fit, every
one repeating the leading label columns (the month, the stage), balanced so that no fold is a
stray column. A cell is never cut: a number, a month or a word is whole or it is not shown there.

Piped (`wrap=False`) nothing is wrapped: a sentence, a note or a caption is one line, and no line
ends in spaces. On a terminal (`wrap=True`) prose is wrapped at spaces (and between Japanese
characters, never before 、。）) with a hanging indent. Colour is ANSI SGR codes, only when `color`
is set (the CLI sets it for a terminal unless NO_COLOR, or when FORCE_COLOR asks). User text goes
through `printable`, so an escape sequence in a label shows as `\\x1b`, never as a command.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from funnelplan.formats.bars import magnitude, scale
from funnelplan.views.display import Style, format_cell, printable
from funnelplan.views.document import Cell, Chart, Document, Notes, Status, Table

_EIGHTHS = " ▏▎▍▌▋▊▉█"

BOLD = ("1", "22")
DIM = ("2", "22")
# Foreground colours by status; the mark (format_status) carries the same meaning without colour.
STATUS_COLOURS = {"on_track": ("32", "39"), "at_risk": ("33", "39"), "behind": ("31", "39")}

# A line may not start with these (Japanese closing punctuation and small kana, as kinsoku shori has
# it, and ASCII closing punctuation): a wrap moves the character before them along.
_NO_LINE_START = frozenset(
    "、。，．・：；？！）」』】〕〉》ー〜ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?%"
)

# ... nor end with these (opening brackets, and 〜 inside a range such as 2027-03〜2027-05).
_NO_LINE_END = frozenset("（「『【〔〈《〜(")

_KEEP = "\x00"  # a space no line breaks at, while wrapping


@lru_cache(maxsize=8192)
def _cells_of(text: str) -> int:
    total = 0
    for character in text:
        if unicodedata.combining(character) or character in "\u200b\u200c\u200d\ufeff":
            continue
        total += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return total


def cell_width(text: str) -> int:
    """Display cells `text` takes in a terminal: wide and fullwidth characters two, marks none."""
    return len(text) if text.isascii() else _cells_of(text)


def _is_katakana(character: str) -> bool:
    """A katakana word (フィードバック) is one word: no line break inside it."""
    return "\u30a0" <= character <= "\u30ff"


def _is_wide(character: str) -> bool:
    return not character.isascii() and unicodedata.east_asian_width(character) in ("W", "F")


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, codes: tuple[str, str] | None) -> str:
        if not self.color or codes is None or not text:
            return text
        return f"\x1b[{codes[0]}m{text}\x1b[{codes[1]}m"


def render_terminal(
    document: Document,
    style: Style,
    *,
    width: int = 160,
    color: bool = False,
    wrap: bool = False,
    language: str = "en",
) -> str:
    """The document as terminal text, `width` cells wide at most where a cell allows it."""
    paint = _Painter(color)
    room = width if wrap else None
    known: dict[int, tuple[str, int]] = {}  # each cell object's text and width, once
    lines = [paint(printable(document.title).rstrip(), BOLD)]
    for sentence in document.headline:
        lines += _wrapped(printable(sentence), room, "", "")
    if document.headline:
        lines.append("")
    for label, value in document.facts:
        separator = document.fact_separator  # ": ", or "：" in Japanese
        label_text = f"{printable(label)}{separator.rstrip()}"
        shown = _wrapped(f"{printable(label)}{separator}{printable(value)}", room, "", "  ")
        if shown[0].startswith(label_text):
            shown[0] = paint(label_text, DIM) + shown[0][len(label_text) :]
        lines += shown
    for block in document.blocks:
        lines.append("")
        if isinstance(block, Table):
            lines += _table(block, style, width, room, paint, language, known)
        elif isinstance(block, Chart):
            lines += _chart(block, style, width, paint)
        else:
            lines += _notes(block, room, paint)
    return "\n".join(lines) + "\n"


def _wrapped(text: str, room: int | None, first: str, rest: str) -> list[str]:
    """`text` as lines of at most `room` cells (one line when `room` is None), never cutting a word."""
    if room is None or cell_width(first) + cell_width(text) <= room:
        return [(first + text).rstrip()]
    if " – " in text:  # a range (2027-01 – 2027-03) stays on one line
        return [
            line.replace(_KEEP, " ")
            for line in _wrapped(text.replace(" – ", f"{_KEEP}–{_KEEP}"), room, first, rest)
        ]
    lines: list[str] = []
    line, used, pending = first, cell_width(first), ""
    at_start = True
    for unit in _units(text):
        if unit.isspace():
            pending = "" if at_start else " "
            continue
        size = cell_width(unit)
        if not at_start and used + len(pending) + size > room:
            lines.append(line.rstrip())
            line, used, pending, at_start = rest, cell_width(rest), "", True
        line += pending + unit
        used += len(pending) + size
        pending, at_start = "", False
    lines.append(line.rstrip())
    return lines


def _units(text: str) -> list[str]:
    """Words and spaces; a word with Japanese in it also breaks between its wide characters
    (not inside a katakana word, not before closing punctuation)."""
    units: list[str] = []
    for word in text.split(" "):
        if units:
            units.append(" ")
        if word.isascii():
            units.append(word)
            continue
        current = ""
        for character in word:
            breakable = (
                current
                and character not in _NO_LINE_START
                and current[-1] not in _NO_LINE_END
                and not (_is_katakana(character) and _is_katakana(current[-1]))
            )
            if breakable and (_is_wide(character) or _is_wide(current[-1])):
                units.append(current)
                current = character
            else:
                current += character
        units.append(current)
    return units


def _span(widths: list[int], columns: list[int]) -> int:
    """Cells a table of `columns` takes: 2 before, 3 between, and its rule one cell past the end."""
    return sum(widths[c] for c in columns) + 3 * len(columns)


def folds(widths: list[int], numeric: list[bool], room: int) -> list[list[int]]:
    """The columns of each stacked table: all of them when they fit in `room` cells.

    Otherwise the leading label columns (those before the first number; at least the first
    column) start every fold, and the other columns are split in their order into as few folds as
    fit, balanced so the widest fold is as narrow as it can be. Where even one column beside the
    labels does not fit, the labels shrink to the first column; a cell is never cut.
    """
    everything = list(range(len(widths)))
    if _span(widths, everything) <= room or len(widths) <= 1:
        return [everything]
    labels = next((i for i, is_number in enumerate(numeric) if is_number), len(widths))
    for count in dict.fromkeys((max(labels, 1), 1)):
        key, rest = everything[:count], everything[count:]
        if not rest:
            continue
        if all(_span(widths, [*key, column]) <= room for column in rest):
            return [[*key, *group] for group in _balanced(widths, key, rest, room)]
    key, rest = everything[:1], everything[1:]
    return [[*key, *group] for group in _balanced(widths, key, rest, room)]


def _balanced(widths: list[int], key: list[int], rest: list[int], room: int) -> list[list[int]]:
    """`rest` in order, in the fewest groups that fit beside `key`, the widest group narrowest."""
    return [list(group) for group in _balanced_groups(tuple(widths), tuple(key), tuple(rest), room)]


@lru_cache(maxsize=256)
def _balanced_groups(
    widths: tuple[int, ...], key: tuple[int, ...], rest: tuple[int, ...], room: int
) -> tuple[tuple[int, ...], ...]:
    """`_balanced`, remembered: a plan's segment tables share a few sets of column widths (the
    36x100x12 benchmark plan: 6 sets for 204 tables), and the split, a binary search a fold,
    still took ~45 ms of that plan's table without it."""
    base = _span(widths, list(key))
    prefix = [0]
    for column in rest:
        prefix.append(prefix[-1] + widths[column] + 3)

    def span(start: int, end: int) -> int:  # key + rest[start:end]
        return base + prefix[end] - prefix[start]

    def cost(start: int, end: int) -> int:  # a fold too wide only if one column is
        size = span(start, end)
        return size if size <= room or end - start == 1 else 10**9

    count = len(rest)
    groups, start = 1, 0
    for end in range(1, count + 1):  # first fit gives the fewest groups
        if end - start > 1 and span(start, end) > room:
            groups += 1
            start = end - 1
    # then the split into that many contiguous groups with the smallest widest span, each fold
    # in turn as full as it can be (ties: earlier folds fuller) while what is left stays at its
    # own best: the least widest span of a suffix by a binary search over spans with a greedy
    # check, O(count log width) a fold (a dynamic programme over (start, end) pairs gave the
    # same folds at count^2 x folds; tests/test_terminal.py checks it against one)
    parts = min(groups, count)

    def fits(first: int, limit: int, most: int) -> bool:  # rest[first:] in <= most groups
        used, i = 0, first
        while i < count:
            if cost(i, i + 1) > limit:
                return False
            j = i + 1
            while j < count and cost(i, j + 1) <= limit:
                j += 1
            used, i = used + 1, j
            if used > most:
                return False
        return True

    def least(first: int, made: int) -> int:  # the best widest span of rest[first:] in `made`
        low = max(cost(i, i + 1) for i in range(first, count))
        high = span(first, count)
        if not fits(first, high, made):
            return 10**9
        while low < high:
            middle = (low + high) // 2
            if fits(first, middle, made):
                high = middle
            else:
                low = middle + 1
        return low

    cuts: list[int] = []
    start = 0
    for made in range(parts, 1, -1):
        limit = least(start, made)
        end = start + 1
        while end < count - (made - 1) and cost(start, end + 1) <= limit:
            end += 1
        cuts.append(end)
        start = end
    cuts.append(count)
    bounds = [0, *cuts]
    return tuple(rest[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1))


def _cell_texts(
    rows: list[list[Cell]], style: Style, known: dict[int, tuple[str, int]]
) -> tuple[list[list[str]], list[list[int]]]:
    """Each cell's text and its width in cells. A cell object met again in the document (views
    share them: a large plan's 56,000 count cells are a few thousand objects) is formatted once,
    through `known`; the document holds every cell while it is drawn, so no id is reused."""
    texts: list[list[str]] = []
    widths: list[list[int]] = []
    for row in rows:
        row_texts: list[str] = []
        row_widths: list[int] = []
        for cell in row:
            shown = known.get(id(cell))
            if shown is None:
                text = format_cell(cell, style)
                shown = known[id(cell)] = (text, cell_width(text))
            row_texts.append(shown[0])
            row_widths.append(shown[1])
        texts.append(row_texts)
        widths.append(row_widths)
    return texts, widths


def _table(
    table: Table,
    style: Style,
    width: int,
    room: int | None,
    paint: _Painter,
    language: str,
    known: dict[int, tuple[str, int]],
) -> list[str]:
    numeric = [column.numeric for column in table.columns]
    header = [printable(column.header) for column in table.columns]
    header_widths = [cell_width(text) for text in header]
    body, body_widths = _cell_texts(table.rows, style, known)
    widths = [max(column) for column in zip(header_widths, *body_widths, strict=True)]
    colours = [
        [STATUS_COLOURS.get(cell.level) if isinstance(cell, Status) else None for cell in row]
        if paint.color
        else []
        for row in table.rows
    ]
    first_total = len(table.rows) - table.total_rows
    groups = folds(widths, numeric, width)
    headers = [[text] for text in header]
    if len(groups) > 1:  # two-line headers first, where that saves a fold
        body_only = [max(column, default=0) for column in zip(*body_widths, strict=True)]
        if not body_only:
            body_only = [0] * len(header)
        split = [_header_lines(text, body_only[i]) for i, text in enumerate(header)]
        narrow = [
            max(body_only[i], *(cell_width(line) for line in lines))
            for i, lines in enumerate(split)
        ]
        narrow_groups = folds(narrow, numeric, width)
        if len(narrow_groups) < len(groups):
            headers, widths, groups = split, narrow, narrow_groups
    everything = list(range(len(widths)))
    if len(groups) > 1 and _wraps_to_fit(widths, numeric, everything, header, body, width):
        groups = [everything]  # one table, its long text wrapped, reads better than folds
    lines: list[str] = []
    for number, columns in enumerate(groups, start=1):
        if number > 1:
            lines += ["", ""]
        title = printable(table.title)
        if len(groups) > 1:
            title += (
                f"（{number}/{len(groups)}）" if language == "ja" else f" ({number}/{len(groups)})"
            )
        lines += [paint(title.rstrip(), BOLD), ""]
        shown_widths, narrowed = _narrowed(widths, numeric, columns, header, body, width)
        fold_headers = list(headers)
        for column, size in narrowed.items():
            fold_headers[column] = _wrapped(header[column], size, "", "")
        depth = max(len(fold_headers[column]) for column in columns)
        for level in range(depth):  # a shorter header sits on the last lines, by its rule
            shown = [
                texts[level - depth + len(texts)] if level - depth + len(texts) >= 0 else ""
                for texts in fold_headers
            ]
            sizes = [cell_width(text) for text in shown]
            lines.append(
                _row(shown, sizes, shown_widths, numeric, columns, [BOLD] * len(shown), paint)
            )
        lines.append(" " + "─" * (_span(shown_widths, columns) - 1))
        for index, row in enumerate(body):
            if index == first_total and table.total_rows and index:
                lines.append("")
            shown_lines = _cell_lines(row, narrowed) if narrowed else [(row, body_widths[index])]
            for cells, sizes in shown_lines:
                line = _row(cells, sizes, shown_widths, numeric, columns, colours[index], paint)
                lines.append(paint(line, BOLD) if index >= first_total else line)
        lines.append("")
    if table.caption:
        lines += _wrapped(printable(table.caption), room, "  ", "  ")
    return lines


def _narrowed(
    widths: list[int],
    numeric: list[bool],
    columns: list[int],
    header: list[str],
    body: list[list[str]],
    room: int,
) -> tuple[list[int], dict[int, int]]:
    """A fold still wider than `room` (a text cell too wide for any fold): its widest text
    column is wrapped at spaces to what is left, never narrower than a word."""
    over = _span(widths, columns) - room
    text_columns = [c for c in columns if not numeric[c]]
    if over <= 0 or not text_columns:
        return widths, {}
    column = max(text_columns, key=lambda c: widths[c])
    words = [
        unit for text in (header[column], *(row[column] for row in body)) for unit in _units(text)
    ]
    longest = max((cell_width(unit) for unit in words), default=1)
    size = max(widths[column] - over, longest, 1)
    if size >= widths[column]:
        return widths, {}
    shown = list(widths)
    shown[column] = size
    return shown, {column: size}


WRAPPED_TEXT_WIDTH = 24  # a text column wrapped narrower than this reads worse than a fold


def _wraps_to_fit(
    widths: list[int],
    numeric: list[bool],
    columns: list[int],
    header: list[str],
    body: list[list[str]],
    room: int,
) -> bool:
    """Whether wrapping the widest text column makes `columns` fit, that column still wide."""
    shown, narrowed = _narrowed(widths, numeric, columns, header, body, room)
    if not narrowed:
        return False
    size = next(iter(narrowed.values()))
    return _span(shown, columns) <= room and size >= WRAPPED_TEXT_WIDTH


def _cell_lines(row: list[str], narrowed: dict[int, int]) -> list[tuple[list[str], list[int]]]:
    """One table row as screen lines: wrapped cells go on below, the others stay on the first."""
    wrapped = {column: _wrapped(row[column], size, "", "") for column, size in narrowed.items()}
    height = max(len(parts) for parts in wrapped.values())
    result = []
    for level in range(height):
        cells = [
            (wrapped[c][level] if level < len(wrapped[c]) else "")
            if c in wrapped
            else (text if level == 0 else "")
            for c, text in enumerate(row)
        ]
        result.append((cells, [cell_width(text) for text in cells]))
    return result


def _header_lines(header: str, body_width: int) -> list[str]:
    """A header too wide for its column's cells, in two lines split where the wider line is
    narrowest: at a space, after `：` or before `（` (`Rate to next: 大企業` -> `Rate to next:` /
    `大企業`, `問い合わせ（マーケティング）` -> `問い合わせ` / `（マーケティング）`); a word stays whole."""
    if cell_width(header) <= body_width:
        return [header]
    cuts = [
        i
        for i in range(1, len(header))
        if header[i] == " " or header[i - 1] == "：" or header[i] == "（"
    ]
    options = [(header[:i].rstrip(" "), header[i:].lstrip(" ")) for i in cuts]
    options = [pair for pair in options if pair[0] and pair[1]]
    if not options:
        return [header]
    return list(min(options, key=lambda pair: max(cell_width(pair[0]), cell_width(pair[1]))))


def _row(
    cells: list[str],
    sizes: list[int],
    widths: list[int],
    numeric: list[bool],
    columns: list[int],
    colours: list[tuple[str, str] | None],
    paint: _Painter,
) -> str:
    if not paint.color:  # no escape codes: pad by the cells each text takes (wide: two)
        parts = [
            cells[c].rjust(widths[c] - sizes[c] + len(cells[c]))
            if numeric[c]
            else cells[c].ljust(widths[c] - sizes[c] + len(cells[c]))
            for c in columns
        ]
        return ("  " + "   ".join(parts)).rstrip()
    parts = []
    for column in columns:
        text = paint(cells[column], colours[column])
        gap = " " * (widths[column] - sizes[column])
        parts.append(gap + text if numeric[column] else text + gap)
    return ("  " + "   ".join(parts)).rstrip()


def _notes(notes: Notes, room: int | None, paint: _Painter) -> list[str]:
    lines = [paint(printable(notes.title).rstrip(), BOLD)]
    for number, item in enumerate(notes.items, start=1):
        bullet = f"  {number}. " if notes.numbered else "  - "
        lines += _wrapped(printable(item), room, bullet, " " * len(bullet))
    return lines


def _bar(length: float) -> str:
    """A bar `length` cells long, in eighths of a cell."""
    whole, rest = divmod(round(length * 8), 8)
    return "█" * whole + (_EIGHTHS[rest] if rest else "")


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad to `width` terminal cells (Japanese characters take two)."""
    gap = " " * max(width - cell_width(text), 0)
    return gap + text if right else text + gap


def _chart(chart: Chart, style: Style, width: int, paint: _Painter) -> list[str]:
    """Proportional bars that fit the screen width; labels padded by display width."""
    lines = [paint(printable(chart.title).rstrip(), BOLD)]
    labels = [printable(bar.label) for bar in chart.bars]
    values = [format_cell(bar.value, style) for bar in chart.bars]
    references = [format_cell(bar.reference, style) for bar in chart.bars]
    notes = [printable(bar.note) for bar in chart.bars]
    label_width = max((cell_width(label) for label in labels), default=0)
    value_width = max((cell_width(v) for v in values + references), default=0)
    note_width = max((cell_width(note) for note in notes), default=0)
    room = min(max(width - label_width - value_width - note_width - 8, 10), 60)
    largest = scale(chart.bars)
    if chart.kind == "signed":
        half = room // 2
        for label, value, bar in zip(labels, values, chart.bars, strict=True):
            length = float(abs(magnitude(bar.value)) / largest) * half
            drawn = _bar(length)
            left = _pad(drawn if magnitude(bar.value) < 0 else "", half, right=True)
            right = _pad(drawn if magnitude(bar.value) >= 0 else "", half)
            line = f"  {_pad(label, label_width)} {left}│{right} {_pad(value, value_width, True)}"
            lines.append(line.rstrip())
        return lines
    for index, bar in enumerate(chart.bars):
        length = float(magnitude(bar.value) / largest) * room
        line = f"  {_pad(labels[index], label_width)} {_pad(_bar(length), room)} "
        line += _pad(values[index], value_width, True)
        if notes[index]:
            line += f"  {notes[index]}"
        lines.append(line.rstrip())
        if chart.kind == "paired" and bar.reference is not None:
            length = float(magnitude(bar.reference) / largest) * room
            shown = f"  {_pad('', label_width)} {_pad('░' * round(length), room)} "
            shown += _pad(references[index], value_width, True)
            lines.append(paint(shown.rstrip(), DIM))
    if chart.kind == "paired" and chart.legend[0]:
        legend = f"  █ {printable(chart.legend[0])}   ░ {printable(chart.legend[1])}"
        lines.append(paint(legend, DIM))
    return lines
