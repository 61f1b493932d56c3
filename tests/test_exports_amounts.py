"""An export's amount has the plan's bounds whatever the cell type (an XLSX float too)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from funnelplan.load.crm.aggregate import _amount
from funnelplan.model.values import ValueProblem


@pytest.mark.parametrize("cell", [1e300, 1e16, float("inf"), float("nan"), "1e300"])
def test_an_amount_past_the_bound_is_refused(cell: object) -> None:
    with pytest.raises(ValueProblem):
        _amount(cell)


@pytest.mark.parametrize(
    ("cell", "amount"),
    [(1234.5, Decimal("1234.5")), (15200000.0, Decimal("15200000")), ("¥1,234", Decimal(1234))],
)
def test_ordinary_amounts_read_exactly(cell: object, amount: Decimal) -> None:
    assert _amount(cell) == amount
