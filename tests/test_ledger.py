import numpy as np
import pytest

from cluster_sim.agents.households import group_fill
from cluster_sim.ledger import GroupedBase, Ledger, UnbalancedPosting


def test_posting_books_both_sides_per_entity():
    ledger = Ledger({"households": 4, "enterprises": 2})
    ledger.pay("wage_local", (np.array([0, 1]), np.array([300.0, 100.0])), (np.array([0, 0, 3]), np.array([100.0, 100.0, 200.0])))
    assert ledger.paid["enterprises"]["wage_local"].tolist() == [300.0, 100.0]
    assert ledger.received["households"]["wage_local"].tolist() == [200.0, 0.0, 0.0, 200.0]


def test_unbalanced_posting_is_refused():
    ledger = Ledger({"households": 2, "enterprises": 1})
    with pytest.raises(UnbalancedPosting):
        ledger.pay("wage_local", (np.array([0]), np.array([100.0])), (None, np.array([60.0, 30.0])))


def test_resize_keeps_existing_accounts():
    ledger = Ledger({"enterprises": 1})
    ledger.pay("sales", (None, 5.0), (None, np.array([5.0])))
    ledger.resize("enterprises", 3)
    assert ledger.received["enterprises"]["sales"].tolist() == [5.0, 0.0, 0.0]


def test_group_fill_serves_priority_first_within_capacity():
    group = np.array([0, 0, 0, 1, 1])
    priority = np.array([0.1, 0.9, 0.5, 0.3, 0.2])
    demand = np.array([2.0, 2.0, 2.0, 1.0, 1.0])
    granted = group_fill(group, priority, demand, capacity=np.array([3.0, 5.0]))
    assert granted.tolist() == [0.0, 2.0, 1.0, 1.0, 1.0]


def test_grouped_posting_books_each_payee_at_flush():
    ledger = Ledger({"households": 4, "enterprises": 1})
    base = GroupedBase("households", np.array([0, 0, 1, -1]), np.array([1.0, 2.0, 3.0, 5.0]), n_groups=2)
    assert base.totals.tolist() == [3.0, 3.0]  # the household without a group counts nowhere
    for rate in ([10.0, 1.0], [20.0, 2.0]):  # two months, rates change by group
        total = float(np.dot(rate, base.totals))
        ledger.pay_grouped("wage_local", (np.array([0]), np.array([total])), [(base, np.array(rate))])
    assert "wage_local" not in ledger.received["households"]
    received, paid = ledger.take_year()
    assert received["households"]["wage_local"].tolist() == [30.0, 60.0, 9.0, 0.0]
    assert paid["enterprises"]["wage_local"].sum() == pytest.approx(99.0)


def test_grouped_posting_refuses_a_payer_total_that_differs():
    ledger = Ledger({"households": 2})
    base = GroupedBase("households", np.array([0, 0]), np.array([1.0, 1.0]), n_groups=1)
    with pytest.raises(UnbalancedPosting):
        ledger.pay_grouped("pension", (None, 5.0), [(base, 3.0)])
