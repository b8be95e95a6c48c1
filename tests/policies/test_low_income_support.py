"""Low-income support (issue 20): assigned posts and a top-up to the line, household by
household. The catch-up depends on the reach; posts come from idle capacity first; the budget
binds; the allowance test counts the post; a reach of 0 is the baseline exactly."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from cluster_sim import ClusterModel
from cluster_sim.economy.labour import expected_earnings

P = "policies.low_income_support."
YEARS = 4


@lru_cache(maxsize=None)
def run(reach: float, seed: int = 5, **extra):
    overrides = {P + "enabled": True, P + "reach_share": reach, **dict(extra)}
    return ClusterModel(seed=seed, **overrides).run(years=YEARS)


def county(m):
    return m.tables()["county_year"].set_index("t")


def catch_up(m) -> float:
    c = county(m)
    g = lambda col: (c[col].iloc[-1] / c[col].iloc[0]) ** (1 / YEARS) - 1  # noqa: E731
    return g("low_income_income_per_capita_yuan") - g("farmer_income_per_capita_yuan")


def test_the_catch_up_grows_with_the_reach():
    gaps = [catch_up(run(r)) for r in (0.0, 0.5, 1.0)]
    assert gaps[0] < gaps[1] < gaps[2]
    assert gaps[2] - gaps[0] > 0.01  # a full reach adds more than a point a year to the catch-up
    incomes = [county(run(r))["low_income_income_per_capita_yuan"].iloc[-1] for r in (0.0, 0.5, 1.0)]
    assert incomes[0] < incomes[1] < incomes[2]


def test_a_reach_of_zero_is_the_baseline_exactly():
    base = ClusterModel(seed=5).run(years=YEARS).tables()["county_year"]
    assert run(0.0).tables()["county_year"].equals(base)


def test_posts_go_to_reached_low_income_households_idle_capacity_first():
    m = year_one(ClusterModel(seed=5, **{P + "enabled": True}))
    p, h = m.policies[0], m.households
    got = np.flatnonzero(h.n_post > 0)
    assert len(got) > 100
    assert (p.eligible[got] & h.low_income[got]).all()
    post = m.params["policies"]["low_income_support"]["post_share"]
    idle = h.elderly[got] * m.params["policies"]["low_income_support"]["elderly_capacity"]
    jobs = sum(getattr(h, name)[got] for name in h.JOBS)
    # the working-age part of a post (beyond what idle members cover) left the household's other work
    fresh = year_one(ClusterModel(seed=5))  # the same households' job choice without the package
    jobs_before = sum(getattr(fresh.households, name)[got] for name in h.JOBS)
    working_age_part = np.minimum(np.maximum(post - idle, 0), jobs_before)
    assert np.allclose(jobs_before - jobs, working_age_part, atol=1e-5)
    assert np.allclose(h.n_post[got], np.minimum(post, idle) + working_age_part, atol=1e-5)


def year_one(m):
    """The model after the base year closes and year 1's decisions (posts included) are made."""
    for _ in range(12):
        m.step()
    return m


def test_the_allowance_test_counts_the_post():
    m = ClusterModel(seed=5, **{P + "enabled": True, P + "start_year": 0})
    h = m.households
    with_post = expected_earnings(m)
    saved = h.n_post.copy()
    h.n_post[:] = 0
    without = expected_earnings(m)
    h.n_post[:] = saved
    assert np.allclose(with_post - without, saved * h.post_wage_yuan_month * 12)


def test_a_small_budget_binds_and_is_not_overspent():
    budget = 2_000_000.0
    m = run(1.0, **{P + "budget_yuan": budget})
    f = m.tables()["flows_year"]
    paid = f[(f.side == "received") & f.category.isin(["wage_public_post", "subsidy_household"])]["amount_yuan"].sum()
    assert 0.5 * budget < paid <= budget * (1 + 1e-9)
    unlimited = run(1.0)
    f = unlimited.tables()["flows_year"]
    assert f[(f.side == "received") & (f.category == "wage_public_post")]["amount_yuan"].sum() > 3 * budget


@pytest.mark.parametrize("reach", [0.3, 1.0])
def test_posts_are_paid_as_assigned(reach):
    m = ClusterModel(seed=5, **{P + "enabled": True, P + "reach_share": reach, P + "start_year": 0})
    h = m.households
    owed = float((h.n_post * h.post_wage_yuan_month).sum() * 12)
    m.run(years=0)
    f = m.tables()["flows_year"]
    paid = f[(f.t == 0) & (f.side == "received") & (f.category == "wage_public_post")]["amount_yuan"].sum()
    assert paid == pytest.approx(owed, rel=1e-9) and owed > 0
