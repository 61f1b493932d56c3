"""Command-line mistakes: an unknown command or option, a missing argument, a bad choice."""

EN = {
    "usage.no_such_command": "no such command",
    "usage.meant_command": "did you mean {meant}? the commands: {listed}",
    "usage.the_commands": "the commands: {listed}",
    "usage.no_such_option": "no such option",
    "usage.meant_option": "did you mean {meant}? `{command} --help` lists what it takes",
    "usage.see_help": "`{command} --help` lists what it takes",
    "usage.missing_argument": "missing: this command needs it",
    "usage.not_a_choice": "{value!r} is not one of {choice_list}",
    "usage.choose_one_of": "choose one of {choice_list}",
    "usage.needs_a_value": "needs a value after it",
    "usage.takes_no_value": "Option {option} does not take a value",
    # click's message for a command-line mistake funnelplan has no code for, as click wrote it
    "usage.as_click_says": "{text}",
}

JA = {
    "usage.no_such_command": "そのようなコマンドはありません",
    "usage.meant_command": "{meant} のことですか？ コマンド：{listed}",
    "usage.the_commands": "コマンド：{listed}",
    "usage.no_such_option": "そのようなオプションはありません",
    "usage.meant_option": "{meant} のことですか？ `{command} --help` で指定できるものを確認できます",
    "usage.see_help": "`{command} --help` で指定できるものを確認できます",
    "usage.missing_argument": "指定がありません。このコマンドに必要です",
    "usage.not_a_choice": "{value!r} は {choice_list} のいずれでもありません",
    "usage.choose_one_of": "{choice_list} のいずれかを指定してください",
    "usage.needs_a_value": "後ろに値が必要です",
    "usage.takes_no_value": "オプション {option} には値を付けられません",
    "usage.as_click_says": "{text}",
}
