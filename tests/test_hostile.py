"""Hostile and extreme input to plans and monthly actuals (issue 9, ../shared/BAD_INPUTS.md).

Each class found by the red team has a reproducer here: a clean problem at its place (file:line:col
for YAML, file:row for CSV), exit 2 on the command line, never a traceback, a hang, gigabytes or a
wrong number with exit 0.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from funnelplan.errors import InputError, Problem, say
from funnelplan.load.actuals import read_actuals
from funnelplan.load.planfile import load_plan
from funnelplan.load.textfile import DecodeError, decode_bytes
from funnelplan.model.months import Month, MonthFormatError, day_first_order, parse_month
from funnelplan.model.values import ValueProblem, parse_money
from runner import PLANS, run_cli

GOOD = """\
plan: t
period: {start: 2027-04, end: 2027-09}
kgi:
  revenue: 60000000
deal_size: 1500000
funnel:
  - {id: appointment, owner: sales, rate: 25%}
  - {id: deal, owner: sales}
"""
SEGMENTED = PLANS / "example.yaml"  # JPY, segments enterprise (大企業) and smb (中小企業)
HEADER = "month,inquiry,lead,appointment,deal,revenue\n"


def plan_problems(tmp_path: Path, text: str | bytes) -> list[Problem]:
    path = tmp_path / "plan.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        load_plan(path)
    return caught.value.problems


def actuals_problems(tmp_path: Path, text: str | bytes, name: str = "a.csv") -> list[Problem]:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        read_actuals(path, load_plan(SEGMENTED))
    return caught.value.problems


def quick(seconds: float = 2.0):  # type: ignore[no-untyped-def]
    """A context that fails when what it runs takes longer than `seconds` (a hang, not a crash)."""

    class _Timer:
        def __enter__(self) -> None:
            self.start = time.monotonic()

        def __exit__(self, *_: object) -> None:
            assert time.monotonic() - self.start < seconds

    return _Timer()


# --- numbers at the edge of the representable ---------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "place", "words"),
    [
        ("rate: 25%", "rate: 1e999999999", (7, 43, "funnel[0].rate"), "too large"),
        ("deal_size: 1500000", "deal_size: 1e1000000", (5, 12, "deal_size"), "too large"),
        ("rate: 25%", "rate: 1e-5000", (7, 43, "funnel[0].rate"), "too small"),
        ("rate: 25%", "rate: 3e-400", (7, 43, "funnel[0].rate"), "too small"),
        ("rate: 25%", "rate: 1e-999999999", (7, 43, "funnel[0].rate"), "too small"),
        # 60,000,000 / 1,500,000 = 40 deals over 6 months; 1e-20 would need ~7×10^20 a month
        ("rate: 25%", "rate: 1e-20", (7, 43, "funnel[0].rate"), "too small"),
        (
            "revenue: 60000000",
            "revenue: 60000000\n  weights: {2027-04: 1e-999999999}",
            (5, 22, "kgi.weights.2027-04"),
            "too small",
        ),
    ],
)
def test_extreme_numbers_are_refused_at_their_place(
    tmp_path: Path, old: str, new: str, place: tuple[int, int, str], words: str
) -> None:
    with quick():
        found = plan_problems(tmp_path, GOOD.replace(old, new))
    assert len(found) == 1, [p.render() for p in found]
    assert (found[0].line, found[0].column, found[0].field) == place
    assert words in found[0].message_text()


def test_a_segment_rate_of_1e_minus_999999999_is_refused(tmp_path: Path) -> None:
    text = GOOD + (
        "segments:\n"
        "  - {id: a, share: 50%, rates: {appointment: 1e-999999999}}\n"
        "  - {id: b, share: 50%}\n"
    )
    with quick():
        found = plan_problems(tmp_path, text)
    assert [(p.line, p.field) for p in found] == [(10, "segments[0].rates.appointment")]


def test_a_rate_so_small_that_counts_pass_a_billion_names_stage_and_month(tmp_path: Path) -> None:
    # 60,000,000 / 6 months = 10,000,000 a month / 1,500,000 = 6.67 deals; / 1e-9 = 6.7×10^9 > 10^9
    found = plan_problems(tmp_path, GOOD.replace("rate: 25%", "rate: 1e-9"))
    assert len(found) == 1
    assert (found[0].line, found[0].field) == (7, "funnel[0].rate")
    assert "7×10^9 appointment" in found[0].message_text()
    assert "2027-04" in found[0].message_text()
    # 1e-7: 6.7×10^7 appointments, under the bound: the plan loads
    path = tmp_path / "ok.yaml"
    path.write_text(GOOD.replace("rate: 25%", "rate: 1e-7"), encoding="utf-8")
    assert load_plan(path).funnel[0].rate == parse_money("0.0000001")


@pytest.mark.parametrize(
    "revenue", ["1e999999999", "1e-999999999", "1e-5000", "1e1000000", "12000000000000000"]
)
def test_extreme_revenue_in_yaml_actuals(tmp_path: Path, revenue: str) -> None:
    text = f"2027-04: {{inquiry: 1, lead: 1, appointment: 1, deal: 1, revenue: {revenue}}}\n"
    with quick():
        found = actuals_problems(tmp_path, text, "a.yaml")
    assert [(p.line, p.field) for p in found] == [(1, "2027-04.revenue")]


def test_an_xlsx_float_amount_of_1e300_hits_the_money_bound() -> None:
    # openpyxl gives a float for a numeric XLSX cell; the same 10^15 bound holds
    with pytest.raises(ValueProblem, match="more than 10\\^15"):
        parse_money(1e300)
    with pytest.raises(ValueProblem, match="more than 10\\^15"):
        parse_money(2e15)
    assert parse_money(1234.0) == 1234


# --- signs and currencies -----------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["--45000", "▲-301000", "-▲5", "△-1", "-¥-500"])
def test_two_signs_are_an_error_not_a_positive(tmp_path: Path, cell: str) -> None:
    found = actuals_problems(tmp_path, HEADER + f'2027-04,1,1,1,1,"{cell}"\n')
    assert [(p.line, p.field) for p in found] == [(2, "revenue")]
    assert "two signs" in found[0].message_text()


def test_one_sign_still_reads() -> None:
    assert parse_money("▲301000", "JPY") == -301000
    assert parse_money("-¥500", "JPY") == -500
    assert parse_money("+45000", "JPY") == 45000


def test_a_dollar_amount_in_a_yen_table_is_an_error(tmp_path: Path) -> None:
    found = actuals_problems(tmp_path, HEADER + '2027-04,1,1,1,1,"$15,200,000"\n')
    assert [(p.line, p.field) for p in found] == [(2, "revenue")]
    assert "the plan's currency is JPY" in found[0].message_text()


def test_a_yen_amount_in_a_dollar_plan_is_an_error(tmp_path: Path) -> None:
    text = GOOD.replace("plan: t\n", "plan: t\ncurrency: USD\n")
    found = plan_problems(tmp_path, text.replace("revenue: 60000000", "revenue: 1億8000万円"))
    assert [(p.line, p.column, p.field) for p in found] == [(5, 12, "kgi.revenue")]
    assert "the plan's currency is USD" in found[0].message_text()
    # the plan's own marks are fine
    path = tmp_path / "ok.yaml"
    path.write_text(text.replace("revenue: 60000000", "revenue: $60,000,000"), encoding="utf-8")
    assert load_plan(path).kgi.revenue == 60_000_000


# --- the same month spelled twice ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kgi", "first"),
    [
        ("revenue: 60000000\n  weights:\n    2027-03: 1\n    2027/3: 2\n", 6),
        ("monthly:\n    2027-03: 1\n    2027/3: 2\n", 5),
    ],
)
def test_one_month_spelled_twice_in_the_kgi_names_both_lines(
    tmp_path: Path, kgi: str, first: int
) -> None:
    text = GOOD.replace("revenue: 60000000\n", kgi).replace(
        "2027-04, end: 2027-09", "2027-03, end: 2027-03"
    )
    found = plan_problems(tmp_path, text)
    assert [(p.line, p.column) for p in found] == [(first + 1, 5)]
    assert f"2027/3 is 2027-03 again (also 2027-03 on line {first})" in found[0].message_text()


def test_one_month_spelled_twice_in_actuals(tmp_path: Path) -> None:
    found = actuals_problems(tmp_path, HEADER + "2027-03,1,1,1,1,0\n2027/3,1,1,1,1,0\n")
    assert any(p.line == 3 and "also on line 2" in p.message_text() for p in found)


# --- YAML structure: aliases, control characters -------------------------------------------------


def test_a_self_referencing_alias_in_a_plan(tmp_path: Path) -> None:
    found = plan_problems(tmp_path, GOOD + "x: &a [*a]\n")
    assert [(p.line, p.column) for p in found if "alias" in p.message_text()] == [(9, 4)]


def test_a_self_referencing_alias_in_yaml_actuals(tmp_path: Path) -> None:
    found = actuals_problems(tmp_path, "2027-04: &a {inquiry: *a}\n", "a.yaml")
    assert [(p.line, p.column) for p in found] == [(1, 10)]
    assert "alias refers to the value that contains it" in found[0].message_text()


def test_a_billion_laughs_is_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    with quick():
        found = plan_problems(tmp_path, "\n".join(lines) + "\n")
    assert any("expands to more than" in p.message_text() for p in found)


@pytest.mark.parametrize(("char", "column"), [("\x00", 7), ("\x1b", 7)])
def test_nul_or_esc_in_a_plan_gives_line_and_column(tmp_path: Path, char: str, column: int) -> None:
    text = GOOD.replace("plan: t\n", "plan: t\n").replace(
        "deal_size: 1500000", f"deal_s{char}ize: 1500000"
    )
    found = plan_problems(tmp_path, text)
    assert [(p.line, p.column) for p in found] == [(5, column)]
    assert "position" not in found[0].message_text()
    assert char not in found[0].render()


# --- terminal escapes on stderr -----------------------------------------------------------------


def test_escape_sequences_in_a_header_are_escaped_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("month,\x1b]0;owned\x07\x1b[2J,deal\n2027-04,1,1\n", encoding="utf-8")
    done = run_cli("gap", SEGMENTED, "--actuals", path)
    assert done.code == 2
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "\\x1b]0;owned\\x07\\x1b[2J" in done.stderr


def test_problem_render_escapes_every_part() -> None:
    problem = Problem(
        file="a\x1b.csv",
        line=1,
        field="f\x07",
        message=say("usage.as_click_says", text="m\x1b[2J"),  # shown as written
        hint=say("usage.as_click_says", text="h\x9b"),
        excerpt="e\x1bx",
    )
    shown = problem.render()
    assert all(char not in shown for char in "\x1b\x07\x9b")
    assert "a\\x1b.csv:1: f\\x07: m\\x1b[2J" in shown


# --- unbounded reads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [("check", "/dev/zero"), ("gap", "PLAN", "--actuals", "/dev/zero")]
)
def test_devices_are_refused(command: tuple[str, ...]) -> None:
    args = [str(SEGMENTED) if part == "PLAN" else part for part in command]
    done = run_cli(*args)
    assert done.code == 2, done.stderr
    assert "a device is not a file that can be read" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_fifo_and_a_folder_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    with quick(10):
        done = run_cli("check", fifo)
    assert done.code == 2 and "a pipe (FIFO)" in done.stderr
    done = run_cli("gap", SEGMENTED, "--actuals", tmp_path)
    assert done.code == 2 and "a folder" in done.stderr


def test_files_larger_than_any_plan_or_monthly_table_are_refused(tmp_path: Path) -> None:
    big_plan = tmp_path / "big.yaml"
    with big_plan.open("wb") as out:  # sparse: 11 MiB without writing 11 MiB
        out.truncate(11 * 1024 * 1024)
    with pytest.raises(InputError, match="more than 10 MiB"):
        load_plan(big_plan)
    big_table = tmp_path / "big.csv"
    with big_table.open("wb") as out:
        out.truncate(51 * 1024 * 1024)
    with quick(), pytest.raises(InputError, match="more than 50 MiB"):
        read_actuals(big_table, load_plan(SEGMENTED))


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "words"),
    [("rot13", "not a text encoding"), ("base64", "not a text encoding"), ("klingon", "unknown")],
)
def test_a_non_text_or_unknown_encoding_is_a_problem(
    tmp_path: Path, encoding: str, words: str
) -> None:
    with pytest.raises(DecodeError, match=words):
        decode_bytes(b"month\n", encoding)
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "2027-04,1,1,1,1,0\n", encoding="utf-8")
    done = run_cli("gap", SEGMENTED, "--actuals", path, "--encoding", encoding)
    assert done.code == 2 and words in done.stderr and "Traceback" not in done.stderr


# --- segmented YAML actuals written as team totals ----------------------------------------------


def test_a_team_total_month_among_segment_months_is_an_error(tmp_path: Path) -> None:
    text = (
        "2027-04: {enterprise: {deal: 2, revenue: 10000000}, smb: {deal: 7, revenue: 7000000}}\n"
        "2027-05: {deal: 9, revenue: 17000000}\n"
    )
    found = actuals_problems(tmp_path, text, "a.yaml")
    assert [(p.line, p.column) for p in found] == [(2, 1)]
    assert "written as team totals, but 2027-04 (line 1) is per segment" in found[0].message_text()


# --- names that collide -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "index", "words"),
    [
        ("Revenue", 0, "the actuals' revenue column"),
        ("売上", 0, "the actuals' 売上 column"),
        ("Month", 0, "the actuals' month column"),
        ("deal", 0, "the id of funnel[1] (deal)"),
    ],
)
def test_a_label_that_would_capture_a_column_is_refused(
    tmp_path: Path, label: str, index: int, words: str
) -> None:
    text = GOOD.replace("rate: 25%}", f"rate: 25%, label: {label}}}")
    found = plan_problems(tmp_path, text)
    assert [(p.line, p.field) for p in found] == [(7, f"funnel[{index}].label")]
    assert words in found[0].message_text()


def test_two_stages_with_one_label_are_refused(tmp_path: Path) -> None:
    text = GOOD.replace("rate: 25%}", "rate: 25%, label: Won}").replace(
        "{id: deal, owner: sales}", "{id: deal, owner: sales, label: won}"
    )
    found = plan_problems(tmp_path, text)
    assert [(p.line, p.field) for p in found] == [(8, "funnel[1].label")]


# --- stages × lag -------------------------------------------------------------------------------


def test_hundreds_of_stages_with_long_lags_are_refused_quickly(tmp_path: Path) -> None:
    stages = "".join(f"  - {{id: s{i}, owner: sales, rate: 99%, lag: 24}}\n" for i in range(300))
    text = GOOD.split("funnel:\n")[0] + "funnel:\n" + stages + "  - {id: deal, owner: sales}\n"
    with quick(5):
        found = plan_problems(tmp_path, text)
    assert [p.field for p in found] == ["funnel[50]"]
    assert "301 stages, more than 50" in found[0].message_text()


def test_lags_adding_up_past_36_months_are_refused(tmp_path: Path) -> None:
    text = GOOD.replace("rate: 25%}", "rate: 25%, lag: 20}").replace(
        "  - {id: deal, owner: sales}\n",
        "  - {id: mid, owner: sales, rate: 50%, lag: 20}\n  - {id: deal, owner: sales}\n",
    )
    found = plan_problems(tmp_path, text)
    assert [p.field for p in found] == ["funnel"]
    assert "the lags add up to 40 months, more than 36" in found[0].message_text()


# --- month forms in the actuals file ------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("Jan 2027", Month(2027, 1)),
        ("January 2027", Month(2027, 1)),
        ("Sept. 2027", Month(2027, 9)),
        ("2027-01-01", Month(2027, 1)),
        ("1/1/2027", Month(2027, 1)),
        ("13/4/2027", Month(2027, 4)),  # 13 cannot be a month: day first
        ("4/13/2027", Month(2027, 4)),  # month first
    ],
)
def test_month_forms(written: str, month: Month) -> None:
    assert parse_month(written) == month


def test_the_column_decides_day_or_month_first(tmp_path: Path) -> None:
    # 13/4/2027 says day first, so 3/5/2027 is 3 May, not 5 March
    text = HEADER + "13/4/2027,1,1,1,1,0\n3/5/2027,1,1,1,1,0\n"
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    table = read_actuals(path, load_plan(SEGMENTED))
    assert table.months == [Month(2027, 4), Month(2027, 5)]
    # month first: 4/13/2027 then 5/3/2027 is 3 May
    assert day_first_order(["4/13/2027", "5/3/2027"]) is False
    assert parse_month("5/3/2027", False) == Month(2027, 5)


def test_an_ambiguous_column_names_the_first_two_readings(tmp_path: Path) -> None:
    found = actuals_problems(tmp_path, HEADER + "3/4/2027,1,1,1,1,0\n3/5/2027,1,1,1,1,0\n")
    assert found[0].line == 1 and found[0].field == "month"
    assert "3/4/2027 reads as 2027-03 (month/day/year) or 2027-04 (day/month/year)" in (
        found[0].message_text()
    )


def test_a_column_with_both_orders_is_an_error() -> None:
    with pytest.raises(MonthFormatError, match="both day-first"):
        day_first_order(["13/4/2027", "4/13/2027"])
