"""Household business income follows demand: visitors, local spending, market access, entry."""

import numpy as np

from cluster_sim.model import ClusterModel


def business_by_village(model, t):
    g = model.tables()["household_group_year"]
    return g[g["t"] == t].groupby("village")["business_yuan"].sum()


def test_visitors_raise_household_business_income():
    base = ClusterModel(seed=1).run(years=2)
    more = ClusterModel(seed=1, **{"enterprises.base_visitors_per_year": 900000.0}).run(years=2)
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
