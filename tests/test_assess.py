"""`funnelplan assess`: scores, types and gaps worked out by hand; every bad answer is a problem."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.assessment import build_assessment
from funnelplan.load.assessment import load_assessment, read_answers, template_csv
from gold import assert_gold
from runner import PLANS, run_cli

OURS = load_assessment()
IDS = [s.id for s in OURS.statements]  # G1..G4 P1..P4 H1..H4 S1..S4 C1..C4
EXAMPLE = PLANS / "example-assessment.csv"


def sheet(tmp_path: Path, rows: list[tuple[str, list[object]]], name: str = "a.csv") -> Path:
    lines = ["team," + ",".join(IDS)]
    lines += [team + "," + ",".join(str(v) for v in ratings) for team, ratings in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def report_json(path: Path, *args: str) -> dict:
    done = run_cli("assess", path, "-f", "json", *args)
    assert done.code == 0, done.stderr
    return json.loads(done.stdout)


def test_statements_are_twenty_in_five_areas_with_bands_covering_20_to_100() -> None:
    assert len(OURS.statements) == 20
    assert {a.id: sum(s.area == a.id for s in OURS.statements) for a in OURS.areas} == {
        "goals": 4,
        "planning": 4,
        "handoff": 4,
        "systems": 4,
        "culture": 4,
    }
    assert [(b.type, b.low, b.high) for b in OURS.bands] == [
        ("undefined", 20, 39),
        ("defined", 40, 59),
        ("aligned", 60, 79),
        ("integrated", 80, 100),
    ]
    assert all(s.text.en and s.text.ja for s in OURS.statements)


def test_a_hand_worked_two_team_sheet(tmp_path: Path) -> None:
    # sales: A rates everything 4 (sum 80), B everything 3 (sum 60): mean 70 -> aligned
    # marketing: C rates goals/planning/systems/culture 3 and handoff 1: 16*3 + 4*1 = 52 -> defined
    handoff_low = [1 if i.startswith("H") else 3 for i in IDS]
    path = sheet(tmp_path, [("営業", [4] * 20), ("営業", [3] * 20), ("マーケ", handoff_low)])
    shown = report_json(path)
    assert shown["respondents"] == {"営業": 2, "マーケ": 1}
    assert shown["teams"] == {
        "営業": {"score": 70, "type": "aligned"},
        "マーケ": {"score": 52, "type": "defined"},
    }
    # overall: every person once: (80 + 60 + 52) / 3 = 64 -> aligned
    assert shown["overall"] == {"score": 64, "type": "aligned"}
    areas = {a["area"]: a for a in shown["areas"]}
    # handoff: sales (16 + 12) / 2 = 14, marketing 4 * 1 = 4: 10 apart; other areas 14 vs 12
    assert areas["handoff"]["scores"] == {"営業": 14, "マーケ": 4}
    assert areas["handoff"]["gap"] == 10
    assert areas["goals"]["scores"] == {"営業": 14, "マーケ": 12}
    # statements: each handoff one 3.5 vs 1 = 2.5 apart first (in order H1..H4), then the rest 0.5
    gaps = [(d["statement"], d["gap"]) for d in shown["differences"]]
    assert gaps[:4] == [("H1", 2.5), ("H2", 2.5), ("H3", 2.5), ("H4", 2.5)]
    assert {gap for _, gap in gaps[4:]} == {0.5}
    assert shown["differences"][0]["scores"] == {"営業": 3.5, "マーケ": 1}


@pytest.mark.parametrize(
    ("ratings", "total", "expected"),
    [
        ([2] * 19 + [1], 39, "undefined"),
        ([2] * 20, 40, "defined"),
        ([3] * 19 + [2], 59, "defined"),
        ([3] * 20, 60, "aligned"),
        ([4] * 19 + [3], 79, "aligned"),
        ([4] * 20, 80, "integrated"),
        ([1] * 20, 20, "undefined"),
        ([5] * 20, 100, "integrated"),
    ],
)
def test_bands_at_their_edges(
    tmp_path: Path, ratings: list[int], total: int, expected: str
) -> None:
    shown = report_json(sheet(tmp_path, [("sales", ratings)]))
    assert shown["teams"]["sales"] == {"score": total, "type": expected}


def test_the_type_follows_the_score_as_shown(tmp_path: Path) -> None:
    # 39 and 40: mean 39.5, shown 39.5: still undefined (a band runs up to the next one's start)
    low = [2] * 19 + [1]
    assert report_json(sheet(tmp_path, [("s", low), ("s", [2] * 20)]))["teams"]["s"] == {
        "score": 39.5,
        "type": "undefined",
    }
    # one 39 and nineteen 40s: (39 + 760) / 20 = 39.95, shown 40.0 (halves up): defined
    rows = [("s", low)] + [("s", [2] * 20)] * 19
    assert report_json(sheet(tmp_path, rows))["teams"]["s"] == {"score": 40, "type": "defined"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["営業", "マーケティング", "IS"]),
            st.lists(st.integers(1, 5), min_size=20, max_size=20),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_parts_add_up_and_every_mean_is_exact(rows: list[tuple[str, list[int]]]) -> None:
    from funnelplan.model.assessment import Answers, Respondent

    answers = Answers(
        "x.csv",
        "utf-8",
        tuple(
            Respondent(i + 2, team, dict(zip(IDS, r, strict=True)))
            for i, (team, r) in enumerate(rows)
        ),
        {},
    )
    report = build_assessment(OURS, answers)
    for team, score in report.teams.items():
        totals = [sum(r) for t, r in rows if t == team]
        assert score.exact == Fraction(sum(totals), len(totals))
        assert score.band.low <= score.shown <= score.band.high + Fraction(9, 10)
        # a team's area means add up to its score (exactly, before rounding)
        area_sum = Fraction(0)
        for area in OURS.areas:
            members = [i for i, s in enumerate(OURS.statements) if s.area == area.id]
            area_sum += Fraction(
                sum(sum(r[i] for i in members) for t, r in rows if t == team), len(totals)
            )
        assert area_sum == score.exact
    everyone = [sum(r) for _, r in rows]
    assert report.overall.exact == Fraction(sum(everyone), len(everyone))
    assert sum(report.respondents.values()) == len(rows)
    gaps = [d.gap for d in report.differences]
    assert gaps == sorted(gaps, reverse=True)
    assert bool(report.differences) == (len(report.teams) > 1)


def test_the_example_form_export_reads_in_cp932_with_japanese_headers() -> None:
    raw = EXAMPLE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # a real cp932 file, as Forms exports open in Japanese Excel
    answers = read_answers(EXAMPLE, OURS)
    assert answers.encoding == "cp932"
    assert len(answers.respondents) == 30  # the generator's 16 + 14
    teams = [r.team for r in answers.respondents]
    assert teams.count("営業") == 16 and teams.count("マーケティング") == 14


@pytest.mark.parametrize(
    ("fmt", "lang", "name"),
    [
        ("table", "en", "example.txt"),
        ("table", "ja", "example-ja.txt"),
        ("markdown", "ja", "example-ja.md"),
        ("html", "ja", "example-ja.html"),
        ("json", "en", "example.json"),
        ("csv", "en", "example.csv"),
    ],
)
def test_golden_report_in_every_format(fmt: str, lang: str, name: str) -> None:
    # the path as a user types it from the repository's root: the report names it, as written
    done = run_cli("assess", "plans/example-assessment.csv", "-f", fmt, "--lang", lang)
    assert done.code == 0, done.stderr
    assert_gold(f"assess/{name}", done.stdout)


def test_japanese_headline_names_both_types_and_the_widest_area() -> None:
    done = run_cli("assess", EXAMPLE, "--lang", "ja", "-f", "markdown")
    assert "営業は「連携」と見ている" in done.stdout
    assert "マーケティングは「定義済み」と見ている" in done.stdout
    assert "差が最も大きいのは「リードの引き継ぎとフィードバック」" in done.stdout


def test_rating_words_and_digits_as_forms_write_them(tmp_path: Path) -> None:
    words = ["とてもそう思う", "5 - strongly agree", "５", "Strongly agree", "5（とてもそう思う）"]
    ratings = (words * 4)[:20]
    assert report_json(sheet(tmp_path, [("s", ratings)]))["teams"]["s"]["score"] == 100


def test_form_grid_headers_and_a_team_column_by_name(tmp_path: Path) -> None:
    header = ["Timestamp", "Which team?"] + [f"Rate each [{s.text.en}]" for s in OURS.statements]
    body = ["2027/06/01 9:00", "Sales"] + ["3"] * 20
    path = tmp_path / "form.csv"
    path.write_text(",".join(f'"{h}"' for h in header) + "\n" + ",".join(body) + "\n", "utf-8")
    shown = report_json(path, "--team-column", "Which team?")
    assert shown["teams"] == {"Sales": {"score": 60, "type": "aligned"}}


def test_every_bad_answer_at_its_row_and_column_at_once(tmp_path: Path) -> None:
    good = [3] * 20
    rows = [
        ("sales", good),
        ("sales", [6, *good[1:]]),  # row 3: out of range
        ("", good),  # row 4: no team
        ("sales", [3] * 19 + [""]),  # row 5: a blank answer (C4, column 21)
        ("sales", ["3.5", *good[1:]]),  # row 6: not a whole number
        ("sales", ["0", "abc", *good[2:]]),  # row 7: two problems
    ]
    done = run_cli("assess", sheet(tmp_path, rows))
    assert done.code == 2 and done.stdout == ""
    err = done.stderr
    assert "a.csv:3:2: G1 ..." not in err
    assert "a.csv:3:2: G1: '6' is not an answer to G1" in err
    assert "a.csv:4:1: team: the team is blank" in err
    assert "a.csv:5:21: C4: no answer to C4" in err
    assert "a.csv:6:2: G1: '3.5' is not an answer to G1" in err
    assert "a.csv:7:2: G1: '0' is not an answer" in err and "a.csv:7:3: G2: 'abc'" in err
    assert "funnelplan: 6 problems, nothing written" in err
    # --skip-incomplete leaves the rows out and counts them
    shown = report_json(sheet(tmp_path, rows), "--skip-incomplete")
    assert shown["respondents"] == {"sales": 1}
    assert shown["skipped"] == {"out_of_range": 3, "blank": 2}


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("who," + ",".join(IDS[:18]) + ",G1\n", "utf-8")
    err = run_cli("assess", path).stderr
    assert "a.csv:1: no team column (team)" in err
    assert "no column for the statements C3, C4" in err
    assert "a.csv:1:20: G1: a second column for statement G1" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the sheet has no rows"),
        (b"team,G1\x00\n", "NUL bytes"),
        (b"\xff\xfe\xfa\x00bad", "not valid"),
    ],
)
def test_files_that_are_not_sheets(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(content)
    done = run_cli("assess", path)
    assert done.code == 2 and expected in done.stderr, done.stderr


def test_a_missing_sheet_a_folder_and_no_argument(tmp_path: Path) -> None:
    assert run_cli("assess", tmp_path / "none.csv").code == 2
    assert run_cli("assess", tmp_path).code == 2
    done = run_cli("assess")
    assert done.code == 2 and "give the answers sheet" in done.stderr


def test_the_template_round_trips_and_never_overwrites_its_input(tmp_path: Path) -> None:
    out = tmp_path / "answers.csv"
    assert run_cli("assess", "--template", "-o", out, "--lang", "ja").code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[0] == "チーム" and header[1].startswith("G1 営業とマーケティングは")
    assert len(header) == 21
    out.write_bytes(raw + "営業,".encode() + ",".join(["4"] * 20).encode() + b"\r\n")
    assert report_json(out)["teams"] == {"営業": {"score": 80, "type": "integrated"}}
    done = run_cli("assess", out, "-o", out)
    assert done.code == 2 and out.read_bytes().endswith(b"4\r\n")


def test_template_header_matches_the_statements_in_english() -> None:
    assert template_csv(OURS, "en").startswith("team,G1 Sales and marketing work toward")


def _statements(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SMALL = """\
areas:
  - {id: a, en: Area, ja: 領域}
