"""``cluster-sim optimize``: the search recovers a known front, never leaves a lever's bounds,
resumes after kill -9 without running a finished run again, reports public cost as the ledger
books it, is a pure function of its file, and refuses bad input before writing anything."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_sim.cli import main
from cluster_sim.optimize import load_spec, optimize
from cluster_sim.optimize.evaluands import present_value
from cluster_sim.optimize.evaluation import baseline_params, decode
from cluster_sim.optimize.spec import with_sizes

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "data" / "small.toml"

ZDT = """
name = "zdt"
runner = "zdt1"
years = 1
root_seed = {seed}
population = {population}
generations = {generations}

[levers]
x1 = {{ low = 0.0, high = 1.0 }}
x2 = {{ low = 0.0, high = 1.0 }}
x3 = {{ low = 0.0, high = 1.0 }}

[[objectives]]
measure = "f1"
direction = "min"

[[objectives]]
measure = "f2"
direction = "{f2_direction}"
"""

MODEL = f"""
name = "model_search"
scenario = "{SMALL}"
years = 5
replications = 2
root_seed = 11
population = 4
generations = 2

[levers."policies.flying_land.enabled"]
values = [false, true]

[levers."policies.flying_land.investment_per_village_yuan"]
low = 200000.0
high = 1200000.0

[levers."policies.credit.enabled"]
values = [false, true]

[levers."policies.credit.subsidy_yuan_year"]
low = 0
high = 4000000

[[objectives]]
measure = "public_cost_pv_yuan"
direction = "min"

[[objectives]]
measure = "weak_growth"
direction = "max"

