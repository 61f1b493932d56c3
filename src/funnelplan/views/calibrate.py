"""`calibrate` as a Document, and the plan `--write` writes (the proposed values, with evidence).

Rows and words only: every number comes from core/calibrate.py (the written values too).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from funnelplan.core.calibrate import CalibrateReport
from funnelplan.i18n.words import Words
from funnelplan.views.display import Style, format_money, format_rate
from funnelplan.views.document import (
    Block,
    Cell,
    Column,
    Count,
    Document,
    Money,
    Notes,
    Rate,
    Table,
)


def _span(months: tuple[Any, ...]) -> str:
    return f"{months[0]}〜{months[-1]}" if months else "-"


def _distribution_text(distribution: dict[int, Fraction], words: Words) -> str:
    return words("list_separator").join(
        f"{months}: {format_rate(share)}" for months, share in distribution.items()
    )


def calibrate_document(report: CalibrateReport, words: Words, style: Style) -> Document:
    labels = report.labels
    facts = [
        (words("rv_export"), report.source),
        (words("rv_data_through"), str(report.data_through or "-")),
        (
            words("cb_history"),
            words(
                "cb_history_value",
                records=f"{report.records:,}",
                first=report.months[0] if report.months else "-",
                last=report.months[-1] if report.months else "-",
            ),
        ),
    ]
    blocks: list[Block] = []
    rate_rows: list[list[Cell]] = []
    for rate in report.rates:
        rate_rows.append(
            [
                words("rv_step_name", a=labels[rate.stage], b=labels[rate.next]),
                Rate(rate.value),
                Rate(rate.low),
                Rate(rate.high),
                Count(Fraction(rate.n)),
                Rate(rate.plan),
                Rate(rate.difference, signed=True),
                _span(rate.months),
            ]
        )
    blocks.append(
        Table(
            words("cb_rates"),
            [
                Column(words("rv_step"), False),
                Column(words("cb_proposed")),
                Column(words("cb_low")),
                Column(words("cb_high")),
                Column(words("cb_n")),
                Column(words("cb_plan")),
                Column(words("cb_difference")),
                Column(words("rv_months"), False),
            ],
            rate_rows,
        )
    )
    lag_rows: list[list[Cell]] = [
        [
            words("rv_step_name", a=labels[lag.stage], b=labels[lag.next]),
            Count(Fraction(lag.median)) if lag.median is not None else None,
            Count(Fraction(lag.plan)),
            Count(Fraction(lag.difference), signed=True) if lag.difference is not None else None,
            Count(Fraction(lag.n)),
            _distribution_text(lag.distribution, words),
        ]
        for lag in report.lags
    ]
    blocks.append(
        Table(
            words("cb_lags"),
            [
                Column(words("rv_step"), False),
                Column(words("cb_lag_median")),
                Column(words("cb_lag_plan")),
                Column(words("cb_difference")),
                Column(words("cb_n")),
                Column(words("cb_value"), False),
            ],
            lag_rows,
        )
    )
    size = report.deal_size
    if not size.estimated:
        blocks.append(
            Table(
                words("cb_deal_size"),
                [Column(words("cb_measure"), False), Column(words("cb_value"))],
                [
                    [words("cb_n"), Count(Fraction(size.n))],
                    [words("rv_mean"), _money(size.mean)],
                    [words("rv_median"), _money(size.median)],
                    [words("cb_trimmed"), _money(size.trimmed_mean)],
                    [words("cb_plan"), _money(size.plan)],
                    [words("cb_difference"), _money(size.difference, signed=True)],
                ],
            )
        )
    if report.weights:
        blocks.append(
            Table(
                words("cb_weights"),
                [
                    Column(words("cb_month"), False),
                    Column(words("cb_weight")),
                    Column(words("cb_plan")),
                ],
                [
                    [
                        str(w.month),
                        Count(w.written),
                        Count(w.plan if w.plan is not None else Fraction(1)),
                    ]
                    for w in report.weights
                ],
                caption=_span(report.season_months),
            )
        )
    else:
        blocks.append(
            Notes(
                words("cb_weights"),
                [words("cb_weights_none", months=len(report.season_months))],
            )
        )
    del style
    separator = "：" if words.language == "ja" else ": "
    return Document(
        title=f"{report.title}{separator}{words('cb_title')}",
        facts=facts,
        blocks=blocks,
        fact_separator=words("fact_separator"),
    )


def _money(value: Fraction | None, signed: bool = False) -> Cell:
    return Money(value, signed) if value is not None else None


def proposed_plan(
    report: CalibrateReport, plan_data: dict[str, Any], words: Words, style: Style, command: str
) -> str:
    """The plan's YAML with the proposed values, each with a comment giving its evidence."""
    import yaml

    minor = style.minor_unit
    rates = {r.stage: r for r in report.rates if r.adjacent and r.value is not None}
    lags = {lag.stage: lag for lag in report.lags if lag.median is not None}
    lines = [
        f"# {command}",
        f"# {report.source} ({words('rv_data_through')}: {report.data_through})",
    ]
    rest = {k: v for k, v in plan_data.items() if k not in ("funnel", "deal_size", "kgi")}
    kgi = dict(plan_data.get("kgi") or {})
    funnel = plan_data.get("funnel") or []

    def dump(value: object) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000).rstrip("\n")

    head = {k: v for k, v in rest.items() if k in ("plan", "currency", "locale", "period")}
    lines.append(dump(head))
    weights = report.weights if kgi.get("monthly") is None else ()
    if weights:
        kgi.pop("weights", None)
    lines.append(dump({"kgi": kgi}))
    if weights:
        evidence = words(
            "cb_evidence",
            n=len(report.season_months),
            unit=words("cb_unit_months"),
            first=report.season_months[0],
            last=report.season_months[-1],
        )
        lines.append(f"  weights:  # {evidence}")
        lines += [f"    {w.month}: {_plain(w.written)}" for w in weights]
    size = report.deal_size
    written_size = size.written(minor)
    if written_size is not None:
        evidence = words(
            "cb_evidence",
            n=f"{size.n:,}",
            unit=words("cb_unit_deals"),
            first=report.months[0],
            last=report.months[-1],
        )
        median_text = format_money(size.median or Fraction(0), style)
        comment = words("cb_deal_comment", evidence=evidence, median=median_text)
        lines.append(f"deal_size: {_plain(written_size)}  # {comment}")
    elif "deal_size" in plan_data:
        lines.append(dump({"deal_size": plan_data["deal_size"]}))
    lines.append("funnel:")
    for stage in funnel:
        entry = dict(stage)
        notes = []
        rate = rates.get(entry.get("id"))
        if rate is not None and rate.written is not None:
            entry["rate"] = f"{_plain(rate.written)}%"  # type: ignore[arg-type]
            notes.append(
                words(
                    "cb_evidence",
                    n=f"{rate.n:,}",
                    unit=words("cb_unit_records"),
                    first=rate.months[0],
                    last=rate.months[-1],
                )
                + f" (90%: {format_rate(rate.low)}〜{format_rate(rate.high)})"
            )
        lag = lags.get(entry.get("id"))
        if lag is not None and lag.median is not None and lag.next in _next_of(funnel, entry):
            written = lag.written
            if len(written) == 1:
                entry["lag"] = next(iter(written))
            else:  # a distribution (docs/plan.md, "Lags"); the median in the comment
                entry["lag"] = {months: f"{_plain(share)}%" for months, share in written.items()}
            notes.append(words("cb_lag_comment", median=lag.median, n=f"{lag.n:,}"))
        text = yaml.safe_dump(
            entry, allow_unicode=True, sort_keys=False, default_flow_style=True, width=1000
        ).strip()
        comment = f"  # {'; '.join(notes)}" if notes else ""
        lines.append(f"  - {text}{comment}")
    tail = {k: v for k, v in rest.items() if k not in head}
    if tail:
        lines.append(dump(tail))
    return "\n".join(lines) + "\n"


def _next_of(funnel: list[dict[str, Any]], entry: dict[str, Any]) -> tuple[str, ...]:
    ids = [stage.get("id") for stage in funnel]
    at = ids.index(entry.get("id"))
    return (ids[at + 1],) if at + 1 < len(ids) else ()


def _plain(value: Fraction) -> str:
    """A written value as YAML reads it back: 24.6, 2229032, 1.07."""
    if value.denominator == 1:
        return str(value.numerator)
    from decimal import Decimal

    return str(Decimal(value.numerator) / Decimal(value.denominator))


__all__ = ["calibrate_document", "proposed_plan"]
