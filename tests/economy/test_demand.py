"""Household business income follows demand: visitors, local spending, market access, entry."""

import numpy as np

from cluster_sim.model import ClusterModel


def business_by_village(model, t):
    g = model.tables()["household_group_year"]
    return g[g["t"] == t].groupby("village")["business_yuan"].sum()


def test_visitors_raise_household_business_income():
    base = ClusterModel(seed=1).run(years=2)
    more = ClusterModel(seed=1, **{"enterprises.trips_per_resident_year": 0.93}).run(years=2)
    v = base.villages
    scenic = np.flatnonzero((v.scenic >= 0.5) & ~v.is_partner)
    assert (business_by_village(more, 2)[scenic] > business_by_village(base, 2)[scenic]).all()


def test_more_entrants_share_the_same_demand():
    """Profit per unit of scale falls when more workers run businesses on the same demand."""
    few = ClusterModel(seed=1, **{"economy.job_constant_business": 0.8})
    many = ClusterModel(seed=1, **{"economy.job_constant_business": 1.6})
    assert many.households.n_business.sum() > 1.1 * few.households.n_business.sum()
    home = ~few.villages.is_partner
    assert many.demand.profit_v[home].mean() < few.demand.profit_v[home].mean()


def test_business_income_is_the_villages_demand_times_margin():
    m = ClusterModel(seed=2).run(years=1)
    d, e = m.demand, m.params["economy"]
    paid = m.tables()["flows_year"].query("category == 'business_household' and side == 'paid' and t == 1")["amount_yuan"].sum()
    assert np.isclose(paid, e["business_margin"] * d.revenue_v[(d.profit_v > 0)].sum(), rtol=1e-9)


def test_profit_per_unit_of_scale_is_bounded_when_almost_nobody_runs_a_business():
    """A village where business is a tiny share of a worker (a local wage far above it) pays a
    unit of scale at most what one business taking the whole market earns; before, margin ×
    demand ÷ a vanishing scale ran to 1e41 yuan and broke the next year's job choice."""
    from cluster_sim.economy.demand import expected_household_income
    m = ClusterModel(seed=1)
    h, e = m.households, m.params["economy"]
    h.n_business = h.n_business * 1e-12
    m.demand.plan(m, expected_household_income(m))
    home = m.demand.revenue_v > 0
    assert home.any()
    assert (m.demand.profit_v[home] <= e["business_margin"] * m.demand.revenue_v[home] * (1 + 1e-12)).all()