statements:
  - {id: Q1, area: a, en: One, ja: 一}
  - {id: Q2, area: a, en: Two, ja: 二}
bands:
  - {type: low, from: 2, to: 5, en: Low, ja: 低, next_en: Up, next_ja: 上へ}
  - {type: high, from: 6, to: 10, en: High, ja: 高, next_en: Keep, next_ja: 維持}
"""


def test_a_teams_own_statements_file(tmp_path: Path) -> None:
    mine = _statements(tmp_path, SMALL)
    path = tmp_path / "a.csv"
    path.write_text("team,Q1,Q2\nsales,3,3\nsales,2,2\n", "utf-8")
    shown = report_json(path, "--statements", mine)
    # (6 + 4) / 2 = 5 -> low
    assert shown["teams"] == {"sales": {"score": 5, "type": "low"}}
    assert shown["range"] == {"min": 2, "max": 10}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("to: 5, en: Low", "to: 4, en: Low"), "mine.yaml:8:"),  # a gap: 5 is in no band
        (("from: 6", "from: 5"), "starts at 5, but the scores before it end at 5"),
        (("to: 10,", "to: 9,"), "the bands end at 9, but scores go up to 10"),
        (("area: a, en: Two", "area: b, en: Two"), "mine.yaml:5:"),
        (("id: Q2", "id: Q1"), "the id Q1 is used twice"),
        ((", ja: 二", ""), "missing the text `ja:`"),
        (("areas:", "area:"), "unknown key 'area'"),
    ],
)
def test_bad_statements_files(tmp_path: Path, edit: tuple[str, str], expected: str) -> None:
    mine = _statements(tmp_path, SMALL.replace(*edit))
    path = tmp_path / "a.csv"
    path.write_text("team,Q1,Q2\nsales,3,3\n", "utf-8")
    done = run_cli("assess", path, "--statements", mine)
    assert done.code == 2, done.stdout
    assert expected in done.stderr, done.stderr


def test_problems_read_in_japanese(tmp_path: Path) -> None:
    done = run_cli("assess", sheet(tmp_path, [("", [3] * 20)]), "--lang", "ja")
    assert "a.csv:2:1: team: チームが空欄です" in done.stderr
    assert "ヒント：" in done.stderr


def test_answering_in_the_terminal_stops_and_goes_on(tmp_path: Path) -> None:
    from funnelplan.cli.assess_prompt import answer_in_terminal, partial_path

    answers = tmp_path / "answers.csv"
    told: list[str] = []
    first = iter(["4", "9", "x", "5", "q"])  # G1 4, two bad replies re-asked, G2 5, then stop
    assert not answer_in_terminal(OURS, answers, "営業", "en", lambda _: next(first), told.append)
    assert not answers.exists()
    assert json.loads(partial_path(answers, "営業").read_text()) == {"G1": 4, "G2": 5}
    assert sum("whole number from 1 to 5" in t for t in told) == 2
    rest = iter(["3"] * 18)
    assert answer_in_terminal(OURS, answers, "営業", "en", lambda _: next(rest), told.append)
    assert not partial_path(answers, "営業").exists()
    assert any("2 of 20 answered" in t for t in told)
    # 4 + 5 + 18 * 3 = 63: aligned
    assert report_json(answers)["teams"] == {"営業": {"score": 63, "type": "aligned"}}
