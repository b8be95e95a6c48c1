"""The scenario examples in the README are real: each one validates."""

import re
from pathlib import Path

import pytest

from cluster_sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = [b for b in re.findall(r"```toml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
          if "[meta]" in b]


@pytest.mark.parametrize("block", BLOCKS)
def test_readme_scenario_example_validates(tmp_path, block):
    path = tmp_path / "example.toml"
    path.write_text(block, encoding="utf-8")
    spec = load_scenario(path)
    assert spec.active_policies()


def test_there_is_an_example():
    assert BLOCKS


# ---- the README's Python blocks run as scripts, as a reader would paste them into a file ----
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

PY_BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
NEEDS_CLUSTER = "dask_jobqueue"  # the HPC example needs a batch system
SLOW = ("run_experiment(", "compare(")  # sweeps and comparisons: tens of seconds
# The README's sensitivity example runs 100 eight-year runs; the test runs the same script on a
# copy of its experiment file cut to one year, one replication and two Morris trajectories.
SHRINK = {"experiments/tourism_sensitivity.toml": {"years": "1", "replications": "1", "samples": "2"}}


def _block_id(block: str) -> str:
    return next(line for line in block.splitlines() if line and not line.startswith(("import", "from", "#")))[:40]


@pytest.mark.parametrize("block", [pytest.param(b, id=_block_id(b), marks=[pytest.mark.slow] if any(s in b for s in SLOW) else [])
                                   for b in PY_BLOCKS if NEEDS_CLUSTER not in b])
def test_readme_python_block_runs_as_a_script(tmp_path, block):
    for folder in ("scenarios", "experiments"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name, keys in SHRINK.items():
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        for key, value in keys.items():
            text, n = re.subn(rf"^{key} = \S+", f"{key} = {value}", text, count=1, flags=re.M)
            assert n == 1, (name, key)
        path.write_text(text, encoding="utf-8")
    script = tmp_path / "example.py"
    script.write_text(block, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr


def test_python_blocks_are_found():
    assert len(PY_BLOCKS) >= 5 and any(NEEDS_CLUSTER in b for b in PY_BLOCKS)
