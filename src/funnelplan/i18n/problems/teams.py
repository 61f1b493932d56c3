"""Codes for teams as people name them: `owner:` and `teams:` keys, and a team's `label`."""

EN = {
    "team.name_not_text": "{value} is not a team's name",
    "team.name_how": (
        "write the team's name as text on one line, e.g. `owner: インサイドセールス` or "
        "`owner: inside_sales`"
    ),
    "team.name_too_long": "the team name {value!r} is longer than {limit} characters",
    "team.name_shorter": "use a short key and put the full name in the team's `label`",
    "team.label_taken": "the team label {label!r} is already the name of team {other!r}",
    "team.label_own": "give each team a name of its own: reports would show two teams alike",
}

JA = {
    "team.name_not_text": "{value} はチーム名になっていません",
    "team.name_how": (
        "チーム名は 1 行の文字で書いてください（例：`owner: インサイドセールス`、"
        "`owner: inside_sales`）"
    ),
    "team.name_too_long": "チーム名 {value!r} が {limit} 文字を超えています",
    "team.name_shorter": "短いキーにして、正式な名前はチームの `label` に書いてください",
    "team.label_taken": "チームの label {label!r} は、すでにチーム {other!r} の名前です",
    "team.label_own": "チームごとに別の名前を付けてください（レポートで 2 つのチームが同じ名前になります）",
}
