"""Sobol on Ishigami recovers the known indices; Morris on a linear function is exact."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_sim.experiments import load_experiment, load_results, run_experiment, sensitivity

from exp_support import ROOT

ISHIGAMI_ST = {"x1": 0.558, "x2": 0.442, "x3": 0.244}
ISHIGAMI_S1 = {"x1": 0.314, "x2": 0.442, "x3": 0.0}


def test_sobol_on_ishigami_recovers_known_indices(tmp_path):
    exp = load_experiment(ROOT / "experiments" / "ishigami_sobol.toml")
    results = run_experiment(exp, backend="serial", out=tmp_path / "out", progress=False)
    table = sensitivity(exp, results, out=tmp_path / "out").set_index("factor")
    st, s1 = table["ST"], table["S1"]
    assert st["x1"] > st["x2"] > st["x3"] > 0.15  # x3 matters, but only through x1
    assert abs(s1["x3"]) < 0.05
    for factor in ISHIGAMI_ST:
        assert st[factor] == pytest.approx(ISHIGAMI_ST[factor], abs=0.05)
        assert s1[factor] == pytest.approx(ISHIGAMI_S1[factor], abs=0.06)
    assert (table["ST_conf"] > 0).all()
    written = pd.read_csv(tmp_path / "out" / "sensitivity.csv", encoding="utf-8-sig")
    assert list(written.columns) == ["outcome", "outcome_zh", "factor", "factor_zh", "factor_en",
                                     "S1", "S1_conf", "ST", "ST_conf"]
    assert (tmp_path / "out" / "sensitivity.png").stat().st_size > 10_000


def test_sensitivity_reads_the_store_and_is_reproducible(tmp_path):
    exp = load_experiment(ROOT / "experiments" / "ishigami_sobol.toml")
    results = run_experiment(exp, backend="serial", out=tmp_path / "out", progress=False)
    pd.testing.assert_frame_equal(load_results(exp, tmp_path / "out"), results)
    a = sensitivity(exp, out=tmp_path / "out", plot=False)
    b = sensitivity(exp, out=tmp_path / "out", plot=False)
    pd.testing.assert_frame_equal(a, b)


LINEAR_MORRIS = """
name = "linear_morris"
runner = "linear"
scenario = "default"
years = 1
replications = 2
root_seed = 9
design = "morris"
samples = 10

[levers]
policy = {{ values = ["a", "b"] }}

[uncertainties]
a = {{ low = 0.0, high = 1.0, label_zh = "甲" }}
b = {{ low = 5.0, high = 6.0 }}
c = {{ low = 0.0, high = 1.0 }}

[[outcomes]]
name = "y"
column = "y"
label_zh = "产出"
"""


def test_morris_per_policy_on_a_linear_function(write_experiment, tmp_path):
    exp = load_experiment(write_experiment(LINEAR_MORRIS.format()))
    results = run_experiment(exp, backend="serial", out=tmp_path / "out", progress=False)
    table = sensitivity(exp, results, out=tmp_path / "out")
    assert len(table) == 2 * 3 and set(table["policy"]) == {"a", "b"}  # one analysis per lever value
    for _, rows in table.groupby("policy"):
        mu_star = rows.set_index("factor")["mu_star"]
        assert mu_star.to_dict() == pytest.approx({"a": 3.0, "b": 1.0, "c": 0.0})
        assert rows["sigma"].abs().max() < 1e-9
    assert table.set_index("factor").loc["a", "factor_zh"].tolist() == ["甲", "甲"]
    assert (tmp_path / "out" / "sensitivity.png").exists()


def test_sensitivity_needs_a_sobol_or_morris_design(ishigami_grid, tmp_path):
    with pytest.raises(ValueError, match="sobol' or 'morris"):
        sensitivity(ishigami_grid(), out=tmp_path / "out")


def test_sensitivity_needs_every_design_point(write_experiment, tmp_path):
    exp = load_experiment(write_experiment(LINEAR_MORRIS.format()))
    results = run_experiment(exp, backend="serial", out=tmp_path / "out", progress=False)
    with pytest.raises(ValueError, match="no successful run"):
        sensitivity(exp, results[results["design_point"] != 3])
