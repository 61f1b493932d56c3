"""`--set KEY=VALUE` and `--scenario NAME` on target and gap: the same report as the plan edited by
hand, and every bad key or value an exit-2 problem where it was written (the option or the plan)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnelplan.load.overrides import known_keys
from funnelplan.load.yamlsource import read_yaml
from runner import PLANS, run_cli

MARK = "__HAND_EDITED_VALUE__"


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")
)


def hand_edited(plan: Path, key: str, value_text: str, folder: Path) -> Path:
    """The plan with `key` set to `value_text` as a person would type it into the YAML file."""
    source, problems = read_yaml(plan)
    assert source is not None, problems
    raw = source.value
    assert isinstance(raw, dict)
    parts = key.split(".")
    if parts[0] == "kgi":
        raw["kgi"]["revenue"] = MARK
    elif parts[0] == "deal_size":
        raw["deal_size"] = MARK
    elif parts[0] == "teams":
        raw["teams"][parts[1]]["headcount"] = MARK
    else:
        items = raw[parts[0]]
        item = next(item for item in items if item["id"] == parts[1])
        if parts[2] == "rates":
            item.setdefault("rates", {})[parts[3]] = MARK
        else:
            item[parts[2]] = MARK
    text = yaml.dump(raw, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    assert text.count(MARK) == 1
    edited = folder / "edited.yaml"
    edited.write_text(text.replace(MARK, value_text), encoding="utf-8")
    return edited


def _keys(stem: str) -> list[str]:
    source, _ = read_yaml(PLANS / f"{stem}.yaml")
    assert source is not None and isinstance(source.value, dict)
    return known_keys(source.value)


RATES = st.sampled_from(["30%", "0.3", "３０％", "45%", "12.5%", "0.8", "100%", "5%"])
AMOUNTS = st.sampled_from(
    ["2500000", "¥2,500,000", "1.5億円", "300万円", "1200000", "¥900,000", "4500000"]
)
REVENUES = st.sampled_from(["150000000", "1億5000万円", "¥90,000,000", "1.2億円", "80000000"])
SHARES = st.sampled_from(["60%", "0.6", "40%"])  # 100% with the other share, or a problem


def _value_for(key: str) -> st.SearchStrategy[str]:
    if key == "kgi.revenue":
        return REVENUES
    if key.endswith((".rate",)) or ".rates." in key:
        return RATES
    if key.endswith("deal_size"):
        return AMOUNTS
    if key.endswith(".lag"):
        return st.sampled_from(["0", "1", "2"])
    if key.endswith(".headcount"):
        return st.sampled_from(["1", "4", "12"])
    return SHARES


@st.composite
def override(draw: st.DrawFn) -> tuple[str, str, str]:
    stem = draw(st.sampled_from(["example", "example-en", "example-scenarios"]))
    keys = _keys(stem)
    key = draw(st.sampled_from(keys))
    return stem, key, draw(_value_for(key))


def _numbers(output: str) -> dict:  # type: ignore[type-arg]
    """A JSON report without its list of what the command line changed (the hand-edited plan's
    report has none): every number and field else."""
    document = json.loads(output)
    assert document.pop("adjustments")  # an override is always said
    return document


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=override())
def test_set_gives_exactly_the_report_of_the_plan_edited_by_hand(
    case: tuple[str, str, str], tmp_path: Path
) -> None:
    stem, key, value = case
    plan = PLANS / f"{stem}.yaml"
    overridden = run_cli("target", plan, "--set", f"{key}={value}", "-f", "json")
    by_hand = run_cli("target", hand_edited(plan, key, value, tmp_path), "-f", "json")
    assert overridden.code == by_hand.code, (overridden.stderr, by_hand.stderr)
    if by_hand.code == 0:
        assert _numbers(overridden.stdout) == json.loads(by_hand.stdout)
    else:  # the same problem, placed at the option instead of the edited line
        assert overridden.stderr.count("\n  hint: ") == by_hand.stderr.count("\n  hint: ")


def test_two_sets_and_a_scenario_apply_in_order(tmp_path: Path) -> None:
    plan = PLANS / "example-scenarios.yaml"
    # better_close sets the close rate to 30% and the deal size to ¥1,200,000; --set then wins
    done = run_cli(
        "target", plan, "--scenario", "better_close", "--set", "deal_size=¥1,500,000", "-f", "json"
    )
    assert done.code == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["deal_size"] == 1500000
    assert report["stages"][2]["rate"] == 0.3
    # ¥60,000,000 / ¥1,500,000 = 40 deals; / 30% = 133.3 -> 134 appointments (running totals)
    assert report["total"]["counts"]["deal"] == 40
    assert report["total"]["counts"]["appointment"] == 134


def test_scenario_is_the_same_as_its_sets() -> None:
    plan = PLANS / "example-scenarios.yaml"
    named = run_cli("target", plan, "--scenario", "stretch", "-f", "json")
    spelled = run_cli("target", plan, "--set", "kgi.revenue=7500万円", "-f", "json")
    assert named.code == spelled.code == 0
    assert _numbers(named.stdout) == _numbers(spelled.stdout)
    assert json.loads(named.stdout)["kgi"] == 75_000_000


def test_gap_takes_set_too() -> None:
    plan = PLANS / "example.yaml"
    base = run_cli("gap", plan, "-f", "json")
    raised = run_cli("gap", plan, "--set", "kgi.revenue=1.5億円", "-f", "json")
    assert base.code == raised.code == 0, raised.stderr
    assert json.loads(raised.stdout) != json.loads(base.stdout)
    assert '"kgi": 150000000' in raised.stdout


# -- bad input: exit 2, at the option or the plan line, what was wrong and how to fix it --------


def test_unknown_key_says_did_you_mean_at_the_option() -> None:
    done = run_cli("target", PLANS / "example.yaml", "--set", "funnel.apointment.rate=30%")
    assert done.code == 2
    assert done.stdout == ""
    assert "--set: funnel.apointment.rate: 'funnel.apointment.rate' is not a key" in done.stderr
    assert "--set funnel.apointment.rate=30%" in done.stderr
    assert "did you mean 'funnel.appointment.rate'?" in done.stderr
    assert "1 problem, nothing written" in done.stderr


def test_an_unknown_key_and_a_bad_value_are_both_reported() -> None:
    done = run_cli(
        "target", PLANS / "example.yaml", "--set", "dael_size=1", "--set", "funnel.lead.rate=0"
    )
    assert done.code == 2
    assert "did you mean 'deal_size'?" in done.stderr
    assert "--set: funnel.lead.rate:" in done.stderr
    assert "2 problems, nothing written" in done.stderr


def test_a_bad_value_is_checked_as_the_plan_checks_it_and_placed_at_the_option() -> None:
    done = run_cli(
        "target", PLANS / "example.yaml", "--set", "funnel.lead.rate=35", "--set", "deal_size=-1"
    )
    assert done.code == 2
    assert "--set: funnel.lead.rate:" in done.stderr
    assert "did you mean 35%?" in done.stderr  # the plan's own hint for a rate written as 35
    assert "--set: deal_size:" in done.stderr
    assert "2 problems, nothing written" in done.stderr


def test_a_value_that_breaks_a_rule_across_keys_is_placed_at_the_option() -> None:
    done = run_cli("target", PLANS / "example.yaml", "--set", "segments.smb.share=50%")
    assert done.code == 2
    assert "--set: segments.smb.share: segment shares add up to 110%, not 100%" in done.stderr


def test_set_without_equals_and_in_japanese() -> None:
    done = run_cli("target", PLANS / "example.yaml", "--set", "deal_size", "--lang", "ja")
    assert done.code == 2
    assert "'deal_size' は KEY=VALUE の形ではありません" in done.stderr
    assert "例：--set funnel.appointment.rate=30%" in done.stderr


def test_kgi_revenue_on_a_monthly_plan(tmp_path: Path) -> None:
    plan = tmp_path / "monthly.yaml"
    plan.write_text(
        (PLANS / "example-scenarios.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  revenue: 60000000                    # ¥10,000,000 a month\n",
            "  monthly: {2027-04: 10000000, 2027-05: 10000000, 2027-06: 10000000,"
            " 2027-07: 10000000, 2027-08: 10000000, 2027-09: 10000000}\n",
        ),
        encoding="utf-8",
    )
    done = run_cli("target", plan, "--set", "kgi.revenue=1億円")
    assert done.code == 2
    assert "the plan's KGI is given month by month" in done.stderr


def test_unknown_scenario_says_did_you_mean() -> None:
    done = run_cli("target", PLANS / "example-scenarios.yaml", "--scenario", "strech")
    assert done.code == 2
    assert "--scenario: strech: plans/example-scenarios.yaml has no scenario 'strech'" in (
        done.stderr.replace(str(PLANS), "plans")
    )
    assert "did you mean 'stretch'?" in done.stderr


def test_a_plan_without_scenarios_says_how_to_add_one() -> None:
    done = run_cli("target", PLANS / "example.yaml", "--scenario", "stretch")
    assert done.code == 2
    assert "add one to the plan: `scenarios: {stretch: {kgi.revenue: 1億5000万円}}`" in done.stderr


def _plan_with_scenarios(tmp_path: Path, scenarios: str) -> Path:
    text = (PLANS / "example-scenarios.yaml").read_text(encoding="utf-8")
    head = text.split("scenarios:")[0]
    plan = tmp_path / "plan.yaml"
    plan.write_text(head + "scenarios:\n" + scenarios, encoding="utf-8")
    return plan


def test_a_scenarios_bad_key_and_value_are_placed_at_its_plan_line(tmp_path: Path) -> None:
    plan = _plan_with_scenarios(
        tmp_path,
        "  stretch:\n    kgi.revenu: 1億円\n  low:\n    funnel.lead.rate: 150%\n",
    )
    lines = plan.read_text(encoding="utf-8").splitlines()
    key_line = lines.index("    kgi.revenu: 1億円") + 1
    value_line = lines.index("    funnel.lead.rate: 150%") + 1
    done = run_cli("whatif", plan)
    assert done.code == 2, done.stderr
    assert f"{plan}:{key_line}:5: scenarios.stretch.kgi.revenu:" in done.stderr
    assert "did you mean 'kgi.revenue'?" in done.stderr
    assert f"{plan}:{value_line}:23: scenarios.low.funnel.lead.rate:" in done.stderr
    assert "2 problems, nothing written" in done.stderr
    # target with one of them names only that one's problem
    done = run_cli("target", plan, "--scenario", "low")
    assert done.code == 2
    assert f"{plan}:{value_line}:23" in done.stderr and "revenu" not in done.stderr


def test_check_checks_every_scenario(tmp_path: Path) -> None:
    plan = _plan_with_scenarios(tmp_path, "  low:\n    funnel.lead.rate: 150%\n")
    done = run_cli("check", plan)
    assert done.code == 2
    assert "scenarios.low.funnel.lead.rate" in done.stderr
    assert run_cli("check", PLANS / "example-scenarios.yaml").code == 0


def test_a_scenario_value_must_be_one_value(tmp_path: Path) -> None:
    plan = _plan_with_scenarios(tmp_path, "  odd: {deal_size: [1, 2]}\n")
    done = run_cli("target", plan)
    assert done.code == 2
    assert "scenarios.odd.deal_size: a scenario's value is one number or amount" in done.stderr


def test_the_schema_accepts_scenarios() -> None:
    import jsonschema

    from funnelplan.model.schema import plan_schema

    validator = jsonschema.Draft202012Validator(plan_schema())
    source, _ = read_yaml(PLANS / "example-scenarios.yaml")
    assert source is not None
    assert [error.message for error in validator.iter_errors(source.value)] == []
    broken = {**source.value, "scenarios": {"x": {"deal_size": [1]}}}  # type: ignore[dict-item]
    assert list(validator.iter_errors(broken))


@pytest.mark.parametrize("command", ["target", "gap"])
def test_help_lists_the_options(command: str) -> None:
    done = run_cli(command, "--help")
    assert "--set" in done.stdout and "--scenario" in done.stdout


def test_two_scenarios_apply_in_order_and_equal_the_hand_edited_plan(tmp_path: Path) -> None:
    plans = PLANS / "example-scenarios.yaml"
    # stretch sets the KGI, better_close the close rate and deal size: together, the plan with both
    both = run_cli(
        "target", plans, "--scenario", "stretch", "--scenario", "better_close", "-f", "json"
    )
    assert both.code == 0, both.stderr
    by_hand = run_cli(
        "target", plans, "--scenario", "better_close", "--set", "kgi.revenue=7500万円", "-f", "json"
    )
    assert _numbers(both.stdout) == _numbers(by_hand.stdout)
    # two scenarios setting one key: the later one wins
    plan = _plan_with_scenarios(tmp_path, "  a: {deal_size: 2000000}\n  b: {deal_size: 3000000}\n")
    later = run_cli("target", plan, "--scenario", "a", "--scenario", "b", "-f", "json")
    alone = run_cli("target", plan, "--set", "deal_size=3000000", "-f", "json")
    assert later.code == 0, later.stderr
    assert _numbers(later.stdout) == _numbers(alone.stdout)


def test_a_report_says_what_the_command_line_changed_from_the_plan_file() -> None:
    """Pasted into a meeting, a report made with --scenario or --set must not pass for the file's
    plan: it names each change, in the order applied, in every format that has facts or fields."""
    plan = "plans/example-scenarios.yaml"
    done = run_cli("target", plan, "--scenario", "stretch", "--set", "funnel.lead.rate=45%")
    assert done.code == 0, done.stderr
    assert (
        "Changed from the plan file: scenario stretch: kgi.revenue = 7500万円; "
        "--set funnel.lead.rate = 45%"
    ) in done.stdout
    document = json.loads(run_cli("target", plan, "--scenario", "stretch", "-f", "json").stdout)
    assert document["adjustments"] == [
        {"scenario": "stretch", "key": "kgi.revenue", "value": "7500万円"}
    ]
    plain = run_cli("target", plan)
    assert "Changed from the plan file" not in plain.stdout
    assert "adjustments" not in json.loads(run_cli("target", plan, "-f", "json").stdout)
    gap = run_cli("gap", "plans/example.yaml", "--set", "deal_size=2500000", "--lang", "ja")
    assert gap.code == 0, gap.stderr
    assert "計画ファイルからの変更：--set deal_size = 2500000" in gap.stdout
    gap_json = json.loads(
        run_cli("gap", "plans/example.yaml", "--set", "deal_size=2500000", "-f", "json").stdout
    )
    assert gap_json["adjustments"] == [{"scenario": None, "key": "deal_size", "value": "2500000"}]
