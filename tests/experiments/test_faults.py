"""Faults of a sweep: kill -9 leaves no process behind and resumes every run exactly once;
failed runs are retried on request; a wrong outcome column stops the sweep before the first
run; a folder is written by one sweep at a time and never one holding someone else's files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from cluster_sim.experiments import load_experiment, run_experiment
from cluster_sim.experiments.cli import main
from cluster_sim.experiments.store import ResultStore, check_sweep_folder
from cluster_sim.outputs.folders import OutputError, writer_lock

from exp_support import ROOT, SMALL_SCENARIO

MODEL_SWEEP = f"""
name = "kill_test"
scenario = "{SMALL_SCENARIO}"
years = 2
replications = 4
root_seed = 3
design = "factorial"

[uncertainties."economy.wage_growth"]
values = [0.03, 0.05, 0.07, 0.09]

[[outcomes]]
name = "farmer_income_final"
column = "{{column}}"
"""


def group_alive(pgid: int) -> list[int]:
    """Processes of process group ``pgid`` that still run (zombies are dead)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state ppid pgrp ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_kill_9_of_a_sweep_leaves_no_process_and_resumes_every_run_once(write_experiment, tmp_path):
    path = write_experiment(MODEL_SWEEP.format(column="farmer_income_per_capita_yuan"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cluster_sim.cli", "sweep", str(path), "--workers", "2", "--out", str(out)]
    sweep = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while not list(out.glob("runs/part-*.parquet")) and time.monotonic() < deadline:
            assert sweep.poll() is None, "the sweep ended before it could be killed"
            time.sleep(0.05)
        members = group_alive(sweep.pid)
        assert len(members) >= 3, members  # the sweep and its two workers (and the resource tracker)
    finally:
        os.kill(sweep.pid, signal.SIGKILL)
        sweep.wait()
    deadline = time.monotonic() + 10
    while group_alive(sweep.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert group_alive(sweep.pid) == [], "worker processes outlived the killed sweep"

    experiment = load_experiment(path)
    expected = {spec.run_id for spec in experiment.run_specs()}
    saved = ResultStore.for_experiment(experiment, out).run_ids()
    assert 0 < len(saved) < len(expected)
    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    rows = pd.read_parquet(out / "runs")  # every part on disk, duplicates included
    assert sorted(rows["run_id"]) == sorted(expected)  # each run exactly once
    assert (rows["status"] == "ok").all()


def test_retry_failed_runs_the_failed_runs_again(ishigami_grid, tmp_path, monkeypatch, capsys):
    path, out = ishigami_grid("fails_at_x1_half_while_flagged"), tmp_path / "out"
    reference = run_experiment(ishigami_grid("noisy_ishigami", name="ref.toml"), backend="serial",
                               out=tmp_path / "ref", progress=False)
    monkeypatch.setenv("FAULTY_FAIL", "1")
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out)]) == 1
    monkeypatch.delenv("FAULTY_FAIL")
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out), "--resume"]) == 1  # kept as failed
    assert "24 runs: 16 ok, 8 failed" in capsys.readouterr().out
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out), "--resume", "--retry-failed"]) == 0
    assert "24 runs: 24 ok, 0 failed" in capsys.readouterr().out
    rows = pd.read_parquet(out / "runs")
    assert rows["run_id"].is_unique and len(rows) == 24 and (rows["status"] == "ok").all()
    pd.testing.assert_series_equal(rows.sort_values(["design_point", "replication"])["y"].reset_index(drop=True),
                                   reference["y"])


def test_an_unknown_outcome_column_stops_the_sweep_before_any_run(write_experiment, tmp_path, capsys):
    path = write_experiment(MODEL_SWEEP.format(column="farmer_incme"))
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "outcomes[0].column" in err and "'farmer_incme'" in err
    assert "farmer_income_per_capita_yuan" in err  # the allowed columns are listed
    assert not (tmp_path / "out").exists()  # nothing ran, nothing was written


def test_a_second_sweep_into_the_same_folder_is_refused(ishigami_grid, tmp_path):
    path, out = ishigami_grid(), tmp_path / "out"
    with writer_lock(out, check_sweep_folder):
        with pytest.raises(OutputError, match="another cluster-sim process"):
            run_experiment(path, backend="serial", out=out, progress=False)
    assert len(run_experiment(path, backend="serial", out=out, progress=False)) == 24
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exp.toml", "out"]  # the lock file went with the lock


def test_a_sweep_never_writes_over_someone_elses_files(ishigami_grid, tmp_path, capsys):
    path, out = ishigami_grid(), tmp_path / "out"
    out.mkdir()
    (out / "experiment.json").write_text('{"mine": true}')
    (tmp_path / "file").write_text("notes")
    for target in (out, tmp_path / "file"):
        assert main(["sweep", str(path), "--backend", "serial", "--out", str(target)]) == 2
    assert (out / "experiment.json").read_text() == '{"mine": true}' and not (out / "runs").exists()
    assert (tmp_path / "file").read_text() == "notes"


def test_a_sweep_refuses_a_folder_of_user_files_and_a_link(ishigami_grid, tmp_path, capsys):
    path = ishigami_grid()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "link").symlink_to(empty)
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(mine)]) == 2
    assert "notes.txt" in capsys.readouterr().err
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(tmp_path / "link")]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"] and not list(empty.iterdir())
    # the sweep's own folder may hold the user's files beside the results, and they stay
    out = tmp_path / "out"
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out)]) == 0
    (out / "notes.txt").write_text("mine")
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out), "--resume"]) == 0
    assert (out / "notes.txt").read_text() == "mine"
