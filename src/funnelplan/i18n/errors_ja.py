"""Error messages and hints in Japanese: every English template the code writes, with its Japanese.

Problems are built in English where they are found, so the core stays free of languages; when the
report language is Japanese, `Problem.render("ja")` (and the CLI's summary line) look each text up
here. Keys are the English templates as the code formats them, `{{`/`}}` for a literal brace:

- a `{field}` matches any text and is carried over as written (file names, values, ids, lists:
  what the user wrote stays as it is);
- a field ending in `_msg` is itself a message and must translate too (else the template does
  not match); one ending in `_opt` is translated when an entry exists and kept otherwise (texts
  from the operating system); one ending in `_or` is a list of choices, its `, ` and ` or ` become
  `、`; one starting with `_` is matched but not shown.

The first template that matches the whole text wins, so specific templates come before general
ones. tests/test_errors_ja.py runs every bad-input test and fails when a message or hint the code
produced has no entry here, and when a Japanese template's fields differ from its English one's.
"""

from __future__ import annotations

import re
import string
from functools import cache

HINT_LABEL = "ヒント："

JA: dict[str, str] = {
    # --- the CLI's summary line -------------------------------------------------------------------
    "funnelplan: {n} problem, nothing written": "funnelplan: 問題が {n} 件あります。何も書き出していません",
    "funnelplan: {n} problems, nothing written": "funnelplan: 問題が {n} 件あります。何も書き出していません",
    # --- command-line mistakes (usage.py) ------------------------------------------------------
    "no such command": "そのようなコマンドはありません",
    "did you mean {meant}? the commands: {listed}": "{meant} のことですか？ コマンド：{listed}",
    "the commands: {listed}": "コマンド：{listed}",
    "no such option": "そのようなオプションはありません",
    "did you mean {meant}? `{command} --help` lists what it takes": (
        "{meant} のことですか？ `{command} --help` で指定できるものを確認できます"
    ),
    "`{command} --help` lists what it takes": "`{command} --help` で指定できるものを確認できます",
    "missing: this command needs it": "指定がありません。このコマンドに必要です",
    "{value} is not one of {choice_list}": "{value} は {choice_list} のいずれでもありません",
    "choose one of {choice_list}": "{choice_list} のいずれかを指定してください",
    "needs a value after it": "後ろに値が必要です",
    "Option {option} does not take a value": "オプション {option} には値を付けられません",
    # --- writing reports (output.py) ---------------------------------------------------------------
    "the output would overwrite {source}, which this command reads": (
        "このコマンドが読み込む {source} を上書きすることになります"
    ),
    "write the report to another file": "レポートは別のファイルに書き出してください",
    "is a folder, not a file": "ファイルではなくフォルダです",
    "name a file inside it, such as report.md": "report.md のように、その中のファイルを指定してください",
    "the file is read-only; it was left as it is": "読み取り専用のファイルです。そのままにしました",
    "make it writable (chmod u+w), or write to another file": (
        "書き込めるようにする（chmod u+w）か、別のファイルに書き出してください"
    ),
    "the folder {folder} does not exist": "フォルダ {folder} がありません",
    "create it first, or write elsewhere": "先にフォルダを作るか、別の場所に書き出してください",
    "the disk is full; nothing was written": "ディスクがいっぱいです。何も書き出していません",
    "free some space, or write elsewhere": "空きを作るか、別の場所に書き出してください",
    "cannot write here: permission denied": "ここには書き込めません（権限がありません）",
    "write to a folder you can write to": "書き込めるフォルダに書き出してください",
    "cannot write here: {reason}": "ここには書き込めません：{reason}",
    "write to another file": "別のファイルに書き出してください",
    "cannot write the report: {reason}": "レポートを書き出せません：{reason}",
    "write it to a file with -o FILE": "-o FILE でファイルに書き出してください",
    # --- numbers (values.py) ----------------------------------------------------------------------
    "expected {what_msg}, got the boolean {value}": "{what_msg}が必要ですが、真偽値 {value} と書かれています",
    "expected {what_msg}, got {value}": "{what_msg}が必要ですが、{value} と書かれています",
    "a rate such as 25%": "25% のような割合",
    "an amount of money": "金額",
    "a whole number": "整数",
    "a number above 0": "0 より大きい数",
    "a month such as 2027-04": "2027-04 のような年月",
    "a column name": "列名",
    "{value} is not a percentage": "{value} はパーセントとして読めません",
    "write a share as 25% or 0.25 (more than 0, at most 100%)": (
        "割合は 25% または 0.25 のように書いてください（0 より大きく 100% 以下）"
    ),
    "{rate} is more than 1 (100%), so it cannot be a share": (
        "{rate} は 1（100%）を超えるため、割合として読めません"
    ),
    "did you mean {rate}%? write it with the percent sign, or as {fraction}": (
        "{rate}% のつもりなら % を付けて書くか、{fraction} と書いてください"
    ),
    "a rate must be more than 0, got {value}": "割合は 0 より大きくしてください（{value} と書かれています）",
    "a rate cannot be more than 100%, got {value}": (
        "割合は 100% を超えられません（{value} と書かれています）"
    ),
    "write an amount as 120000000, 120,000,000, ¥120,000,000 or 1億2000万円 "
    "(quote it in a flow mapping: {{revenue: '¥60,000,000'}})": (
        "金額は 120000000、120,000,000、¥120,000,000、1億2000万円 のように書いてください"
        "（{{revenue: '¥60,000,000'}} のようなフロー形式の中では引用符で囲みます）"
    ),
    "{value} is not an amount of money": "{value} は金額として読めません",
    "a {n}-character number ({head}...) is more than 10^15: too large to be a real amount": (
        "{n} 桁の数（{head}...）は 10^15 を超えており、実際の金額としては大きすぎます"
    ),
    "{value} is more than 10^15: too large to be a real amount": (
        "{value} は 10^15 を超えており、実際の金額としては大きすぎます"
    ),
    "a {n}-character number ({head}...) is more than 10^9: too large to be a real count": (
        "{n} 桁の数（{head}...）は 10^9 を超えており、実際の件数としては大きすぎます"
    ),
    "{value} is more than 10^9: too large to be a real count": (
        "{value} は 10^9 を超えており、実際の件数としては大きすぎます"
    ),
    "a {n}-character number ({head}...) is too large": "{n} 桁の数（{head}...）は大きすぎます",
    "{value} is too large": "{value} は大きすぎます",
    "check the digits": "桁を確かめてください",
    "write Japanese amounts as 1億2000万円, 12000万円 or 1.2億円": (
        "日本式の金額は 1億2000万円、12000万円、1.2億円 のように書いてください"
    ),
    "{value}: {part} before {unit} is not a number": "{value}：{unit}の前の {part} を数として読めません",
    "{value} is ambiguous: {part}{unit} is already a {larger} or more": (
        "{value} はあいまいです：{part}{unit} だけで 1{larger} 以上になります"
    ),
    "after {larger}, write at most 9999 before {unit} (1億2000万円, not 1億20000万円)": (
        "{larger}の後、{unit}の前には 9999 までを書いてください（1億20000万円 ではなく 1億2000万円）"
    ),
    "write a count as a whole number such as 35": "件数は 35 のような整数で書いてください",
    "a count must be a whole number, got {value}": "件数は整数にしてください（{value} と書かれています）",
    "a count cannot be negative, got {value}": "件数はマイナスにできません（{value} と書かれています）",
    "write a number such as 2": "2 のような数を書いてください",
    "must be more than 0, got {value}": "0 より大きくしてください（{value} と書かれています）",
    "{text} is not a number": "{text} は数として読めません",
    # --- months (months.py) -----------------------------------------------------------------------
    "write the month as YYYY-MM, e.g. 2027-04 (2027/4 and 2027年4月 work too)": (
        "年月は 2027-04 のように YYYY-MM で書いてください（2027/4 や 2027年4月 も読めます）"
    ),
    "{text} has no month {month}: months run from 1 to 12": (
        "{text} の {month} 月はありません：月は 1 から 12 までです"
    ),
    "{text} is not a date: {month} has {days} days": (
        "{text} は存在しない日付です：{month} は {days} 日までです"
    ),
    "{text} is not a month": "{text} は年月として読めません",
    # --- text files (textfile.py, exports/readers.py) ---------------------------------------------
    "unknown encoding {name}": "文字コード {name} はわかりません",
    "try utf-8, cp932 or utf-16": "utf-8、cp932、utf-16 のどれかを試してください",
    "{name} is not a text encoding": "{name} はテキストの文字コードではありません",
    "the export {name} does not exist": "エクスポート {name} がありません",
    "the workbook holds more than {count} distinct texts (or {size} MB of them), more than an export needs": (
        "ブックの文字列が {count} 種類（または {size} MB）を超えています。エクスポートには多すぎます"
    ),
    "export the report as CSV (UTF-8) instead": "レポートを CSV（UTF-8）でエクスポートしてください",
    "check `file:` (relative to the plan's folder)": (
        "`file:` を確かめてください（計画ファイルのフォルダーからの相対パス）"
    ),
    "the file has no byte order mark: give `encoding: utf-16-le` (or utf-16-be)": (
        "ファイルに BOM がありません：`encoding: utf-16-le`（または utf-16-be）を指定してください"
    ),
    "the file is not valid {name} (byte {offset})": (
        "ファイルは {name} として正しくありません（{offset} バイト目）"
    ),
    "the file is not valid {name} from line {line} on": (
        "ファイルの {line} 行目から先が {name} として正しくありません"
    ),
    "the file is not valid {name}": "ファイルは {name} として正しくありません",
    "give the file's encoding with --encoding (e.g. --encoding cp932 or utf-16)": (
        "--encoding でファイルの文字コードを指定してください（例：--encoding cp932、utf-16）"
    ),
    "give the file's encoding with `encoding:` in the mapping (e.g. cp932, utf-16)": (
        "対応付けの `encoding:` でファイルの文字コードを指定してください（例：cp932、utf-16）"
    ),
    "the file starts with a {name} byte-order mark but is not valid {name}": (
        "ファイルは {name} の BOM で始まっていますが、{name} として正しくありません"
    ),
    "the file is neither UTF-8 nor Shift_JIS (cp932)": (
        "ファイルは UTF-8 でも Shift_JIS（cp932）でもありません"
    ),
    # --- YAML (yamlsource.py) ---------------------------------------------------------------------
    "cannot read the file as UTF-8: it is not UTF-8 text": (
        "ファイルを UTF-8 として読めません：UTF-8 のテキストではありません"
    ),
    "cannot read the file as UTF-8: it looks like Shift_JIS (cp932), as Windows and Excel save it": (
        "ファイルを UTF-8 として読めません：Windows や Excel が保存する Shift_JIS（cp932）のようです"
    ),
    "save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)": (
        "ファイルを UTF-8 で保存し直してください（VS Code では「エンコード付きで保存」> UTF-8）"
    ),
    "cannot read the file: {reason_opt}": "ファイルを読めません：{reason_opt}",
    "No such file or directory": "ファイルがありません",
    "Permission denied": "読む権限がありません",
    "Is a directory": "フォルダーです",
    "not valid YAML: {error}": "YAML として正しくありません：{error}",
    "the file is empty": "ファイルが空です",
    "start from `funnelplan init`": "`funnelplan init` で作るひな形から始めてください",
    "check the indentation and punctuation on this line": (
        "この行のインデントと記号（: , [ ] {{ }} や引用符）を確かめてください"
    ),
    "a TAB character is used for indentation": "インデントにタブ文字が使われています",
    "indent with spaces, not tabs": "インデントはタブではなくスペースで付けてください",
    "the file holds more than one YAML document (a second `---`)": (
        "ファイルに YAML のドキュメントが複数あります（2 つ目の `---`）"
    ),
    "keep one plan per file: remove the `---` separator and what follows, or split the file": (
        "1 つのファイルには計画を 1 つだけ書いてください：`---` とそれ以降を消すか、ファイルを分けてください"
    ),
    # libyaml's own messages for the syntax errors people make
    "did not find expected ',' or ']'": "',' か ']' があるはずのところにありません",
    "did not find expected ',' or '}}'": "',' か '}}' があるはずのところにありません",
    "did not find expected key": "キーがあるはずのところにありません",
    "did not find expected node content": "値があるはずのところにありません",
    "did not find expected '-' indicator": "'-' があるはずのところにありません",
    "could not find expected ':'": "':' があるはずのところにありません",
    "mapping values are not allowed in this context": "ここには「キー: 値」を書けません",
    "found character that cannot start any token": "YAML の値の始めに使えない文字があります",
    "found undefined alias": "定義されていないエイリアス（*name）があります",
    "found unexpected end of stream": "ファイルが途中で終わっています（閉じていない引用符や括弧？）",
    "found unexpected ':'": "予期しない ':' があります",
    "found unknown escape character": "不明なエスケープ文字があります",
    "found undefined tag handle": "定義されていないタグがあります",
    "block sequence entries are not allowed in this context": "ここにはリストの項目（- ）を書けません",
    "the file expands to more than {n} values (anchors and aliases?)": (
        "ファイルを展開すると値が {n} 個を超えます（アンカーとエイリアス？）"
    ),
    "write the plan out without deeply nested aliases (*name)": (
        "深く入れ子になったエイリアス（*name）を使わずに書き出してください"
    ),
    "the YAML tag {tag} is not supported": "YAML のタグ {tag} には対応していません",
    "remove the !tag and write a plain value": "!タグ を外して、ふつうの値を書いてください",
    "a key must be a plain name, not a list or mapping": (
        "キーはリストやマッピングではなく、ふつうの名前にしてください"
    ),
    "duplicate key {key} (also on line {line})": "キー {key} が重複しています（{line} 行目にもあります）",
    "remove one of them (the first is on line {line})": (
        "どちらかを消してください（1 つ目は {line} 行目）"
    ),
    "in a flow mapping {{...}} a comma splits an amount like ¥60,000,000: "
    "quote the amount or use block style": (
        "フロー形式 {{...}} の中では ¥60,000,000 のような金額がカンマで分かれます："
        "金額を引用符で囲むか、ブロック形式で書いてください"
    ),
    # --- plan structure (planfile.py, pydantic) ---------------------------------------------------
    "a plan is a mapping of keys (plan:, period:, kgi:, funnel:, ...), but the file holds a list": (
        "計画はキーのマッピング（plan:、period:、kgi:、funnel: など）ですが、ファイルの中身はリストです"
    ),
    "a plan is a mapping of keys (plan:, period:, kgi:, funnel:, ...), "
    "but the file holds a single value": (
        "計画はキーのマッピング（plan:、period:、kgi:、funnel: など）ですが、"
        "ファイルの中身は 1 つの値です"
    ),
    "missing key {name}": "キー {name} がありません",
    "add `{name}:` to this mapping": "このマッピングに `{name}:` を加えてください",
    "unknown key {name}": "キー {name} はありません",
    "only true and false are booleans; quote text such as 'on' or 'no'": (
        "真偽値は true と false だけです。'on' や 'no' のような文字は引用符で囲んでください"
    ),
    "check the indentation: this value should not be a mapping or a list": (
        "インデントを確かめてください：この値はマッピングやリストにはなりません"
    ),
    "did you mean {name}?": "{name} のことですか？",
    "known keys: {names}": "使えるキー：{names}",
    "known owners: {names}": "計画にある担当：{names}",
    "known stages: {names}": "計画のステージ：{names}",
    "known columns: {names}": "読める列：{names}",
    "known: {names}": "使えるもの：{names}",
    "Input should be a valid string": "文字列を書いてください",
    "Input should be a valid list": "リストを書いてください",
    "Input should be a valid dictionary": "マッピング（キー: 値）を書いてください",
    "Input should be a valid dictionary or instance of {_model}": (
        "マッピング（キー: 値）を書いてください"
    ),
    "Input should be a valid integer": "整数を書いてください",
    "Input should be a valid number": "数を書いてください",
    "Input should be a valid boolean": "true か false を書いてください",
    "Input should be {choices_or}": "{choices_or} のどれかを書いてください",
    "List should have at least {n} items after validation, not {found}": (
        "項目が {n} つ以上必要です（{found} つしかありません）"
    ),
    "List should have at least {n} item after validation, not {found}": (
        "項目が {n} つ以上必要です（{found} つしかありません）"
    ),
    "String should match pattern {pattern}": "パターン {pattern} に合う文字を書いてください",
    "String should have at most {n} characters": "{n} 文字以内で書いてください",
    "String should have at most {n} character": "{n} 文字以内で書いてください",
    "String should have at least {n} characters": "{n} 文字以上で書いてください",
    "String should have at least {n} character": "{n} 文字以上で書いてください",
    # --- plan rules (plan.py, presentation.py) ----------------------------------------------------
    "{value} is not a short identifier": "{value} は短い識別子になっていません",
    "use letters, digits and _ (starting with a letter), e.g. appointment; "
    "put the display name in `label`": (
        "英字・数字・_ で書いてください（英字で始めます。例：appointment）。表示名は `label` に書きます"
    ),
    "{value} is reserved for a column of its own": "{value} は専用の列の名前として予約されています",
    "choose another id; reserved: {names}": "別の id にしてください（予約済み：{names}）",
    "a lag of {n} months is longer than {limit}": "ラグ {n} か月は上限の {limit} か月を超えています",
    "lag is in months": "lag は月数で書きます",
    "write an amount such as 2000000": "2000000 のような金額を書いてください",
    "cannot be negative, got {value}": "マイナスにはできません（{value} と書かれています）",
    "write 0 or more": "0 以上を書いてください",
    "must be at least 1": "1 以上にしてください",
    "write a whole number such as 3": "3 のような整数を書いてください",
    "{value} is not average, stop or a monthly amount": (
        "{value} は average、stop、月額のどれでもありません"
    ),
    "after_period: average (default), stop, or the revenue expected each month after": (
        "after_period には average（既定）、stop、または期間後に見込む毎月の売上を書いてください"
    ),
    "the period ends before it starts": "期間の終わりが始まりより前です",
    "swap start and end": "start と end を入れ替えてください",
    "a period longer than {n} months": "期間が {n} か月を超えています",
    "plan a year or two at a time": "計画は 1〜2 年ずつ立ててください",
    "{unit} is a unit of yen, not {currency}": "{unit} は円の単位なので、{currency} には使えません",
    "remove money_unit": "money_unit を消してください",
    "use --money-unit plain or auto": "--money-unit plain か auto を使ってください",
    "no stage is owned by {team}": "{team} が担当するステージがありません",
    "`behind` is above `at_risk`": "`behind` が `at_risk` より上になっています",
    "behind is the lower mark, e.g. {{at_risk: 95%, behind: 85%}}": (
        "behind は低いほうの基準です（例：{{at_risk: 95%, behind: 85%}}）"
    ),
    "add `deal_size: 2000000` (average revenue per deal)": (
        "`deal_size: 2000000`（1 件あたりの平均売上）を加えてください"
    ),
    "the KGI needs `revenue` or `monthly`": "KGI には `revenue` か `monthly` が必要です",
    "add `revenue: 120000000`": "`revenue: 120000000` を加えてください",
    "give `revenue` or `monthly`, not both": "`revenue` と `monthly` はどちらか一方だけにしてください",
    "remove one of them": "どちらかを消してください",
    "weights apply to `revenue`, not to `monthly`": (
        "weights は `revenue` に使うもので、`monthly` には使えません"
    ),
    "remove weights": "weights を消してください",
    "{month} is outside the period {span}": "{month} は期間 {span} の外です",
    "fix the month or the period": "月か期間を直してください",
    "no target for {months}": "{months} の目標がありません",
    "give every month of the period (0 if none)": "期間のすべての月を書いてください（なければ 0）",
    "the monthly targets add up to 0": "月別目標の合計が 0 です",
    "give a target above 0": "0 より大きい目標を書いてください",
    "{amount} has finer parts than {currency} has": "{amount} には {currency} にない細かい端数があります",
    "round it to {unit} {currency}": "{unit} {currency} 単位に丸めてください",
    "stage id {id} is used twice (also funnel[{index}])": (
        "ステージ id {id} が 2 回使われています（funnel[{index}] にもあります）"
    ),
    "give every stage its own id": "ステージごとに別の id を付けてください",
    "stage {id} has no rate": "ステージ {id} に rate がありません",
    "add `rate: 25%`: the share that reaches the next stage": (
        "`rate: 25%`（次のステージに進む割合）を加えてください"
    ),
    "the last stage ({id}) is the deal: it has no next stage to convert to": (
        "最後のステージ（{id}）は受注です。次のステージがないので rate は付けられません"
    ),
    "remove its rate": "rate を消してください",
    "the last stage has no next stage to lag": (
        "最後のステージには次のステージがないので、lag は付けられません"
    ),
    "remove its lag": "lag を消してください",
    "{id} is not a stage": "{id} はステージではありません",
    "deals won before the period do not count toward it": (
        "期間より前に受注した案件は、期間の売上に数えません"
    ),
    "list earlier stages only": "受注より前のステージだけを書いてください",
    "with segments, the pipeline belongs to each segment": (
        "セグメントのある計画では、パイプラインは各セグメントに書きます"
    ),
    "move it into `segments[*].pipeline`": "`segments[*].pipeline` に移してください",
    "segment id {id} is used twice": "セグメント id {id} が 2 回使われています",
    "give each its own id": "それぞれに別の id を付けてください",
    "segment {id} has no deal_size": "セグメント {id} に deal_size がありません",
    "add deal_size here or at the top of the plan": (
        "ここか計画の最上位に deal_size を加えてください"
    ),
    "{id} is not a stage with a rate": "{id} は rate のあるステージではありません",
    "segment shares add up to {total}, not 100%": (
        "セグメントの share の合計が 100% ではなく {total} です"
    ),
    "make the shares add up to 100%": "share の合計を 100% にしてください",
    # --- monthly actuals (actuals.py) -------------------------------------------------------------
    "cannot read the actuals file: {reason_opt}": "実績ファイルを読めません：{reason_opt}",
    "more than {n} rows: this is not a monthly table": "{n} 行を超えています：月別の表ではありません",
    "aggregate the export by month first": (
        "先にエクスポートを月ごとに集計してください（`funnelplan actuals` で集計できます）"
    ),
    "cannot read the CSV: {error}": "CSV として読めません：{error}",
    "check the quotes": "引用符を確かめてください",
    "the file has no header row": "ファイルに見出し行がありません",
    "start with a header such as month,inquiry,lead,appointment,deal,revenue": (
        "month,inquiry,lead,appointment,deal,revenue のような見出し行から始めてください"
    ),
    "no month column": "month の列がありません",
    "name the first column `month` (or 月)": "最初の列の名前を `month`（または 月）にしてください",
    "the row has {n} fields but the header has {header}": (
        "この行は {n} 項目ですが、見出しは {header} 項目です"
    ),
    "an unquoted number such as 1,234 splits into two fields: "
    'quote it ("1,234") or save the numbers without separators': (
        "引用符のない 1,234 のような数は 2 つの項目に分かれます："
        '引用符で囲む（"1,234"）か、桁区切りなしで保存してください'
    ),
    "no value for {stages}: write 0 where nothing happened": (
        "{stages} の値がありません：何もなかったところは 0 と書いてください"
    ),
    "the column has values but no header": "この列には値がありますが、見出しがありません",
    "name the column (a stage id, a stage label or revenue)": (
        "列に名前を付けてください（ステージの id か label、または revenue）"
    ),
    "the plan has no segments: remove the column, or add segments to the plan": (
        "計画にセグメントがありません：この列を消すか、計画にセグメントを加えてください"
    ),
    "unknown column {name}": "列 {name} はわかりません",
    "column {index} ({name}) repeats column {first} ({first_name}): both are {stage}": (
        "{index} 列目（{name}）は {first} 列目（{first_name}）と同じく {stage} です"
    ),
    "keep one of them": "どちらか 1 つにしてください",
    "no month in this row": "この行に月がありません",
    "{name} is not a segment of the plan": "{name} は計画のセグメントではありません",
    "no segment": "セグメントがありません",
    "segments: none: the plan has no segments": "セグメント：なし（計画にセグメントがありません）",
    "segments (id or label): none: the plan has no segments": (
        "セグメント（ID またはラベル）：なし（計画にセグメントがありません）"
    ),
    "segments (id or label): {known}": "セグメント（ID またはラベル）：{known}",
    "segments: {names}": "セグメント：{names}",
    "the cell is empty": "セルが空です",
    "write 0 where nothing happened": "何もなかったところは 0 と書いてください",
    "write 0 where nothing was won": "受注がなかったところは 0 と書いてください",
    "{what} appears twice (also on line {line})": "{what} が 2 回出てきます（{line} 行目にもあります）",
    "keep one row per month": "1 か月に 1 行にしてください",
    "keep one row per month and segment": "月とセグメントの組ごとに 1 行にしてください",
    "the file has no months": "ファイルに月がありません",
    "add one row per month: 2027-04,180,90,40,9,...": (
        "1 か月に 1 行ずつ書いてください：2027-04,180,90,40,9,..."
    ),
    "actuals are a mapping of months: `2027-04: {{inquiry: 180, revenue: 9500000}}`": (
        "実績は月ごとのマッピングです：`2027-04: {{inquiry: 180, revenue: 9500000}}`"
    ),
    "one key per month": "1 か月に 1 つのキーにしてください",
    "expected a mapping such as {{inquiry: 180, revenue: 9500000}}": (
        "{{inquiry: 180, revenue: 9500000}} のようなマッピングを書いてください"
    ),
    "{key} repeats {stage}": "{key} は {stage} と重なっています",
    "keep one": "1 つにしてください",
    "no {column} for this month": "この月の {column} がありません",
    "write 0 if none": "なければ 0 と書いてください",
    # --- gap (gap.py, cli.py) ---------------------------------------------------------------------
    "the actuals hold no months": "実績に月がありません",
    "add one row per month": "1 か月に 1 行ずつ書いてください",
    "the actuals have no row for {months} (comparing up to {as_of})": (
        "実績に {months} の行がありません（{as_of} まで比べています）"
    ),
    "add the month (0 where nothing happened) or give an earlier --as-of": (
        "その月を加える（何もなければ 0）か、もっと前の --as-of を指定してください"
    ),
    "the actuals have no month in the period {span} (they hold {first}..{last})": (
        "実績に期間 {span} の月がありません（実績は {first}..{last}）"
    ),
    "check the file belongs to this plan": "この計画の実績ファイルか確かめてください",
    "give a month in the period": "期間内の月を指定してください",
    "the actuals end at {last}, before {as_of}": "実績は {last} で終わっていて、{as_of} まで届きません",
    "give --as-of {last} or add the months": "--as-of {last} を指定するか、月を加えてください",
    "segment {id} has no row for {months}": "セグメント {id} に {months} の行がありません",
    "give every segment a row for every month (0 where nothing happened)": (
        "どのセグメントにも毎月の行を書いてください（何もなければ 0）"
    ),
    "no actuals file: the plan has no `actuals:` key": (
        "実績ファイルがありません：計画に `actuals:` キーがありません"
    ),
    "add `actuals: actuals.csv` to the plan, or give --actuals FILE": (
        "計画に `actuals: actuals.csv` を加えるか、--actuals FILE を指定してください"
    ),
    # --- the command line (cli.py, output.py) -----------------------------------------------------
    "no segment {name}": "セグメント {name} はありません",
    "the file already exists; nothing was written": "ファイルがすでにあります。何も書き出していません",
    "choose another path": "別のパスを指定してください",
    "cannot tell the format from the extension {extension}": (
        "拡張子 {extension} からは出力形式がわかりません"
    ),
    "use one of {extensions}, or give --format": (
        "{extensions} のどれかを使うか、--format を指定してください"
    ),
    # --- CRM exports (exports/*) ------------------------------------------------------------------
    "the plan maps no CRM export": "計画に CRM エクスポートの対応付けがありません",
    "`actuals:` is a monthly table already; `actuals` reads record-level exports": (
        "`actuals:` はもう月別の表です。`actuals` コマンドが読むのはレコード単位のエクスポートです"
    ),
    "map one: `actuals: {{file: exports/contacts.csv, source: hubspot-contacts}}`": (
        "対応付けを書いてください：`actuals: {{file: exports/contacts.csv, source: hubspot-contacts}}`"
    ),
    "{value} is not a time zone": "{value} はタイムゾーンではありません",
    "write an IANA zone such as Asia/Tokyo or UTC": (
        "Asia/Tokyo や UTC のような IANA のタイムゾーン名を書いてください"
    ),
    "unknown time zone {value}": "タイムゾーン {value} はわかりません",
    "write an IANA zone such as Asia/Tokyo, UTC": (
        "Asia/Tokyo や UTC のような IANA のタイムゾーン名を書いてください"
    ),
    "quote the column name": "列名を引用符で囲んでください",
    "a column name cannot be empty": "列名が空です",
    "write the header as the file has it": "ファイルにあるとおりに見出しを書いてください",
    "give at least one value": "値を 1 つ以上書いてください",
    "e.g. values: [Closed Won, 受注]": "例：values: [Closed Won, 受注]",
    "the export file does not exist": "エクスポートファイルがありません",
    "check `file:` (relative to the plan)": "`file:` を確かめてください（計画ファイルからの相対パス）",
    "old Excel files (.xls) cannot be read": "古い Excel ファイル（.xls）は読めません",
    "save it as .xlsx or CSV (UTF-8) from Excel": "Excel で .xlsx か CSV（UTF-8）として保存してください",
    "the file is empty: no header row": "ファイルが空です：見出し行がありません",
    "the sheet is empty: no header row": "シートが空です：見出し行がありません",
    "export again with headers": "見出し付きでエクスポートし直してください",
    "cannot read the file as CSV: {error}": "ファイルを CSV として読めません：{error}",
    "not a readable XLSX file ({kind})": "読める XLSX ファイルではありません（{kind}）",
    "save it again from Excel": "Excel で保存し直してください",
    "no sheet {name}": "シート {name} はありません",
    "sheets: {names}": "シート：{names}",
    "{name} is not a stage of the plan": "{name} は計画のステージではありません",
    "stages of the main export belong in the main mapping": (
        "メインのエクスポートのステージは、メインの対応付けに書きます"
    ),
    "move them up, or give revenue its own `file:`": (
        "上に移すか、revenue に専用の `file:` を付けてください"
    ),
    "{file} has no column for {preset} stage {stage}": (
        "{file} に {preset} のステージ {stage} の列がありません"
    ),
    "{file} has no column telling won deals ({columns})": (
        "{file} に受注を示す列（{columns}）がありません"
    ),
    "{file} has no column {name}": "{file} に列 {name} がありません",
    "the header has: {names}": "見出しにある列：{names}",
    "{file} has two columns named {name}": "{file} に {name} という列が 2 つあります",
    "rename one in the export": "エクスポート側でどちらかの名前を変えてください",
    "`stages:` names a preset's stages": "`stages:` はプリセットのステージを指します",
    "add `source:`": "`source:` を加えてください",
    "{preset} has no stage {stage}": "{preset} にステージ {stage} はありません",
    "looked for {header}; map it with `columns: {{{stage}: ...}}`": (
        "{header} を探しました。`columns: {{{stage}: ...}}` で対応付けてください"
    ),
    "stage {stage} is mapped from {first} and from {second}": (
        "ステージ {stage} が {first} と {second} の両方から対応付けられています"
    ),
    "map each stage from one export": "1 つのステージは 1 つのエクスポートから対応付けてください",
    "add `won: {{column: ..., values: [Closed Won]}}` under revenue": (
        "revenue の下に `won: {{column: ..., values: [Closed Won]}}` を加えてください"
    ),
    "nothing is mapped from {file}": "{file} からは何も対応付けられていません",
    "map stages with `columns:` (or `source:` and `stages:`), or `revenue:`": (
        "`columns:`（または `source:` と `stages:`）でステージを、または `revenue:` を対応付けてください"
    ),
    "revenue needs the {name} column of {file}": "revenue には {file} の {name} 列が必要です",
    "add `{name}: {example}` (the header as the export has it)": (
        "`{name}: {example}` を加えてください（見出しはエクスポートにあるとおりに）"
    ),
    "{file} has dates with a time zone ({value}): say which zone months are counted in": (
        "{file} の日付にはタイムゾーンが付いています（{value}）：どのタイムゾーンで月を数えるか指定してください"
    ),
    "add `timezone: Asia/Tokyo` (or your team's zone) to the mapping": (
        "対応付けに `timezone: Asia/Tokyo`（またはチームのタイムゾーン）を加えてください"
    ),
    "the file has both month-first ({first}) and day-first ({second}) dates": (
        "ファイルに月が先の日付（{first}）と日が先の日付（{second}）が混ざっています"
    ),
    "every slashed date in the file (e.g. {example}) reads both as month/day and day/month": (
        "ファイルのスラッシュ区切りの日付（例：{example}）は、どれも 月/日 とも 日/月 とも読めます"
    ),
    "add `date_format: M/D/Y` (US) or `date_format: D/M/Y` to the mapping": (
        "対応付けに `date_format: M/D/Y`（米国式）か `date_format: D/M/Y` を加えてください"
    ),
    # --- hostile and extreme input (values, yamlsource, textfile, plan, months, actuals) --------
    "{value} is far too large to be a real number (more than 10^15)": (
        "{value} は大きすぎて実際の数とは考えられません（10^15 を超えています）"
    ),
    "{value} is far too small to be a real number (about 10^{exponent})": (
        "{value} は小さすぎて実際の数とは考えられません（およそ 10^{exponent}）"
    ),
    "check the digits and the exponent": "桁数と指数を確かめてください",
    "check the digits and the exponent (the smallest number read is 10^-12)": (
        "桁数と指数を確かめてください（読める最小の数は 10^-12 です）"
    ),
    "{value} has more than {n} significant digits": "{value} は有効数字が {n} 桁を超えています",
    "round it to fewer digits": "桁数を減らして書いてください",
    "{value} has two signs": "{value} には符号が二つあります",
    "write one sign: -45000 or ▲45000 for a negative amount": (
        "符号は一つにしてください（マイナスの金額は -45000 か ▲45000）"
    ),
    "{value} is marked {mark}, but the plan's currency is {currency}": (
        "{value} には {mark} が付いていますが、計画の通貨は {currency} です"
    ),
    "write the amount in {currency}, without another currency's mark": (
        "金額は {currency} で、ほかの通貨の記号を付けずに書いてください"
    ),
    "{key} is {month} again (also {first} on line {line})": (
        "{key} は {month} と同じ月です（{line} 行目の {first} と重複）"
    ),
    "give each month once": "各月は一度だけ書いてください",
    "an alias refers to the value that contains it, so it never ends": (
        "エイリアスが自分を含む値を参照しているため、終わりがありません"
    ),
    "remove the alias (*name) or point it at another value": (
        "エイリアス（*name）を削除するか、別の値を参照させてください"
    ),
    "the values nest more than {n} levels deep": "値の入れ子が {n} 段を超えています",
    "a plan nests a few levels: check the indentation": (
        "計画の入れ子は数段です。インデントを確かめてください"
    ),
    "the file nests far too deep to be a plan": "入れ子が深すぎて計画ファイルとは考えられません",
    "a plan nests a few levels; keep it under {n}": "計画の入れ子は数段です。{n} 段未満にしてください",
    "the control character {code} cannot be in a YAML file": (
        "制御文字 {code} は YAML ファイルに書けません"
    ),
    "remove it (it is invisible in most editors)": "削除してください（多くのエディタでは見えません）",
    "{kind_msg} is not a file that can be read": "{kind_msg}は読み込めるファイルではありません",
    "a folder": "フォルダ",
    "a pipe (FIFO)": "パイプ（FIFO）",
    "a device": "デバイス",
    "a socket": "ソケット",
    "not a regular file": "通常のファイル以外のもの",
    "give the path of a file saved on disk": "ディスクに保存されたファイルのパスを指定してください",
    "the file is {size} MiB, more than {limit}: this is not the kind of file expected": (
        "ファイルが {size} MiB あり、{limit} を超えています：想定している種類のファイルではありません"
    ),
    "the file is more than {limit}: this is not the kind of file expected": (
        "ファイルが {limit} を超えています：想定している種類のファイルではありません"
    ),
    "check the path": "パスを確かめてください",
    "{encoding} is not a text encoding": "{encoding} はテキストのエンコーディングではありません",
    "the file cannot be read as {encoding}: {detail}": (
        "ファイルを {encoding} として読めません：{detail}"
    ),
    "the funnel has {n} stages, more than {limit}": (
        "ファネルのステージが {n} 個あり、{limit} 個を超えています"
    ),
    "a funnel has a handful of stages: merge the steps that one team owns": (
        "ファネルのステージは数個です。同じチームが担当する段階はまとめてください"
    ),
    "the lags add up to {n} months, more than {limit}": (
        "リードタイムの合計が {n} か月で、{limit} か月を超えています"
    ),
    "lag is months from one stage to the next; check the lags": (
        "lag は次のステージまでの月数です。lag を確かめてください"
    ),
    "the plan needs about {count} {stage} for the deals of {month}{where}: more than 10^9": (
        "{month}{where}の受注のために {stage} がおよそ {count} 必要になります：10^9 を超えています"
    ),
    "check the rates and the deal size (a rate of 1e-9 is 0.0000001%)": (
        "転換率と顧客単価を確かめてください（1e-9 の割合は 0.0000001% です）"
    ),
    "the {what} label {label} is the name of the actuals' {column} column": (
        "{what} のラベル {label} は実績ファイルの {column} 列の名前と同じです"
    ),
    "the {what} label {label} is the id of {other}": "{what} のラベル {label} は {other} の id と同じです",
    "the {what} label {label} is the label of {other}": (
        "{what} のラベル {label} は {other} のラベルと同じです"
    ),
    "give it a label of its own: actuals columns are matched by id and label": (
        "別のラベルを付けてください：実績ファイルの列は id とラベルで対応付けます"
    ),
    "{key} is written as team totals, but {first} (line {line}) is per segment": (
        "{key} はチーム合計で書かれていますが、{first}（{line} 行目）はセグメント別です"
    ),
    "write every month per segment ({segments}) or every month as team totals": (
        "すべての月をセグメント別（{segments}）か、すべての月をチーム合計で書いてください"
    ),
    "{value} reads as {first} (month/day/year) or {second} (day/month/year), "
    "and no date in the column tells which": (
        "{value} は {first}（月/日/年）とも {second}（日/月/年）とも読め、列のどの日付からも決まりません"
    ),
    "{value} reads as {first} (month/day/year) or {second} (day/month/year)": (
        "{value} は {first}（月/日/年）とも {second}（日/月/年）とも読めます"
    ),
    "the column has both day-first ({first}) and month-first ({second}) dates": (
        "列に日が先の日付（{first}）と月が先の日付（{second}）が混ざっています"
    ),
    "write every date in one order, or the months as YYYY-MM": (
        "日付はすべて同じ順で書くか、年月を YYYY-MM で書いてください"
    ),
    "write the month as YYYY-MM (2027-04)": "年月は YYYY-MM（2027-04）で書いてください",
    "write the months as YYYY-MM (2027-04)": "年月は YYYY-MM（2027-04）で書いてください",
    "{value} is not a month: {name} is no month name": "{value} は年月として読めません：{name} は月の名前ではありません",
    "{value} has no month {month} when read as {order}": (
        "{value} を {order} として読むと {month} 月になり、月として読めません"
    ),
    # general forms last: the first template that matches wins
    "{file}: {problem_msg}": "{file}：{problem_msg}",
}


