"""The sweep and sensitivity commands: exit codes and messages."""

from __future__ import annotations

import argparse
import json

import pandas as pd
import pytest

from cluster_sim.experiments.cli import add_sensitivity_parser, add_sweep_parser, main

from exp_support import ROOT


def test_parsers_register_on_a_subparsers_object():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    add_sweep_parser(sub)
    add_sensitivity_parser(sub)
    args = parser.parse_args(["sweep", "x.toml", "--backend", "dask", "--scheduler", "tcp://h:8786",
                              "--workers", "4", "--resume", "--out", "d"])
    assert (args.backend, args.scheduler, args.workers, args.resume, args.out) == ("dask", "tcp://h:8786", 4, True, "d")
    assert callable(args.func)
    assert parser.parse_args(["sensitivity", "x.toml"]).out is None
    with pytest.raises(SystemExit):
        parser.parse_args(["sweep", "x.toml", "--workers", "0"])


def test_sweep_then_resume(ishigami_grid, tmp_path, capsys):
    path, out = ishigami_grid(), tmp_path / "out"
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out)]) == 0
    assert "24 runs: 24 ok, 0 failed" in capsys.readouterr().out
    assert len(pd.read_parquet(out / "runs")) == 24
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out)]) == 2
    assert "--resume" in capsys.readouterr().err
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out), "--resume"]) == 0


def test_failed_runs_are_listed_and_exit_1(ishigami_grid, tmp_path, capsys):
    path = ishigami_grid("fails_at_x1_half")
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out  # the result, on stdout as run's and compare's
    assert "24 runs: 16 ok, 8 failed" in out
    assert "ValueError: model blew up at x1 = 0.5" in out and "'x1': 0.5" in out


def test_bad_experiment_file_is_a_clear_error(write_experiment, tmp_path, capsys):
    path = write_experiment('name = "x"\ndesign = "factorial"\nyears = "ten"\n')
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "'years'" in err and "whole number" in err
    assert main(["sensitivity", str(path), "--out", str(tmp_path / "out")]) == 2


def test_sensitivity_command(tmp_path, capsys):
    path = ROOT / "experiments" / "ishigami_sobol.toml"
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(tmp_path / "out")]) == 0
    assert main(["sensitivity", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "ST_conf" in capsys.readouterr().out
    assert (tmp_path / "out" / "sensitivity.csv").exists() and (tmp_path / "out" / "sensitivity.png").exists()


@pytest.mark.slow
def test_smoke_experiment_on_the_real_model(tmp_path, capsys):
    """The README's first example: 8 runs of the Pinghu model, 2 years, on local processes."""
    assert main(["sweep", str(ROOT / "experiments" / "smoke.toml"), "--workers", "2", "--out", str(tmp_path / "out")]) == 0
    results = pd.read_parquet(tmp_path / "out" / "runs")
    assert len(results) == 8 and (results["status"] == "ok").all()
    assert results["farmer_income_final"].gt(10_000).all()


def test_sweep_json_lists_the_failed_runs(ishigami_grid, tmp_path, capsys):
    path = ishigami_grid("fails_at_x1_half")
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(tmp_path / "out"), "--json", "-q"]) == 1
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert (result["runs"], result["ok"], result["failed"]) == (24, 16, 8) and captured.err == ""
    assert {row["x1"] for row in result["failures"]} == {0.5} and all(r["status"] == "failed" for r in result["failures"])
