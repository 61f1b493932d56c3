"""The terminal table: fits the screen by folding, never cuts a cell, colours only where asked.

The renderer is driven directly at 160, 80 and 60 columns for the example reports in both
languages; the CLI is run as a subprocess where the environment (NO_COLOR, FORCE_COLOR, imports)
is what is tested.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import funnelplan
from funnelplan.formats import Format
from funnelplan.formats.registry import Renderable, render_text
from funnelplan.formats.reports import gap_renderable, target_renderable
from funnelplan.formats.terminal import _balanced, _wrapped, cell_width, folds, render_terminal
from funnelplan.views.display import Style, format_cell
from funnelplan.views.document import Column, Document, Notes, Status, Table
from funnelplan.views.presentation import Language, presentation_for
from runner import ROOT

PLANS = ROOT / "plans"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def renderable(report: str, plan_name: str, language: Language) -> Renderable:
    plan = funnelplan.load_plan(PLANS / plan_name)
    shown = presentation_for(plan, language, None)
    if report == "target":
        return target_renderable(funnelplan.build_target(plan), shown)
    actuals = funnelplan.read_actuals(PLANS / str(plan.actuals), plan)
    return gap_renderable(funnelplan.build_gap(plan, actuals), shown)


REPORTS = [
    (report, plan_name, language)
    for report in ("target", "gap")
    for plan_name in ("example.yaml", "example-en.yaml")
    for language in (Language.en, Language.ja)
]


def table_lines(text: str) -> list[str]:
    """The lines of the tables (between a title's blank line and the table's closing blank)."""
    return [line for line in text.splitlines() if line.startswith("  ") or line.startswith(" ─")]


@pytest.mark.parametrize("width", [160, 80, 60])
@pytest.mark.parametrize(("report", "plan_name", "language"), REPORTS)
def test_tables_fit_the_width_and_keep_every_cell_whole(
    report: str, plan_name: str, language: Language, width: int
) -> None:
    shown = renderable(report, plan_name, language)
    text = render_text(shown, Format.table, width=width)
    for line in text.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
    for line in table_lines(text):  # notes are one line a sentence when piped; tables fit
        if not line.startswith("  - "):
            assert cell_width(line) <= width, f"{cell_width(line)} > {width}: {line!r}"
    document, style = shown.document()
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for column, cell in zip(block.columns, row, strict=True):
                    shown_cell = format_cell(cell, style)
                    # a number, a month, a stage: whole and padded by at least its separators;
                    # a text cell too wide for any fold may wrap, but only between its words
                    parts = [shown_cell] if column.numeric else shown_cell.split(" ")
                    for part in parts:
                        pattern = rf"(^|\s){re.escape(part)}(\s|$)"
                        assert re.search(pattern, text, re.MULTILINE), shown_cell


def test_a_narrow_table_folds_and_repeats_the_month_column() -> None:
    text = render_text(renderable("target", "example.yaml", Language.en), Format.table, width=60)
    assert "Monthly commitments by team (1/2)" in text
    assert "Monthly commitments by team (2/2)" in text
    second = text.split("Monthly commitments by team (2/2)")[1].split("\n\n\n")[0]
    months = [line.split()[0] for line in second.splitlines() if line.startswith("  20")]
    assert months == ["2027-03", *[f"2027-{m:02}" for m in range(4, 10)]]
    assert "Total" in second and "¥120,000,000" in second


def test_japanese_fold_marks_are_japanese() -> None:
    text = render_text(renderable("target", "example.yaml", Language.ja), Format.table, width=60)
    assert re.search(r"（1/\d）", text) and not re.search(r" \(1/\d\)", text)


def test_two_line_headers_save_a_fold_at_80_columns() -> None:
    text = render_text(renderable("target", "example.yaml", Language.en), Format.table, width=80)
    funnel = text.split("\nFunnel\n")[1].split("\n\n\n")[0]  # one table, not folded
    lines = funnel.splitlines()
    assert lines[1].split() == ["Rate", "Rate", "to", "Rate", "to", "next:", "Lag"]
    assert lines[2].split()[:3] == ["Stage", "Owner", "to"]


def test_folds_balance_the_columns_and_keep_the_labels() -> None:
    # a table of k columns 10 wide takes 13k cells (2 before, 3 between, the rule 1 past the end)
    widths = [10, 10, 10, 10, 10, 10, 10]
    numeric = [False, True, True, True, True, True, True]
    assert folds(widths, numeric, 200) == [[0, 1, 2, 3, 4, 5, 6]]
    # 4 columns fit in 52 cells: first fit gives 3 + 3 numbers; so does the balance
    assert folds(widths, numeric, 52) == [[0, 1, 2, 3], [0, 4, 5, 6]]
    # 5 fit in 65: first fit gives 4 + 2 numbers, balanced is 3 + 3
    assert folds(widths, numeric, 65) == [[0, 1, 2, 3], [0, 4, 5, 6]]
    # two label columns are both repeated: 10 + 8 + 10 + 9 = 37 cells a fold
    assert folds([10, 8, 10, 10], [False, False, True, True], 40) == [[0, 1, 2], [0, 1, 3]]
    # when the two labels leave no room (10 + 20 + 10 + 9 = 49 > 40), only the first repeats
    assert folds([10, 20, 10, 10], [False, False, True, True], 40) == [[0, 1], [0, 2, 3]]


def test_display_widths_align_japanese_cells() -> None:
    assert cell_width("問い合わせ") == 10
    assert cell_width("ｶﾅ") == 2  # halfwidth katakana: one cell each
    assert cell_width("e\u0301") == 1  # a combining accent takes none
    table = Table(
        "T", [Column("段階", False), Column("件数")], [["問い合わせ", "1,545"], ["a", "6"]]
    )
    text = render_terminal(Document("t", [], [table]), Style("JPY", 0))
    rows = [line for line in text.splitlines() if line.endswith(("1,545", "6"))]
    assert {cell_width(row) for row in rows} == {cell_width("  問い合わせ   1,545")}


def test_status_has_a_mark_and_a_colour_only_when_asked() -> None:
    table = Table(
        "Status",
        [Column("Stage", False), Column("Status", False)],
        [["a", Status("on_track", "on track")], ["b", Status("behind", "behind")]],
    )
    document = Document("t", [], [table])
    plain = render_terminal(document, Style("JPY", 0))
    assert "● on track" in plain and "✕ behind" in plain and "\x1b" not in plain
    coloured = render_terminal(document, Style("JPY", 0), color=True)
    assert "\x1b[32m● on track\x1b[39m" in coloured and "\x1b[31m✕ behind\x1b[39m" in coloured
    assert ANSI.sub("", coloured) == plain


def test_prose_wraps_only_on_a_terminal() -> None:
    note = "After the period the funnel goes on: 2027-10 is assumed to bring the average revenue."
    document = Document("t", [], [Notes("Notes", [note])])
    piped = render_terminal(document, Style("JPY", 0), width=40)
    assert f"  - {note}" in piped.splitlines()
    screen = render_terminal(document, Style("JPY", 0), width=40, wrap=True)
    lines = screen.splitlines()[3:]
    assert all(cell_width(line) <= 40 for line in lines)
    assert all(line.startswith("    ") for line in lines[1:])  # hanging indent under the text
    assert " ".join(line.strip() for line in lines) == f"- {note}"


def test_japanese_wraps_between_characters_but_not_before_punctuation() -> None:
    lines = _wrapped("問い合わせ、リード、商談の順に進みます。", 12, "", "")
    assert "".join(lines) == "問い合わせ、リード、商談の順に進みます。"
    assert all(cell_width(line) <= 12 for line in lines)
    assert not any(line.startswith(("、", "。")) for line in lines)
    # a range and a bracket stay with what they open: 2027-03〜2027-05, （大企業）
    lines = _wrapped("期間は2027-03〜2027-05（大企業）です", 16, "", "")
    assert not any(line.endswith(("〜", "（")) for line in lines)


@given(
    st.lists(
        st.sampled_from(["a", "bb", "deal", "¥1,000", "問い合わせ", "リード", "、"]), max_size=30
    )
)
def test_wrapping_keeps_every_word_and_fits(words: list[str]) -> None:
    text = " ".join(words)
    lines = _wrapped(text, 12, "", "")
    joined = " ".join(lines)
    assert joined.replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing cut
    for line in lines:
        assert cell_width(line) <= 12 or " " not in line  # only a single unit may overflow


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        cwd=ROOT,
        env={**base, "LANG": "C.UTF-8", "COLUMNS": "160", **env},
        encoding="utf-8",
        check=False,
    )


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    command = ("-m", "funnelplan", "gap", "plans/example-en.yaml")
    assert "\x1b[" not in _cli(*command).stdout  # a pipe: no escape codes
    forced = _cli(*command, FORCE_COLOR="1").stdout
    assert "\x1b[33m▲ at risk\x1b[39m" in forced
    assert "\x1b[" not in _cli(*command, FORCE_COLOR="1", NO_COLOR="1").stdout


@pytest.mark.parametrize("chosen", ["table", "markdown", "json", "csv"])
def test_no_format_imports_rich(chosen: str) -> None:
    done = _cli(
        "-X", "importtime", "-m", "funnelplan", "target", "plans/example.yaml", "-f", chosen
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert not {name for name in imported if name == "rich" or name.startswith("rich.")}


def test_piped_output_has_one_line_a_note(tmp_path: Path) -> None:
    done = _cli("-m", "funnelplan", "target", "plans/example-en.yaml", COLUMNS="60")
    notes = done.stdout.split("\nNotes\n")[1].split("\n\n")[0].splitlines()
    assert all(line.startswith("  - ") for line in notes)  # no continuation lines
    assert all(line == line.rstrip() for line in done.stdout.splitlines())


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_numbers_group_as_before(number: int) -> None:
    from fractions import Fraction

    from funnelplan.views.display import format_count, format_money

    # the whole-number shortcut gives Python's own grouping, as the Fraction path did
    assert format_count(Fraction(number), Style("JPY", 0)) == f"{number:,}"
    sign = "-" if number < 0 else ""
    assert format_money(Fraction(number), Style("JPY", 0)) == f"{sign}¥{abs(number):,}"


@given(
    st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=16),
    st.integers(min_value=20, max_value=200),
    st.integers(min_value=0, max_value=3),
)
def test_folds_show_every_column_once_in_order_and_fit(
    widths: list[int], room: int, labels: int
) -> None:
    numeric = [index >= labels for index in range(len(widths))]
    groups = folds(widths, numeric, room)
    key_size = len(groups[0]) if len(groups) == 1 else _common_prefix(groups)
    shown = [column for group in groups for column in group[key_size:]]
    assert groups[0][:key_size] + shown == list(range(len(widths)))
    for group in groups:
        size = sum(widths[c] for c in group) + 3 * len(group)
        # a fold fits, or it is the labels and one column that cannot fit anywhere
        assert size <= room or len(group) - key_size <= 1


def _balanced_by_programme(
    widths: list[int], key: list[int], rest: list[int], room: int
) -> list[list[int]]:
    """The fold split as the renderer first took it: a dynamic programme over every (start, end)
    pair, each suffix at its own best, ties to the later cut (earlier folds fuller)."""
    base = sum(widths[c] for c in key) + 3 * len(key)
    prefix = [0]
    for column in rest:
        prefix.append(prefix[-1] + widths[column] + 3)

    def cost(start: int, end: int) -> int:
        size = base + prefix[end] - prefix[start]
        return size if size <= room or end - start == 1 else 10**9

    count = len(rest)
    groups, start = 1, 0
    for end in range(1, count + 1):
        if end - start > 1 and base + prefix[end] - prefix[start] > room:
            groups, start = groups + 1, end - 1
    widest = [cost(i, count) if i < count else 0 for i in range(count + 1)]
    cuts: list[list[int]] = [[count] for _ in range(count + 1)]
    for made in range(2, min(groups, count) + 1):
        next_widest, next_cuts = list(widest), list(cuts)
        for i in range(count - made + 1):
            best, chosen = 10**9, cuts[i]
            for j in range(i + 1, count - made + 2):
                candidate = max(cost(i, j), widest[j])
                if candidate <= best:
                    best, chosen = candidate, [j, *cuts[j]]
            next_widest[i], next_cuts[i] = best, chosen
        widest, cuts = next_widest, next_cuts
    bounds = [0, *cuts[0]]
    return [rest[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]


@given(
    st.lists(st.integers(min_value=1, max_value=40), min_size=2, max_size=40),
    st.integers(min_value=10, max_value=240),
    st.integers(min_value=1, max_value=3),
)
def test_the_fold_split_is_the_dynamic_programme_s(
    widths: list[int], room: int, labels: int
) -> None:
    key, rest = list(range(min(labels, len(widths) - 1))), list(range(labels, len(widths)))
    if not rest:
        return
    assert _balanced(widths, key, rest, room) == _balanced_by_programme(widths, key, rest, room)


def _common_prefix(groups: list[list[int]]) -> int:
    size = 0
    while all(len(g) > size and g[size] == groups[0][size] for g in groups):
        size += 1
    return size


EXCERPT = re.compile(
    r"<!-- excerpt: COLUMNS=(\d+) funnelplan ([^>]*?) -->\n```text\n(.*?)```\n", re.S
)


def test_docs_excerpts_are_real_output() -> None:
    """docs/output.md shows parts of real output at a given width: each is a run of its lines."""
    page = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    excerpts = EXCERPT.findall(page)
    assert len(excerpts) >= 2
    for columns, command, shown in excerpts:
        done = _cli("-m", "funnelplan", *command.split(), COLUMNS=columns, NO_COLOR="1")
        assert done.returncode == 0, done.stderr
        assert shown in done.stdout, f"docs/output.md: the excerpt of `{command}` is stale"


_TEXT = st.text(alphabet=st.sampled_from(list("ab 問い合わせ、。（）-¥1")), max_size=30)


@given(
    title=_TEXT,
    headers=st.lists(_TEXT, min_size=1, max_size=6),
    rows=st.lists(st.lists(_TEXT, min_size=6, max_size=6), max_size=5),
    numbers=st.lists(st.integers(min_value=-(10**9), max_value=10**9), min_size=5, max_size=5),
    width=st.integers(min_value=20, max_value=120),
    wrap=st.booleans(),
)
def test_any_table_has_no_trailing_space_and_whole_numbers(
    title: str,
    headers: list[str],
    rows: list[list[str]],
    numbers: list[int],
    width: int,
    wrap: bool,
) -> None:
    from fractions import Fraction

    from funnelplan.views.document import Count

    columns = [Column(header or "x", index > 0) for index, header in enumerate(headers)]
    body: list[list] = [  # type: ignore[type-arg]
        [row[0], *(Count(Fraction(n)) for n in numbers[: len(columns) - 1])] for row in rows
    ]
    table = Table(title, columns, body, total_rows=min(1, len(body)))
    text = render_terminal(
        Document(title, [("a", title)], [table], [title]), Style("JPY", 0), width=width, wrap=wrap
    )
    assert all(line == line.rstrip() for line in text.splitlines())
    for row in body:
        for cell in row[1:]:
            assert f"{cell.value.numerator:,}" in text


@given(st.integers(-(10**15), 10**15), st.booleans(), st.sampled_from([None, 0, 1, 2]))
def test_a_count_cell_reads_as_format_count_says(
    value: int, signed: bool, places: int | None
) -> None:
    # format_cell formats a whole count itself (the table's usual cell): the same text
    from fractions import Fraction

    from funnelplan.views.display import format_count
    from funnelplan.views.document import Count

    style = Style("JPY", 0)
    for number in (Fraction(value), Fraction(value, 7)):
        assert format_cell(Count(number, signed, places), style) == format_count(
            number, style, signed, places
        )
