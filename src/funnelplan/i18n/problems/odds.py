"""Problems of the odds options (`target --confidence`) and of `funnelplan sensitivity`."""

EN = {
    "odds.confidence_not_a_share": "--confidence {value} is not a probability",
    "odds.confidence_out_of_range": "--confidence {value} must be more than 0% and less than 100%",
    "odds.confidence_hint": "write it as a percentage below 100%, e.g. --confidence 80%",
    "odds.too_complex": "the odds cannot be summed exactly here ({reason})",
    "odds.too_complex_hint": "give the segments deal sizes with a larger common unit (e.g. whole 10,000s)",
    "sensitivity.step_not_a_share": "--step {value} is not a percentage",
    "sensitivity.step_out_of_range": "--step {value} must be more than 0% and at most 100%",
    "sensitivity.step_hint": "write it as a percentage, e.g. --step 10%",
    "sensitivity.pace_needs_actuals": "--pace actual needs actuals: the to-date average comes from them",
    "sensitivity.pace_needs_actuals_hint": "give --actuals FILE, or leave --pace at plan",
}

JA = {
    "odds.confidence_not_a_share": "--confidence {value} は確率として読めません",
    "odds.confidence_out_of_range": "--confidence {value} は0%より大きく100%未満にしてください",
    "odds.confidence_hint": "100%未満の百分率で書いてください（例: --confidence 80%）",
    "odds.too_complex": "この計画では確率を正確に合計できません（{reason}）",
    "odds.too_complex_hint": "セグメントの顧客単価を、より大きな共通の単位（例: 1万円単位）にしてください",
    "sensitivity.step_not_a_share": "--step {value} は百分率として読めません",
    "sensitivity.step_out_of_range": "--step {value} は0%より大きく100%以下にしてください",
    "sensitivity.step_hint": "百分率で書いてください（例: --step 10%）",
    "sensitivity.pace_needs_actuals": "--pace actual には実績が必要です（これまでの平均を実績から求めます）",
    "sensitivity.pace_needs_actuals_hint": "--actuals FILE を指定するか、--pace を plan のままにしてください",
}
