import mesa
import pandas as pd

from cluster_sim import ClusterModel
from cluster_sim.agents.villages import Village


def test_overrides_by_dotted_key(small_scenario):
    model = ClusterModel(str(small_scenario), seed=1, **{"economy.wage_growth": 0.09})
    assert model.params["economy"]["wage_growth"] == 0.09


def test_one_household_can_be_inspected(small_scenario):
    model = ClusterModel(str(small_scenario), seed=1).run(years=1)
    hh = model.households[10]
    assert hh.members >= 1 and hh.village >= 0
    assert abs(hh.income_total - sum(getattr(hh, f"income_{s}") for s in ("wages", "business", "property", "transfers"))) < 1e-6
    assert "land_leased" in repr(hh)


def test_villages_are_mesa_agents_on_the_road_network(small_scenario):
    model = ClusterModel(str(small_scenario), seed=1)
    villages = model.agents_by_type[Village]
    assert len(villages) == model.villages.n
    v = model.village_agents[0]
    assert v.cell in model.space.all_cells
    assert model.space.G.number_of_edges() > 0
    assert v.name == model.villages.name[0]
    model.run(years=1)
    acc = v.accounts()
    assert abs(acc["total"] - acc["operating"] - acc["subsidies"]) < 1e-6


def test_datacollector_records_each_year(small_scenario):
    model = ClusterModel(str(small_scenario), seed=1).run(years=2)
    df = model.datacollector.get_model_vars_dataframe()
    assert len(df) == 3
    assert df["farmer_income_per_capita_yuan"].iloc[-1] == model.tables()["county_year"]["farmer_income_per_capita_yuan"].iloc[-1]


def test_mesa_batch_run_runs_the_model(small_scenario):
    results = mesa.batch_run(ClusterModel, parameters={"scenario": str(small_scenario), "simulation.years": [1, 2]},
                             rng=[1, 2], max_steps=1000, number_processes=1, display_progress=False)
    df = pd.DataFrame(results)
    assert len(df) == 4
    assert set(df["simulation.years"]) == {1, 2}
    assert (df["farmer_income_per_capita_yuan"] > 10000).all()
