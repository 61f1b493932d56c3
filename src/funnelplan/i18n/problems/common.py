"""Codes every command shares: the summary line and the hint's label."""

EN = {
    "problem.hint_label": "hint: ",
    "problem.summary.one": "funnelplan: {count} problem, nothing written",
    "problem.summary.many": "funnelplan: {count} problems, nothing written",
}

JA = {
    "problem.hint_label": "ヒント：",
    "problem.summary.one": "funnelplan: 問題が {count} 件あります。何も書き出していません",
    "problem.summary.many": "funnelplan: 問題が {count} 件あります。何も書き出していません",
}
