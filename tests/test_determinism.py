import pandas as pd

from cluster_sim.runner import simulate


def test_same_seed_gives_identical_tables(small_scenario):
    a = simulate(small_scenario, seed=11)
    b = simulate(small_scenario, seed=11)
    for name in ("village_year", "household_group_year", "cluster_year", "county_year", "flows_year"):
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], check_exact=True)


def test_different_seeds_differ(small_scenario):
    a = simulate(small_scenario, seed=11).county_year
    b = simulate(small_scenario, seed=12).county_year
    assert not a["farmer_income_per_capita_yuan"].equals(b["farmer_income_per_capita_yuan"])


def test_layout_is_the_same_across_seeds(small_scenario):
    a = simulate(small_scenario, seed=1, years=1).village_year
    b = simulate(small_scenario, seed=2, years=1).village_year
    assert a["name"].equals(b["name"]) and a["households"].equals(b["households"])
