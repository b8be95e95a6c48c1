"""The default Pinghu baseline lands near the public statistics of DOMAIN.md (base year 2024)."""

import pytest


@pytest.fixture(scope="module")
def base(pinghu_run):
    tables = pinghu_run.tables()
    county = tables["county_year"]
    village = tables["village_year"]
    return county.iloc[0], village[(village.t == 0) & ~village.is_partner], village[(village.t == 0) & village.is_partner]


def test_farmer_income_near_jiaxing(base):
    county, _, _ = base
    assert county["farmer_income_per_capita_yuan"] == pytest.approx(52249, rel=0.06)


def test_income_structure_near_zhejiang(base):
    county, _, _ = base
    total = county["farmer_income_per_capita_yuan"]
    shares = {s: county[f"{s}_per_capita_yuan"] / total for s in ("wages", "business", "property", "transfers")}
    assert shares["wages"] == pytest.approx(0.60, abs=0.06)
    assert shares["business"] == pytest.approx(0.25, abs=0.06)
    assert shares["property"] == pytest.approx(0.03, abs=0.02)
    assert shares["transfers"] == pytest.approx(0.11, abs=0.03)


def test_collective_income_heavy_tailed_around_jiaxing_mean(base):
    _, home, _ = base
    assert home["total_income_yuan"].mean() == pytest.approx(6.0e6, rel=0.15)
    assert home["operating_income_yuan"].mean() == pytest.approx(3.0e6, rel=0.2)
    assert home["operating_income_yuan"].max() > 11e6  # Pinghu's top village above 11 m
    assert home["operating_income_yuan"].mean() > home["operating_income_yuan"].median() * 1.2


def test_qingtian_villages_start_near_300k(base):
    _, _, partner = base
    assert len(partner) == 265
    assert partner["total_income_yuan"].mean() == pytest.approx(3.0e5, rel=0.1)


def test_population_matches_pinghu(pinghu_run):
    assert pinghu_run.households.members.sum() == pytest.approx(214222, rel=0.02)
