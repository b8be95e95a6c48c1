"""The enterprises' credit line (economy/credit.py): no cash without a lender, the bank's books
match what enterprises owe, every kind of enterprise can fail, and a failure's losses reach
the bank and the collective in the ledger."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cluster_sim import ClusterModel
from cluster_sim.agents.enterprises import AGRI

ROOT = Path(__file__).resolve().parents[1]
SHOCKY = {"enterprises.productivity_sd": 1.2, "enterprises.failure_cash_months": 1.0,
          "enterprises.factory_input_share": 0.6}


class LoanBook(ClusterModel):
    """A model that keeps, per enterprise, the bank's side of the books: loans paid out minus
    repayments minus write-offs, from the ledger's yearly accounts."""

    def _close_year(self) -> None:
        L = self.ledger
        L.flush()
        n = self.enterprises.n
        book = getattr(self, "loan_book", np.zeros(0))
        book = np.concatenate([book, np.zeros(n - len(book))])
        acc = lambda side, cat: side["enterprises"].get(cat, np.zeros(n))[:n]  # noqa: E731
        book += (acc(L.received, "enterprise_loan") - acc(L.paid, "enterprise_repayment")
                 - acc(L.received, "enterprise_loan_writeoff"))
        self.loan_book = book
        super()._close_year()


@pytest.mark.slow
@pytest.mark.parametrize("scenario", [None, str(ROOT / "scenarios" / "full_cluster.toml")], ids=["default", "full_cluster"])
def test_cash_never_below_the_booked_loan_and_the_bank_books_match(scenario):
    m = LoanBook(scenario, seed=7)
    borrowed = False
    while m.running:
        m.step()
        E = m.enterprises
        # at every month end: no negative cash at all (shortfalls are booked loans), loans >= 0
        assert E.cash.min() >= -1e-6 and E.loan.min() >= 0
        assert (E.cash >= -E.loan - 1e-6).all()
        borrowed |= bool(E.loan.sum() > 0)
        if m.month == 0:  # a year has closed: the bank's books equal what each enterprise owes
            k = len(m.loan_book)  # (entrants after the close owe nothing yet)
            assert np.allclose(m.loan_book, E.loan[:k], rtol=1e-9, atol=1e-3) and not E.loan[k:].any()
    assert borrowed
    # dead enterprises owe nothing: their loans were repaid or written off
    assert (E.loan[~E.alive] == 0).all()
    flows = m.tables()["flows_year"]
    got = flows[flows.side == "received"].groupby("category")["amount_yuan"].sum()
    assert np.isclose(got["enterprise_loan"] - got["enterprise_repayment"] - got["enterprise_loan_writeoff"],
                      E.loan.sum(), rtol=1e-9, atol=1e-3)


def test_agricultural_operators_fail_and_their_land_goes_back_to_households(small_scenario):
    poor = {"economy.agri_revenue_yuan_mu_year": 2500.0, "enterprises.entry_rate": 0.0}
    m = ClusterModel(str(small_scenario), seed=3, **poor).run(years=3)
    failed = [f for f in m.failures if f["kind"] == AGRI]
    assert failed and all(f["bank_loss_yuan"] > 0 for f in failed)
    E, h = m.enterprises, m.households
    # households decide on their land at each year end: look at failures before the last year
    last_year = m.params["simulation"]["start_year"] + m.years
    gone = {f["village"] for f in failed if f["year"] < last_year}
    alive_agri = set(E.village[(E.kind == AGRI) & E.alive].tolist())
    assert gone - alive_agri  # no new operator (entry off): those villages farm their own land
    for i in gone - alive_agri:
        assert not h.land_leased[h.village == i].any()


def test_a_new_operator_enters_a_village_whose_operator_failed(small_scenario):
    poor = {"economy.agri_revenue_yuan_mu_year": 2500.0, "enterprises.entry_rate": 1.0}
    m = ClusterModel(str(small_scenario), seed=3, **poor).run(years=3)
    E = m.enterprises
    failed_villages = {f["village"] for f in m.failures if f["kind"] == AGRI}
    entrants = (E.kind == AGRI) & (E.founded_year > 0)
    assert failed_villages and set(E.village[entrants].tolist()) & failed_villages
    # the land market gave each entrant land at the households' next decision
    assert (E.land_mu[entrants & E.alive & (E.founded_year < m.years)] > 0).all()


def test_failure_losses_reach_the_bank_and_the_collective(small_scenario):
    m = ClusterModel(str(small_scenario), seed=5, **SHOCKY).run(years=4)
    fails = pd.DataFrame(m.failures)
    assert len(fails) and fails["unpaid_rent_yuan"].sum() > 0 and fails["bank_loss_yuan"].sum() > 0
    flows = m.tables()["flows_year"]
    got = flows[flows.side == "received"].groupby("category")["amount_yuan"].sum()
    assert np.isclose(got["enterprise_loan_writeoff"], fails["bank_loss_yuan"].sum())
    assert np.isclose(got["rent_writeoff"], fails["unpaid_rent_yuan"].sum())
    # each collective wrote off what its own failed tenants owed it, in the year they failed
    village = m.tables()["village_year"]
    lost = fails.groupby(["year", "village"])["unpaid_rent_yuan"].sum()
    booked = village.set_index(["year", "village"])["bad_debt_yuan"]
    assert np.allclose(booked.reindex(lost.index), lost)
    assert np.isclose(booked.sum(), lost.sum())
    # write-offs are not cash: nobody's income, and cash balances still match cash flows
    cash = flows[(flows.kind == "villages") & flows.cash]
    net = cash.loc[cash.side == "received", "amount_yuan"].sum() - cash.loc[cash.side == "paid", "amount_yuan"].sum()
    assert np.isclose(m.villages.cash.sum(), net)
    assert not flows.loc[flows.category.isin(["enterprise_loan_writeoff", "rent_writeoff"]), "cash"].any()
