"""Bad plans (../shared/BAD_INPUTS.md): every problem placed at file:line:col with its field, a message
and a hint, all at once; exit code 2, nothing written, no traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from funnelplan.errors import InputError, Problem
from funnelplan.load.planfile import load_plan
from runner import run_cli

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


def problems(tmp_path: Path, text: str | bytes) -> list[Problem]:
    path = tmp_path / "plan.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(path)
    return caught.value.problems


def only(tmp_path: Path, text: str | bytes) -> Problem:
    found = problems(tmp_path, text)
    assert len(found) == 1, [p.render() for p in found]
    return found[0]


def where(problem: Problem) -> tuple[int | None, int | None, str]:
    return problem.line, problem.column, problem.field


def test_the_good_plan_loads(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_plan(path).deal_size == 1_500_000


# --- YAML rules --------------------------------------------------------------------------------


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = GOOD.replace("deal_size: 1500000\n", "deal_size: 1500000\ndeal_size: 2000000\n")
    problem = only(tmp_path, text)
    assert where(problem) == (6, 1, "deal_size")
    assert "duplicate key 'deal_size' (also on line 5)" in problem.message_text()
    assert "line 5" in problem.hint_text()


@pytest.mark.parametrize("word", ["on", "yes", "off", "no", "On", "YES"])
def test_yaml_1_1_booleans_are_text_so_a_rate_refuses_them(tmp_path: Path, word: str) -> None:
    problem = only(tmp_path, GOOD.replace("rate: 25%", f"rate: {word}"))
    # `rate: on` would be a silent 100% under YAML 1.1
    assert where(problem) == (7, 43, "funnel[0].rate")
    assert repr(word) in problem.message_text()
    assert "25%" in problem.hint_text()


def test_true_is_a_boolean_and_a_number_field_refuses_it(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD.replace("deal_size: 1500000", "deal_size: true"))
    assert where(problem) == (5, 12, "deal_size")
    assert "boolean true" in problem.message_text()


def test_no_as_a_name_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD.replace("owner: sales}\n", "owner: sales, label: NO}\n"), "utf-8")
    plan = load_plan(path)
    assert plan.funnel[1].label == "NO"


def test_sexagesimal_1_30_is_not_90(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD.replace("deal_size: 1500000", "deal_size: 1:30"))
    assert where(problem) == (5, 12, "deal_size")
    assert "'1:30' is not an amount of money" in problem.message_text()


def test_012_is_twelve_not_octal_ten(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD.replace("rate: 25%}", "rate: 25%, lag: 012}"), "utf-8")
    assert load_plan(path).funnel[0].lag == 12


def test_impossible_date_is_placed(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD.replace("start: 2027-04", "start: 2027-02-30"))
    assert where(problem) == (2, 17, "period.start")
    assert "2027-02 has 28 days" in problem.message_text()
    assert "YYYY-MM" in problem.hint_text()


def test_a_full_date_gives_its_month(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD.replace("start: 2027-04", "start: 2027-04-01"), "utf-8")
    assert str(load_plan(path).period.start) == "2027-04"


# --- rates and money ---------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "suggested"), [("35", "35%"), ("1.7", "1.7%")])
def test_rate_over_one_suggests_percent(tmp_path: Path, written: str, suggested: str) -> None:
    problem = only(tmp_path, GOOD.replace("rate: 25%", f"rate: {written}"))
    assert where(problem) == (7, 43, "funnel[0].rate")
    assert "more than 1 (100%)" in problem.message_text()
    assert f"did you mean {suggested}?" in problem.hint_text()


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("0", "more than 0"),
        ("-10%", "more than 0"),
        (".nan", "nan"),
        (".inf", "inf"),
        ("120%", "100%"),
    ],
)
def test_impossible_rates(tmp_path: Path, written: str, words: str) -> None:
    problem = only(tmp_path, GOOD.replace("rate: 25%", f"rate: {written}"))
    assert problem.field == "funnel[0].rate"
    assert words in problem.message_text()
    assert problem.hint_text()


@pytest.mark.parametrize(
    "written",
    ["120000000", "120_000_000", "¥120,000,000", "1億2000万円", "12000万円", "'¥120,000,000'"],
)
def test_money_forms_load(tmp_path: Path, written: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD.replace("revenue: 60000000", f"revenue: {written}"), "utf-8")
    assert load_plan(path).kgi.revenue == 120_000_000


@pytest.mark.parametrize("written", ["¥1,2000", "1億20000万円", "about 5M", "-5000000"])
def test_bad_money_is_placed_with_a_hint(tmp_path: Path, written: str) -> None:
    problem = only(tmp_path, GOOD.replace("revenue: 60000000", f"revenue: {written}"))
    assert where(problem) == (4, 12, "kgi.revenue")
    assert problem.hint_text()


def test_flow_mapping_comma_splits_the_amount(tmp_path: Path) -> None:
    # YAML reads {revenue: ¥60,000,000} as {revenue: "¥60", "000": null, "000": null}
    text = GOOD.replace("kgi:\n  revenue: 60000000\n", "kgi: {revenue: ¥60,000,000}\n")
    problem = only(tmp_path, text)
    assert (problem.line, problem.field) == (3, "kgi.000")
    assert "duplicate key '000'" in problem.message_text()
    assert "quote the amount or use block style" in problem.hint_text()


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("revenue: 60000000", "revenue: 10000000000000000", "kgi.revenue", "10^15"),
        ("revenue: 60000000", "revenue: " + "9" * 5000, "kgi.revenue", "10^15"),
        ("deal_size: 1500000", "deal_size: 1e30", "deal_size", "10^15"),
        (
            "deal_size: 1500000\n",
            "deal_size: 1500000\npipeline: {appointment: 2000000000}\n",
            "pipeline.appointment",
            "10^9",
        ),
    ],
)
def test_numbers_too_large_to_be_real(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    problem = only(tmp_path, GOOD.replace(old, new))
    assert problem.field == field
    assert words in problem.message_text()
    assert len(problem.message_text()) < 200  # never a 4,000-digit number on screen


# --- months and shares -------------------------------------------------------------------------


def test_weight_month_outside_the_period(tmp_path: Path) -> None:
    text = GOOD.replace("revenue: 60000000\n", "revenue: 60000000\n  weights: {2027-12: 2}\n")
    problem = only(tmp_path, text)
    assert where(problem) == (5, 22, "kgi.weights.2027-12")
    assert "outside the period 2027-04..2027-09" in problem.message_text()


def test_monthly_month_outside_the_period_and_missing_months(tmp_path: Path) -> None:
    text = GOOD.replace("revenue: 60000000\n", "monthly: {2027-04: 1000000, 2027-10: 5}\n")
    found = problems(tmp_path, text)
    assert [(p.field, p.message_text()) for p in found] == [
        ("kgi.monthly", "no target for 2027-05, 2027-06, 2027-07, 2027-08, 2027-09"),
        ("kgi.monthly.2027-10", "2027-10 is outside the period 2027-04..2027-09"),
    ]


SEGMENTS = """\
segments:
  - {id: ent, share: 60%, deal_size: 5000000}
  - {id: smb, share: 30%}
