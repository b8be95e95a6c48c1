"""docs/pairing.md (``cluster-sim dev evidence pairing``, issue 20): when pairing narrows the
gap. Its numbers are the paired runs' — checked against runs made here independently — its
channels add up to the gains, and its futures stay inside the stated ranges."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cluster_sim.evidence import pairing_conditions as pc
from cluster_sim.evidence.decomposition import GROUPS
from cluster_sim.runner import simulate_county_year

ROOT = Path(__file__).resolve().parents[2]
SMALL = dict(years=2, futures=4, households=3000, workers=2)


@pytest.fixture(scope="module")
def small():
    return pc.study(**SMALL)


def final(scenario: str, column: str, seed: int, **overrides) -> float:
    table = simulate_county_year(scenario, {"county.households": SMALL["households"], **overrides}, seed=seed,
                                 years=SMALL["years"])
    return float(table[column].iloc[-1])


def test_the_default_rows_effect_is_the_paired_runs_difference(small):
    page = pc.render(small, {"date_utc": "-", "commit": "-", "machine": "-", "command": "-"})
    diff = np.mean([final(pc.PAIRING, pc.RATIO, s) - final(pc.BASELINE, pc.RATIO, s) for s in pc.SEEDS])
    row = next(line for line in page.splitlines() if line.startswith("| 默认设置 default settings |"))
    assert row.split(" | ")[2] == f"{diff:+.2f}"


def test_the_channels_add_up_to_each_groups_gain(small):
    for group, *_ in GROUPS:
        column = {"weak": "weak_operating_mean_yuan", "surrounding": "surrounding_operating_mean_yuan",
                  "strong": "strong_operating_mean_yuan"}[group]
        gain = pc.mean_series(small.switches["default"], column)[-1] - pc.mean_series(small.baseline, column)[-1]
        p, b = (pc.mean_decomposition(rs, group) for rs in (small.switches["default"], small.baseline))
        by_source = (p["level_t1"] - b["level_t1"])[p["operating"].astype(bool)].sum()
        assert by_source == pytest.approx(gain, rel=1e-9, abs=1e-3)


def test_each_future_is_a_paired_difference_with_its_own_settings(small):
    f = small.futures
    k = 1  # check one future end to end: its settings, its baseline without the pairing keys
    settings = {p: float(f.loc[k, p]) for p, *_ in pc.RANGES}
    economy = {p: v for p, v in settings.items() if not p.startswith(pc.P)}
    ratio = (final(pc.PAIRING, pc.RATIO, pc.FUTURE_SEED, **settings)
             - final(pc.BASELINE, pc.RATIO, pc.FUTURE_SEED, **economy))
    assert f.loc[k, "ratio_effect"] == pytest.approx(ratio, rel=1e-12)


def test_futures_cover_the_ranges_and_are_fixed():
    a, b = pc.future_settings(30), pc.future_settings(30)
    assert a.equals(b)
    for path, low, high, _ in pc.RANGES:
        assert a[path].between(low, high).all()
        # a Latin hypercube puts one point in each tenth of the range, at 30 points three
        assert np.histogram(a[path], bins=10, range=(low, high))[0].tolist() == [3] * 10


def test_the_committed_page_shows_every_switch_and_range():
    page = (ROOT / "docs" / "pairing.md").read_text(encoding="utf-8")
    for _, zh, en, _ in pc.SWITCHES:
        assert f"| {zh} {en} |" in page
    for path, *_ in pc.RANGES:
        assert page.count(f"`{path}`") >= 2  # in the ranges and in the tercile table
    assert f"{pc.FUTURES} 个拉丁超立方抽样的未来" in page


def test_too_few_futures_are_refused_before_anything_runs(tmp_path):
    out = tmp_path / "p.md"
    r = subprocess.run([sys.executable, "-m", "cluster_sim", "dev", "evidence", "pairing", "--futures", "1",
                        "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 2 and "--futures" in r.stderr
    assert not out.exists()
