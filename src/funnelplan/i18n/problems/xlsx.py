"""The workbook's codes (`--format xlsx`): where it cannot go."""

EN = {
    "xlsx.terminal": "a workbook is bytes, not text: it would garble the terminal",
    "xlsx.text_stream": "a workbook is bytes, and this stdout takes only text",
    "xlsx.give_file": "give -o FILE.xlsx (or redirect: > plan.xlsx)",
}

JA = {
    "xlsx.terminal": "ワークブックはテキストではなくバイナリなので、端末に出すと表示が崩れます",
    "xlsx.text_stream": "ワークブックはバイナリですが、この標準出力はテキストしか受け付けません",
    "xlsx.give_file": "-o FILE.xlsx で書き出してください（またはリダイレクト：> plan.xlsx）",
}
