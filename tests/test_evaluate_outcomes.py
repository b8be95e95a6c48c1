"""``evaluate`` takes yearly and growth outcomes, and ``evaluate_many`` is SALib's Y = f(X)."""

import numpy as np
import pytest

from cluster_sim import ClusterModel, ScenarioError, evaluate, evaluate_many
from cluster_sim.experiments.outcomes import Outcome

COLUMN = "farmer_income_per_capita_yuan"


def test_yearly_and_growth_outcomes_are_the_county_table_read_at_that_time(small_scenario):
    got = evaluate(seed=4, years=2, scenario=small_scenario,
                   outcomes=[COLUMN, f"{COLUMN}@growth", f"{COLUMN}@0", Outcome("g", "gini_household", 1)])
    model = ClusterModel(str(small_scenario), seed=4)
    model.run(years=2)
    series = model.tables()["county_year"].set_index("t")
    income = series[COLUMN]
    assert got[COLUMN] == income.loc[2] and got[f"{COLUMN}@0"] == income.loc[0]
    assert got[f"{COLUMN}@growth"] == pytest.approx((income.loc[2] / income.loc[0]) ** 0.5 - 1, rel=1e-12)
    assert got["g"] == series["gini_household"].loc[1]


def test_a_bad_time_is_refused_naming_it():
    with pytest.raises(ScenarioError, match="@later"):
        evaluate(years=1, outcomes=[f"{COLUMN}@later"])


def test_evaluate_many_is_one_evaluate_per_row(small_scenario):
    X = np.array([[0.02], [0.07]])
    Y = evaluate_many(X, ["economy.wage_growth"], f"{COLUMN}@growth", seed=1, years=1, scenario=small_scenario)
    expected = [evaluate({"economy.wage_growth": x}, seed=1, years=1, scenario=small_scenario,
                         outcomes=[f"{COLUMN}@growth"])[f"{COLUMN}@growth"] for x in X[:, 0]]
    assert Y.shape == (2,) and list(Y) == expected and Y[1] > Y[0]  # faster wage growth, faster income growth


def test_evaluate_many_on_worker_processes_equals_in_process_and_checks_rows_first(small_scenario):
    X = np.array([[0.02], [0.07], [0.04]])
    args = (["economy.wage_growth"], f"{COLUMN}@growth")
    here = evaluate_many(X, *args, seed=1, years=1, scenario=small_scenario)
    spread = evaluate_many(X, *args, seed=1, years=1, scenario=small_scenario, workers=2)
    assert list(spread) == list(here)  # bit for bit, in row order
    with pytest.raises(ScenarioError, match="economy.wage_growth"):  # before any run starts
        evaluate_many(np.array([[0.02], [99.0]]), *args, years=1, scenario=small_scenario, workers=2)
