"""Presets: the columns the CRMs' own exports carry, in English and Japanese.

A preset names, for each of the vendor's stages, the headers that may hold the date a record
entered it; the plan maps its stage ids to those stage names (`stages: {lead: lead}`). Headers are
compared by `header_key`: width (NFKC), case, spacing and quote marks do not matter, so both
HubSpot date-property families match whichever quotes the export uses:
`Became a Lead Date` and `Date entered "Lead (Lifecycle Stage Pipeline)"` (or 'Lead ...').
"""

from __future__ import annotations

import re
import unicodedata

from funnelplan.model.record import Record

_set = object.__setattr__

_QUOTES = re.compile(r"[\"'“”‘’「」『』`]")
_SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
    """The form headers are compared in: NFKC, casefolded, no quote marks, single spaces."""
    text = unicodedata.normalize("NFKC", text.lstrip("\ufeff")).casefold()
    return _SPACES.sub(" ", _QUOTES.sub("", text)).strip()


# Records, not frozen dataclasses: `actuals` imports this on every run (model/record.py says why)
class StageColumn(Record):
    __match_args__ = ("headers", "won_only")
    __slots__ = __match_args__
    headers: tuple[str, ...]  # the first one present in the file is used
    won_only: bool  # counted only for rows the preset's won rule accepts

    def __init__(self, headers: tuple[str, ...], won_only: bool = False) -> None:
        _set(self, "headers", headers)
        _set(self, "won_only", won_only)


class Preset(Record):
    __match_args__ = (
        "name",
        "stages",
        "id",
        "date",
        "amount",
        "won_column",
        "won_values",
        "defaults",
    )
    __slots__ = __match_args__
    name: str
    stages: dict[str, StageColumn]
    id: tuple[str, ...]
    date: tuple[str, ...]  # revenue: close date
    amount: tuple[str, ...]
    won_column: tuple[str, ...]
    won_values: tuple[str, ...]
    defaults: dict[str, str]  # shown in docs and hints

    def __init__(
        self,
        name: str,
        stages: dict[str, StageColumn],
        id: tuple[str, ...] = (),  # the preset's id column, as the mapping's key
        date: tuple[str, ...] = (),
        amount: tuple[str, ...] = (),
        won_column: tuple[str, ...] = (),
        won_values: tuple[str, ...] = (),
        defaults: dict[str, str] | None = None,
    ) -> None:
        _set(self, "name", name)
        _set(self, "stages", stages)
        _set(self, "id", id)
        _set(self, "date", date)
        _set(self, "amount", amount)
        _set(self, "won_column", won_column)
        _set(self, "won_values", won_values)
        _set(self, "defaults", {} if defaults is None else defaults)


# HubSpot lifecycle stages: internal value -> (English label, Japanese label)
_LIFECYCLE = {
    "subscriber": ("Subscriber", "購読者"),
    "lead": ("Lead", "リード"),
    "marketingqualifiedlead": ("Marketing Qualified Lead", "マーケティングクオリファイドリード"),
    "salesqualifiedlead": ("Sales Qualified Lead", "セールスクオリファイドリード"),
    "opportunity": ("Opportunity", "商談"),
    "customer": ("Customer", "顧客"),
    "evangelist": ("Evangelist", "エバンジェリスト"),
    "other": ("Other", "その他"),
}
# HubSpot default sales pipeline deal stages: internal value -> (English, Japanese)
_DEAL_STAGES = {
    "appointmentscheduled": ("Appointment Scheduled", "アポ設定済み"),
    "qualifiedtobuy": ("Qualified To Buy", "購入見込みあり"),
    "presentationscheduled": ("Presentation Scheduled", "プレゼン予定済み"),
    "decisionmakerboughtin": ("Decision Maker Bought-In", "意思決定者の賛同"),
    "contractsent": ("Contract Sent", "契約書送付済み"),
    "closedwon": ("Closed Won", "成約"),
    "closedlost": ("Closed Lost", "不成立"),
}
_CREATED = ("Create Date", "Created Date", "Createdate", "作成日", "作成日時")
_WON_VALUES = ("Closed Won", "closedwon", "成約", "受注", "成立", "Won")


def _lifecycle_headers(value: str) -> tuple[str, ...]:
    english, japanese = _LIFECYCLE[value]
    article = "an" if english[0] in "AEIOU" else "a"
    return (
        f"Became {article} {english} Date",
        f"Became a {english} Date",
        f'Date entered "{english} (Lifecycle Stage Pipeline)"',
        f"{japanese}になった日",
        f"{japanese}になった日付",
        f"{japanese}になった日時",
        f"「{japanese} (ライフサイクルステージ パイプライン)」に入った日付",
        f"{japanese}(ライフサイクルステージパイプライン)に入った日付",
        f"hs_lifecyclestage_{value}_date",
        f"hs_v2_date_entered_{value}",
    )


def _deal_stage_headers(value: str) -> tuple[str, ...]:
    english, japanese = _DEAL_STAGES[value]
    return (
        f'Date entered "{english} (Sales Pipeline)"',
        f"「{japanese} (取引パイプライン)」に入った日付",
        f"{japanese} (取引パイプライン)に入った日付",
        f"hs_v2_date_entered_{value}",
        f"hs_date_entered_{value}",
    )


PRESETS: dict[str, Preset] = {
    "hubspot-contacts": Preset(
        name="hubspot-contacts",
        id=("Record ID", "Contact ID", "レコードID", "コンタクトID", "hs_object_id"),
        stages={
            "created": StageColumn(_CREATED),
            **{value: StageColumn(_lifecycle_headers(value)) for value in _LIFECYCLE},
        },
        defaults={
            "inquiry": "created",
            "lead": "lead",
            "appointment": "salesqualifiedlead",
            "deal": "customer",
        },
    ),
    "hubspot-deals": Preset(
        name="hubspot-deals",
        id=("Record ID", "Deal ID", "レコードID", "取引ID", "hs_object_id"),
        stages={
            "created": StageColumn(_CREATED),
            **{value: StageColumn(_deal_stage_headers(value)) for value in _DEAL_STAGES},
            "won": StageColumn(("Close Date", "クローズ日", "closedate"), won_only=True),
        },
        date=("Close Date", "クローズ日", "closedate"),
        amount=("Amount", "金額", "amount"),
        won_column=("Deal Stage", "取引ステージ", "dealstage"),
        won_values=_WON_VALUES,
        defaults={"deal": "won"},
    ),
    "salesforce-leads": Preset(
        name="salesforce-leads",
        id=("Lead ID", "リード ID", "リードID", "Id"),
        stages={
            "created": StageColumn(("Create Date", "Created Date", "作成日", "作成日時")),
            "converted": StageColumn(("Converted Date", "取引開始日", "ConvertedDate")),
        },
        defaults={"inquiry": "created", "lead": "converted"},
    ),
    "salesforce-opportunities": Preset(
        name="salesforce-opportunities",
        id=("Opportunity ID", "商談 ID", "商談ID", "Id"),
        stages={
            "created": StageColumn(("Created Date", "Create Date", "作成日", "CreatedDate")),
            "won": StageColumn(("Close Date", "完了予定日", "CloseDate"), won_only=True),
        },
        date=("Close Date", "完了予定日", "CloseDate"),
        amount=("Amount", "金額", "Amount (converted)", "金額 (換算)"),
        won_column=("Stage", "フェーズ", "StageName"),
        won_values=_WON_VALUES,
        defaults={"appointment": "created", "deal": "won"},
    ),
}
