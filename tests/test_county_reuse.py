"""A sweep worker builds a county once and reuses it (``generator.county_layout``): a reused
layout must give the same bytes as a fresh build, and no run may reach the next through it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cluster_sim.experiments.model_runner import run_model
from cluster_sim.model import ClusterModel
from cluster_sim.runner import simulate
from cluster_sim.scenario import load_scenario
from cluster_sim.scenario import generator

FULL = str(Path(__file__).resolve().parents[1] / "scenarios" / "full_cluster.toml")


@pytest.fixture
def no_layouts():
    generator._LAYOUTS.clear()
    yield
    generator._LAYOUTS.clear()


def tables_of(**kw) -> dict[str, pd.DataFrame]:
    return simulate(FULL, seed=4, years=2, **kw).tables


def test_a_reused_county_gives_the_same_tables_as_a_fresh_build(no_layouts):
    fresh = tables_of()
    assert len(generator._LAYOUTS) == 1
    reused = tables_of()  # same county section: the kept layout, copied
    assert len(generator._LAYOUTS) == 1
    assert fresh.keys() == reused.keys()
    for name in fresh:
        pd.testing.assert_frame_equal(fresh[name], reused[name], check_exact=True, obj=name)


def test_a_run_that_changes_its_county_in_place_cannot_reach_the_next(no_layouts):
    spec = load_scenario(FULL)
    first = ClusterModel(spec, seed=1)
    first.layout.households["land_mu"][:] = 0.0  # the arrays the households hold
    first.layout.villages.loc[:, "governance"] = -1.0
    second = ClusterModel(spec, seed=1)
    built = generator.build_county(spec.data["county"])
    for name, column in built.households.items():
        np.testing.assert_array_equal(second.layout.households[name], column, err_msg=name)
    pd.testing.assert_frame_equal(second.layout.villages, built.villages, check_exact=True)
    assert second.households.land_mu is not first.households.land_mu


def test_a_changed_county_section_gets_its_own_layout(no_layouts):
    spec = load_scenario(FULL)
    a = ClusterModel(spec, seed=1)
    b = ClusterModel(load_scenario(spec, {"county.layout_seed": 7}), seed=1)
    assert len(generator._LAYOUTS) == 2
    assert not np.array_equal(a.households.land_mu, b.households.land_mu)


def test_only_a_few_layouts_are_kept(no_layouts):
    spec = load_scenario(None)
    for k in range(generator.LAYOUTS_KEPT + 2):
        generator.county_layout(load_scenario(spec, {"county.layout_seed": 100 + k}).data["county"])
    assert len(generator._LAYOUTS) == generator.LAYOUTS_KEPT


def test_the_sweep_runner_returns_the_county_table_of_a_full_run(no_layouts):
    params = {"economy.wage_growth": 0.06}
    table = run_model(FULL, params, 3, 2)
    full = simulate(FULL, params, seed=3, years=2).county_year
    pd.testing.assert_frame_equal(table, full, check_exact=True)


def test_evaluate_and_a_sweep_run_load_no_plotting_dashboard_report_or_designs():
    """A worker's imports are paid per process: ``evaluate`` and a sweep's run must not pull in
    matplotlib, Solara, the report, the dashboard or the designs' SALib/scipy.stats (~2 s)."""
    import subprocess
    import sys

    code = ("import sys\nfrom cluster_sim import evaluate\nfrom cluster_sim.experiments.runs import run_one\n"
            "evaluate(years=1, outcomes=['farmer_income_per_capita_yuan'])\n"
            "bad = ('matplotlib', 'solara', 'SALib', 'scipy.stats', 'cluster_sim.report', 'cluster_sim.app',"
            " 'cluster_sim.experiments.samplers', 'cluster_sim.experiments.sweep')\n"
            "print(sorted(m for m in sys.modules if m.startswith(bad)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