[[constraints]]
measure = "over_indebted_share_max"
op = "<="
value = 0.0
"""


def write(tmp_path: Path, text: str, name: str = "search.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def zdt(tmp_path, seed=5, population=40, generations=30, f2_direction="min", name="zdt.toml") -> Path:
    return write(tmp_path, ZDT.format(seed=seed, population=population, generations=generations,
                                      f2_direction=f2_direction), name)


def test_the_search_recovers_the_known_zdt1_front(tmp_path):
    result = optimize(zdt(tmp_path), out=tmp_path / "out", backend="serial", progress=False)
    front = result.front
    distance = np.abs(front["f2"] - (1 - np.sqrt(front["f1"])))  # the true front: f2 = 1 - sqrt(f1)
    assert distance.mean() < 0.05, distance.describe()
    assert front["f1"].min() < 0.05 and front["f1"].max() > 0.9  # it spans the front, not one end
    hv = result.convergence["hypervolume"]
    assert hv.is_monotonic_increasing and hv.iloc[-1] > hv.iloc[0]  # the front's hypervolume only grows
    assert result.convergence["epsilon_progress"].iloc[-1] > result.convergence["epsilon_progress"].iloc[0]


def test_maximising_the_second_objective_finds_the_other_front(tmp_path):
    """A sign error in the directions would still give a front, the wrong one: min f1 / max f2
    is reached at x2 = x3 = 1 (g = 10), far above the min/min front."""
    result = optimize(zdt(tmp_path, f2_direction="max", generations=15), out=tmp_path / "out",
                      backend="serial", progress=False)
    assert result.front["f2"].max() > 9.0
    assert (result.front["f2"] > 1 - np.sqrt(result.front["f1"]) + 1).mean() > 0.9


@pytest.fixture(scope="module")
def spec_file(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("spec"), MODEL)


@settings(max_examples=200, deadline=None)
@given(unit=st.lists(st.floats(-5, 5, allow_nan=False), min_size=4, max_size=4))
def test_decoding_any_point_keeps_every_lever_inside_its_declared_bounds(spec_file, unit):
    spec = load_spec(spec_file)
    levers = decode(spec, unit).levers
    assert levers["policies.flying_land.enabled"] in (False, True)
    assert 200000.0 <= levers["policies.flying_land.investment_per_village_yuan"] <= 1200000.0
    subsidy = levers["policies.credit.subsidy_yuan_year"]
    assert isinstance(subsidy, int) and 0 <= subsidy <= 4000000


def test_every_evaluated_lever_lies_inside_its_bounds(tmp_path):
    result = optimize(zdt(tmp_path, population=20, generations=10), out=tmp_path / "out", backend="serial",
                      progress=False)
    runs = pd.read_parquet(tmp_path / "out" / "runs")
    assert len(result.candidates) == len(runs)  # one run per candidate: no candidate ran twice
    for column in ("x1", "x2", "x3"):
        assert result.candidates[column].between(0.0, 1.0).all()


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["local", "dask"])
def test_the_same_file_gives_the_same_search_on_any_backend(tmp_path, backend):
    """A backend drawing from ``random`` in the driver (Dask does) must not steer the search."""
    path = zdt(tmp_path, population=12, generations=6)
    serial = optimize(path, out=tmp_path / "a", backend="serial", progress=False)
    other = optimize(path, out=tmp_path / "b", backend=backend, workers=2, progress=False)
    pd.testing.assert_frame_equal(serial.candidates, other.candidates)


def test_another_root_seed_gives_another_search(tmp_path):
    first = optimize(zdt(tmp_path, population=12, generations=2), out=tmp_path / "a", backend="serial", progress=False)
    other = optimize(zdt(tmp_path, seed=6, population=12, generations=2, name="other.toml"), out=tmp_path / "c",
                     backend="serial", progress=False)
    assert not other.candidates["x1"].equals(first.candidates["x1"])


@pytest.mark.slow
def test_public_cost_on_the_front_is_what_the_ledger_books_for_that_mix_run_alone(tmp_path, spec_file):
    from cluster_sim.model import ClusterModel

    result = optimize(spec_file, out=tmp_path / "out", backend="serial", progress=False)
    spec = result.spec
    row = result.front.sort_values("public_cost_pv_yuan").iloc[-1]  # the dearest mix on the front
    assert row["public_cost_pv_yuan"] > 0
    levers = {f.key: row[f.key] for f in spec.levers}
    levers = {k: (bool(v) if isinstance(v, (bool, np.bool_)) else v) for k, v in levers.items()}
    from cluster_sim.experiments.seeds import replication_seeds

    costs = []
    for seed in replication_seeds(spec.root_seed, spec.replications):
        paid = []
        for params in (levers, baseline_params()):
            model = ClusterModel(str(SMALL), seed=seed, **params)
            model.years = spec.years
            flows = model.run().tables()["flows_year"]
            government = flows[(flows["side"] == "paid") & (flows["kind"] == "government")]
            paid.append(government.groupby("t")["amount_yuan"].sum().reindex(range(spec.years + 1), fill_value=0.0))
        costs.append(present_value((paid[0] - paid[1]).to_numpy(), spec.discount_rate))
    assert row["public_cost_pv_yuan"] == pytest.approx(np.mean(costs), rel=1e-9)


@pytest.mark.slow
def test_kill_9_then_resume_continues_and_never_runs_a_finished_run_again(tmp_path):
    path = write(tmp_path, MODEL.replace("generations = 2", "generations = 3"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cluster_sim.cli", "optimize", str(path), "--workers", "2", "--out", str(out),
               "--quiet"]
    search = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while len(list(out.glob("runs/part-*.parquet"))) < 6 and time.monotonic() < deadline:
            assert search.poll() is None, "the search ended before it could be killed"
            time.sleep(0.05)
    finally:
        os.kill(search.pid, signal.SIGKILL)
        search.wait()
    before = set(pd.read_parquet(out / "runs")["run_id"])
    resumed = optimize(path, out=out, resume=True, backend="serial", progress=False)
    rows = pd.read_parquet(out / "runs")  # every part on disk
    assert rows["run_id"].is_unique  # no run was run twice
    assert resumed.runs_done == len(rows) - len(before) > 0  # only the missing runs ran
    again = optimize(path, out=tmp_path / "fresh", backend="serial", progress=False)
    pd.testing.assert_frame_equal(resumed.candidates, again.candidates)  # as if never killed


def test_a_second_search_into_the_same_folder_needs_resume(tmp_path, capsys):
    path = zdt(tmp_path, population=8, generations=2)
    assert main(["optimize", str(path), "--out", str(tmp_path / "out"), "--backend", "serial", "--quiet"]) == 0
    assert main(["optimize", str(path), "--out", str(tmp_path / "out"), "--backend", "serial", "--quiet"]) == 2
    assert "--resume" in capsys.readouterr().err
    assert main(["optimize", str(path), "--out", str(tmp_path / "out"), "--backend", "serial", "--quiet",
                 "--resume"]) == 0


@pytest.mark.parametrize("edit, message", [
    (('"policies.credit.subsidy_yuan_year"', '"policies.credit.no_such_key"'), "no_such_key"),
    (("low = 200000.0", "low = -5.0"), "out of range"),
    (('measure = "weak_growth"', 'measure = "happiness"'), "not a measure"),
    (('[levers."policies.flying_land.enabled"]\nvalues = [false, true]\n\n'
      '[levers."policies.flying_land.investment_per_village_yuan"]\nlow = 200000.0\nhigh = 1200000.0\n\n'
      '[levers."policies.credit.enabled"]\nvalues = [false, true]\n\n'
      '[levers."policies.credit.subsidy_yuan_year"]\nlow = 0\nhigh = 4000000\n',
      '[levers."economy.wage_growth"]\nlow = 0.03\nhigh = 0.06\n\n'
      '[[constraints]]\nmeasure = "target_margin"\nop = ">="\nvalue = 0.0\n'), "no lever can move"),
    (('direction = "max"', 'direction = "up"'), "direction"),
])
def test_bad_input_exits_2_naming_the_key_and_writes_nothing(tmp_path, capsys, edit, message):
    old, new = edit
    assert old in MODEL
    path = write(tmp_path, MODEL.replace(old, new))
    out = tmp_path / "out"
    assert main(["optimize", str(path), "--out", str(out), "--backend", "serial", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err
    assert not out.exists()


def test_small_sizes_come_from_the_files_small_table(tmp_path):
    spec = load_spec(ROOT / "experiments" / "optimize_pinghu.toml", small=True)
    full = load_spec(ROOT / "experiments" / "optimize_pinghu.toml")
    assert (spec.population, spec.generations, spec.futures) < (full.population, full.generations, full.futures)
    assert with_sizes(full, population=4).population == 4
    with pytest.raises(Exception, match="small"):
        load_spec(zdt(tmp_path), small=True)


@pytest.mark.slow
def test_robustness_is_the_share_of_futures_meeting_the_target(tmp_path):
    text = (MODEL.replace("root_seed = 11", 'root_seed = 11\nmode = "robust"\nfutures = 3')
            .replace("replications = 2", "replications = 1").replace("generations = 2", "generations = 1")
            + '\n[uncertainties."economy.wage_growth"]\nlow = 0.03\nhigh = 0.07\n'
            + '\n[[objectives]]\nmeasure = "robustness"\ndirection = "max"\n')
    result = optimize(write(tmp_path, text), out=tmp_path / "out", backend="serial", progress=False)
    by_future = result.futures
    assert sorted(by_future["future"].unique()) == [0, 1, 2]
    assert by_future["economy.wage_growth"].between(0.03, 0.07).all()
    assert by_future.groupby("candidate")["economy.wage_growth"].nunique().eq(3).all()  # common futures
    met = (by_future["target_margin"] >= 0).groupby(by_future["candidate"]).mean()
    robustness = result.candidates.set_index("candidate")["robustness"]
    pd.testing.assert_series_equal(robustness.loc[met.index], met, check_names=False)
    growth = by_future.pivot(index="candidate", columns="future", values="weak_growth")
    regret = (growth.max() - growth).max(axis=1)  # weak_growth is maximised
    assert np.allclose(result.candidates.set_index("candidate")["max_regret_weak_growth"].loc[regret.index], regret)
    assert (result.candidates["max_regret_public_cost_pv_yuan"] >= 0).all()
    mean_margin = by_future.groupby("candidate")["target_margin"].mean()
    assert np.allclose(result.candidates.set_index("candidate")["target_margin"].loc[mean_margin.index], mean_margin)
    assert not math.isnan(result.candidates["target_margin"].iloc[0])


def test_text_and_whole_number_levers_decode_to_their_values_and_pass_the_models_checks(tmp_path):
    from cluster_sim.optimize.evaluation import validate_levers

    text = MODEL.replace('[levers."policies.credit.enabled"]\nvalues = [false, true]',
                         '[levers."policies.credit.target"]\nvalues = ["weak", "surrounding", "all"]\n\n'
                         '[levers."policies.credit.start_year"]\nlow = 1\nhigh = 3')
    spec = load_spec(write(tmp_path, text))
    validate_levers(spec)
    keys = [f.key for f in spec.levers]
    corner = decode(spec, [1.0] * len(keys)).levers
    assert corner["policies.credit.target"] == "all" and corner["policies.credit.start_year"] == 3
    assert decode(spec, [0.0] * len(keys)).levers["policies.credit.target"] == "weak"



def test_prim_finds_the_range_where_a_mix_fails():
    """Failures placed where wage growth is low and the return high: PRIM's box says so."""
    pytest.importorskip("ema_workbench")
    from cluster_sim.optimize.discovery import _prim

    rng = np.random.default_rng(3)
    x = pd.DataFrame({"wage": rng.uniform(0.03, 0.07, 200), "ret": rng.uniform(0.06, 0.10, 200),
                      "noise": rng.uniform(0, 1, 200)})
    failed = pd.Series((x["wage"] < 0.04) & (x["ret"] > 0.08))
    box, coverage, density, note = _prim(x, failed)
    assert note == "" and coverage >= 0.5 and density > 0.8
    limits = box.set_index("parameter")
    assert limits.loc["wage", "high"] < 0.045 and limits.loc["ret", "low"] > 0.075
    assert "noise" not in limits.index or limits.loc["noise", "high"] - limits.loc["noise", "low"] > 0.5


