"""Windows has no ``fcntl``: cluster-sim must import, run and sweep without it.

The child processes get a ``sitecustomize`` that makes ``import fcntl`` fail (as on Windows),
so any module that still imports it breaks these runs; the locks then fall back to filelock's
portable lock (the same code path as Windows, minus msvcrt).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIM = "import sys\nsys.modules['fcntl'] = None  # as on Windows: import fcntl raises ImportError\n"


@pytest.fixture
def without_fcntl(tmp_path):
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shim), os.environ.get("PYTHONPATH", "")])}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
    return run


def test_the_shim_really_hides_fcntl(without_fcntl):
    probe = without_fcntl("-c", "import fcntl")
    assert probe.returncode != 0 and "import of fcntl halted" in probe.stderr


@pytest.mark.slow
def test_import_run_and_sweep_without_fcntl(without_fcntl, tmp_path, small_scenario):
    imported = without_fcntl("-c", "import cluster_sim, cluster_sim.experiments\n"
                                   "from cluster_sim.classroom.results import append_result\n"
                                   "for note in ('a', 'b'): append_result('class.csv', {'group': 'g', 'note': note})")
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "class.csv").read_text(encoding="utf-8-sig").splitlines() == ["group,note", "g,a", "g,b"]
    run = without_fcntl("-m", "cluster_sim.cli", "run", str(small_scenario), "--years", "1", "--out", "run")
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / "run" / "manifest.json").read_text(encoding="utf-8"))["seed"] == 2024
    sweep = without_fcntl("-m", "cluster_sim.cli", "sweep", str(ROOT / "experiments" / "smoke.toml"),
                          "--workers", "2", "--out", "sweep")
    assert sweep.returncode == 0, sweep.stderr
    assert "8 runs: 8 ok" in sweep.stdout + sweep.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.csv", "run", "shim", "sweep"]  # no lock left
