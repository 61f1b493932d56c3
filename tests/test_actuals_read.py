"""Reading actuals files: every bad-input class of BAD_INPUTS.md that applies to a monthly table."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.test_gap import PLANS, run_cli

from funnelplan.errors import InputError
from funnelplan.load.actuals import read_actuals
from funnelplan.load.planfile import load_plan
from funnelplan.model.months import Month

PLAN = load_plan(PLANS / "example.yaml")  # segmented, Japanese labels
HEADER = "month,inquiry,lead,appointment,deal,revenue\n"


def write(tmp_path: Path, text: str | bytes, name: str = "actuals.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def problems(path: Path, encoding: str | None = None) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_actuals(path, PLAN, encoding)
    return [p.render() for p in caught.value.problems]


def test_excel_forms_are_read(tmp_path: Path) -> None:
    text = (
        "\ufeff月, 問い合わせ ,リード,商談,受注,売上\n"
        '2027/4/1,"1,234",１２３,40,9,"¥9,500,000"\n'
        "\n"
        "2027年5月,180,90,40,9,▲500\n"
        ",,,,,\n"
    )
    table = read_actuals(write(tmp_path, text), PLAN)
    assert table.stages == ("inquiry", "lead", "appointment", "deal")
    april, may = table.rows
    assert april.month == Month(2027, 4) and april.counts["inquiry"] == 1234
    assert april.counts["lead"] == 123 and april.revenue == 9_500_000
    assert may.month == Month(2027, 5) and may.revenue == -500  # refunds are allowed


def test_cp932_is_detected(tmp_path: Path) -> None:
    text = "月,問い合わせ,リード,商談,受注,売上\n2027-04,1,1,1,1,1\n"
    table = read_actuals(write(tmp_path, text.encode("cp932")), PLAN)
    assert table.rows[0].counts["inquiry"] == 1


def test_undecodable_bytes_ask_for_encoding(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER.encode() + b"2027-04,\x81\x20,1,1,1,1\n"
    )  # 0x81 opens a cp932 pair
    (message,) = problems(path)
    assert "--encoding" in message and ":2" in message


def test_encoding_option_on_the_command(tmp_path: Path) -> None:
    text = "月,問い合わせ,リード,商談,受注,売上\n2027-04,1,1,1,1,1\n"
    path = write(tmp_path, text.encode("utf-16"))
    run = run_cli("gap", PLANS / "example.yaml", "--actuals", path, "--encoding", "utf-16")
    assert run.code == 0, run.stderr  # the BOM is detected too; the option names it
    assert "Revenue to date" in run.stdout


def test_every_problem_at_once_with_rows(tmp_path: Path) -> None:
    text = HEADER + (
        "2027-04,180,90,40,9,100\n"  # line 2
        "2027-04,1,1,1,1,1\n"  # line 3: the month again
        "2027-05,1,234,90,40,9,100\n"  # line 4: an unquoted 1,234 shifts the row
        "2027-06,-3,2.5,▲1,1,1\n"  # line 5: negative, fractional, ▲ counts
        "2027-13,1,1,1,1,1\n"  # line 6: no such month
        "2027-07,1,1\n"  # line 7: short
    )
    found = problems(write(tmp_path, text))
    assert any("/actuals.csv:3: month: 2027-04 appears twice (also on line 2)" in m for m in found)
    assert any("/actuals.csv:4: the row has 7 fields" in m for m in found)
    assert any("/actuals.csv:5: inquiry: a count cannot be negative" in m for m in found)
    assert any("/actuals.csv:5: lead: a count must be a whole number" in m for m in found)
    assert any("/actuals.csv:5: appointment: a count cannot be negative" in m for m in found)
    assert any("/actuals.csv:6: month:" in m for m in found)
    assert any("/actuals.csv:7: the row has 3 fields" in m for m in found)
    assert len(found) == 7


def test_headers_duplicate_unknown_and_empty_cells(tmp_path: Path) -> None:
    text = "month,inquiry,問い合わせ,leed,deal,revenue\n2027-04,1,1,1,,1\n"
    found = problems(write(tmp_path, text))
    assert any("repeats column 2" in m for m in found)
    assert any("unknown column 'leed'" in m and "did you mean 'lead'" in m for m in found)
    assert any("/actuals.csv:2: deal: the cell is empty" in m for m in found)


def test_a_stage_without_a_column_is_missing_not_zero(tmp_path: Path) -> None:
    table = read_actuals(write(tmp_path, "month,lead,deal\n2027-04,90,9\n"), PLAN)
    assert table.stages == ("lead", "deal") and not table.has_revenue
    assert "inquiry" not in table.rows[0].counts


def test_segments_by_id_or_label_and_errors(tmp_path: Path) -> None:
    good = "month,segment,deal,revenue\n2027-04,大企業,2,1\n2027-04,smb,3,1\n"
    table = read_actuals(write(tmp_path, good), PLAN)
    assert [r.segment for r in table.rows] == ["enterprise", "smb"]
    bad = "month,segment,deal,revenue\n2027-04,xx,2,1\n2027-04,,3,1\n"
    found = problems(write(tmp_path, bad))
    assert any("'xx' is not a segment" in m for m in found) and any(
        "no segment" in m for m in found
    )


def test_yaml_actuals_positions(tmp_path: Path) -> None:
    text = (
        "2027-04: {inquiry: 180, lead: 90, appointment: 40, deal: 9, revenue: 9500000}\n"
        "2027/4: {inquiry: 1, lead: -1, appointment: 40, deal: 9.5, revenue: 1}\n"
        "2027-05: {inquiry: 1, lead: 1, appointmnt: 1, deal: 1, revenue: 1}\n"
    )
    found = problems(write(tmp_path, text, "a.yaml"))
    assert any("a.yaml:2:9: 2027/4: 2027-04 appears twice" in m for m in found)
    assert any("a.yaml:2:28: 2027/4.lead: a count cannot be negative" in m for m in found)
    assert any("unknown key 'appointmnt'" in m and "did you mean 'appointment'" in m for m in found)


def test_yaml_segments_nest(tmp_path: Path) -> None:
    text = "2027-04:\n  enterprise: {deal: 2, revenue: 1}\n  中小企業: {deal: 3, revenue: 2}\n"
    table = read_actuals(write(tmp_path, text, "a.yaml"), PLAN)
    assert [(r.segment, r.counts["deal"]) for r in table.rows] == [("enterprise", 2), ("smb", 3)]


def test_bad_actuals_exit_2_and_write_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "2027-04,-1,1,1,1,1\n")
    out = tmp_path / "out.md"
    run = run_cli("gap", PLANS / "example.yaml", "--actuals", path, "-o", out)
    assert run.code == 2 and not out.exists()
    assert "inquiry: a count cannot be negative" in run.stderr
    assert "Traceback" not in run.stderr
