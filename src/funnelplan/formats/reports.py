"""Each command's report as a `Renderable`: the view that makes its Document, and its machine texts.

Adding a command's output means one function here; adding a format means one renderer in
`formats/` and one line in `formats/registry.py`. Imports are inside the functions so that a command
loads only the views and renderers it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from funnelplan.formats import Format
from funnelplan.formats.registry import Renderable
from funnelplan.views.presentation import Presentation

if TYPE_CHECKING:
    from funnelplan.core.calibrate import CalibrateReport
    from funnelplan.core.gap import GapReport
    from funnelplan.core.review import ReviewReport
    from funnelplan.core.target import TargetReport
    from funnelplan.load.crm.load import ExportActuals
    from funnelplan.model.plan import Plan


def target_renderable(report: TargetReport, shown: Presentation) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.display import style_for
        from funnelplan.views.target import target_document

        style = style_for(report, shown.money_unit, shown.count_unit)
        return target_document(report, shown.words, style), style

    def csv() -> str:
        from funnelplan.formats.machine import target_csv

        return target_csv(report)

    def json() -> str:
        from funnelplan.formats.machine import target_json

        return target_json(report)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)


def gap_renderable(report: GapReport, shown: Presentation) -> Renderable:
    def document():  # type: ignore[no-untyped-def]
        from funnelplan.views.display import style_for
        from funnelplan.views.gap import gap_document

        style = style_for(report, shown.money_unit, shown.count_unit)
        return gap_document(report, shown.words, style), style

    def csv() -> str:
        from funnelplan.formats.gap_machine import gap_csv

        return gap_csv(report)

    def json() -> str:
        from funnelplan.formats.gap_machine import gap_json

        return gap_json(report)

    return Renderable(document, {Format.csv: csv, Format.json: json}, shown.words.language)


def actuals_renderable(result: ExportActuals, plan: Plan, shown: Presentation) -> Renderable:
    from funnelplan.views import actuals as view

    def document():  # type: ignore[no-untyped-def]
        style = view.style_for(plan, shown.money_unit, shown.count_unit)
        return view.actuals_document(result, plan, shown.words), style

    return Renderable(
        document,
        {
            Format.csv: lambda: view.actuals_csv(result, plan),
            Format.json: lambda: view.actuals_json(result, plan),
        },
        shown.words.language,
    )


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
