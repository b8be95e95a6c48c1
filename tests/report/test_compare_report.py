"""The comparison report: files, numbers recomputed from its own CSVs, common random numbers,
determinism across worker counts, findings, and failing cleanly on a bad scenario."""

from __future__ import annotations

import json
import numpy as np
import pandas as pd
import pytest

from cluster_sim.cli import main
from cluster_sim.report.runs import plan, run_all
from cluster_sim.scenario import load_scenario

REPS, YEARS, SEED = 3, 2, 11  # as the ``comparison`` fixture runs it (checked against its manifest)


def test_report_folder_has_every_file(comparison):
    names = {p.name for p in comparison.out.iterdir()}
    expected = {"report.html", "report_en.html", "manifest.json", "comparison.xlsx", "tidy.csv", "headline.csv",
                "scenarios.csv", "village_groups.csv", "inequality.csv", "household_sources.csv",
                "collective_sources.csv", "over_indebtedness.csv", "partner.csv", "target_check.csv",
                "trajectories.csv", "public_cost.csv", "public_cost_by_category.csv", "settings.csv",
                "trend_farmer_income_per_capita.png", "diff_farmer_income_per_capita.png",
                "household_sources.png", "collective_sources.png", "village_groups.png"}
    assert expected <= names
    assert not [p for p in comparison.out.parent.iterdir() if p.name.startswith(".")]  # no temp folder left
    manifest = json.loads((comparison.out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == names
    assert manifest["baseline"] == "base" and manifest["reps"] == REPS and manifest["years"] == YEARS
    assert manifest["seed"]["root"] == SEED
    assert set(manifest["scenario"]) == {"base", "wages", "subsidy"}
    assert manifest["scenario"]["wages"]["economy"]["wage_growth"] == 0.10


def test_common_random_numbers(comparison):
    tidy = pd.read_csv(comparison.out / "tidy.csv", encoding="utf-8-sig")
    children = np.random.SeedSequence(SEED).spawn(REPS)
    expected = [int(c.generate_state(1, dtype=np.uint32)[0]) for c in children]
    seeds = tidy.groupby(["scenario", "replication"])["seed"].unique()
    for (scenario, k), s in seeds.items():
        assert list(s) == [expected[k]], (scenario, k)
    assert json.loads((comparison.out / "manifest.json").read_text("utf-8"))["seed"]["replications"] == expected
    # the same seed and county: base years agree exactly between scenarios in every replication
    t0 = tidy[(tidy["t"] == 0) & (tidy["metric"] == "farmer_income_per_capita_yuan")]
    wide = t0.pivot(index="replication", columns="scenario", values="value")
    np.testing.assert_array_equal(wide["base"], wide["wages"])


def test_headline_numbers_recomputed_from_the_csvs(comparison, check_headline):
    check_headline(comparison.out, baseline="base")


def test_faster_wages_show_up_where_expected(comparison):
    head = comparison.tables["headline"].set_index(["scenario", "metric"])
    farmer = head.loc[("wages", "farmer_income_per_capita_yuan")]
    assert farmer["diff_low"] > 0  # doubling wage growth raises farmer income, beyond doubt
    sources = comparison.tables["household_sources"].set_index(["scenario", "metric"])
    assert sources.loc[("wages", "wages_per_capita_yuan"), "diff"] == pytest.approx(farmer["diff"], rel=0.2)
    zh = (comparison.out / "report.html").read_text(encoding="utf-8")
    en = (comparison.out / "report_en.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in zh and '<html lang="en">' in en
    assert "<b>工资较快增长</b>" in zh and "<b>Faster wage growth</b>" in en
    assert (f"2026年农民人均可支配收入提高{farmer['diff']:,.0f}元（{farmer['diff_pct']:.1%}，"
            f"95%区间 [{farmer['diff_low']:+,.0f}, {farmer['diff_high']:+,.0f}]）") in zh  # the table's numbers
    assert "farmer income per capita in 2026: raised by" in en
    assert "percentage-point reading" in en and "相对口径" in zh  # the target's two readings are named


def test_no_missing_glyph_warnings_while_drawing(comparison):
    assert not [w for w in comparison.warnings if "missing" in w.lower() and "glyph" in w.lower()]


def test_results_do_not_depend_on_worker_count(report_data):
    specs = {"base": load_scenario(report_data / "base.toml", {"simulation.years": 1}),
             "wages": load_scenario(report_data / "wages.toml", {"simulation.years": 1})}
    runs = plan(specs, 2, 5)
    serial = run_all(runs, workers=1)
    parallel = run_all(list(reversed(runs)), workers=2)  # another submission order, too
    parallel_sorted = parallel.sort_values(["scenario", "replication", "t", "metric"]).reset_index(drop=True)
    serial_sorted = serial.sort_values(["scenario", "replication", "t", "metric"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(serial_sorted, parallel_sorted)


@pytest.mark.slow
def test_compare_on_a_real_dask_cluster_equals_local(report_data):
    """``compare --backend dask`` goes through the sweep's Dask backend: same tidy table, bit for bit."""
    specs = {"base": load_scenario(report_data / "base.toml", {"simulation.years": 1}),
             "wages": load_scenario(report_data / "wages.toml", {"simulation.years": 1})}
    runs = plan(specs, 2, 5)
    pd.testing.assert_frame_equal(run_all(runs, workers=2, backend="dask"), run_all(runs, workers=1))


def test_a_failing_run_stops_the_comparison_and_names_the_run():
    from cluster_sim.experiments.ordered import RunFailed, run_ordered

    for backend in ("serial", "local"):
        with pytest.raises(RunFailed, match=r"(?s)run 'x' failed:.*ValueError: invalid literal"):
            run_ordered(int, ["1", "x", "3"], backend=backend, workers=2)
    assert run_ordered(int, ["3", "1", "2"], backend="local", workers=2) == [3, 1, 2]  # input order


def test_one_replication_gives_no_interval(tmp_path, report_data, capsys):
    out = tmp_path / "r1"
    assert main(["compare", str(report_data / "base.toml"), str(report_data / "wages.toml"), "--reps", "1",
                 "--years", "1", "--workers", "1", "--out", str(out), "--lang", "en"]) == 0
    head = pd.read_csv(out / "headline.csv", encoding="utf-8-sig")
    assert head["diff"].notna().sum() == 4 and head["diff_low"].isna().all()
    report = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in report and "no interval" in report
    assert (out / "report_zh.html").exists()
    captured = capsys.readouterr()
    assert "progress" in captured.err and "2/2" in captured.err  # tqdm draws the last state on close
    assert "report.html" in captured.err and "final_value" in captured.out


def test_bad_scenario_stops_before_anything_runs(tmp_path, report_data, capsys):
    out = tmp_path / "bad"
    code = main(["compare", str(report_data / "base.toml"), str(report_data / "bad.toml"), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "economy.wage_growth" in err and "progress" not in err
    assert not out.exists() and not list(tmp_path.iterdir())


def test_unknown_baseline_is_an_input_error(tmp_path, report_data, capsys):
    code = main(["compare", str(report_data / "base.toml"), "--baseline", "nope", "--out", str(tmp_path / "x")])
    assert code == 2 and "nope" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_baseline_by_name_and_failing_run_leaves_nothing(tmp_path, report_data, monkeypatch):
    from cluster_sim.report import compare as compare_mod

    def boom(*args, **kwargs):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(compare_mod, "run_all", boom)
    with pytest.raises(RuntimeError):
        compare_mod.compare([report_data / "base.toml", report_data / "wages.toml"], baseline="wages",
                            out=tmp_path / "y")
    assert not list(tmp_path.iterdir())
