"""Text files' encodings (funnelplan.load.textfile, the CRM readers)."""

EN = {
    "text.unknown_encoding": "unknown encoding {name!r}",
    "text.try_encodings": "try utf-8, cp932 or utf-16",
    "text.not_a_text_encoding": "{name!r} is not a text encoding",
    "text.utf16_without_bom": "the file has no byte order mark: give `encoding: utf-16-le` (or utf-16-be)",
    "text.invalid_at_byte": "the file is not valid {name} (byte {offset})",
    "text.invalid_from_line": "the file is not valid {name} from line {line} on",
    "text.invalid": "the file is not valid {name}",
    "text.give_encoding_option": "give the file's encoding with --encoding (e.g. --encoding cp932 or utf-16)",
    "text.give_encoding_key": "give the file's encoding with `encoding:` in the mapping (e.g. cp932, utf-16)",
    "text.bom_but_invalid": "the file starts with a {name} byte-order mark but is not valid {name}",
    "text.neither_utf8_nor_cp932": "the file is neither UTF-8 nor Shift_JIS (cp932)",
    "text.cannot_decode": "the file cannot be read as {encoding}: {detail}",
}

JA = {
    "text.unknown_encoding": "文字コード {name!r} はわかりません",
    "text.try_encodings": "utf-8、cp932、utf-16 のどれかを試してください",
    "text.not_a_text_encoding": "{name!r} はテキストの文字コードではありません",
    "text.utf16_without_bom": "ファイルに BOM がありません：`encoding: utf-16-le`（または utf-16-be）を指定してください",
    "text.invalid_at_byte": "ファイルは {name} として正しくありません（{offset} バイト目）",
    "text.invalid_from_line": "ファイルの {line} 行目から先が {name} として正しくありません",
    "text.invalid": "ファイルは {name} として正しくありません",
    "text.give_encoding_option": "--encoding でファイルの文字コードを指定してください（例：--encoding cp932、utf-16）",
    "text.give_encoding_key": "対応付けの `encoding:` でファイルの文字コードを指定してください（例：cp932、utf-16）",
    "text.bom_but_invalid": "ファイルは {name} の BOM で始まっていますが、{name} として正しくありません",
    "text.neither_utf8_nor_cp932": "ファイルは UTF-8 でも Shift_JIS（cp932）でもありません",
    "text.cannot_decode": "ファイルを {encoding} として読めません：{detail}",
}
