"""``cluster-sim compare`` on the shipped policy scenario library (scenarios/*.toml)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from cluster_sim.cli import main

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"
NAMES = ("baseline", "full_cluster", "flying_land", "tourism", "pairing", "common_prosperity", "land_consolidation",
         "credit", "qingtian_flying_land")


@pytest.mark.slow
def test_compare_the_whole_library(tmp_path, check_headline, capsys):
    files = [LIBRARY / f"{n}.toml" for n in NAMES]
    missing = [f.name for f in files if not f.exists()]
    if missing:
        pytest.skip(f"scenario library incomplete: {missing}")
    out = tmp_path / "library"
    args = ["compare", *map(str, files), "--reps", "2", "--years", "3", "--seed", "3", "--workers", "2", "--out", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    assert check_headline(out, baseline="baseline") == 4 * len(NAMES)
    scenarios = pd.read_csv(out / "scenarios.csv", encoding="utf-8-sig")
    assert list(scenarios["scenario"]) == list(NAMES)
    full = scenarios.set_index("scenario").loc["full_cluster"]
    assert "飞地抱团" in full["policies_zh"] and "Flying-land pooled investment" in full["policies_en"]
    cost = pd.read_csv(out / "public_cost.csv", encoding="utf-8-sig").set_index("scenario")
    assert list(cost.index) == list(NAMES[1:])  # every package has its public cost
    assert cost.loc["full_cluster", "extra"] > cost.loc["tourism", "extra"] > 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["active_policies"]["baseline"] == []
    html = (out / "report.html").read_text("utf-8")
    assert "片区组团全面推进" in html or scenarios.set_index("scenario").loc["full_cluster", "情景"] in html
