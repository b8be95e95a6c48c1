"""What a results folder records about how it was made: scenario, seed, versions, commit, timings."""

from __future__ import annotations

import platform
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .folders import GENERATOR, MANIFEST_SCHEMA

DEPENDENCIES = ("cluster-sim", "mesa", "numpy", "pandas", "pyarrow", "matplotlib", "networkx", "SALib", "dask",
                "distributed")


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in DEPENDENCIES:
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def git_commit() -> str | None:
    here = Path(__file__).resolve().parent
    try:
        res = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if res.returncode != 0:
        return None
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=here,
                           capture_output=True, text=True, timeout=5).stdout.strip()
    return res.stdout.strip() + ("+dirty" if dirty else "")


def manifest(command: str, scenario_source: str, scenario_data: dict, seeds, timings: dict, files: list[str],
             **extra) -> dict:
    return {
        "generator": GENERATOR,  # how a later run recognises a folder it may replace
        "manifest_schema": MANIFEST_SCHEMA,
        "command": command,
        "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "scenario_source": scenario_source,
        "scenario": scenario_data,
        "seed": seeds,
        "versions": versions(),
        "git_commit": git_commit(),
        "timings_s": timings,
        "files": sorted(files),
        **extra,
    }
