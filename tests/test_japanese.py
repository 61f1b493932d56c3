"""Japanese end to end (issue 11, item 2): every command's --help, every report in every format,
usage mistakes and `init`, under `--lang ja` or a Japanese LANG.

The walk fails on an English word left in Japanese output and on an ASCII separator where Japanese
has its own (、 for lists, 〜 for ranges, ： after a label, （） around a note). What may stay as
written is allowed: the plan's own text (its keys and values, ids, labels, the title), the
exports' own column names, file names, option names and their values, format names, code spans
and the command lines of the examples. English output, likewise, holds no Japanese but the plan's.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from runner import PLANS, ROOT

# words that read the same in Japanese text: acronyms and names
SAME_IN_JAPANESE = {
    "KGI",
    "SLA",
    "CRM",
    "CAC",
    "ROI",
    "ID",
    "OK",
    "B2B",
    "JSON",
    "Schema",
    "YAML",
    "CSV",
}
# Japanese an English report means to show: a gloss of the word Japanese teams use
GLOSSES = ("(個人予算)",)
COMMANDS = {"target", "gap", "check", "schema", "init", "actuals", "whatif", "assess"}
FORMATS = ("table", "markdown", "html")
REPORTS = [
    ("target", "example.yaml"),
    ("target", "example-teams.yaml"),
    ("target", "example-en.yaml"),
    ("target", "example.yaml", "--segment", "enterprise"),
    ("gap", "example.yaml"),
    ("gap", "example-teams.yaml"),
    ("gap", "example-en.yaml"),
    ("gap", "example-crm.yaml"),
    ("actuals", "example-crm.yaml", "--cohort"),
    ("target", "example-capacity.yaml", "--hire"),
    ("gap", "example-capacity.yaml", "--actuals", "tests/data/capacity-actuals.csv"),
    ("whatif", "example-scenarios.yaml"),
    ("whatif", "example-scenarios.yaml", "--scenario", "stretch", "--cap", "inquiry=150"),
    ("sensitivity", "sensitivity.yaml", "--actuals", "plans/sensitivity-actuals.csv"),
]


def run(*args: str | os.PathLike[str], lang: str = "C.UTF-8", cwd: Path = ROOT) -> tuple[int, str]:
    """The command line in this process with LANG set: exit code, stdout and stderr together."""
    from funnelplan.cli.app import main

    saved_env, saved_argv, saved_cwd = dict(os.environ), sys.argv, os.getcwd()
    os.environ.update({"NO_COLOR": "1", "COLUMNS": "160", "LANG": lang})
    for variable in ("LC_ALL", "LC_MESSAGES"):
        os.environ.pop(variable, None)
    out = io.StringIO()
    code = 0
    try:
        os.chdir(cwd)
        sys.argv = ["funnelplan", *map(str, args)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                main()
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 0
    finally:
        os.chdir(saved_cwd)
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_env)
    return code, out.getvalue()


def _plan_text(path: Path) -> list[str]:
    """Every string the plan writes (keys and values), longest first, and its exports' headers."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(key)
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif isinstance(value, str):
            found.add(value)

    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    walk(plan)
    actuals = plan.get("actuals")
    if isinstance(actuals, dict):
        for export in (actuals, actuals.get("revenue") or {}):
            if "file" in export:
                raw = (path.parent / export["file"]).read_bytes()
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = raw.decode("cp932")
                found.update(next(csv.reader(io.StringIO(text))))
    return sorted(found, key=len, reverse=True)


def _visible(text: str, fmt: str) -> str:
    if fmt == "html":
        text = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", text)
        text = html.unescape(re.sub(r"(?s)<[^>]+>", " ", text))
    if fmt == "markdown":
        text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text)  # markdown's escapes
    return text


