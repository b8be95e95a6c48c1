"""A loss-making enterprise fails: its jobs go, its building empties, and its creditors feel
it — the collective loses the rent it was owed, the bank its loan — while money still
balances."""

import numpy as np

from cluster_sim import ClusterModel
from cluster_sim.agents.enterprises import FACTORY

SHOCKY = {"enterprises.productivity_sd": 1.2, "enterprises.failure_cash_months": 1.0,
          "enterprises.factory_input_share": 0.6}


def test_failing_enterprises_leave_unpaid_rent_with_the_collective(small_scenario):
    m = ClusterModel(str(small_scenario), seed=5, **SHOCKY).run(years=4)
    assert len(m.failures) > 0
    E = m.enterprises
    failed = np.flatnonzero(~E.alive & (E.kind == FACTORY))
    assert len(failed) and (E.jobs[failed] == 0).all()
    assert sum(f["unpaid_rent_yuan"] for f in m.failures) > 0
    village = m.tables()["village_year"]
    assert village["bad_debt_yuan"].sum() > 0
    assert (m.tables()["county_year"]["enterprise_failures"].sum()) == len(m.failures)
    flows = m.tables()["flows_year"]
    by = flows.pivot_table(index=["t", "category"], columns="side", values="amount_yuan", aggfunc="sum", fill_value=0)
    assert np.allclose(by["paid"], by["received"], rtol=1e-6)


def test_vacant_space_finds_new_tenants(small_scenario):
    m = ClusterModel(str(small_scenario), seed=5, **SHOCKY, **{"enterprises.entry_rate": 1.0}).run(years=4)
    E = m.enterprises
    assert (E.founded_year[E.kind == FACTORY] > 0).any()  # entrants after the base year
