"""The effect decomposition: transfer part from categories paid by transfers and guarantees."""

import numpy as np
import pytest

from cluster_sim import ClusterModel
from cluster_sim.outputs.effects import decompose

# the projects stay open through a weak market (which would close them after two loss-making years)
CP = {"policies.common_prosperity.enabled": True, "policies.common_prosperity.guarantor": "government",
      "policies.common_prosperity.close_after_loss_years": 10}


def county(seed=2, years=3, **overrides):
    return ClusterModel(seed=seed, **overrides).run(years=years).tables()["county_year"]


@pytest.fixture(scope="module")
def base():
    return county()


def test_parts_add_up_and_transfers_are_the_guarantee(base):
    weak_market = county(**CP, **{"policies.common_prosperity.revenue_yield": 0.08})
    d = decompose(weak_market, base).set_index(["t", "headline"])
    np.testing.assert_allclose(d["effect_yuan"], d["transfer_yuan"] + d["induced_yuan"])
    # a weak project leans on its guarantor: the collective's operating gain is mostly transfer
    op = d.loc[(3, "collective_operating")]
    assert op["transfer_yuan"] > 0.5 * op["effect_yuan"] > 0


def test_market_conditions_move_the_induced_part_not_the_contract(base):
    """Shareholders' floor is a contract: a better market adds induced income and shrinks the
    guarantee's share, instead of scaling the whole effect."""
    weak = decompose(county(**CP, **{"policies.common_prosperity.revenue_yield": 0.08}), base).set_index(["t", "headline"])
    strong = decompose(county(**CP, **{"policies.common_prosperity.revenue_yield": 0.6}), base).set_index(["t", "headline"])
    w, s = weak.loc[(3, "collective_operating")], strong.loc[(3, "collective_operating")]
    assert s["induced_yuan"] > w["induced_yuan"] + 10_000
    assert s["transfer_yuan"] < w["transfer_yuan"]


def test_a_policy_that_pays_nothing_public_has_no_transfer_part(base):
    pairing = county(**{"policies.pairing.enabled": True, "policies.pairing.budget_yuan": 1.0})
    d = decompose(pairing, base)
    assert d.loc[d.headline == "collective_operating", "transfer_yuan"].abs().max() < 1e-6
