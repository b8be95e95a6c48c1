import json

import pandas as pd
import pytest

from cluster_sim.cli import main

EXPECTED = {
    "manifest.json", "county_year.csv", "county_year.parquet", "village_year.csv", "village_year.parquet",
    "household_group_year.csv", "household_group_year.parquet", "cluster_year.csv", "cluster_year.parquet",
    "collective_income.png", "farmer_income.png", "farmer_income_sources.png", "collective_income_sources.png",
    "flows_year.csv", "enterprise_failures.csv", "summary.csv",
}


def test_run_writes_every_file(tmp_path, small_scenario, capsys):
    out = tmp_path / "run"
    assert main(["run", str(small_scenario), "--years", "2", "--seed", "5", "--out", str(out),
                 "--set", "economy.wage_growth=0.06"]) == 0
    printed = capsys.readouterr().out
    assert "农民人均可支配收入" in printed and "farmer income per capita" in printed
    assert EXPECTED <= {p.name for p in out.iterdir()}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 5
    assert manifest["scenario"]["economy"]["wage_growth"] == 0.06
    assert manifest["overrides"] == {"economy.wage_growth": 0.06, "simulation.years": 2}
    assert manifest["versions"]["mesa"].startswith("3.5")
    county = pd.read_parquet(out / "county_year.parquet")
    assert list(county["t"]) == [0, 1, 2]
    pd.testing.assert_frame_equal(county, pd.read_csv(out / "county_year.csv", encoding="utf-8-sig"), check_dtype=False)


def test_run_replaces_its_own_old_folder_whole_only_with_force(tmp_path, small_scenario, capsys):
    out = tmp_path / "run"
    assert main(["run", str(small_scenario), "--years", "1", "--out", str(out)]) == 0
    first = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert main(["run", str(small_scenario), "--years", "1", "--out", str(out)]) == 2  # no --force: kept
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == first
    assert main(["run", str(small_scenario), "--years", "2", "--out", str(out), "--force"]) == 0
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["overrides"] != first["overrides"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_force_keeps_a_results_file_the_user_edited(tmp_path, small_scenario, capsys):
    """The manifest's hashes tell a folder as cluster-sim left it from one a user worked in."""
    out = tmp_path / "run"
    assert main(["run", str(small_scenario), "--years", "1", "--out", str(out)]) == 0
    (out / "county_year.csv").write_text("edited by hand")
    capsys.readouterr()
    assert main(["run", str(small_scenario), "--years", "2", "--out", str(out), "--force"]) == 2
    assert "county_year.csv was changed after cluster-sim wrote it" in capsys.readouterr().err
    assert (out / "county_year.csv").read_text() == "edited by hand"


def test_run_json_is_the_result_alone_on_stdout(tmp_path, small_scenario, capsys):
    assert main(["run", str(small_scenario), "--years", "1", "--out", str(tmp_path / "j"), "--json", "--quiet"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)  # nothing else on stdout
    assert result["out"] == str(tmp_path / "j") and result["seed"] == 2024 and result["years"] == 1
    farmer = next(r for r in result["summary"] if r["indicator"].startswith("farmer income per capita"))
    county = pd.read_parquet(tmp_path / "j" / "county_year.parquet")
    assert farmer["2025"] == pytest.approx(county["farmer_income_per_capita_yuan"].iloc[-1], rel=1e-12)
    assert captured.err == ""  # --quiet: no progress, no messages
