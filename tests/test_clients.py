"""The model as other tools use it: pickled mid-year copies that continue exactly, ``evaluate``
driven by EMA Workbench and by SALib sample rows (numpy values, no glue), and county figures
for Mesa's DataCollector."""

import pickle
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from mesa import DataCollector

from cluster_sim import ClusterModel, ScenarioError, evaluate
from cluster_sim.outputs.columns import COUNTY_COLUMNS

SMALL = {"simulation.years": 2}
FULL_CLUSTER = Path(__file__).resolve().parents[1] / "scenarios" / "full_cluster.toml"  # every policy on


def _tables_equal(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True, obj=name)


@pytest.mark.parametrize("month", [5, 12])
def test_pickled_copy_taken_mid_year_continues_bit_identically(small_scenario, month):
    """A copy taken at month 5 of year 1 (or at a year end) finishes exactly as the run that was
    never interrupted — the grouped payments booked at year end included."""
    scenario, size = (str(FULL_CLUSTER), {"county.households": 6000}) if month == 5 else (str(small_scenario), {})
    uninterrupted = ClusterModel(scenario, seed=11, **SMALL, **size).run()
    model = ClusterModel(scenario, seed=11, **SMALL, **size)
    for _ in range(12 + month):
        model.step()
    copy = pickle.loads(pickle.dumps(model))
    assert (copy.year_index, copy.month) == ((1, 5) if month == 5 else (2, 0))
    copy.run()
    model.run()  # the original goes on too, untouched by the pickling
    _tables_equal(copy.tables(), uninterrupted.tables())
    _tables_equal(model.tables(), uninterrupted.tables())
    assert copy.datacollector.get_model_vars_dataframe().equals(uninterrupted.datacollector.get_model_vars_dataframe())


def test_county_figures_reachable_as_model_attributes(small_scenario):
    collector = DataCollector(model_reporters={"income": "county_farmer_income_per_capita_yuan",
                                               "gini": lambda m: m.county["gini_household"]})
    model = ClusterModel(str(small_scenario), seed=2, **SMALL)
    assert model.county == {} and np.isnan(model.county_farmer_income_per_capita_yuan)
    with pytest.raises(AttributeError):
        model.county_no_such_column  # noqa: B018
    while model.running:
        model.step()
        if model.month == 0:
            collector.collect(model)
    county = model.tables()["county_year"]
    got = collector.get_model_vars_dataframe()
    assert got["income"].tolist() == county["farmer_income_per_capita_yuan"].tolist()
    assert got["gini"].tolist() == county["gini_household"].tolist()
    assert set(model.county) == set(COUNTY_COLUMNS)


def test_evaluate_takes_numpy_values_and_whole_floats_and_is_a_pure_function(small_scenario):
    params = {"economy.wage_growth": np.float32(0.05), "policies.pairing.enabled": np.bool_(True),
              "policies.pairing.alliance_size": np.int64(3), "county.households": 3000.0}
    out = evaluate(params, seed=np.int64(4), years=np.int64(1), scenario=str(small_scenario),
                   outcomes=["farmer_income_per_capita_yuan", "gini_collective"])
    assert list(out) == ["farmer_income_per_capita_yuan", "gini_collective"]
    assert all(isinstance(v, float) for v in out.values()) and out["farmer_income_per_capita_yuan"] > 10_000
    again = pickle.loads(pickle.dumps(evaluate))(params, seed=4, years=1, scenario=str(small_scenario),
                                                 outcomes=["farmer_income_per_capita_yuan", "gini_collective"])
    assert again == out
    other = evaluate({**params, "economy.wage_growth": 0.0}, seed=4, years=1, scenario=str(small_scenario),
                     outcomes="farmer_income_per_capita_yuan")
    assert other["farmer_income_per_capita_yuan"] < out["farmer_income_per_capita_yuan"]


@pytest.mark.parametrize("call, source", [
    (lambda s: evaluate({"economy.wage_growth": np.float64(np.nan)}, scenario=s), "evaluate() parameter economy.wage_growth"),
    (lambda s: evaluate({"policies.pairing.alliance_size": 2.5}, scenario=s), "evaluate() parameter policies.pairing.alliance_size"),
    (lambda s: evaluate(years=0, scenario=s), "years=0"),
    (lambda s: evaluate(seed=-1, scenario=s), "seed=-1"),
    (lambda s: evaluate(outcomes=["income"], scenario=s), "outcomes"),
    (lambda s: ClusterModel(s, **{"economy.wage_growth": float("inf")}), "keyword argument economy.wage_growth"),
])
def test_python_errors_name_where_the_bad_value_came_from(small_scenario, call, source):
    with pytest.raises(ScenarioError) as info:
        call(str(small_scenario))
    assert str(info.value).startswith(source)


def test_ema_workbench_drives_evaluate_directly(small_scenario):
    ema = pytest.importorskip("ema_workbench")
    model = ema.Model("clustersim", function=evaluate)
    # EMA 3 wants identifiers as names; variable_name is the keyword evaluate receives
    model.uncertainties = [ema.RealParameter("wage_growth", 0.0, 0.08, variable_name="economy.wage_growth"),
                           ema.IntegerParameter("alliance_size", 1, 4, variable_name="policies.pairing.alliance_size")]
    model.levers = [ema.BooleanParameter("pairing", variable_name="policies.pairing.enabled")]
    model.constants = [ema.Constant("scenario", str(small_scenario)), ema.Constant("years", 1),
                       ema.Constant("seed", 3)]
    model.outcomes = [ema.ScalarOutcome("farmer_income_per_capita_yuan"), ema.ScalarOutcome("gini_household")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        experiments, outcomes = ema.perform_experiments(model, scenarios=3, policies=2,
                                                        evaluator=ema.SequentialEvaluator(model))
    assert len(experiments) == 6
    income = outcomes["farmer_income_per_capita_yuan"]
    assert np.isfinite(income).all() and (income > 10_000).all()
    # the same point through evaluate by hand gives the same number: EMA added nothing
    row = experiments.iloc[0]
    direct = evaluate({"economy.wage_growth": row["wage_growth"],
                       "policies.pairing.alliance_size": row["alliance_size"],
                       "policies.pairing.enabled": row["pairing"]},
                      seed=3, years=1, scenario=str(small_scenario), outcomes=["farmer_income_per_capita_yuan"])
    assert direct["farmer_income_per_capita_yuan"] == income[0]


def test_salib_sample_rows_go_straight_into_evaluate(small_scenario):
    from SALib.sample import sobol

    problem = {"num_vars": 2, "names": ["economy.wage_growth", "economy.business_growth"],
               "bounds": [[0.0, 0.08], [0.0, 0.1]]}
    rows = sobol.sample(problem, 2, calc_second_order=False, seed=1)[:4]
    assert isinstance(rows[0][0], np.float64)
    y = np.array([evaluate(dict(zip(problem["names"], row, strict=True)), seed=1, years=1,
                           scenario=str(small_scenario), outcomes=["farmer_income_per_capita_yuan"])
                  ["farmer_income_per_capita_yuan"] for row in rows])
    assert np.isfinite(y).all() and len(set(y.tolist())) == len(y)



@pytest.mark.slow
def test_dask_runs_evaluate_as_it_is(small_scenario):
    from distributed import Client, LocalCluster

    params = {"economy.wage_growth": np.float64(0.05)}
    kwargs = {"seed": np.int64(2), "years": 1, "scenario": str(small_scenario), "outcomes": ["gini_household"]}
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        remote = client.submit(evaluate, params, **kwargs).result()
    assert remote == evaluate(params, **kwargs)
