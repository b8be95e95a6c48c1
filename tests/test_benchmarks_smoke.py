"""The benchmark harness works at a tiny size, and its versions of the household rules agree
with the model and with each other — what makes the speed comparison between them fair. Speed
itself is never tested."""

import json
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from household_rules import (  # noqa: E402
    CATEGORIES, NaiveHouseholdModel, NumpyHouseholds, NumpyMonthlyHouseholds, base_year_from_model,
)
from synthetic import make_county  # noqa: E402

from cluster_sim.model import ClusterModel  # noqa: E402
from cluster_sim.policies import registry  # noqa: E402
from cluster_sim.scenario import load_scenario  # noqa: E402


@pytest.fixture(scope="module")
def base_year():
    model = ClusterModel(make_county(3000, policies=None), seed=11)
    return base_year_from_model(model)  # steps the model through its base year


@pytest.mark.parametrize("floor", [NumpyHouseholds, NumpyMonthlyHouseholds])
def test_numpy_floors_reproduce_the_models_base_year(base_year, floor):
    """A whole year of the model's household receipts, category by category, as its ledger
    booked them at the year's close — the floors decide (illness, status, lease, job choice,
    business demand, allowances) and compute every one of them, and nothing else."""
    inputs, received = base_year
    year = floor(inputs).year(0)
    # farm-stays are the visitor market's (economy/visitors.py), not a household rule of the floors
    assert set(received) - {"business_stay"} == set(CATEGORIES)
    for cat in CATEGORIES:
        np.testing.assert_allclose(year[cat], received[cat], rtol=1e-6, atol=1e-6, err_msg=cat)
        assert received[cat].sum() > 0, cat


def test_the_floors_decisions_vary_across_households(base_year):
    """The base year the floors reproduce exercises every rule: every option is chosen, some
    households lease and some farm, some are low-income and some ill."""
    inputs, _ = base_year
    floor = NumpyHouseholds(inputs)
    h = floor.county.households
    for name in h.JOBS:
        assert getattr(h, name).sum() > 0, name
    assert 0 < floor.land_leased.mean() < 1
    assert 0 < h.low_income.mean() < 0.5 and h.ill.any()
    assert (h.n_local > 0).any() and (h.n_local < h.workers).any()


def test_the_floor_posts_per_village_what_it_books_per_household(base_year):
    inputs, _ = base_year
    floor = NumpyHouseholds(inputs)
    year = floor.year(0)
    for cat in CATEGORIES:
        assert floor.flow_totals[cat] == pytest.approx(year[cat].sum(), rel=1e-12), cat


def test_naive_mesa_and_numpy_compute_the_same_incomes(base_year):
    """Two years: the second's decisions read the first year's incomes (status, demand) and
    wages (leasing), so the naive agents' rules must agree with the floor's, not only the inputs."""
    inputs, _ = base_year
    years = 2
    floor = NumpyHouseholds(inputs).run(years)
    monthly = NumpyMonthlyHouseholds(inputs).run(years)
    for source, expected in floor.income.items():
        np.testing.assert_allclose(monthly.income[source], expected, rtol=1e-12, atol=1e-6, err_msg=source)
    naive = NaiveHouseholdModel(inputs, seed=3)
    assert len(naive.agents) == inputs.n
    naive.run(years)
    got = naive.income_by_source()
    for source, expected in floor.income.items():
        np.testing.assert_allclose(got[source], expected, rtol=1e-6, atol=1e-6, err_msg=source)
    h = floor.county.households
    agents = naive.households
    np.testing.assert_array_equal([a.low_income for a in agents], h.low_income)
    np.testing.assert_array_equal([a.land_leased for a in agents], floor.land_leased)
    np.testing.assert_allclose([a.jobs for a in agents], np.stack([getattr(h, n) for n in h.JOBS], axis=1),
                               rtol=1e-6, atol=1e-9)
    assert floor.income["property"].sum() > 0 and floor.income["transfers"].sum() > 0


def test_harness_runs_all_three_at_a_tiny_size(tmp_path):
    import run
    out = tmp_path / "results.json"
    assert run.main(["--quick", "--sizes", "1000", "--years", "1", "--naive-years", "1",
                     "--no-pinghu", "--out", str(out)]) == 0
    results = json.loads(out.read_text("utf-8"))
    (row,) = results["rows"]
    assert row["model"]["households"] == 1000 and row["model"]["years_simulated"] == 2
    for kind in ("model", "numpy", "naive"):
        assert row[kind]["per_year_s"] > 0 and row[kind]["peak_rss_mb"] > 0
    assert row["numpy"]["monthly_per_year_s"] > 0 and row["model"]["household_per_year_s"] > 0
    # every act of the schedule is timed under its phase, and the phases do not overlap
    parts = row["model"]["parts_per_year_s"]
    assert set(parts) == {"labour market", "land market", "business demand", "low-income", "enterprises",
                          "collectives", "household payments", "visitor market", "policies", "records"}
    assert sum(parts.values()) <= row["model"]["per_year_s"]
    assert 0 < row["model"]["wage_clearing_per_year_s"] < parts["labour market"]
    assert row["model"]["policies"] == sorted(registry()) or set(row["model"]["policies"]) == set(registry())
    assert (tmp_path / "scaling.png").stat().st_size > 10_000
    assert "| 1,000 |" in run.record_markdown(results)


@pytest.mark.parametrize("households", [1000, 50_000, 1_000_000])
def test_synthetic_counties_scale_villages_and_clusters_with_households(households):
    county = load_scenario(make_county(households)).data["county"]
    assert county["villages"] == max(1, round(households / (1_000_000 / 3500)))
    if households >= 50_000:
        assert county["auto_clusters"] == round(county["villages"] / 7)


def test_province_scenario_is_make_county_with_every_policy_on():
    raw = tomllib.loads((ROOT / "scenarios" / "synthetic_province.toml").read_text("utf-8"))
    expected = make_county(1_000_000)["county"]
    assert {k: raw["county"][k] for k in expected if k != "name"} == {k: v for k, v in expected.items() if k != "name"}
    spec = load_scenario(ROOT / "scenarios" / "synthetic_province.toml")
    assert spec.active_policies() and set(spec.active_policies()) == set(registry()), \
        "switch every policy on in scenarios/synthetic_province.toml"
