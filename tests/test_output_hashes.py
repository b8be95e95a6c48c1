"""Refactoring must not move the model: the county record of the default and the full-package
scenario, and of a synthetic county of 100,000 households with every package (seed 1), hashed.
The values are rounded to 8 significant digits first, so the test holds across CPUs whose sums
differ in the last bit, and fails on any real change. A change to the model made on purpose
updates the hashes here, in the same commit, and says why."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from cluster_sim.runner import simulate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import make_county  # noqa: E402
HASHES = {
    "default": "ecbbd7394a0e6f1092bd7069358c8c2eb47a1669a2502e8278bc1100301b9788",
    "full_cluster": "6d323343f9fa19d0aad321434bb60cf6cb7ebb71c20d4990f1507451a694c80a",
}
HASH_1E5 = "25246c392805c1322b3d311b4458ab4916b2d04339df98c8e39a390b4ef73c69"


def county_digest(scenario: str | dict | None) -> str:
    county = simulate(scenario, seed=1).county_year
    text = county.to_csv(index=False, float_format=lambda x: f"{x + 0.0:.8g}")
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("name", list(HASHES))
def test_county_record_is_unchanged(name):
    scenario = None if name == "default" else str(ROOT / "scenarios" / f"{name}.toml")
    assert county_digest(scenario) == HASHES[name], f"{name}: the model's outputs changed"


@pytest.mark.slow
def test_county_record_of_a_1e5_county_is_unchanged():
    """The benchmarks' 1e5 county (350 villages, 50 clusters, every package, 10 years): the
    size where per-village and per-project Python work shows, which Pinghu's 77 villages hide."""
    digest = county_digest(make_county(100_000))
    assert digest == HASH_1E5, "synthetic 1e5 county: the model's outputs changed"
