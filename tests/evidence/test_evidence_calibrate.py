"""The SMM calibration recovers a known parameter value from targets the model itself produced."""

import json

import pytest

from cluster_sim.evidence.calibrate import Moment, Problem, calibrate, objective, synthetic_moments
from cluster_sim.experiments.seeds import replication_seeds


def test_objective_is_weighted_squared_relative_error():
    moments = (Moment("a", "a", 100.0, "s"), Moment("b", "b", 0.5, "s", weight=0.5))
    assert objective({"a": 110.0, "b": 0.5}, moments) == pytest.approx(0.01)
    assert objective({"a": 100.0, "b": 0.25}, moments) == pytest.approx(0.5 * 0.25)


@pytest.mark.slow
def test_recovers_known_values_on_synthetic_targets(tmp_path):
    truth = {"economy.wage_commute_yuan_month": 7000.0, "collective.subsidy_base_yuan_year": 1_600_000.0}
    seeds = tuple(replication_seeds(2024, 2))
    targets = synthetic_moments(truth, seeds, households=800)
    result = calibrate(tuple(truth), seeds=2, root_seed=2024, households=800, max_evaluations=45, workers=2,
                       refit_evaluations=0, moments=targets, data=tmp_path / "c.json", doc=tmp_path / "c.md")
    for path, value in truth.items():
        fitted = result["parameters"][path]["fitted"]
        assert fitted == pytest.approx(value, rel=0.03), (path, fitted, value)
        assert result["parameters"][path]["default"] != pytest.approx(value, rel=0.03)  # it had to move
    assert result["objective"] < 1e-3 < result["objective_at_defaults"]
    saved = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert saved["provenance"]["commit"] is not None and saved["applied_to_defaults"] is False
    page = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert "economy.wage_commute_yuan_month" in page and "Objective J" in page


def test_problem_scales_parameters_to_the_unit_cube():
    p = Problem(("x",), ((10.0, 30.0),), (1,))
    assert p.theta([0.25]) == {"x": 15.0}
    assert p.unit({"x": 25.0}).tolist() == [0.75]


def test_the_embedded_default_uses_the_applied_fit_and_scenarios_that_extend_it_too():
    from importlib import resources

    from cluster_sim.scenario import load_scenario
    from cluster_sim.scenario.registry import BY_PATH

    fit = json.loads(resources.files("cluster_sim.scenario").joinpath("data", "calibration.json").read_text("utf-8"))
    assert fit["applied_to_defaults"] is True  # the shipped default is the calibrated one
    for spec in (load_scenario(None), load_scenario("scenarios/pairing.toml")):
        for path, p in fit["parameters"].items():
            assert spec.get(path) == pytest.approx(p["fitted"], rel=1e-3)  # four significant figures
            assert p["fitted"] != BY_PATH[path].default  # a fit that moved nothing would prove nothing here


def test_an_explicit_value_still_beats_the_calibrated_default():
    from cluster_sim.scenario import load_scenario

    spec = load_scenario(None, overrides={"economy.wage_commute_yuan_month": 7000.0})
    assert spec.get("economy.wage_commute_yuan_month") == 7000.0
