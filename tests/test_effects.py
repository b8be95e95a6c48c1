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


def test_weak_villages_transfer_parts_recomputed_from_the_village_table_and_flows(small_scenario):
    """Weak villages' transfer part: their subsidies (every subsidy is a transfer) plus the
    guaranteed part of their operating income, never their market income. Recomputed from the
    village table (subsidies of the weak villages) and the flows (the guaranteed categories)."""
    from cluster_sim.accounts import BY_NAME as CATEGORIES, TRANSFER

    overrides = {**CP, "policies.common_prosperity.revenue_yield": 0.08, "policies.credit.enabled": True,
                 "policies.credit.target": "weak", "policies.credit.start_year": 1,
                 "policies.credit.subsidy_yuan_year": 2_000_000.0}
    tables = ClusterModel(str(small_scenario), seed=3, **overrides).run(years=2).tables()
    county_year, village, flows = tables["county_year"].set_index("t"), tables["village_year"], tables["flows_year"]
    weak = village[village["is_weak"] & ~village["is_partner"]]
    subsidies = weak.groupby("t")["subsidies_yuan"].mean()
    subsidy_part = county_year["weak_total_transfer_mean_yuan"] - county_year["weak_operating_transfer_mean_yuan"]
    np.testing.assert_allclose(subsidy_part, subsidies, rtol=1e-9)
    assert subsidies.loc[2] > 0
    guaranteed = flows[(flows["side"] == "received") & (flows["kind"] == "villages")
                       & flows["category"].isin([c for c in TRANSFER if CATEGORIES[c].payee == "villages"
                                                 and CATEGORIES[c].source != "subsidies"])]
    paid_to_villages = guaranteed.groupby("t")["amount_yuan"].sum().reindex(county_year.index, fill_value=0.0)
    n_weak = weak.groupby("t").size()
    weak_guaranteed = county_year["weak_operating_transfer_mean_yuan"] * n_weak
    assert (weak_guaranteed <= paid_to_villages + 1e-6).all()
    # the weak villages' market income (rents, dividends, …) is not counted as transfer
    assert (county_year["weak_operating_transfer_mean_yuan"] < county_year["weak_operating_mean_yuan"]).all()
