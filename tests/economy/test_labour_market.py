"""The labour market: workers choose among options by net value, village wages clear."""

import numpy as np
import pytest

from cluster_sim.economy.labour import OPTIONS, choose_jobs, value_added_per_post
from cluster_sim.model import ClusterModel


def county(model, col="farmer_income_per_capita_yuan"):
    return model.tables()["county_year"].set_index("t")[col]


def test_more_local_posts_raise_village_wages(small_scenario):
    """Doubling the posts of village factories (same buildings, same value added per post)
    raises labour demand: more workers take local posts and villages pay more for them."""
    base = ClusterModel(str(small_scenario), seed=5).run(years=3)
    more = ClusterModel(str(small_scenario), seed=5, **{"enterprises.factory_jobs_per_1000m2": 12.0}).run(years=3)
    home = ~base.villages.is_partner
    assert more.households.n_local.sum() > 1.15 * base.households.n_local.sum()
    assert more.villages.wage_yuan_month[home].mean() > base.villages.wage_yuan_month[home].mean()


def test_equal_local_wage_more_posts_income_not_lower(small_scenario):
    """At a local wage equal to the commuting wage (floor = ceiling), more posts move workers out
    of commuting into posts that pay the same gross wage without the travel: income not lower."""
    equal = {"economy.min_wage_yuan_month": 6200.0, "economy.wage_value_added_cap": 1.0,
             "economy.job_choice_rule": "income"}
    few = ClusterModel(str(small_scenario), seed=2, **equal).run(years=2)
    many = ClusterModel(str(small_scenario), seed=2, **equal, **{"enterprises.factory_jobs_per_1000m2": 12.0}).run(years=2)
    assert many.households.n_local.sum() > few.households.n_local.sum()
    assert (county(many) >= county(few) * (1 - 1e-9)).all()


def test_wages_respond_to_labour_demand():
    """Villages with more posts per worker pay more (the wage clears each village's market)."""
    m = ClusterModel(seed=1)
    v, E, h = m.villages, m.enterprises, m.households
    home = ~v.is_partner
    jobs = np.bincount(E.village, weights=E.jobs * E.alive, minlength=v.n)
    workers = np.bincount(h.village, weights=h.workers, minlength=v.n)
    tight = jobs[home] / workers[home]
    assert np.corrcoef(tight, v.wage_yuan_month[home])[0, 1] > 0.3
    floor, top = v.wage_yuan_month[home].min(), v.wage_yuan_month[home].max()
    assert top > 1.2 * floor  # wages differ between villages


def test_local_wages_rise_with_employers_value_added():
    """Channel from village employers to households: raising one village's employers'
    productivity (more value added per post, same posts) raises its wage under rent sharing,
    and leaves it where the market clears without it (share 0). The village is one whose
    clearing wage lies between the floor and the ceiling, so only rent sharing can move it."""
    plain = ClusterModel(seed=1, **{"economy.wage_rent_share": 0.0})
    ceiling = plain.params["economy"]["wage_value_added_cap"] * value_added_per_post(plain)
    w = plain.villages.wage_yuan_month
    inside = (w > 1.05 * w.min()) & (w < 0.8 * ceiling) & ~plain.villages.is_partner
    k = int(np.flatnonzero(inside)[0])

    def wage_after_boost(share, boost):
        m = ClusterModel(seed=1, **{"economy.wage_rent_share": share})
        E = m.enterprises
        E.productivity = np.where(E.village == k, E.productivity * boost, E.productivity)
        choose_jobs(m)
        return m.villages.wage_yuan_month[k]

    with_sharing = wage_after_boost(0.1, 1.5) / wage_after_boost(0.1, 1.0)
    without = wage_after_boost(0.0, 1.5) / wage_after_boost(0.0, 1.0)
    assert with_sharing > 1.03
    assert without == pytest.approx(1.0, abs=1e-6)


def test_output_scales_with_filled_posts(small_scenario):
    """A low wage ceiling leaves posts empty; those enterprises sell less."""
    base = ClusterModel(str(small_scenario), seed=4)
    capped = ClusterModel(str(small_scenario), seed=4, **{"economy.wage_value_added_cap": 0.2})
    assert capped.enterprises.fill.min() < 0.999
    for m in (base, capped):
        m.run(years=0)
    sales = lambda m: m.tables()["flows_year"].query("category == 'sales' and side == 'received'")["amount_yuan"].sum()  # noqa: E731
    assert sales(capped) < sales(base)


def test_choice_rule_is_switchable():
    """'income' (no constants) and 'observed' (constants fitted to base-year shares) differ; the
    registry's constants still reproduce the observed shares in the default county (refit them
    with python -m cluster_sim.economy.labour when the economy changes)."""
    obs = ClusterModel(seed=1)
    inc = ClusterModel(seed=1, **{"economy.job_choice_rule": "income"})
    h = obs.households
    shares = {o: getattr(h, o).sum() / h.workers.sum() for o in h.JOBS}
    e = obs.params["economy"]
    assert shares["n_migrant"] == pytest.approx(e["migration_share"], rel=0.05)
    assert shares["n_business"] == pytest.approx(e["business_worker_share"], rel=0.05)
    assert not np.allclose(inc.households.n_commute, obs.households.n_commute)
    assert np.all(inc.labour_constants == 0) and len(OPTIONS) == 5


def test_jobs_add_up_to_capacity():
    m = ClusterModel(seed=3).run(years=1)
    h = m.households
    total = sum(getattr(h, name).astype(float) for name in h.JOBS) + h.n_cluster_job + h.n_stay
    np.testing.assert_allclose(total, h.workers, rtol=1e-5, atol=1e-5)
