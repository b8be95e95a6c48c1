"""Collectives invest retained cash (economy/collective_investment.py): they keep a reserve,
invest the surplus in buildings and shares at risky returns, borrow only under the red line,
and without surplus (or over the red line) they invest nothing."""

import numpy as np

from cluster_sim import ClusterModel

NO_SURPLUS = {"collective.reserve_months": 1200.0}  # a 100-year reserve: nothing is ever surplus


def received(m, category):
    flows = m.tables()["flows_year"]
    return flows.loc[(flows.side == "received") & (flows.category == category), "amount_yuan"].sum()


def test_collectives_keep_the_reserve_and_invest_the_surplus(small_scenario):
    m = ClusterModel(str(small_scenario), seed=3).run(years=3)
    assert received(m, "collective_share_purchase") > 0 and received(m, "collective_construction") > 0
    vt = m.tables()["village_year"]
    home = vt[~vt.is_partner & ~vt.over_indebted]
    # idle cash is the reserve: at most reserve_months of the year's spending
    reserve_months = m.params["collective"]["reserve_months"]
    assert (home.cash_yuan <= reserve_months / 12 * home.spending_yuan + 1e-3).all()
    assert (home.groupby("t").cash_yuan.mean().diff().dropna().abs() < 2e6).all()


def test_without_surplus_collectives_do_not_invest(small_scenario):
    m = ClusterModel(str(small_scenario), seed=3, **NO_SURPLUS).run(years=3)
    for cat in ("collective_share_purchase", "collective_construction", "loan"):
        assert received(m, cat) == 0
    cash = m.tables()["village_year"].groupby("t").cash_yuan.mean()
    assert (cash.diff().dropna() > 0).all()  # it piles up instead


def test_invested_surplus_compounds_into_operating_income(small_scenario):
    invest = ClusterModel(str(small_scenario), seed=3).run(years=5).tables()["county_year"]
    idle = ClusterModel(str(small_scenario), seed=3, **NO_SURPLUS).run(years=5).tables()["county_year"]
    assert np.isclose(invest.collective_income_operating_yuan.iloc[0], idle.collective_income_operating_yuan.iloc[0])
    gain = invest.collective_income_operating_yuan.iloc[-1] / idle.collective_income_operating_yuan.iloc[-1]
    assert gain > 1.05


def test_returns_are_risky_and_losses_write_the_stake_down(small_scenario):
    m = ClusterModel(str(small_scenario), seed=3, **{"collective.investment_return_sd": 0.15}).run(years=3)
    assert received(m, "investment_writedown") > 0
    vt = m.tables()["village_year"]
    # a bad year pays no return at all on a stake that exists
    assert ((vt.dividends_yuan == 0) & (vt.groupby("village").dividends_yuan.transform("first") > 0)).any()
    safe = ClusterModel(str(small_scenario), seed=3, **{"collective.investment_return_sd": 0.0}).run(years=3)
    assert received(safe, "investment_writedown") == 0
    assert (safe.tables()["village_year"].dividends_yuan > 0).all()


def test_borrowing_stops_at_the_red_line(small_scenario):
    greedy = {"collective.borrow_target_share": 3.0, "collective.debt_limit_share": 0.08}
    m = ClusterModel(str(small_scenario), seed=3, **greedy).run(years=4)
    vt = m.tables()["village_year"]
    assert (vt.debt_yuan > 0).any()
    assert vt.debt_ratio.max() <= 0.08 + 1e-9
    none = ClusterModel(str(small_scenario), seed=3, **{"collective.debt_limit_share": 0.0}).run(years=2)
    assert received(none, "loan") == 0


def test_collectives_over_the_red_line_invest_nothing_and_repay(small_scenario):
    over = {"policies.credit.enabled": True, "policies.credit.start_year": 0, "policies.credit.target": "weak",
            "policies.credit.loan_per_village_yuan": 2e7, "policies.credit.enforce_debt_limit": False,
            "collective.reserve_months": 0.0, "collective.default_after_years": 50}  # no default in these years
    m = ClusterModel(str(small_scenario), seed=3, **over)
    weak = np.flatnonzero(m.villages.is_weak)
    snapshots = []
    while m.running:
        m.step()
        if m.month == 0:
            v = m.villages
            snapshots.append((v.invested_capital_yuan[weak].copy(), v.building_m2[weak].copy(), v.debt[weak].copy()))
        if len(snapshots) == 4:
            break
    assert (m.villages.debt_ratio[weak] > m.params["collective"]["debt_limit_share"]).all()
    for (cap0, m2_0, debt0), (cap1, m2_1, debt1) in zip(snapshots, snapshots[1:]):
        assert (cap1 <= cap0 + 1e-6).all() and (m2_1 == m2_0).all()
        assert (debt1 <= debt0).all() and (debt1 < debt0).any()
