"""Problems with teams' people over time (hires, ramp, attrition, capacity) and with channels."""

EN = {
    "capacity.share_out_of_range": "{value!r} is not a share from 0% to 100%",
    "capacity.share_how": (
        "write a share such as 25% or 0.25 (0% allowed); a ramp month above 100% is not a person"
    ),
    "capacity.hire_outside_period": "a hire in {month} is outside the period {start}..{end}",
    "capacity.hire_outside_period_how": (
        "hires are months of the period; people there before it belong in `headcount`"
    ),
    "capacity.month_twice": "{key} is {month} again (also {first})",
    "capacity.month_twice_how": "give each month once, with all its hires",
    "capacity.unknown_stage": "{stage!r} is not a stage of the funnel",
    "capacity.stage_of_other_team": "stage {stage!r} is owned by {owner!r}, not by this team",
    "capacity.stages_of_team": "give capacity for the stages {team} owns: {stages}",
    "capacity.hire_needs_capacity": "--hire needs a team with `capacity:` in the plan",
    "capacity.hire_needs_capacity_how": (
        "add e.g. `capacity: {{appointment: 12}}` (one full person's meetings a month) to a team"
    ),
    "budget.channel_twice": "channel {id!r} is given twice (also channels[{first}])",
    "budget.channel_twice_how": "give each channel once",
    "budget.shares_not_100": "channel shares add up to {total}, not 100%",
    "budget.shares_not_100_how": "make the channels' shares of the top stage add up to 100%",
}

JA = {
    "capacity.share_out_of_range": "{value!r} は 0%〜100% の割合として読めません",
    "capacity.share_how": (
        "25% や 0.25 のように書いてください（0% も可）。立ち上がりが 100% を超える月はありません"
    ),
    "capacity.hire_outside_period": "{month} の採用は期間 {start}〜{end} の外です",
    "capacity.hire_outside_period_how": (
        "採用は期間内の月で書いてください。期間の前からいる人は `headcount` に含めます"
    ),
    "capacity.month_twice": "{key} は {month} と同じ月です（{first} もあります）",
    "capacity.month_twice_how": "月は1回ずつ、その月の採用をまとめて書いてください",
    "capacity.unknown_stage": "{stage!r} というファネルの段階はありません",
    "capacity.stage_of_other_team": "段階 {stage!r} の担当は {owner!r} で、このチームではありません",
    "capacity.stages_of_team": "{team} が担当する段階の処理能力を書いてください：{stages}",
    "capacity.hire_needs_capacity": "--hire には、計画のチームに `capacity:` が必要です",
    "capacity.hire_needs_capacity_how": (
        "チームに `capacity: {{appointment: 12}}`（1人が月に担当できる商談数）のように書いてください"
    ),
    "budget.channel_twice": "チャネル {id!r} が2回あります（channels[{first}] にもあります）",
    "budget.channel_twice_how": "チャネルは1回ずつ書いてください",
    "budget.shares_not_100": "チャネルの割合の合計が {total} で、100% ではありません",
    "budget.shares_not_100_how": "最上段の段階に占めるチャネルの割合を合計 100% にしてください",
}
