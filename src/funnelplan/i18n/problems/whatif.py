"""Codes of `funnelplan whatif`'s own options (`--cap STAGE=N`)."""

EN = {
    "whatif.cap_needs_equals": "{text!r} is not STAGE=N",
    "whatif.cap_example": "write e.g. --cap inquiry=150 (at most 150 inquiries a month)",
    "whatif.cap_unknown_stage": "{stage!r} is not a stage of this plan",
    "whatif.cap_did_you_mean": "did you mean {word!r}?",
    "whatif.cap_known_stages": "the stages: {stages}",
    "whatif.cap_twice": "{stage} is capped twice",
    "whatif.cap_once": "give each stage one cap",
    "whatif.cap_rounding_none": "--cap runs whole counts forward; this plan keeps fractions (rounding: none)",
    "whatif.cap_rounding_hint": "set rounding: up (the default) in the plan",
}

JA = {
    "whatif.cap_needs_equals": "{text!r} は STAGE=N の形ではありません",
    "whatif.cap_example": "例：--cap inquiry=150（問い合わせは月 150 件まで）",
    "whatif.cap_unknown_stage": "{stage!r} はこの計画の段階ではありません",
    "whatif.cap_did_you_mean": "{word!r} のことですか？",
    "whatif.cap_known_stages": "段階：{stages}",
    "whatif.cap_twice": "{stage} に上限が 2 回指定されています",
    "whatif.cap_once": "段階ごとに上限は 1 つにしてください",
    "whatif.cap_rounding_none": "--cap は整数の件数を前から計算しますが、この計画は端数を残します（rounding: none）",
    "whatif.cap_rounding_hint": "計画を rounding: up（既定）にしてください",
}