def test_a_sweep_file_given_to_optimize_is_named_as_a_sweep_file(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["optimize", str(ROOT / "experiments" / "smoke.toml"), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "sweep file" in err and "cluster-sim sweep" in err and "smoke.toml" in err
    assert not out.exists()


def _table(robustness, margin, cost, failed=None):
    n = len(cost)
    return pd.DataFrame({"candidate": [f"c{i}" for i in range(n)], "robustness": robustness,
                         "target_margin": margin, "public_cost_pv_yuan": cost,
                         "runs_failed": failed if failed is not None else [False] * n})


def test_the_chosen_mix_is_the_cheapest_meeting_the_target_else_the_most_robust():
    from cluster_sim.optimize.discovery import chosen_mix, meeting

    table = _table([0.9, 0.8, 1.0, 0.5], [0.01, 0.0, 0.02, -0.01], [5e6, 7e6, 9e6, 1e6])
    assert list(meeting(table, "robust")["candidate"]) == ["c0", "c1", "c2"]  # ≥ 80 %, cheapest first
    assert chosen_mix(table, "robust")["candidate"] == "c0"
    assert list(meeting(table, "deterministic")["candidate"]) == ["c0", "c1", "c2"]  # margin ≥ 0
    failed = _table([0.9, 0.8, 1.0, 0.5], [0.01, 0.0, 0.02, -0.01], [5e6, 7e6, 9e6, 1e6],
                    [True, False, False, False])
    assert chosen_mix(failed, "robust")["candidate"] == "c1"  # a mix whose runs failed is never chosen
    none_meet = _table([0.5, 0.75, 0.75], [-0.02, -0.01, -0.005], [1e6, 2e6, 3e6])
    assert meeting(none_meet, "robust").empty
    assert chosen_mix(none_meet, "robust")["candidate"] == "c2"  # most robust, then closest to the target
