"""农创客 (issue 20): trained entrants start businesses, bring an online market into their
village's demand, and share it with every business there; the grant is paid per entrant and
the budget binds."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from cluster_sim import ClusterModel
from cluster_sim.economy.base import growth

P = "policies.young_entrepreneurs."
YEARS = 3


@lru_cache(maxsize=None)
def run(seed: int = 4, **extra):
    return ClusterModel(seed=seed, **{P + "enabled": True, **dict(extra)}).run(years=YEARS)


def last(m, column):
    return float(m.tables()["county_year"][column].iloc[-1])


def test_entrants_are_able_households_at_most_n_a_village_a_year_and_each_gets_the_grant():
    m = run()
    p, h = m.policies[0], m.households
    years_of_entry = YEARS  # entry at the end of years 1..YEARS
    per_village = np.bincount(h.village[p.entrants], minlength=m.villages.n)
    assert per_village.max() <= 2 * years_of_entry and per_village.sum() >= m.villages.n  # most villages fill
    assert len(np.unique(p.entrants)) == len(p.entrants)  # nobody is trained twice
    assert h.entrepreneur[p.entrants].all()
    assert np.allclose(h.business_scale[p.entrants], 1.2)
    f = m.tables()["flows_year"]
    grants = f[(f.side == "received") & (f.category == "subsidy_household")]["amount_yuan"].sum()
    assert grants == pytest.approx(50_000.0 * len(p.entrants))


def test_a_budget_of_ten_grants_trains_ten():
    m = run(**{P + "budget_yuan": 500_000.0})
    assert len(m.policies[0].entrants) == 10


def test_the_online_market_enters_the_villages_business_demand():
    with_market = ClusterModel(seed=4, **{P + "enabled": True, P + "start_year": 0})
    for _ in range(12):  # the base year closes: the first entrants, then year 1's decisions
        with_market.step()
    p, d = with_market.policies[0], with_market.demand
    entrants_v = np.bincount(with_market.households.village[p.entrants], minlength=with_market.villages.n)
    assert entrants_v.sum() > 0
    saved = d.policy_demand_v.copy()
    d.policy_demand_v[:] = 0.0
    income_v = np.ones(with_market.villages.n)
    without = d.revenue(with_market, income_v)
    d.policy_demand_v[:] = saved
    added = d.revenue(with_market, income_v) - without
    assert np.allclose(added, 60_000.0 * entrants_v * growth(with_market, "economy.business_growth"))


def test_without_an_online_market_entrants_only_share_the_villages_demand():
    base = ClusterModel(seed=4).run(years=YEARS)
    gain = last(run(), "business_per_capita_yuan") - last(base, "business_per_capita_yuan")
    shared = last(run(**{P + "online_market_yuan_year": 0.0}), "business_per_capita_yuan") - last(
        base, "business_per_capita_yuan")
    assert gain > 30  # the online shops add business income (about 49 yuan a head after two years of entry)
    assert abs(shared) < 0.15 * gain  # without them, business income hardly moves: the same demand is shared


def test_business_income_grows_by_the_online_markets_margin_and_entrants_leave_wage_work():
    """Why farmer income can fall (docs/scenarios.md): the entrants' businesses share the
    village's demand, so business income grows by the margin on the online markets only, while
    the entrants give up the wage work they did."""
    base, m = ClusterModel(seed=4).run(years=YEARS), run()
    p = m.policies[0]
    active = (p.entered_year < YEARS).sum()  # trained by the end of the year before the last
    expected = (m.params["economy"]["business_margin"] * 60_000.0 * growth(m, "economy.business_growth")
                * active / m.households.members.sum())
    gain = last(m, "business_per_capita_yuan") - last(base, "business_per_capita_yuan")
    assert gain == pytest.approx(expected, rel=0.15)
    assert last(m, "wages_per_capita_yuan") < last(base, "wages_per_capita_yuan") - gain
