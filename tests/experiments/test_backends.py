"""Serial, local and Dask backends give identical tables; failures and dying workers are survived."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_sim.experiments import run_experiment

from exp_support import SMALL_SCENARIO


def sweep(path, out, backend="serial", **kwargs) -> pd.DataFrame:
    return run_experiment(path, backend=backend, out=out, progress=False, **kwargs)


@pytest.fixture
def reference(ishigami_grid, tmp_path):
    path = ishigami_grid()
    return path, sweep(path, tmp_path / "serial")


def test_results_table_shape(reference):
    _, results = reference
    assert list(results.columns) == ["run_id", "design_point", "replication", "seed", "x1", "x2", "x3",
                                     "status", "error", "y"]
    assert len(results) == 24 and (results["status"] == "ok").all() and results["error"].isna().all()
    assert results[["design_point", "replication"]].apply(tuple, axis=1).is_monotonic_increasing
    # seeded noise: replications differ, so the seed reached the runner
    assert results.groupby("design_point")["y"].nunique().eq(2).all()


@pytest.mark.parametrize("workers", [1, 2])
def test_local_matches_serial_exactly(reference, tmp_path, workers):
    path, expected = reference
    pd.testing.assert_frame_equal(sweep(path, tmp_path / f"local{workers}", "local", workers=workers), expected)


@pytest.mark.slow
def test_dask_local_cluster_matches_serial_exactly(reference, tmp_path):
    path, expected = reference
    pd.testing.assert_frame_equal(sweep(path, tmp_path / "dask", "dask", workers=2), expected)


@pytest.mark.slow
def test_real_model_is_identical_on_serial_and_local(write_experiment, tmp_path):
    path = write_experiment(f"""
        name = "model_determinism"
        scenario = "{SMALL_SCENARIO}"
        years = 2
        replications = 2
        root_seed = 3
        design = "factorial"
        [uncertainties."economy.wage_growth"]
        values = [0.02, 0.07]
        [[outcomes]]
        name = "income"
        column = "farmer_income_per_capita_yuan"
        [[outcomes]]
        name = "operating_growth"
        column = "collective_income_operating_yuan"
        at = "growth"
        """)
    serial = sweep(path, tmp_path / "serial")
    assert (serial["status"] == "ok").all(), serial["error"].dropna().tolist()
    pd.testing.assert_frame_equal(sweep(path, tmp_path / "local", "local", workers=2), serial)


@pytest.mark.parametrize("backend", ["serial", "local"])
def test_a_failing_run_is_recorded_and_the_rest_complete(ishigami_grid, tmp_path, backend, reference):
    results = sweep(ishigami_grid("fails_at_x1_half", name="f.toml"), tmp_path / "f", backend, workers=2)
    failed = results[results["status"] == "failed"]
    assert len(results) == 24 and len(failed) == 8 and (failed["x1"] == 0.5).all()
    assert failed["error"].str.contains("model blew up at x1 = 0.5").all()
    assert failed["error"].str.contains("Traceback").all() and failed["y"].isna().all()
    assert failed["seed"].notna().all()
    ok = results[results["status"] == "ok"].reset_index(drop=True)
    expected = reference[1]
    expected = expected[expected["x1"] != 0.5].reset_index(drop=True)
    pd.testing.assert_frame_equal(ok.drop(columns="run_id"), expected.drop(columns="run_id"))


def test_local_survives_a_worker_that_dies(ishigami_grid, tmp_path, monkeypatch, reference):
    marker = tmp_path / "died"
    monkeypatch.setenv("FAULTY_MARKER", str(marker))
    results = sweep(ishigami_grid("dies_once", name="d.toml"), tmp_path / "d", "local", workers=2)
    assert marker.exists()  # a worker really died
    assert (results["status"] == "ok").all() and len(results) == 24
    pd.testing.assert_frame_equal(results.drop(columns="run_id"), reference[1].drop(columns="run_id"))


@pytest.mark.slow
def test_local_gives_up_on_a_run_that_always_kills_its_worker(ishigami_grid, tmp_path):
    """Only the guilty run is recorded as failed, not the runs that shared its batch or pool."""
    results = sweep(ishigami_grid("always_dies", replications=1, name="a.toml"),
                    tmp_path / "a", "local", workers=2)
    failed = results[results["status"] == "failed"]
    assert len(results) == 12 and len(failed) == 1
    assert failed[["x1", "x2", "x3"]].values.tolist() == [[2.0, 1.0, 3.0]]
    assert failed["error"].str.contains("worker process died").all()


@pytest.mark.slow
def test_dask_survives_a_worker_that_dies(ishigami_grid, tmp_path, monkeypatch, reference):
    marker = tmp_path / "died"
    monkeypatch.setenv("FAULTY_MARKER", str(marker))
    results = sweep(ishigami_grid("dies_once", name="d.toml"), tmp_path / "d", "dask", workers=2)
    assert marker.exists()
    assert (results["status"] == "ok").all() and len(results) == 24
    pd.testing.assert_frame_equal(results.drop(columns="run_id"), reference[1].drop(columns="run_id"))


def test_scheduler_needs_the_dask_backend(reference, tmp_path):
    with pytest.raises(ValueError, match="dask"):
        sweep(reference[0], tmp_path / "x", "local", scheduler="tcp://127.0.0.1:1")


@pytest.mark.slow
def test_dask_with_an_existing_scheduler(reference, tmp_path):
    """As with a dask-jobqueue cluster: the sweep only gets the scheduler's address."""
    from distributed import LocalCluster

    path, expected = reference
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        results = sweep(path, tmp_path / "existing", "dask", scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(results, expected)


def test_progress_bar_shows_counts_and_failures(ishigami_grid, tmp_path, capsys):
    run_experiment(ishigami_grid("fails_at_x1_half"), backend="serial", out=tmp_path / "out", progress=True)
    err = capsys.readouterr().err
    assert "24/24" in err and "failed=8" in err
