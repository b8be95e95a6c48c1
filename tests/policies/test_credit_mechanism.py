"""Credit: loans fund floor space whose rent the tenants' market decides; the principal is a
contract repaid in instalments; missed instalments end in a default, written off by the bank,
with the public risk pool's contracted share of the loss booked as public money."""

import numpy as np
import pytest

from cluster_sim import ClusterModel

SCENARIO = "scenarios/credit.toml"
# loans far beyond what weak villages' cash can repay (the red line switched off)
HEAVY = {"policies.credit.loan_per_village_yuan": 15e6, "policies.credit.enforce_debt_limit": False,
         "policies.credit.subsidy_yuan_year": 0.0}


def flow(model, category):
    f = model.tables()["flows_year"]
    return float(f[(f.category == category) & (f.side == "paid")]["amount_yuan"].sum())


def run(years=4, **overrides):
    return ClusterModel(SCENARIO, seed=3, **overrides).run(years=years)


@pytest.fixture(scope="module")
def heavy():
    return run(**HEAVY)


def test_loans_within_the_red_line_are_repaid_without_default():
    m = run()
    county = m.tables()["county_year"]
    assert county["collective_loan_defaults"].sum() == 0
    assert flow(m, "collective_loan_writeoff") == 0.0
    p = m.policies[0]
    lent = np.flatnonzero(p.loans > 0)
    assert len(lent) > 0
    # three instalments paid (years 1-3 of a 5-year loan): what is left is at most 2/5 of the loan
    assert (m.villages.term_loan[lent] <= p.loans[lent] * 2 / 5 + 1.0).all()


def test_loans_beyond_what_cash_repays_default_and_the_loss_is_shared_by_contract(heavy):
    county = heavy.tables()["county_year"]
    assert county["collective_loan_defaults"].sum() > 0
    written_off = flow(heavy, "collective_loan_writeoff")
    assert written_off > 0
    # the risk pool pays its contracted share of the loss, no more: the rest is the bank's
    assert flow(heavy, "loan_loss_compensation") == pytest.approx(0.5 * written_off, rel=1e-9)
    # a default is after two missed year ends: the loan was granted in year 1, so not before year 2
    assert county.loc[county["t"] < 2, "collective_loan_defaults"].sum() == 0


def test_the_risk_pools_cost_follows_its_share_while_the_loss_does_not():
    none = run(**HEAVY, **{"policies.credit.risk_pool_share": 0.0})
    full = run(**HEAVY, **{"policies.credit.risk_pool_share": 1.0})
    assert flow(none, "loan_loss_compensation") == 0.0
    assert flow(full, "loan_loss_compensation") == pytest.approx(flow(full, "collective_loan_writeoff"))
    # the villages' behaviour does not depend on who bears the loss: the same write-offs
    assert flow(full, "collective_loan_writeoff") == pytest.approx(flow(none, "collective_loan_writeoff"))


def test_defaults_depend_on_the_instalments_the_villages_cash_must_meet():
    long = run(**HEAVY, **{"policies.credit.loan_years": 25})
    short = run(**HEAVY, **{"policies.credit.loan_years": 2})
    d_long = long.tables()["county_year"]["collective_loan_defaults"].sum()
    d_short = short.tables()["county_year"]["collective_loan_defaults"].sum()
    assert d_short > d_long


def test_debt_moves_only_by_loans_repayments_and_write_offs():
    """The stock of collective debt and the ledger's flows tell the same story."""
    m = ClusterModel(SCENARIO, seed=3, **HEAVY)
    start = m.villages.debt.sum()
    m.run(years=4)
    change = flow(m, "loan") - flow(m, "loan_repayment") - flow(m, "collective_loan_writeoff")
    assert m.villages.debt.sum() - start == pytest.approx(change, rel=1e-9, abs=1.0)