def _without(text: str, kept: list[str]) -> str:
    """The text with what may stay as written taken out (each piece becomes a space)."""
    text = re.sub(r"`[^`\n]*`", " ", text)  # code spans
    text = re.sub(r"[\w./-]+\.(?:csv|yaml|yml|xlsx|json|md|html|txt)\b", " ", text)  # files
    text = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", text)  # options
    text = re.sub(r"'[^'\n]*'|\butf-8(?:-sig)?\b|\bcp932\b", " ", text)  # quoted cells, encodings
    for piece in kept:  # the plan's own text: an ASCII word only where it stands whole
        if piece.isascii():
            text = re.sub(rf"(?<![A-Za-z_-]){re.escape(piece)}(?![A-Za-z_]|-[A-Za-z])", " ", text)
        else:
            text = text.replace(piece, " ")
    return text


# a word of letters; letters run into digits (P90, a record id such as L10042) are a code, not a word
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z'-]*(?![A-Za-z0-9])")
_ASCII_SEPARATOR = re.compile(
    r"[^\x00-\x7f][,:;] ?|[,:;] ?[^\x00-\x7f]|\D, \D| – |[^\x00-\x7f] ?\(|\) ?[^\x00-\x7f]"
)
_JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _english_words(text: str, allowed: set[str]) -> list[str]:
    return sorted(
        {word for word in _ENGLISH_WORD.findall(text) if word not in allowed | SAME_IN_JAPANESE}
    )


def _ascii_separators(text: str) -> list[str]:
    return [text[max(m.start() - 8, 0) : m.end() + 8] for m in _ASCII_SEPARATOR.finditer(text)]


