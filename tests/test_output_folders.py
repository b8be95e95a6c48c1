"""Results folders never cost the user a file: what may be replaced, what is refused (exit 2,
before simulating, nothing changed), default names per scenario, the writers' lock, temporary
folders of killed writers, permissions, and tables that read back even when empty."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from cluster_sim.cli import main
from cluster_sim.economy.enterprises import FAILURE_COLUMNS
from cluster_sim.outputs.folders import OutputClaim, OutputError, clean_stale
from cluster_sim.outputs.run_output import POLICY_FLOW_COLUMNS

CLI = [sys.executable, "-m", "cluster_sim.cli"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def user_files(folder: Path) -> dict[str, str]:
    (folder / "sub").mkdir(parents=True)
    (folder / "thesis.docx").write_bytes(os.urandom(2048))
    (folder / "sub" / "survey.xlsx").write_bytes(os.urandom(1024))
    return snapshot(folder)


def run(small_scenario: Path, out: Path | str, *extra: str) -> int:
    return main(["run", str(small_scenario), "--years", "1", "--out", str(out), *extra])


@pytest.mark.parametrize("force", [False, True])
def test_user_files_at_out_survive_byte_identical(tmp_path, small_scenario, capsys, force):
    out = tmp_path / "my documents"
    before = user_files(out)
    assert run(small_scenario, out, *(["--force"] if force else [])) == 2
    err = capsys.readouterr().err
    assert "thesis.docx" in err and "did not write" in err
    assert "progress" not in err  # refused before simulating
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my documents"]  # no temp or lock left


def test_compare_refuses_a_folder_of_user_files_before_running(tmp_path, small_scenario, capsys):
    out = tmp_path / "report"
    before = user_files(out)
    assert main(["compare", str(small_scenario), "--reps", "1", "--years", "1", "--out", str(out), "--force"]) == 2
    assert "did not write" in capsys.readouterr().err
    assert snapshot(out) == before


def test_out_results_holding_earlier_runs_is_refused(tmp_path, small_scenario, capsys):
    results = tmp_path / "results"
    assert run(small_scenario, results / "first") == 0
    before = snapshot(results)
    assert run(small_scenario, results, "--force") == 2
    assert "first/" in capsys.readouterr().err
    assert snapshot(results) == before


def test_an_existing_file_is_never_replaced(tmp_path, small_scenario, capsys):
    target = tmp_path / "file.txt"
    target.write_text("my notes")
    assert run(small_scenario, target, "--force") == 2
    assert "existing file" in capsys.readouterr().err
    assert target.read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_own_folder_with_a_users_file_added_is_kept_even_with_force(tmp_path, small_scenario, capsys):
    out = tmp_path / "run"
    assert run(small_scenario, out) == 0
    (out / "notes.md").write_text("what I saw")
    before = snapshot(out)
    assert run(small_scenario, out, "--force") == 2
    assert "notes.md" in capsys.readouterr().err
    assert snapshot(out) == before


@pytest.mark.parametrize("where", [".", "..", "cwd"])
def test_out_the_working_folder_or_a_parent_is_refused_before_simulating(tmp_path, small_scenario, monkeypatch,
                                                                        capsys, where):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = snapshot(tmp_path)
    assert run(small_scenario, str(work) if where == "cwd" else where) == 2
    err = capsys.readouterr().err
    assert "current folder or one of its parents" in err and "progress" not in err
    assert snapshot(tmp_path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["work"]


def test_a_folder_that_cannot_be_written_is_refused_before_simulating(tmp_path, small_scenario, capsys):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    # root may write anywhere but in /proc
    target = locked / "run" if os.geteuid() != 0 else Path("/proc/cluster-sim-test/run")
    assert run(small_scenario, target) == 2
    err = capsys.readouterr().err
    assert ("no write permission" in err or "cannot be" in err) and "progress" not in err
    assert not target.exists()


def test_an_empty_folder_is_filled(tmp_path, small_scenario):
    out = tmp_path / "empty"
    out.mkdir()
    assert run(small_scenario, out) == 0
    assert (out / "manifest.json").is_file()


def test_default_folder_names_differ_per_resolved_scenario(tmp_path, small_scenario, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(small_scenario), "--years", "1"]) == 0
    assert main(["run", str(small_scenario), "--years", "1", "--set", "economy.wage_growth=0.06"]) == 0
    folders = sorted((tmp_path / "results").iterdir())
    assert len(folders) == 2 and all(f.name.endswith("_seed2024") for f in folders)
    metas = {f.name: json.loads((f / "manifest.json").read_text(encoding="utf-8"))["scenario"] for f in folders}
    plain = next(m for m in metas.values() if m["economy"]["wage_growth"] != 0.06)
    changed = next(m for m in metas.values() if m["economy"]["wage_growth"] == 0.06)
    assert plain["meta"]["name"] == "small"
    assert changed["meta"]["name"].startswith("small-set") and changed["meta"]["name"] != "small"
    assert "economy.wage_growth=0.06" in changed["meta"]["title_zh"]
    # the same command again finds its folder and asks before replacing it
    assert main(["run", str(small_scenario), "--years", "1"]) == 2
    assert len(list((tmp_path / "results").iterdir())) == 2


@pytest.mark.slow
def test_a_second_writer_is_refused_while_the_first_holds_the_folder(tmp_path, small_scenario):
    out = tmp_path / "run"
    with OutputClaim(out):
        with pytest.raises(OutputError, match="another cluster-sim process"):
            OutputClaim(out)
        res = subprocess.run([*CLI, "run", str(small_scenario), "--years", "1", "--out", str(out)],
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == 2
        assert f"pid {os.getpid()}" in res.stderr and "progress" not in res.stderr
    assert not out.exists() and not list(tmp_path.iterdir())  # the lock file goes with the claim
    with OutputClaim(out):  # free again
        pass


@pytest.mark.slow
def test_two_runs_started_together_one_refuses(tmp_path, small_scenario):
    out = tmp_path / "run"
    procs = [subprocess.Popen([*CLI, "run", str(small_scenario), "--years", "2", "--out", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=180), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results) == [0, 2], results
    refused = next(err for code, err in results if code == 2)
    assert "another cluster-sim process" in refused or "already holds results" in refused
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["scenario"]["meta"]["name"] == "small"


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_stale_temp_folders_of_dead_writers_are_cleaned(tmp_path, small_scenario):
    out = tmp_path / "run"
    stale = tmp_path / f".run.tmp-{dead_pid()}-0badc0de"
    aside = tmp_path / f".run.old-{dead_pid()}-0badc0de"
    live = tmp_path / f".run.tmp-{os.getpid()}-12345678"
    users = [tmp_path / ".run.tmp-notes", tmp_path / f".other.tmp-{dead_pid()}-0badc0de"]
    for folder in [stale, aside, live, *users]:
        folder.mkdir()
        (folder / "county_year.csv").write_text("x")
    assert run(small_scenario, out) == 0
    assert not stale.exists() and not aside.exists()
    assert live.exists() and all(u.exists() for u in users)
    assert clean_stale(out) == []


@pytest.mark.slow
def test_kill_9_of_run_leaves_a_temp_folder_the_next_run_cleans(tmp_path, small_scenario):
    out = tmp_path / "run"
    proc = subprocess.Popen([*CLI, "run", str(small_scenario), "--years", "3", "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".run.tmp-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    left = list(tmp_path.glob(".run.tmp-*"))
    assert left, "the run finished before it could be killed while writing"
    assert not out.exists()
    assert run(small_scenario, out) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_folders_and_files_have_normal_permissions(tmp_path, small_scenario):
    old = os.umask(0o022)
    try:
        assert run(small_scenario, tmp_path / "run") == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "run").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "run" / "county_year.csv").stat().st_mode) == 0o644


def test_empty_tables_are_written_with_their_header(tmp_path, small_scenario):
    out = tmp_path / "run"
    assert run(small_scenario, out) == 0  # one year of the small county: no failures, no policy on
    failures = pd.read_csv(out / "enterprise_failures.csv", encoding="utf-8-sig")
    flows = pd.read_csv(out / "policy_flows.csv", encoding="utf-8-sig")
    assert failures.empty and list(failures.columns) == list(FAILURE_COLUMNS)
    assert flows.empty and list(flows.columns) == list(POLICY_FLOW_COLUMNS)


def test_version(capsys):
    from importlib import metadata

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"cluster-sim {metadata.version('cluster-sim')}"
