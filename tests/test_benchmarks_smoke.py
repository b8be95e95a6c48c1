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
    booked them at the year's close — the floors compute every one of them, and nothing else."""
    inputs, received = base_year
    year = floor(inputs).year(0)
    assert set(received) == set(CATEGORIES)
    for cat in CATEGORIES:
        np.testing.assert_allclose(year[cat], received[cat], rtol=1e-12, atol=1e-9, err_msg=cat)
        assert received[cat].sum() > 0, cat


def test_the_floor_posts_per_village_what_it_books_per_household(base_year):
    inputs, _ = base_year
    floor = NumpyHouseholds(inputs)
    year = floor.year(0)
    for cat in CATEGORIES:
        assert floor.flow_totals[cat] == pytest.approx(year[cat].sum(), rel=1e-12), cat


def test_naive_mesa_and_numpy_compute_the_same_incomes(base_year):
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
        # the model keeps some columns in float32; the naive agents compute in float64
        np.testing.assert_allclose(got[source], expected, rtol=1e-6, atol=1e-6, err_msg=source)
    total_naive = sum(a.sum() for a in got.values())
    total_floor = sum(a.sum() for a in floor.income.values())
    assert total_naive == pytest.approx(total_floor, rel=1e-6)  # float32 rounding, not a rule
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
