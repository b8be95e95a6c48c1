"""Refactoring must not move the model: the county record of the default and the full-package
scenario, seed 1, hashed. The values are rounded to 8 significant digits first, so the test
holds across CPUs whose sums differ in the last bit, and fails on any real change. A change
to the model made on purpose updates the hashes here, in the same commit, and says why."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cluster_sim.runner import simulate

ROOT = Path(__file__).resolve().parents[1]
HASHES = {
    "default": "716776b6f89db3323c95c2ace1903676a86dc715d0a387593582ce45fffe1ecf",
    "full_cluster": "128fa5b9f19d6ed0b4bd834f9ff6cc42806b2656b59802e7fa04a76a6d3085b1",
}


def county_digest(scenario: str | None) -> str:
    county = simulate(scenario, seed=1).county_year
    text = county.to_csv(index=False, float_format=lambda x: f"{x + 0.0:.8g}")
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("name", list(HASHES))
def test_county_record_is_unchanged(name):
    scenario = None if name == "default" else str(ROOT / "scenarios" / f"{name}.toml")
    assert county_digest(scenario) == HASHES[name], f"{name}: the model's outputs changed"