"""


def test_segment_shares_must_add_up_to_100(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD + SEGMENTS)
    assert where(problem) == (10, 3, "segments")
    assert "add up to 90%, not 100%" in problem.message_text()


def test_segment_rate_for_an_unknown_stage(tmp_path: Path) -> None:
    text = GOOD + SEGMENTS.replace("share: 30%}", "share: 40%, rates: {apointment: 20%}}")
    problem = only(tmp_path, text)
    assert problem.field == "segments[1].rates.apointment"
    assert problem.hint_text() == "did you mean 'appointment'?"


# --- keys and structure ------------------------------------------------------------------------


def test_unknown_keys_with_did_you_mean_and_missing_keys_all_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace("period:", "perod:")
        .replace("rate: 25%}", "rate: 25%, lable: x}")
        .replace("{id: deal, owner: sales}", "{id: deal}")
    )
    found = problems(tmp_path, text)
    assert [(p.line, p.column, p.field, p.message_text(), p.hint_text()) for p in found] == [
        (1, 1, "", "missing key 'period'", "add `period:` to this mapping"),
        (2, 1, "perod", "unknown key 'perod'", "did you mean 'period'?"),
        (7, 48, "funnel[0].lable", "unknown key 'lable'", "did you mean 'label'?"),
        (8, 5, "funnel[1]", "missing key 'owner'", "add `owner:` to this mapping"),
    ]


def test_missing_deal_size_points_at_the_plan(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD.replace("deal_size: 1500000\n", ""))
    assert "missing key 'deal_size'" in problem.message_text()
    assert problem.line == 1


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    problem = only(tmp_path, text)
    assert problem.message_text() == "the file is empty"
    assert "funnelplan init" in problem.hint_text()


def test_top_level_list(tmp_path: Path) -> None:
    problem = only(tmp_path, "- plan: a\n- plan: b\n")
    assert where(problem)[:2] == (1, 1)
    assert "the file holds a list" in problem.message_text()


def test_several_documents(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD + "---\n" + GOOD)
    assert problem.line == 9
    assert "more than one YAML document" in problem.message_text()


def test_tab_indentation(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD.replace("  revenue: 60000000", "\trevenue: 60000000"))
    assert problem.line == 4
    assert problem.message_text() == "a TAB character is used for indentation"
    assert "spaces" in problem.hint_text()


def test_cp932_file_is_named(tmp_path: Path) -> None:
    raw = GOOD.replace("plan: t", "plan: 新規受注計画").encode("cp932")
    problem = only(tmp_path, raw)
    assert problem.line == 1
    assert "Shift_JIS (cp932)" in problem.message_text()
    assert "UTF-8" in problem.hint_text()


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_plan(path).plan == "t"


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    # 9 levels of 10 aliases each: a few hundred bytes that expand to 10^9 values when walked
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        ref = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([ref] * 10)}]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 600
    started = time.perf_counter()
    problem = only(tmp_path, text)
    assert time.perf_counter() - started < 2
    assert "expands to more than" in problem.message_text()


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    text = GOOD.replace("owner: sales, rate", "owner: &s sales, rate").replace(
        "{id: deal, owner: sales}", "{id: deal, owner: *s}"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, "utf-8")
    assert load_plan(path).funnel[1].owner == "sales"


@pytest.mark.parametrize("stage_id", ["month", "revenue", "total", "segment"])
def test_reserved_stage_ids(tmp_path: Path, stage_id: str) -> None:
    problem = only(tmp_path, GOOD.replace("id: appointment", f"id: {stage_id}"))
    assert where(problem) == (7, 10, "funnel[0].id")
    assert "reserved" in problem.message_text()


def test_stage_ids_are_identifiers_labels_are_free(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD.replace("id: appointment", "id: 商談"))
    assert problem.field == "funnel[0].id"
    assert "label" in problem.hint_text()


def test_rate_and_lag_on_the_last_stage(tmp_path: Path) -> None:
    text = GOOD.replace("{id: deal, owner: sales}", "{id: deal, owner: sales, rate: 50%, lag: 1}")
    found = problems(tmp_path, text)
    assert [(p.field, p.hint_text()) for p in found] == [
        ("funnel[1].rate", "remove its rate"),
        ("funnel[1].lag", "remove its lag"),
    ]


def test_a_middle_stage_without_rate(tmp_path: Path) -> None:
    problem = only(tmp_path, GOOD.replace(", rate: 25%", ""))
    assert problem.field == "funnel[0]"
    assert "has no rate" in problem.message_text()


def test_cross_field_problems_all_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace("revenue: 60000000\n", "revenue: 60000000\n  weights: {2028-01: 2}\n").replace(
            "{id: deal, owner: sales}", "{id: deal, owner: sales, rate: 50%}"
        )
        + "teams: {sale: {headcount: 2}}\npipeline: {deal: 3, apt: 2}\n"
    )
    found = problems(tmp_path, text)
    assert [p.field for p in found] == [
        "kgi.weights.2028-01",
        "funnel[1].rate",
        "teams.sale",
        "pipeline.deal",
        "pipeline.apt",
    ]
    assert found[2].hint_text() == "did you mean 'sales'?"


# --- through the command line ------------------------------------------------------------------

BAD = GOOD.replace("rate: 25%", "rate: 35").replace("deal_size: 1500000", "deal_size: on")


@pytest.mark.parametrize("command", ["target", "check"])
def test_cli_prints_every_problem_and_exits_2(tmp_path: Path, command: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, "utf-8")
    done = run_cli(command, path)
    assert done.code == 2
    assert done.stdout == ""
    assert f"{path}:5:12: deal_size: 'on' is not an amount of money" in done.stderr
    assert f"{path}:7:43: funnel[0].rate: 35 is more than 1 (100%)" in done.stderr
    assert "  hint: did you mean 35%?" in done.stderr
    assert "2 problems, nothing written" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["out.csv", "out.json", "out.md", "out.txt"])
def test_nothing_written_on_bad_input(tmp_path: Path, name: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, "utf-8")
    output = tmp_path / name
    done = run_cli("target", path, "-o", output)
    assert done.code == 2
    assert not output.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.yaml"]  # no temporary file left


def test_existing_output_is_not_touched_on_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, "utf-8")
    output = tmp_path / "out.csv"
    output.write_text("keep me", "utf-8")
    assert run_cli("target", path, "-o", output).code == 2
    assert output.read_text("utf-8") == "keep me"


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"- a\n",
        "plan: 計画\n".encode("cp932"),
        b"plan: [unclosed\n",
        b"a: &a [1, 1]\nb: *c\n",
        b"plan: !!python/object:os.system x\n",
    ],
)
def test_structural_problems_exit_2_without_traceback(tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(text)
    done = run_cli("target", path)
    assert done.code == 2, done.stderr
    assert done.stderr.startswith(f"{path}:")
    assert "Traceback" not in done.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    done = run_cli("target", tmp_path / "nope.yaml")
    assert done.code == 2
    assert "Traceback" not in done.stderr


def test_unknown_segment_option(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD, "utf-8")
    done = run_cli("target", path, "--segment", "ent")
    assert done.code == 2
    assert "--segment: no segment 'ent'" in done.stderr


def test_unknown_output_extension(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD, "utf-8")
    done = run_cli("target", path, "-o", tmp_path / "out.pdf")
    assert done.code == 2
    assert "cannot tell the format from the extension '.pdf'" in done.stderr
    assert not (tmp_path / "out.pdf").exists()


# --- user text is shown literally --------------------------------------------------------------

MARKUP = GOOD.replace("plan: t", 'plan: "[bold red]title[/] \\e[31mred"').replace(
    "owner: sales}", 'owner: sales, label: "[link=x]deal[/link] \\e]8;;http://x\\a"}'
)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_user_text_is_never_terminal_markup(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MARKUP, "utf-8")
    done = run_cli("target", path, "--format", fmt)
    assert done.code == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    if fmt == "table":
        assert "[bold red]title[/] \\x1b[31mred" in done.stdout  # the escape shown, not obeyed
        assert "[link=x]deal[/link]" in done.stdout
    else:  # markdown punctuation escaped, so it reads the same once rendered
        assert "\\[bold red\\]title\\[/\\] \\\\x1b\\[31mred" in done.stdout


def test_user_text_in_machine_formats_is_data(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MARKUP, "utf-8")
    done = run_cli("target", path, "--format", "json")
    assert done.code == 0
    assert '"plan": "[bold red]title[/] \\u001b[31mred"' in done.stdout


def test_a_list_where_a_value_belongs_is_named_in_the_readers_language(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "plan: x\nperiod: {start: 2027-04, end: 2027-05}\nkgi: {revenue: [1]}\ndeal_size: 1000\n"
        "funnel:\n  - {id: a, owner: m, rate: 50%}\n  - {id: b, owner: s}\n",
        "utf-8",
    )
    english = run_cli("check", path)
    assert english.code == 2
    assert "plan.yaml:3:16: kgi.revenue: expected an amount of money, got list" in english.stderr
    with pytest.raises(InputError) as raised:
        load_plan(path)
    (problem,) = raised.value.problems
    assert problem.message.render("ja") == "金額が必要ですが、リスト と書かれています"


def test_a_mistyped_key_in_a_crm_mapping_gets_a_did_you_mean(tmp_path: Path) -> None:
    # the mapping's model is loaded only for CRM plans, so its keys were never offered
    text = (Path(__file__).parent.parent / "plans" / "example-crm.yaml").read_text("utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        text.replace("  timezone: ", "  timzone: ").replace(
            "    source: hubspot-deals ", "    sorce: hubspot-deals  "
        ),
        "utf-8",
    )
    done = run_cli("check", plan)
    assert done.code == 2
    assert "actuals.timzone: unknown key 'timzone'\n" in done.stderr
    assert "did you mean 'timezone'?" in done.stderr
    assert "actuals.revenue.sorce: unknown key 'sorce'" in done.stderr
    assert "did you mean 'source'?" in done.stderr
