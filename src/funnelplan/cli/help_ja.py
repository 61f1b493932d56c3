"""`--help` in Japanese: every command's and option's help, click's own headings, a wrap by cells.

Typer builds its click commands when the app runs, from the help written in cli/app.py and
cli/options.py (English). Under `--lang ja` or a Japanese LANG, `main()` hands the built command to
`in_japanese` before it runs: each command's help and each parameter's help are replaced from `JA`
below (keyed `command` and `command.parameter`, `*.parameter` for the options every command shares)
and every command gets a formatter that writes click's headings in Japanese (使い方、引数、
オプション、コマンド) and wraps by display cells (a Japanese character is two). Only imported
under Japanese: English help costs nothing more. tests/test_japanese_help.py fails on a command or
option with no entry here, and on English left in the Japanese help.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

EXAMPLE = "例："

JA: dict[str, str] = {
    # the app
    "funnelplan": "B2B の売上目標を逆算し、各チームの月次の目標件数にします。",
    "funnelplan.version": "バージョンを表示して終了します。",
    "funnelplan.install_completion": "いまのシェルに補完を組み込みます。",
    "funnelplan.show_completion": "いまのシェルの補完スクリプトを表示します（写して組み込むとき）。",
    # options every report command shares (cli/options.py)
    "*.plan_path": "計画ファイル（YAML）。",
    "*.output_format": "出力形式（既定：table。-o があればそのファイルの拡張子から）。",
    "*.output": "ファイルに書き出します（途中で失敗しても壊れません）。拡張子 .txt .md .csv .json .html で形式が決まります。",
    "*.lang": "レポートの言語（既定：計画の locale、なければ LANG、なければ en）。",
    "*.money_unit": "金額の表示：plain、auto（1億2,000万円）、円、千円、万円、百万円、億円。",
    # target
    "target": (
        "計画を逆算し、各チームが約束する月次の件数を出します。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan target plans/example.yaml --format markdown -o plan.md"
    ),
    "target.segment": "1 つのセグメントを 1 つの計画として表示します（ファネル、月、1人あたり）。id か label で指定します。",
    # gap
    "gap": (
        "実績を計画と比べます。差異、その要因、残りの月に必要な数を出します。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan gap plans/example.yaml --as-of 2027-06"
    ),
    "gap.actuals": "実績ファイル（CSV か YAML）。既定は計画の `actuals:`。",
    "gap.as_of": "この月まで比べます（既定：実績のある最後の月）。",
    "gap.rates": "挽回計画を計画の転換率（plan）か、累計の実績転換率（actual）で計算します。",
    "gap.encoding": "実績 CSV の文字コード（既定：自動判定）。",
    "gap.fail_if_behind": "累計の売上が「遅れ」（thresholds.behind、85% 未満）なら終了コード 3 で終わります。",
    "gap.fail_if_at_risk": "累計の売上が「要注意」か「遅れ」（thresholds.at_risk、95% 未満）なら終了コード 3 で終わります。",
    # check
    "check": (
        "計画を検証します。問題をすべて表示するか、OK と表示します。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan check plans/example.yaml"
    ),
    # schema
    "schema": (
        "計画の JSON Schema を表示します（エディタが計画の補完と検証に使います）。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan schema > plan.schema.json"
    ),
    # init
    "init": (
        "コメント付きのひな形の計画を書き出します（既存のファイルは上書きしません）。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan init plan.yaml --lang ja"
    ),
    "init.path": "ひな形の計画を書き出す場所。",
    "init.lang": "ひな形の言語（既定：LANG、なければ en）。",
    # actuals
    "actuals": (
        "計画に対応付けた CRM エクスポートを月次実績（`gap` が読むもの）に集計し、データ品質も示します。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan actuals plans/example-crm.yaml --cohort"
    ),
    "actuals.cohort": "作成月ごとのレコード数と、それぞれどこまで進んだかも表示します。",
    # options of the levers and capacity (cli/options.py, cli/app.py)
    "*.sets": (
        "`KEY=VALUE`：計画の値を 1 つ変えます（例：`funnel.appointment.rate=30%`）。"
        "繰り返し指定でき、計画の値と同じように読んで検証します。"
    ),
    "*.scenario": "計画の `scenarios:` のシナリオを適用します（繰り返し指定可：指定した順に適用し、同じキーはあとのものが優先。そのあとに --set）。",
    "target.hire": "どの月も人員の上限を超えないよう、最少の採用を、それぞれできるだけ遅い月で提案します。",
    "*.headers": "CSV の列名：ids（段階の id。機械向け）か labels（段階の label。人向け）。",
    # assess
    "assess": (
        "営業とマーケティングの連携度を評価し、チームごとのタイプと差を示します。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan assess plans/example-assessment.csv --lang ja"
    ),
    "assess.answers": "回答シート（CSV：--template で書き出したシートか、フォームのエクスポート）。",
    "assess.statements": "独自の設問ファイル（YAML。既定：funnelplan の設問）。",
    "assess.template": "空の回答シートを書き出します（-o のファイルか標準出力へ）。",
    "assess.interactive": "端末で回答します。あなたの行を回答シートに加えます。",
    "assess.team": "--interactive で回答する人のチーム（例：営業）。",
    "assess.team_column": "回答のチーム列（既定：team、チーム、所属）。",
    "assess.skip_incomplete": "空欄や無効な回答のある行を除いて（件数は数えて）集計します。",
    "assess.encoding": "回答シートの文字コード（既定：自動判定）。",
    # whatif
    "whatif": (
        "シナリオを計画と比べます。上限（--cap）があれば、KGI に届くために何を変えるべきかを解きます。\n\n"
        f"{EXAMPLE}\n\n\b\n"
        "  funnelplan whatif plans/example-scenarios.yaml --scenario stretch --cap inquiry=150"
    ),
    "whatif.scenarios": "表示する計画の `scenarios:` のシナリオ（繰り返し指定可。既定：すべて）。",
    "whatif.caps": "`STAGE=N`：その段階は月に `N` まで。KGI に届くよう、各レバーを 1 つずつ解きます（繰り返し指定可）。",
    # odds, sensitivity
    "target.confidence": "KGI に届く確率が少なくともこの値になるよう計画を組みます（例：80%）。",
    "sensitivity": (
        "各レバーを、動かせる最初の月から 1 段階ずつ上げたとき、期間内に増える売上を順に並べます。"
        "担当チームと売上が出る最初の月も示します。\n\n"
        f"{EXAMPLE}\n\n\b\n"
        "  funnelplan sensitivity plans/sensitivity.yaml --actuals plans/sensitivity-actuals.csv"
    ),
    "sensitivity.actuals": "実績（CSV、YAML、XLSX）：実績のある最後の月の翌月から動かします。",
    "sensitivity.step": "各レバーを上げる幅（既定：10%）。",
    "sensitivity.pace": "後の月のファネル最上段の件数：計画の値か、累計の平均か。",
    # review, calibrate
    "review": (
        "リードの質を流入元（または任意の列）ごとに、完了したコホートの転換率と、測った SLA で示します。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan review plans/example-review.yaml --by source --from 2026-10"
    ),
    "review.by": "この属性（対応付けの `attributes:`）か列でまとめます。2 回指定するとクロス表になります。",
    "review.start": "この月からファネルに入ったレコード。",
    "review.end": "この月までにファネルに入ったレコード。",
    "calibrate": (
        "CRM の履歴から転換率、リードタイム、顧客単価、月の重みを提案し、計画の値と並べます。\n\n"
        f"{EXAMPLE}\n\n\b\n  funnelplan calibrate plans/example-review.yaml"
    ),
    "calibrate.months": "エクスポートの直近 `N` か月を使います（既定：すべて）。",
    "calibrate.write": "提案した値の計画をファイルに書き出します（既存のファイルは上書きしません）。",
    # the help option click adds to every command
    "*.help": "このヘルプを表示して終了します。",
}

HEADINGS = {"Arguments": "引数", "Options": "オプション", "Commands": "コマンド"}

# click's and Typer's own words inside a parameter's help (Typer 0.15 writes `\[required]`)
_REQUIRED = re.compile(r"\\?\[required\]")
_DEFAULT = re.compile(r"\\?\[default: ([^\]]*)\]")
# the value's kind, as click (TEXT) and newer Typer (<str>) name it, and the usage line's words
METAVARS = {
    "TEXT": "文字",
    "PATH": "パス",
    "FILE": "ファイル",
    "INTEGER": "整数",
    "MONTH": "月",
    "COLUMN": "列",
    "<str>": "<文字>",
    "<path>": "<パス>",
    "<file>": "<ファイル>",
    "<int>": "<整数>",
    "[OPTIONS]": "[オプション]",
    "COMMAND": "コマンド",
    "[ARGS]...": "[引数]...",
}
_METAVAR = re.compile(
    "|".join(
        rf"(?<![\w<]){re.escape(word)}(?![\w>])" if word.isalpha() else re.escape(word)
        for word in METAVARS
    )
)


def help_key(command: str, parameter: str | None = None) -> str:
    return command if parameter is None else f"{command}.{parameter}"


def in_japanese(command: Any) -> Any:
    """The built click command with its help in Japanese (the group and every subcommand)."""
    _translate(command, "funnelplan", is_group=True)
    for name, sub in getattr(command, "commands", {}).items():
        _translate(sub, name, is_group=False)
    return command


def missing_entries(command: Any) -> list[str]:
    """The commands and parameters with no Japanese help (the test's view of `JA`)."""
    missing = []
    for name, sub in [("funnelplan", command), *getattr(command, "commands", {}).items()]:
        if name not in JA:
            missing.append(name)
        for param in sub.params:
            described = getattr(param, "help", None) is not None or _is_argument(param)
            if described and _lookup(name, param.name) is None:
                missing.append(help_key(name, param.name))
    return missing


def _lookup(command: str, parameter: str | None) -> str | None:
    return JA.get(help_key(command, parameter)) or JA.get(f"*.{parameter}")


def _is_argument(param: Any) -> bool:
    return type(param).__name__.endswith("Argument")


def _translate(command: Any, name: str, *, is_group: bool) -> None:
    text = JA.get(name)
    if text is not None:
        command.help = text
        command.short_help = text.split("\n\n")[0]
    for param in command.params:
        words = _lookup(name, param.name)
        if words is not None and hasattr(param, "help"):
            param.help = words
    context = command.context_class
    command.context_class = type(
        "JapaneseContext",
        (context,),
        {"formatter_class": _japanese_formatter(context.formatter_class)},
    )
    original = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            option.help = JA["*.help"]
        return option

    command.get_help_option = get_help_option


def cells(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


_NO_LINE_START = set("、。，．）」』：；！？ー")


def wrap_cells(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells, broken at a space or between wide characters.

    Never starts a line with 、。） and the like, and never splits a run of ASCII (an option, a
    file name, a number).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        tokens = re.findall(r"[!-~]+|\s+|.", paragraph)  # ASCII runs whole, wide chars one by one
        line = ""
        for token in tokens:
            if token.isspace():
                if line and cells(line) + 1 <= width:
                    line += " "
                continue
            if line and cells(line) + cells(token) > width and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = ""
            line += token
        lines.append(line.rstrip())
    return lines


def _japanese_formatter(base: type) -> type:
    """click's HelpFormatter with Japanese headings, click's own phrases and a wrap by cells."""

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        self.write(f"{'':>{self.current_indent}}使い方：{prog} {_metavars(args)}\n")

    def write_heading(self: Any, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_text(self: Any, text: str) -> None:
        indent = " " * self.current_indent
        blocks = []
        for paragraph in text.split("\n\n"):
            if paragraph.startswith("\b"):  # click's mark: a paragraph kept as written
                lines = paragraph.removeprefix("\b").strip("\n").split("\n")
            else:
                lines = wrap_cells(" ".join(paragraph.split()), self.width - len(indent))
            blocks.append("\n".join(indent + line for line in lines))
        self.write("\n\n".join(blocks) + "\n")

    def write_dl(self: Any, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_metavars(first), _phrases(second)) for first, second in rows]
        first_col = min(max((cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_cells(second, max(self.width - first_col - self.current_indent, 20))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")

    return type(
        "JapaneseHelpFormatter",
        (base,),
        {
            "write_usage": write_usage,
            "write_heading": write_heading,
            "write_text": write_text,
            "write_dl": write_dl,
        },
    )


def _metavars(text: str) -> str:
    return _METAVAR.sub(lambda found: METAVARS[found.group(0)], text)


def _phrases(text: str) -> str:
    """click's and Typer's words in a parameter's help: [required], [default: x]."""
    text = _REQUIRED.sub("［必須］", text)
    return _DEFAULT.sub(lambda found: f"［既定：{found.group(1)}］", text)
