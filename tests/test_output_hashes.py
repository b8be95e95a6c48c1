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
    "default": "716776b6f89db3323c95c2ace1903676a86dc715d0a387593582ce45fffe1ecf",
    "full_cluster": "8a9a510e65d2f3c6437a936c059ff9500eee166e1da82b40f9f1ae2f127cbccc",
}
HASH_1E5 = "31f2616e9b26477338652a6802b60467e0de4d31148ccef6728144956600d76b"


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
