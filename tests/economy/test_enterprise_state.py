"""State bugs of the first economy, each with a test that failed on it."""

import numpy as np

from cluster_sim.agents.enterprises import FACTORY, TOURISM
from cluster_sim.model import ClusterModel


def test_tourism_jobs_follow_revenue_in_years_with_factory_entry():
    """Jobs of tourism operators follow last year's revenue every year. The first model kept a
    last-year revenue array outside the enterprise table, so in any year a factory entered it no
    longer matched and the jobs stayed at their first level."""
    m = ClusterModel(seed=4, **{"enterprises.entry_rate": 1.0})  # entry every year
    m.run(years=3)
    E, per_job = m.enterprises, m.params["enterprises"]["tourism_revenue_per_job_yuan"]
    assert (E.founded_year[E.kind == FACTORY] > 0).any()  # factories did enter
    tour = np.flatnonzero((E.kind == TOURISM) & E.alive)
    np.testing.assert_allclose(E.jobs[tour], E.revenue_ytd_last[tour] / per_job)


def test_entrants_pay_the_village_wage_like_incumbents():
    m = ClusterModel(seed=4, **{"enterprises.entry_rate": 1.0}).run(years=2)
    E, v = m.enterprises, m.villages
    live = np.flatnonzero((E.kind == FACTORY) & E.alive)
    entrants = live[E.founded_year[live] > 0]
    assert len(entrants) > 0
    np.testing.assert_array_equal(E.wage_yuan_month[entrants], v.wage_yuan_month[E.village[entrants]])
    key = entrants[v.is_key[E.village[entrants]]]
    incumbents = live[(E.founded_year[live] == 0)]
    for i in key:  # in a key village an entrant earns what the incumbents there pay
        same = incumbents[E.village[incumbents] == E.village[i]]
        assert (E.wage_yuan_month[same] == E.wage_yuan_month[i]).all()
