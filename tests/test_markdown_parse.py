"""The markdown output is valid GFM: a real parser finds every table cell as the report holds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from funnelplan.core.commitments import build_target
from funnelplan.formats.markdown import render_markdown
from funnelplan.load.planfile import load_plan
from funnelplan.views.display import format_cell, style_for
from funnelplan.views.document import Table
from funnelplan.views.presentation import Language, presentation_for
from funnelplan.views.target import target_document

PLANS = Path(__file__).parent.parent / "plans"

TRICKY_PLAN = """\
plan: "Q3 | *launch* <b>plan</b> [draft]"
period: {start: 2027-07, end: 2027-09}
kgi: {revenue: 30000000}
deal_size: 1000000
funnel:
  - {id: inquiry, label: "Web | 展示会 *新規*", owner: marketing, rate: 20%}
  - {id: meeting, label: "`商談` <初回>", owner: sales, rate: 30%}
  - {id: deal, label: "# 受注 \\\\ done", owner: sales}
"""


def parsed_tables(markdown: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts, as a GFM parser reads them (escapes resolved)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif (
            token.type == "inline" and tables and token.map is not None and _in_cell(tokens, token)
        ):
            row.append("".join(child.content for child in token.children or []))
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def _in_cell(tokens: list, token: object) -> bool:  # type: ignore[type-arg]
    index = tokens.index(token)
    return index > 0 and tokens[index - 1].type in ("th_open", "td_open")


def expected_tables(document, style) -> list[list[list[str]]]:  # type: ignore[no-untyped-def]
    tables = []
    for block in document.blocks:
        if isinstance(block, Table):
            rows = [[column.header for column in block.columns]]
            rows += [[format_cell(cell, style) for cell in row] for row in block.rows]
            tables.append(rows)
    return tables


@pytest.mark.parametrize("language", [Language.en, Language.ja])
@pytest.mark.parametrize("plan_name", ["example.yaml", "example-en.yaml", "tricky"])
def test_markdown_tables_parse_to_the_report_cells(
    plan_name: str, language: Language, tmp_path: Path
) -> None:
    if plan_name == "tricky":
        path = tmp_path / "tricky.yaml"
        path.write_text(TRICKY_PLAN, encoding="utf-8")
    else:
        path = PLANS / plan_name
    plan = load_plan(path)
    report = build_target(plan)
    shown = presentation_for(plan, language, None)
    style = style_for(report, shown.money_unit, shown.count_unit)
    document = target_document(report, shown.words, style)
    markdown = render_markdown(document, style)
    expected = expected_tables(document, style)
    assert expected, "the report has tables"
    assert parsed_tables(markdown) == expected


def test_user_labels_cannot_break_the_table(tmp_path: Path) -> None:
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY_PLAN, encoding="utf-8")
    plan = load_plan(path)
    report = build_target(plan)
    shown = presentation_for(plan, Language.en, None)
    style = style_for(report, None, "")
    markdown = render_markdown(target_document(report, shown.words, style), style)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<b>" not in html  # no raw HTML from a label
    assert "<em>" not in html  # no emphasis from *...*
    assert "Web | 展示会 *新規*" in parsed_tables(markdown)[0][1][0]
    title_line = markdown.splitlines()[0]
    assert title_line.startswith("# Q3 \\| \\*launch\\*")


def _rendered(command: str, plan: str, language: str = "en") -> str:
    from runner import run_cli

    done = run_cli(command, f"plans/{plan}", "--format", "markdown", "--lang", language)
    assert done.code == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("plan_name", ["example.yaml", "example-en.yaml"])
def test_headline_is_one_sentence_a_list_item(plan_name: str, language: str) -> None:
    from funnelplan.views.gap import headline

    markdown = _rendered("gap", plan_name, language)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    first_list = next(i for i, token in enumerate(tokens) if token.type == "bullet_list_open")
    items, depth = [], 0
    for token in tokens[first_list:]:
        depth += token.nesting if token.type.startswith("bullet_list") else 0
        if token.type == "inline":
            items.append(token.content)
        if depth == 0:
            break
    plan = load_plan(PLANS / plan_name)
    report = funnelplan_gap(plan)
    shown = presentation_for(plan, Language(language), None)
    style = style_for(report, shown.money_unit, shown.count_unit)
    sentences = headline(report, shown.words, style)
    assert len(sentences) >= 2
    assert len(items) == len(sentences)  # one item a sentence, the facts in a list of their own
    html = MarkdownIt("commonmark").render(markdown)
    assert html.count("<ul>") >= 2


def funnelplan_gap(plan):  # type: ignore[no-untyped-def]
    import funnelplan

    return funnelplan.build_gap(plan, funnelplan.read_actuals(PLANS / str(plan.actuals), plan))


@pytest.mark.parametrize("plan_name", ["example.yaml", "example-en.yaml"])
def test_code_spans_render_as_code_without_backslashes(plan_name: str) -> None:
    markdown = _rendered("target", plan_name)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<code>after_period:</code>" in html
    note = next(line for line in html.splitlines() if "after_period" in line)
    assert "\\" not in note and "`" not in note


def test_a_label_in_backticks_stays_literal_in_prose(tmp_path: Path) -> None:
    from funnelplan.formats.markdown import prose

    assert prose("change with `after_period:` in the plan") == (
        "change with `after_period:` in the plan"
    )
    assert prose("`商談` <初回> and *x*") == "\\`商談\\` \\<初回\\> and \\*x\\*"
    assert prose("# `--lang` first") == "\\# `--lang` first"  # a leading # is no heading
    html = MarkdownIt("commonmark").render(prose("`商談` has `x_y` in it"))
    assert "<code>x_y</code>" in html and "`商談`" in html
