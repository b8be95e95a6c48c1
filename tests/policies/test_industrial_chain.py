"""Industrial chains (issue 20): operators fill a host village's links, faster where more are
there; a chain pays when it is whole, so a chain that stays thin loses its operators; output
per mu and farm productivity rise only where operators enter; the host collective is paid."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from cluster_sim import ClusterModel
from cluster_sim.agents.enterprises import PROJECT

P = "policies.industrial_chain."


@lru_cache(maxsize=None)
def run(years: int = 6, seed: int = 2, **extra):
    return ClusterModel(seed=seed, **{P + "enabled": True, **dict(extra)}).run(years=years)


def test_output_per_mu_and_farm_productivity_rise_only_where_operators_enter():
    m, base = run(), ClusterModel(seed=2).run(years=6)
    p, v = m.policies[0], m.villages
    c = p.completeness()
    assert c.min() > 0.2 and p.output_per_mu().min() > 3_000  # the chains formed
    assert np.allclose(v.agri_productivity[p.hosts], base.villages.agri_productivity[p.hosts] * (1 + 0.3 * c))
    others = np.setdiff1d(np.arange(v.n), p.hosts)
    assert np.array_equal(v.agri_productivity[others], base.villages.agri_productivity[others])
    # where operators enter, operators bid more for land: the host villages' rents rise
    assert (v.land_rent_yuan_mu[p.hosts] > base.villages.land_rent_yuan_mu[p.hosts]).mean() > 0.7


def test_no_entry_leaves_the_run_as_the_baseline():
    quiet = run(years=3, **{P + "entry_rate": 0.0})
    base = ClusterModel(seed=2).run(years=3)
    assert quiet.tables()["county_year"].equals(base.tables()["county_year"])


def test_entry_speeds_up_as_the_chain_fills():
    with_pull = run(years=4).policies[0].completeness().mean()
    without = run(years=4, **{P + "agglomeration": 0.0}).policies[0].completeness().mean()
    assert with_pull > without + 0.1


def test_a_chain_that_stays_thin_loses_its_operators():
    thin = run(years=8, **{P + "entry_rate": 0.03})
    whole = run(years=8)
    def chain_failures(m):
        p = m.policies[0]
        return [f for f in m.failures if f["kind"] == PROJECT and f["village"] in set(p.hosts.tolist())]
    assert thin.policies[0].completeness().mean() < 0.5
    # a thin chain's operators fail at a higher rate per operator that ever entered
    rate = [len(chain_failures(m)) / max(int((m.policies[0].slot >= 0).sum()) + len(chain_failures(m)), 1)
            for m in (thin, whole)]
    assert rate[0] > 2 * rate[1]


def test_the_host_collective_receives_each_open_operators_rent():
    def year_zero_rent(model):
        for _ in range(12):
            model.step()
        f = model.tables()["flows_year"]
        return f[(f.t == 0) & (f.side == "received") & (f.category == "rent_collective_land")]["amount_yuan"].sum()

    m = ClusterModel(seed=2, **{P + "enabled": True, P + "start_year": 0})
    m.step()  # month 1: the first operators enter; the next enter at the year's close
    opened = int((m.policies[0].slot >= 0).sum())
    assert opened > 0
    extra = year_zero_rent(m) - year_zero_rent(ClusterModel(seed=2))  # base year: the rent index is 1
    assert extra == pytest.approx(35_000.0 * opened, rel=1e-9)
