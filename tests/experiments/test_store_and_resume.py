"""The Parquet store: atomic parts, crash and resume with every run exactly once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import helper_runners
from cluster_sim.experiments import ResultsExist, load_experiment, run_experiment
from cluster_sim.experiments.store import ResultStore
from cluster_sim.outputs.folders import OutputError

from exp_support import HERE, ROOT


def sweep(path, out, backend="serial", **kwargs) -> pd.DataFrame:
    return run_experiment(path, backend=backend, out=out, progress=False, **kwargs)


def test_a_crashed_sweep_resumes_with_every_run_exactly_once(ishigami_grid, tmp_path):
    path = ishigami_grid("crashes_after")
    expected = sweep(path, tmp_path / "reference")
    out = tmp_path / "crashed"
    script = ("import helper_runners\nfrom cluster_sim.experiments import register_runner, run_experiment\n"
              "register_runner('crashes_after', helper_runners.crashes_after)\n"
              f"run_experiment({str(path)!r}, backend='serial', out={str(out)!r}, progress=False)\n")
    env = {**os.environ, "FAULTY_CRASH_AFTER": "5",
           "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    crashed = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True)
    assert crashed.returncode == 3, crashed.stderr  # the process died mid-sweep (os._exit)
    store = ResultStore.for_experiment(load_experiment(path), out)
    saved = store.run_ids()
    assert 0 < len(saved) < 24
    assert not list((out / "runs").glob(".*"))  # nothing half-written

    with pytest.raises(ResultsExist, match="resume"):
        sweep(path, out)
    before = helper_runners.calls()
    resumed = sweep(path, out, resume=True)
    assert helper_runners.calls() - before == 24 - len(saved)  # only the missing runs ran
    assert resumed["run_id"].is_unique and len(resumed) == 24
    pd.testing.assert_frame_equal(resumed, expected)
    assert len(store.parts()) == 1  # merged at the end


def test_an_interrupted_sweep_keeps_finished_batches(ishigami_grid, tmp_path, monkeypatch):
    path = ishigami_grid("interrupted_after")
    expected = sweep(path, tmp_path / "reference")
    monkeypatch.setenv("FAULTY_INTERRUPT_AFTER", str(helper_runners.calls() + 3))
    with pytest.raises(KeyboardInterrupt):
        sweep(path, tmp_path / "out")
    monkeypatch.delenv("FAULTY_INTERRUPT_AFTER")
    saved = ResultStore.for_experiment(load_experiment(path), tmp_path / "out").run_ids()
    assert 0 < len(saved) <= 3
    pd.testing.assert_frame_equal(sweep(path, tmp_path / "out", resume=True), expected)


def test_resume_after_adding_replications_runs_only_the_new_ones(ishigami_grid, tmp_path):
    out = tmp_path / "out"
    two = sweep(ishigami_grid("crashes_after", replications=2, name="two.toml"), out)
    before = helper_runners.calls()
    three = sweep(ishigami_grid("crashes_after", replications=3, name="three.toml"), out, resume=True)
    assert helper_runners.calls() - before == 12
    assert len(three) == 36 and three["run_id"].is_unique
    kept = three[three["replication"] < 2].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, two)


def test_load_ignores_temporary_files_and_duplicate_rows(ishigami_grid, tmp_path):
    path = ishigami_grid()
    out = tmp_path / "out"
    expected = sweep(path, out)
    store = ResultStore.for_experiment(load_experiment(path), out)
    (part,) = store.parts()
    (out / "runs" / ".part-half-written.parquet.tmp").write_bytes(b"PAR1 garbage")
    shutil.copy(part, out / "runs" / f"part-{'0' * 32}.parquet")  # as if a merge was cut short
    pd.testing.assert_frame_equal(store.load(), expected)
    pd.testing.assert_frame_equal(sweep(path, out, resume=True), expected)


def test_resume_with_an_edited_experiment_is_refused_and_changes_nothing(ishigami_grid, write_experiment, tmp_path):
    out = tmp_path / "out"
    sweep(ishigami_grid(name="a.toml"), out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    changed = (tmp_path / "a.toml").read_text().replace("root_seed = 11", "root_seed = 12")
    with pytest.raises(OutputError, match="another version of this experiment"):
        sweep(write_experiment(changed, "b.toml"), out, resume=True)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert len(sweep(ishigami_grid(name="a.toml"), out, resume=True)) == 24  # the file as it was resumes


def test_a_users_file_in_runs_is_neither_read_nor_deleted(ishigami_grid, tmp_path):
    path, out = ishigami_grid(), tmp_path / "out"
    expected = sweep(path, out)
    mine = out / "runs" / "my_analysis.parquet"
    expected.head(3).to_parquet(mine)
    foreign_part = out / "runs" / f"part-{'f' * 32}.parquet"
    expected.head(2).to_parquet(foreign_part)  # a part-like name, but no sweep's design inside
    for retry in (False, True):
        with pytest.raises(OutputError, match="my_analysis.parquet"):
            sweep(path, out, resume=True, retry_failed=retry)
    assert mine.is_file() and foreign_part.is_file()
    mine.unlink()
    with pytest.raises(OutputError, match="no sweep of this experiment wrote"):
        sweep(path, out, resume=True)
    foreign_part.unlink()
    pd.testing.assert_frame_equal(sweep(path, out, resume=True), expected)


def test_store_writes_parts_atomically(ishigami_grid, tmp_path):
    store = ResultStore.for_experiment(load_experiment(ishigami_grid()), tmp_path)
    assert store.run_ids() == set() and store.load().empty
    row = {"run_id": "r", "design_point": 0, "replication": 0, "seed": 1, "x1": 0.0, "x2": 0.0, "x3": 0.0,
           "status": "ok", "error": None, "y": 1.5}
    part = store.write([row])
    assert part.parent == tmp_path / "runs" and not part.name.startswith(".")
    assert list((tmp_path / "runs").iterdir()) == [part]
    (loaded,) = store.load().to_dict("records")
    assert pd.isna(loaded.pop("error")) and loaded == {k: v for k, v in row.items() if k != "error"}


def test_experiment_json_records_versions_and_is_kept_on_resume(ishigami_grid, tmp_path):
    import json

    from cluster_sim.experiments import run_experiment

    path, out = ishigami_grid(), tmp_path / "out"
    run_experiment(path, backend="serial", out=out, progress=False)
    record = out / "experiment.json"
    written = json.loads(record.read_text(encoding="utf-8"))
    assert {"python", "cluster-sim", "numpy", "mesa"} <= set(written["versions"]) and "git_commit" in written
    before = record.stat().st_mtime_ns
    run_experiment(path, backend="serial", out=out, resume=True, progress=False)
    assert record.stat().st_mtime_ns == before  # the first sweep's record stands
    path.write_text(path.read_text().replace("replications = 2", "replications = 3"))
    run_experiment(path, backend="serial", out=out, resume=True, progress=False)
    assert json.loads(record.read_text(encoding="utf-8"))["replications"] == 3  # a changed file is recorded anew
