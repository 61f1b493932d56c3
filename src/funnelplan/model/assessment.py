"""The sales-and-marketing assessment: statements by area, a rating scale, and the bands of types.

Input models with no I/O: `load/assessment.py` reads the statements file (ours in
`funnelplan/data/assessment.yaml`, or a team's own) and the answers sheets into these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bilingual:
    """A text in English and Japanese."""

    en: str
    ja: str

    def in_language(self, language: str) -> str:
        return self.ja if language == "ja" else self.en


@dataclass(frozen=True)
class Area:
    id: str
    name: Bilingual


@dataclass(frozen=True)
class Statement:
    id: str
    area: str  # an Area id
    text: Bilingual


@dataclass(frozen=True)
class Band:
    """Scores from `low` to `high` (whole numbers, inclusive) name the type `type`."""

    type: str  # a stable key: undefined, defined, aligned, integrated
    low: int
    high: int
    name: Bilingual
    next_steps: Bilingual  # what moves a team up from this type


@dataclass(frozen=True)
class Assessment:
    file: str  # where the statements came from, as problems name it
    scale: tuple[int, int]  # the lowest and highest rating
    areas: tuple[Area, ...]
    statements: tuple[Statement, ...]
    bands: tuple[Band, ...]  # in score order, covering every possible sum exactly

    @property
    def lowest(self) -> int:
        return self.scale[0] * len(self.statements)

    @property
    def highest(self) -> int:
        return self.scale[1] * len(self.statements)


@dataclass(frozen=True)
class Respondent:
    row: int  # the sheet's row (1-based, the header is row 1)
    team: str  # as written in the answers
    ratings: dict[str, int]  # statement id -> rating


@dataclass(frozen=True)
class Answers:
    file: str
    encoding: str
    respondents: tuple[Respondent, ...]
    skipped: dict[str, int]  # reason -> rows left out (--skip-incomplete): blank, out_of_range
