"""A Refusal's words are rendered when shown, not when it is raised (errors.py): one raised and
caught, as a CRM export's unreadable amount is, loads no problem catalogue; and parse_money's
shortcut for an amount of digits alone (start-up: bench/README.md, "Start-up (2026-12-02,
second pass)")."""

from __future__ import annotations

import pickle
import subprocess
import sys
from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BeforeValidator, TypeAdapter, ValidationError

from funnelplan.errors import say
from funnelplan.model.values import ValueProblem, parse_count, parse_money
from runner import ROOT


def test_shown_as_its_english_words() -> None:
    refusal = ValueProblem(say("value.at_least_one"), say("value.write_whole_number"))
    assert str(refusal) == say("value.at_least_one").render("en") == "must be at least 1"
    twin = pickle.loads(pickle.dumps(refusal))
    assert str(twin) == str(refusal) and twin.hint == refusal.hint


def test_pydantic_reads_the_same_words() -> None:
    adapter = TypeAdapter(Annotated[int, BeforeValidator(parse_count)])
    with pytest.raises(ValidationError) as refused:
        adapter.validate_python("many")
    (error,) = refused.value.errors(include_url=False)
    assert error["msg"] == "Value error, " + str(error["ctx"]["error"])
    assert error["ctx"]["error"].message.code.startswith("value.")


def test_a_refusal_caught_loads_no_catalogue() -> None:
    script = (
        "import sys\n"
        "from funnelplan.model.values import ValueProblem, parse_money\n"
        "try:\n"
        "    parse_money('about ten')\n"
        "except ValueProblem:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('funnelplan.i18n.problems.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"


@given(st.text(alphabet="0123456789", min_size=1, max_size=40))
def test_an_amount_of_digits_alone_reads_as_the_general_rules_read_it(digits: str) -> None:
    """parse_money's shortcut for `1200000` (digits only): the same amount, or the same refusal,
    as the written-out rules give (a leading space takes them: it is trimmed first)."""

    def outcome(value: str) -> object:
        try:
            return parse_money(value)
        except ValueProblem as refused:
            return refused.message.code  # its `value` is the text as given, space and all

    assert outcome(digits) == outcome(" " + digits)


def test_a_long_amount_of_digits_is_refused_as_written() -> None:
    with pytest.raises(ValueProblem) as refused:
        parse_money("9999999999999999")  # 16 digits: above the 10^15 bound
    assert refused.value.message == say("value.money.too_large", value="9999999999999999")
    assert parse_money("007") == 7 and parse_money("0") == 0
