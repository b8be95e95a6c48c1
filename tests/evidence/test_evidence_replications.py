"""Replications needed for a chosen interval half-width, and compare's default read from the measurement."""

import json
import math

import pytest

from cluster_sim.evidence import replications as reps
from cluster_sim.report.stats import t_quantile_975


def test_needed_is_the_smallest_count_meeting_the_half_width():
    for sd, half in ((1.0, 0.5), (300.0, 200.0), (0.01, 0.005), (5.0, 0.1)):
        r = reps.needed(sd, half)
        assert t_quantile_975(r - 1) * sd / math.sqrt(r) <= half
        assert r == 2 or t_quantile_975(r - 2) * sd / math.sqrt(r - 1) > half


def test_default_comes_from_the_measurement_file(tmp_path):
    path = tmp_path / "replications.json"
    assert reps.recommended_replications(path) == reps.FALLBACK_REPS
    path.write_text(json.dumps({"recommended_replications": 17}), encoding="utf-8")
    assert reps.recommended_replications(path) == 17
    from cluster_sim.report import compare
    assert compare.DEFAULT_REPS == reps.recommended_replications()


@pytest.mark.slow
def test_small_measurement_writes_page_and_recommendation(tmp_path):
    table = reps.measure(reps.SMALL, experiments=tmp_path / "exp", results=tmp_path / "results",
                         doc=tmp_path / "replications.md", data=tmp_path / "replications.json", workers=2)
    assert set(table["scenario"]) == set(reps.LIBRARY)
    assert len(table) == len(reps.LIBRARY) * len(reps.HEADLINE)
    # common random numbers: for most rows the paired SD is far below the SD of the level
    ratio = (table["sd_difference"] / table["sd_level"]).dropna()
    assert (ratio < 0.5).mean() > 0.5
    saved = json.loads((tmp_path / "replications.json").read_text(encoding="utf-8"))
    assert reps.MIN_REPS <= saved["recommended_replications"] <= reps.MAX_REPS
    assert saved["recommended_replications"] == reps.recommend(table)
    page = (tmp_path / "replications.md").read_text(encoding="utf-8")
    for heading in reps.SECTIONS:
        assert heading in page
    assert f"**{saved['recommended_replications']} replications**" in page
