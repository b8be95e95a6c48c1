"""Village overrides in the scenario replace drawn traits before the endowments derived from
them: a stronger village has more assets, a more industrial one more buildings, and no other
village changes."""

import tomllib

import numpy as np

from cluster_sim.scenario import load_scenario
from cluster_sim.scenario.generator import build_villages


def villages(small_scenario, **override):
    raw = tomllib.loads(small_scenario.read_text(encoding="utf-8"))
    raw["county"]["villages_override"] = [{"name": "乙村", **override}] if override else []
    return build_villages(load_scenario(raw).data["county"])[0]


def test_strength_override_raises_the_village_assets(small_scenario):
    base, strong = villages(small_scenario), villages(small_scenario, strength=3.0)
    i = int(np.flatnonzero(base["name"] == "乙村")[0])
    assert strong.loc[i, "strength"] == 3.0
    gap = 3.0 - base.loc[i, "strength"]
    assert gap > 0.5
    sd = load_scenario(None).data["county"]["village_strength_sd"]
    # every asset scales with exp(sd × strength)
    for col in ("collective_land_mu", "invested_capital_yuan", "company_profit_yuan"):
        assert np.isclose(strong.loc[i, col] / base.loc[i, col], np.exp(sd * gap))
    assert strong.loc[i, "governance"] > base.loc[i, "governance"]
    others = base.index != i
    assert np.array_equal(strong.loc[others, "invested_capital_yuan"], base.loc[others, "invested_capital_yuan"])


def test_industrial_override_sets_the_buildings_derived_from_it(small_scenario):
    base, industrial = villages(small_scenario), villages(small_scenario, industrial=1.0)
    i = int(np.flatnonzero(base["name"] == "乙村")[0])
    assert industrial.loc[i, "industrial"] == 1.0
    # building space is proportional to 0.5 + industrial
    ratio = industrial.loc[i, "building_m2"] / base.loc[i, "building_m2"]
    assert np.isclose(ratio, 1.5 / (0.5 + base.loc[i, "industrial"]))
    assert ratio > 1.05