# the CRM evidence: its English reports show the export's own (Japanese) cells, so only here
EVIDENCE = [
    ("review", "example-review.yaml"),
    ("review", "example-review.yaml", "--by", "source", "--by", "owner"),
    ("calibrate", "example-review.yaml"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("report", REPORTS + EVIDENCE, ids=lambda r: "-".join(r))
def test_every_report_reads_as_japanese(report: tuple[str, ...], fmt: str) -> None:
    command, plan, *extra = report
    code, out = run(command, PLANS / plan, *extra, "-f", fmt, "--lang", "ja")
    assert code == 0, out
    rest = _without(_visible(out, fmt), _plan_text(PLANS / plan))
    assert _english_words(rest, COMMANDS) == [], rest
    assert _ascii_separators(rest) == [], rest


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("report", REPORTS, ids=lambda r: "-".join(r))
def test_every_report_in_english_holds_no_japanese_words_of_ours(
    report: tuple[str, ...], fmt: str
) -> None:
    command, plan, *extra = report
    code, out = run(command, PLANS / plan, *extra, "-f", fmt, "--lang", "en")
    assert code == 0, out
    rest = _without(_visible(out, fmt), [*_plan_text(PLANS / plan), *GLOSSES])
    assert _JAPANESE.findall(rest) == [], rest


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("report", REPORTS, ids=lambda r: "-".join(r))
def test_machine_formats_do_not_depend_on_the_language(report: tuple[str, ...], fmt: str) -> None:
    command, plan, *extra = report
    english = run(command, PLANS / plan, *extra, "-f", fmt, "--lang", "en")
    japanese = run(command, PLANS / plan, *extra, "-f", fmt, "--lang", "ja")
    assert english[0] == 0 and english == japanese


def _sheet_text(path: Path) -> list[str]:
    """Every cell of an answers sheet (cp932): the team names people wrote stay as written."""
    rows = csv.reader(io.StringIO(path.read_bytes().decode("cp932")))
    return sorted({cell for row in rows for cell in row if cell}, key=len, reverse=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_assessment_reads_as_japanese_and_english(fmt: str) -> None:
    sheet = PLANS / "example-assessment.csv"
    kept = _sheet_text(sheet)
    code, out = run("assess", sheet, "-f", fmt, "--lang", "ja")
    assert code == 0, out
    rest = re.sub(r"\b[A-Z]\d+\b", " ", _without(_visible(out, fmt), kept))  # statement ids: H2
    assert _english_words(rest, {"funnelplan"}) == [], rest
    assert _ascii_separators(rest) == [], rest
    code, out = run("assess", sheet, "-f", fmt, "--lang", "en")
    assert code == 0 and _JAPANESE.findall(_without(_visible(out, fmt), kept)) == []


def test_a_japanese_lang_is_enough() -> None:
    code, out = run("target", PLANS / "example-en.yaml", lang="ja_JP.UTF-8")
    assert code == 0 and "期間：" in out and "チーム別の月次目標" in out
    code, out = run("check", PLANS / "example.yaml", lang="ja_JP.UTF-8")
    assert (code, out) == (0, f"{PLANS / 'example.yaml'}：OK（4段階、2027-04〜2027-09）\n")


# --- help -------------------------------------------------------------------------------------


def _commands() -> list[str]:
    from funnelplan.cli.app import command_for

    return sorted(command_for("en").commands)


def _help_allowed() -> set[str]:
    """Option values, parameter names and the keys and words help quotes as they are typed."""
    from funnelplan.cli.app import GapRates, command_for
    from funnelplan.formats import Format

    allowed = {"funnelplan", "plain", "auto", "en", "ja", "id", "label", "locale", "LANG", "B"}
    allowed |= {"thresholds", "behind", "at_risk", "actuals"}
    allowed |= {str(choice.value) for choice in [*Format, *GapRates]}
    group = command_for("en")
    allowed |= set(group.commands)
    for command in [group, *group.commands.values()]:
        for param in command.params:
            allowed.add(str(param.name))
            kind = getattr(param, "type", None)
            allowed.update(str(choice) for choice in getattr(kind, "choices", ()) or ())
    return allowed


def _help_rest(out: str) -> str:
    """The help with example command lines, metavars and ids taken out."""
    lines = [line for line in out.splitlines() if not line.strip().startswith("funnelplan ")]
    text = re.sub(r"(-\w), (--)", r"\1 \2", "\n".join(lines))  # click's `-f, --format`
    text = _without(text, [])
    text = re.sub(r"<[^>]*>|\{[^}]*\}|\[[^\]]*\]|\b[A-Z][A-Z_]*\b", " ", text)
    return re.sub(r"\b\w+_\w+\b|\.\w+\b", " ", text)  # ids (plan_path), extensions (.csv)


@pytest.mark.parametrize("how", ["--lang", "LANG"])
@pytest.mark.parametrize("command", [None, *_commands()])
def test_every_help_reads_as_japanese(command: str | None, how: str) -> None:
    from funnelplan.cli.app import command_for

    args = [command] if command else []
    takes_lang = command and any(
        param.name == "lang" for param in command_for("en").commands[command].params
    )
    if how == "--lang" and takes_lang:
        code, out = run(*args, "--help", "--lang", "ja")
    else:
        code, out = run(*args, "--help", lang="ja_JP.UTF-8")
    assert code == 0, out
    assert out.startswith("使い方：funnelplan")
    rest = _help_rest(out)
    shown_choices = {  # an option's values as click lists them: <table|markdown|...>
        choice
        for group in re.findall(r"[<\[]([^>\]]*\|[^>\]]*)[>\]]", out)
        for choice in group.split("|")
    }
    assert _english_words(rest, _help_allowed() | shown_choices) == [], out
    assert _ascii_separators(rest) == [], out
    if command:
        assert "例：" in out


def test_every_command_and_option_has_its_japanese_help() -> None:
    from funnelplan.cli.app import command_for
    from funnelplan.cli.help_ja import missing_entries

    assert missing_entries(command_for("en")) == [], "add them to funnelplan/cli/help_ja.py JA"


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_one_real_example_that_runs(command: str, tmp_path: Path) -> None:
    """The example in the help runs as written, from a folder holding the example plans."""
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    for language in ("C.UTF-8", "ja_JP.UTF-8"):
        code, out = run(command, "--help", lang=language)
        examples = [
            line.strip() for line in out.splitlines() if line.strip().startswith("funnelplan ")
        ]
        assert len(examples) == 1, out
        words = examples[0].split()
        assert words[1] == command
        words = words[1 : words.index(">")] if ">" in words else words[1:]
        if command == "init":
            words = [word if word != "plan.yaml" else f"{language[:2]}-plan.yaml" for word in words]
        code, out = run(*words, cwd=tmp_path)
        assert code == 0, (examples[0], out)


def test_command_summaries_are_whole() -> None:
    """Each command's summary is its help's first paragraph, never cut at ~45 characters."""
    from funnelplan.cli.app import command_for

    for language in ("C.UTF-8", "ja_JP.UTF-8"):
        _code, out = run("--help", lang=language)
        listing = "".join(out.split("\n\n")[-1].split())  # wrapped lines joined again
        assert "..." not in listing
        group = command_for("ja" if language.startswith("ja") else "en")
        for sub in group.commands.values():
            assert "".join(sub.short_help.split()) in listing


def test_english_help_stays_english() -> None:
    _code, out = run("target", "--help")
    assert out.startswith("Usage: funnelplan target")
    money_units = re.sub(
        r"1億2,000万円|百万円|千円|万円|億円|円", " ", out
    )  # --money-unit's choices
    assert _JAPANESE.findall(money_units) == []


# --- usage mistakes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["target", "plans/example.yaml", "extra", "more"], "余分な引数があります：extra、more"),
        (["target", "plans"], "plans はファイルではなくフォルダです"),
        (["--version=3"], "オプション --version には値を付けられません"),
        (["target", "plans/example.yaml", "--bogus"], "そのようなオプションはありません"),
        (["target"], "指定がありません"),
        (["target", "plans/example.yaml", "-f", "bogus"], "table、markdown、csv、json、html"),
        (["tagret"], "コマンド：actuals、"),
    ],
)
def test_usage_mistakes_in_japanese(args: list[str], words: str) -> None:
    code, out = run(*args, lang="ja_JP.UTF-8")
    assert code == 2
    assert words in out
    assert out.endswith("funnelplan: 問題が 1 件あります。何も書き出していません\n")
    assert "Traceback" not in out


def test_the_bare_command_is_japanese_help_on_stderr_and_exit_2() -> None:
    code, out = run(lang="ja_JP.UTF-8")
    assert code == 2 and out.startswith("使い方：funnelplan")


# --- init --------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["--lang", "LANG"])
def test_init_writes_a_japanese_starter_plan_that_checks_and_runs(how: str, tmp_path: Path) -> None:
    args = ["init", tmp_path / "plan.yaml"]
    code, out = run(*args, "--lang", "ja") if how == "--lang" else run(*args, lang="ja_JP.UTF-8")
    assert code == 0 and "を書き出しました" in out
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "label: 問い合わせ" in text and "label: 受注" in text and "円" in text
    comments = [line.split("#", 1)[1] for line in text.splitlines()[1:] if "#" in line]
    assert comments and all(_JAPANESE.search(comment) for comment in comments), comments
    assert run("check", tmp_path / "plan.yaml")[0] == 0
    code, out = run("target", tmp_path / "plan.yaml")  # locale: ja, whatever LANG says
    assert code == 0 and "インサイドセールス" in out and "1億2,000万円" in out
    funnel = yaml.safe_load(text)["funnel"]
    assert [stage["label"] for stage in funnel] == ["問い合わせ", "リード", "商談", "受注"]


def test_init_stays_english_by_default(tmp_path: Path) -> None:
    code, out = run("init", tmp_path / "plan.yaml")
    assert code == 0 and out.startswith("wrote ")
    assert "label: Inquiries" in (tmp_path / "plan.yaml").read_text(encoding="utf-8")


def test_the_docs_show_the_japanese_starter_plan_as_init_writes_it() -> None:
    from funnelplan.cli.starter import STARTER_PLAN_JA

    page = (ROOT / "docs" / "japanese.md").read_text(encoding="utf-8")
    assert f"```yaml\n{STARTER_PLAN_JA}```" in page


def test_one_word_for_a_funnel_stage() -> None:
    """段階 everywhere: ステージ only for a CRM preset's own stages (HubSpot's ライフサイクルステージ)."""
    from funnelplan.i18n.problems import catalogue
    from funnelplan.i18n.words import _catalogues

    words = [*catalogue("ja").items(), *_catalogues()["ja"].items()]
    stray = [
        code
        for code, text in words
        if "ステージ" in text and not ("preset" in text or "プリセット" in text)
    ]
    assert stray == []
