"""What every generated evidence file records about how it was made, and atomic writing."""

from __future__ import annotations

import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

from cluster_sim.outputs.manifest import git_commit


def machine() -> str:
    """A one-line description of the computer a study ran on."""
    return f"{platform.node() or 'unknown host'}: {platform.machine()}, {os.cpu_count()} logical CPUs, " \
           f"Python {platform.python_version()} on {platform.system()} {platform.release()}"


def provenance(command: str, wall_seconds: float | None = None) -> dict:
    """Date, commit, machine, command and wall time of one generated result."""
    out = {"date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": git_commit(),
           "machine": machine(), "command": command}
    if wall_seconds is not None:
        out["wall_seconds"] = round(float(wall_seconds), 1)
    return out


def provenance_lines(meta: dict) -> list[str]:
    """The provenance block at the top of a generated document (Markdown)."""
    lines = [f"- 日期 date (UTC): {meta['date_utc']}", f"- 提交 commit: `{meta['commit']}`",
             f"- 机器 machine: {meta['machine']}", f"- 命令 command: `{meta['command']}`"]
    if "wall_seconds" in meta:
        lines.append(f"- 用时 wall time: {meta['wall_seconds']:.0f} s ({meta['wall_seconds'] / 60:.1f} min)")
    return lines


def command_line() -> str:
    """How this process was started, as a user would retype it."""
    name = Path(sys.argv[0]).name
    head = "cluster-sim" if name == "cluster-sim" else f"python -m {_module_name()}"
    return " ".join([head, *sys.argv[1:]])


def _module_name() -> str:
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return spec.name if spec is not None else Path(sys.argv[0]).name


def results_folder(parent: Path, name: str) -> Path:
    """Where a study keeps its sweep results: one folder per commit of the model, because a
    sweep resumes by run id, which knows the scenario and parameters but not the model's code.
    An interrupted study resumes in the same commit; a changed model starts afresh."""
    commit = (git_commit() or "nocommit").replace("+dirty", "-dirty")
    return Path(parent) / f"{name}_{commit[:7]}{'-dirty' if commit.endswith('-dirty') else ''}"


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary sibling, so a crash leaves the old file whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
