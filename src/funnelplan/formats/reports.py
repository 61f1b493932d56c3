"""Each command's report as a `Renderable`: the view that makes its Document, and its machine texts.

Adding a command's output means one function here; adding a format means one renderer in
`formats/` and one line in `formats/registry.py`. Imports are inside the functions so that a command
loads only the views and renderers it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from funnelplan.formats import CsvHeaders, Format
from funnelplan.formats.registry import Renderable
from funnelplan.views.presentation import Presentation

if TYPE_CHECKING:
    from funnelplan.i18n.words import Words

if TYPE_CHECKING:
    from funnelplan.core.actuals import ActualsReport
    from funnelplan.core.assessment import AssessmentReport
    from funnelplan.core.calibrate import CalibrateReport
    from funnelplan.core.gap import GapReport
    from funnelplan.core.odds import GapOdds, TargetOdds
    from funnelplan.core.review import ReviewReport
    from funnelplan.core.sensitivity import SensitivityReport
    from funnelplan.core.target_report import TargetReport
    from funnelplan.core.whatif import WhatIfReport
    from funnelplan.model.plan import Plan


def target_renderable(
    report: TargetReport,
    shown: Presentation,
    odds: TargetOdds | None = None,
    *,
    plan: Plan | None = None,
    focus: str | None = None,
    headers: CsvHeaders = CsvHeaders.ids,
) -> Renderable:
    """`plan` (and `focus`, the segment of `target --segment`) give the workbook its KGI inputs."""
    people = shown.words if headers is CsvHeaders.labels else None
    if odds is None:  # every target report shows its odds (target --confidence passes its own)
        from funnelplan.core.odds import target_odds

        odds = target_odds(report)

    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.display import style_for
        from funnelplan.views.target import target_document

        style = style_for(report, shown.money_unit, shown.count_unit)
        return target_document(report, shown.words, style, odds), style

    def csv() -> str:
        from funnelplan.formats.machine import target_csv

        return target_csv(report, people)

    def json() -> str:
        from funnelplan.formats.machine import target_json

        return target_json(report, odds)

    def xlsx() -> bytes:
        from funnelplan.formats.xlsx import target_workbook

        return target_workbook(report, shown.words, plan, focus)

    machine = {Format.csv: csv, Format.json: json, Format.xlsx: xlsx}
    return Renderable(document, machine, shown.words.language)


def gap_renderable(
    report: GapReport,
    shown: Presentation,
    odds: GapOdds | None = None,
    *,
    headers: CsvHeaders = CsvHeaders.ids,
) -> Renderable:
    people = shown.words if headers is CsvHeaders.labels else None

    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.display import style_for
        from funnelplan.views.gap import gap_document

        style = style_for(report, shown.money_unit, shown.count_unit)
        return gap_document(report, shown.words, style, odds), style

    def csv() -> str:
        from funnelplan.formats.gap_machine import gap_csv

        return gap_csv(report, people)

    def json() -> str:
        from funnelplan.formats.gap_machine import gap_json

        return gap_json(report, odds)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)


def actuals_renderable(report: ActualsReport, plan: Plan, shown: Presentation) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.actuals import actuals_document, style_for

        style = style_for(plan, shown.money_unit, shown.count_unit)
        return actuals_document(report, plan, shown.words), style

    def csv() -> str:
        from funnelplan.formats.actuals_machine import actuals_csv

        return actuals_csv(report.exports, plan)

    def json() -> str:
        from funnelplan.formats.actuals_machine import actuals_json

        return actuals_json(report.exports, plan)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)


def review_renderable(report: ReviewReport, plan: Plan, shown: Presentation) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.display import Style
        from funnelplan.views.review import review_document

        style = Style(plan.currency, plan.minor_unit, 0, shown.money_unit, shown.count_unit)
        return review_document(report, shown.words, style), style

    def csv() -> str:
        from funnelplan.formats.review_machine import review_csv

        return review_csv(report, plan.minor_unit)

    def json() -> str:
        from funnelplan.formats.review_machine import review_json

        return review_json(report, plan.minor_unit)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)


def assessment_renderable(report: AssessmentReport, words: Words) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.assessment import assessment_document, assessment_style

        return assessment_document(report, words), assessment_style()

    def csv() -> str:
        from funnelplan.formats.assessment_machine import assessment_csv

        return assessment_csv(report)

    def json() -> str:
        from funnelplan.formats.assessment_machine import assessment_json

        return assessment_json(report)

    return Renderable(document, {Format.csv: csv, Format.json: json}, words.language)


def whatif_renderable(report: WhatIfReport, shown: Presentation) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.display import style_for
        from funnelplan.views.whatif import whatif_document

        style = style_for(report, shown.money_unit, shown.count_unit)
        return whatif_document(report, shown.words, style), style

    def csv() -> str:
        from funnelplan.formats.whatif_machine import whatif_csv

        return whatif_csv(report)

    def json() -> str:
        from funnelplan.formats.whatif_machine import whatif_json

        return whatif_json(report)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)


def sensitivity_renderable(report: SensitivityReport, shown: Presentation) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.display import style_for
        from funnelplan.views.sensitivity import sensitivity_document

        style = style_for(report, shown.money_unit, shown.count_unit)
        return sensitivity_document(report, shown.words, style), style

    def csv() -> str:
        from funnelplan.formats.sensitivity_machine import sensitivity_csv

        return sensitivity_csv(report)

    def json() -> str:
        from funnelplan.formats.sensitivity_machine import sensitivity_json

        return sensitivity_json(report)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)


def calibrate_renderable(report: CalibrateReport, plan: Plan, shown: Presentation) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.calibrate import calibrate_document
        from funnelplan.views.display import Style

        style = Style(plan.currency, plan.minor_unit, 0, shown.money_unit, shown.count_unit)
        return calibrate_document(report, shown.words, style), style

    def csv() -> str:
        from funnelplan.formats.review_machine import calibrate_csv

        return calibrate_csv(report, plan.minor_unit)

    def json() -> str:
        from funnelplan.formats.review_machine import calibrate_json

        return calibrate_json(report, plan.minor_unit)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)