def fields(template: str) -> list[str]:
    """The `{field}` names of a template, in order (repeats included)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


@cache
def _compiled() -> list[tuple[re.Pattern[str], str]]:
    """Each English template as a regular expression: literal text exact, fields any text."""
    compiled = []
    for english, japanese in JA.items():
        pattern, seen = "", set()
        for literal, name, _, _ in string.Formatter().parse(english):
            pattern += re.escape(literal)
            if name is not None:
                pattern += f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
                seen.add(name)
        compiled.append((re.compile(pattern, re.DOTALL), japanese))
    return compiled


def translate(text: str) -> str | None:
    """The Japanese for an English message or hint, or None when the catalogue has no entry."""
    if not text:
        return text
    for pattern, japanese in _compiled():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        values: dict[str, str] = {}
        for name, value in found.groupdict().items():
            if name.endswith("_or"):
                value = value.replace(" or ", "、").replace(", ", "、")
            elif name.endswith(("_msg", "_opt")):
                inner = translate(value)
                if inner is None and name.endswith("_msg"):
                    break
                value = inner if inner is not None else value
            values[name] = value
        else:
            return japanese.format(**values)
    return None


def in_japanese(text: str) -> str:
    """The Japanese for `text`, or `text` itself where the catalogue has no entry."""
    translated = translate(text)
    return text if translated is None else translated
