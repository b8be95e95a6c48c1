"""Each policy acts through a mechanism, not a multiplier: these tests poke the mechanism."""

import numpy as np
import pytest

from cluster_sim import ClusterModel
from cluster_sim.scenario import ScenarioError


def flows(model, category, side="received"):
    f = model.tables()["flows_year"]
    return f[(f.category == category) & (f.side == side)].set_index("t")["amount_yuan"]


def make(small_scenario, years=3, **overrides):
    return ClusterModel(str(small_scenario), seed=3, **overrides).run(years=years)


def test_policy_does_nothing_before_its_start_year(small_scenario):
    m = make(small_scenario, **{"policies.flying_land.enabled": True, "policies.flying_land.start_year": 2,
                                "policies.flying_land.target": "partner"})
    paid = flows(m, "return_flying_land")
    assert 0 not in paid.index and 1 not in paid.index and paid.loc[2] > 0


def test_credit_respects_the_debt_red_line_unless_told_not_to(small_scenario):
    big = {"policies.credit.enabled": True, "policies.credit.target": "weak",
           "policies.credit.loan_per_village_yuan": 80_000_000.0}
    kept = make(small_scenario, **big)
    broken = make(small_scenario, **big, **{"policies.credit.enforce_debt_limit": False})
    assert kept.tables()["county_year"]["villages_over_indebted"].max() == 0
    assert broken.tables()["county_year"]["villages_over_indebted"].max() > 0
    assert flows(broken, "interest", side="paid").sum() > 0


def test_pairing_rules_and_channels(small_scenario):
    m = make(small_scenario, **{"policies.pairing.enabled": True, "policies.pairing.target": "surrounding"})
    p = m.policies[0]
    v = m.villages
    assert v.is_key[p.leaders].all() and (v.cluster[p.leaders] == v.cluster[p.led]).all()
    start = m.layout.villages["governance"].to_numpy()
    behind = start[p.led] < start[p.leaders]  # only a village behind its leader learns from it
    assert behind.any()
    assert (v.governance[p.led][behind] > start[p.led][behind]).all()
    assert (v.governance[p.led][~behind] == start[p.led][~behind]).all()
    assert flows(m, "cluster_brand_sales").sum() > 0
    assert flows(m, "project_return").sum() > 0


def test_pairing_explicit_pairs_are_checked(small_scenario):
    with pytest.raises(ScenarioError, match="pairs"):
        ClusterModel(str(small_scenario), seed=1, **{"policies.pairing.enabled": True, "policies.pairing.rule": "explicit",
                                                    "policies.pairing.pairs": ["甲村:nowhere"]}).run(years=1)
    m = make(small_scenario, years=1, **{"policies.pairing.enabled": True, "policies.pairing.rule": "explicit",
                                         "policies.pairing.pairs": ["甲村:乙村"]})
    assert list(m.villages.name[m.policies[0].led]) == ["乙村"]


def test_pairing_alliance_is_led_by_the_strongest(small_scenario):
    m = make(small_scenario, years=1, **{"policies.pairing.enabled": True, "policies.pairing.rule": "alliance",
                                         "policies.pairing.alliance_size": 2})
    p = m.policies[0]
    assert len(set(p.leaders)) == 2 and not set(p.leaders) & set(p.led)


def test_tourism_visitors_follow_seasons_and_open_farm_stays(small_scenario):
    m = make(small_scenario, years=2, **{"policies.tourism.enabled": True, "policies.tourism.events_per_year": 0})
    p = m.policies[0]
    assert p.visitors_month(4).sum() > 2 * p.visitors_month(1).sum()  # spring peak, winter low
    h = m.households
    scenic_villages = np.flatnonzero(m.villages.scenic >= 0.5)
    assert h.runs_stay[np.isin(h.village, scenic_villages)].sum() > 0
    assert flows(m, "business_stay").loc[2] > 0


def test_land_consolidation_raises_rent_after_the_works(small_scenario):
    """Rents follow the land market; consolidation lifts them only once the works are done."""
    on = {"policies.land_consolidation.enabled": True, "policies.land_consolidation.build_years": 2}
    key = np.flatnonzero(ClusterModel(str(small_scenario), seed=3).villages.is_key)
    base1 = ClusterModel(str(small_scenario), seed=3).run(years=1)
    m = ClusterModel(str(small_scenario), seed=3, **on).run(years=1)
    assert np.array_equal(m.villages.land_rent_yuan_mu[key], base1.villages.land_rent_yuan_mu[key])  # still building
    base3 = ClusterModel(str(small_scenario), seed=3).run(years=3)
    m2 = ClusterModel(str(small_scenario), seed=3, **on).run(years=3)
    assert (m2.villages.land_rent_yuan_mu[key] > base3.villages.land_rent_yuan_mu[key] * 1.2).all()
    assert flows(m2, "public_works").loc[1] > 0
