"""Stock-flow consistency of a full default run: every yuan paid is received, every income
decomposition adds up to its total (to 1e-6 relative)."""

import numpy as np
import pandas as pd

from cluster_sim.accounts import BY_NAME, COLLECTIVE_OPERATING, COLLECTIVE_SOURCES, HOUSEHOLD_SOURCES

REL = 1e-6


def close(a, b):
    return np.allclose(a, b, rtol=REL, atol=1e-3)


def test_every_category_paid_equals_received_each_year(any_run):
    flows = any_run.tables()["flows_year"]
    by = flows.pivot_table(index=["t", "category"], columns="side", values="amount_yuan", aggfunc="sum", fill_value=0)
    assert len(by) > 20
    assert close(by["paid"], by["received"])


def test_payers_and_payees_are_the_declared_kinds(any_run):
    flows = any_run.tables()["flows_year"]
    for _, row in flows.iterrows():
        cat = BY_NAME[row["category"]]
        assert row["kind"] == (cat.payer if row["side"] == "paid" else cat.payee)


def test_monthly_history_balances_and_adds_up_to_the_year(any_run):
    hist = pd.DataFrame(any_run.ledger.history)
    flows = any_run.tables()["flows_year"]
    assert hist.groupby(["year", "month"]).size().shape[0] == 12 * 11
    yearly = hist.groupby(["year", "category"])["amount_yuan"].sum()
    received = flows[flows.side == "received"].groupby(["year", "category"])["amount_yuan"].sum()
    assert close(yearly.sort_index(), received.reindex(yearly.index).sort_index())


def test_enterprise_cash_equals_receipts_minus_payments(any_run):
    flows = any_run.tables()["flows_year"]
    ent = flows[(flows.kind == "enterprises") & flows.cash]  # write-offs extinguish claims, move no cash
    net = ent.loc[ent.side == "received", "amount_yuan"].sum() - ent.loc[ent.side == "paid", "amount_yuan"].sum()
    assert close(any_run.enterprises.cash.sum(), net)


def test_household_income_decomposes_into_sources(any_run):
    tables = any_run.tables()
    groups = tables["household_group_year"]
    assert close(groups[[f"{s}_yuan" for s in HOUSEHOLD_SOURCES]].sum(axis=1), groups["income_yuan"])
    county = tables["county_year"]
    parts = county[[f"{s}_per_capita_yuan" for s in HOUSEHOLD_SOURCES]].sum(axis=1)
    assert close(parts, county["farmer_income_per_capita_yuan"])
    total = groups.groupby("t")["income_yuan"].sum().to_numpy()
    assert close(total, county["farmer_income_per_capita_yuan"] * county["members"])
    # household receipts in the ledger are exactly the income the tables report
    flows = tables["flows_year"]
    hh = flows[(flows.kind == "households") & (flows.side == "received")].groupby("t")["amount_yuan"].sum()
    assert close(hh.to_numpy(), total)


def test_collective_income_decomposes_into_sources(any_run):
    village = any_run.tables()["village_year"]
    operating = village[[f"{s}_yuan" for s in COLLECTIVE_OPERATING]].sum(axis=1)
    assert close(operating, village["operating_income_yuan"])
    total = village[[f"{s}_yuan" for s in COLLECTIVE_SOURCES]].sum(axis=1)
    assert close(total, village["total_income_yuan"])
    assert close(village["operating_income_yuan"] + village["subsidies_yuan"], village["total_income_yuan"])


def test_village_cash_is_the_running_sum_of_net_flows(any_run):
    tables = any_run.tables()
    flows = tables["flows_year"]
    vil = flows[(flows.kind == "villages") & flows.cash]
    net = vil.loc[vil.side == "received", "amount_yuan"].sum() - vil.loc[vil.side == "paid", "amount_yuan"].sum()
    assert close(any_run.villages.cash.sum(), net)
