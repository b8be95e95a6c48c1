"""Where results go: a Parquet dataset directory holding one tidy table, one row a run.

A folder belongs to one design: every part file carries the design's digest in its Parquet
metadata (``design_digest``: the runs of the first replication, whose ids hash runner,
scenario content, parameters, seeds, years and outcomes), and ``experiment.json`` records it.
Resuming with an edited experiment is refused rather than mixed; adding replications keeps
the design. Files in ``runs/`` that no sweep of this design wrote are never read or deleted:
the sweep refuses to start until they are moved out.

Each finished batch of runs becomes its own small file, written under a hidden temporary
name and renamed into place (``os.replace`` is atomic), so a crash loses at most the runs
still in flight and never leaves a half-written file. Readers skip hidden files. When a
sweep ends the parts are merged into one file; a crash in the middle of merging leaves
duplicate rows that loading drops (same run id, same bits).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from datetime import datetime, timezone
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from cluster_sim.outputs.folders import GENERATOR

from .experiment import Experiment
from .runs import RunSpec

_ARROW_TYPES = {float: pa.float64(), int: pa.int64(), str: pa.string(), bool: pa.bool_()}
DESIGN_KEY = b"cluster_sim_design"  # Parquet metadata key holding the design digest
_PART = re.compile(r"^part-[0-9a-f]{32}\.parquet$")


def design_digest(specs: Iterable[RunSpec]) -> str:
    """What a results folder is a folder of: the ids of the first replication's runs (each id
    hashes runner, scenario content, parameters, seed, years and outcomes). More replications
    leave it unchanged, so a sweep can be extended; any other edit changes it."""
    digest = hashlib.sha256()
    for spec in specs:
        if spec.replication == 0:
            digest.update(spec.run_id.encode() + b"\n")
    return digest.hexdigest()


def results_schema(experiment: Experiment) -> pa.Schema:
    """Column names and types of the results table (fixed, so every part file agrees)."""
    return pa.schema(
        [("run_id", pa.string()), ("design_point", pa.int64()), ("replication", pa.int64()), ("seed", pa.int64())]
        + [(f.key, _ARROW_TYPES[f.value_type]) for f in experiment.factors]
        + [("status", pa.string()), ("error", pa.string())]
        + [(o.name, pa.float64()) for o in experiment.outcomes])


def check_sweep_folder(directory: Path) -> None:
    """Refuse a results folder a sweep did not start: a file, a symbolic link, or a folder
    holding anything without a sweep's ``experiment.json``. A sweep's own folder may hold
    the user's other files beside the results (a sweep only adds to ``runs/`` and never
    deletes what it did not write)."""
    from cluster_sim.outputs.folders import OutputError

    directory = Path(directory)
    allowed = "a new folder, an empty folder, or the folder of an earlier sweep"
    if directory.is_symlink():
        raise OutputError(directory, "is a symbolic link; a sweep writes only into a folder it can call its own",
                          allowed)
    if directory.exists() and not directory.is_dir():
        raise OutputError(directory, "is an existing file; it is left as it is", allowed)
    entries = sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []
    if entries and not _own_manifest(directory / "experiment.json"):
        shown = ", ".join(entries[:6]) + (f" and {len(entries) - 6} more" if len(entries) > 6 else "")
        raise OutputError(directory, f"holds files no sweep wrote ({shown}); nothing was changed", allowed)


def _read_manifest(path: Path) -> dict | None:
    """A sweep's ``experiment.json``, or None for anything else (missing, a link, not ours)."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    legacy = isinstance(data, dict) and {"runner", "design_points", "root_seed"} <= set(data)
    return data if isinstance(data, dict) and (data.get("generator") == GENERATOR or legacy) else None


def _own_manifest(path: Path) -> bool:
    return _read_manifest(path) is not None


class ResultStore:
    """The runs of one experiment under ``directory``: ``runs/*.parquet`` + ``experiment.json``."""

    def __init__(self, directory: str | Path, schema: pa.Schema, design: str = ""):
        self.directory = Path(directory)
        self.runs_dir = self.directory / "runs"
        self.design = design
        self.schema = schema.with_metadata({**(schema.metadata or {}), DESIGN_KEY: design.encode()})

    @classmethod
    def for_experiment(cls, experiment: Experiment, directory: str | Path,
                       specs: list[RunSpec] | None = None) -> ResultStore:
        specs = experiment.run_specs() if specs is None else specs
        return cls(directory, results_schema(experiment), design_digest(specs))

    def _design_of(self, path: Path) -> str | None:
        try:
            meta = pq.read_schema(path).metadata or {}
        except (OSError, pa.ArrowException):
            return None
        return meta.get(DESIGN_KEY, b"").decode("ascii", "replace") or None

    def strangers(self) -> tuple[list[str], list[str]]:
        """Entries of ``runs/`` this design's sweeps did not write: (other designs' parts,
        anything else). Hidden files (a sweep's own temporary files) are not counted."""
        if not self.runs_dir.is_dir():
            return [], []
        other, foreign = [], []
        for path in sorted(self.runs_dir.iterdir()):
            if path.name.startswith("."):
                continue
            if path.is_symlink() or not path.is_file() or not _PART.match(path.name):
                foreign.append(path.name)
            elif self._design_of(path) != self.design:
                (other if self._design_of(path) else foreign).append(path.name)
        return other, foreign

    def check_strangers(self) -> None:
        """Refuse to go on (``OutputError``) while ``runs/`` holds parts of another design or
        files no sweep wrote: reading would mix them, compacting would delete them."""
        from cluster_sim.outputs.folders import OutputError

        other, foreign = self.strangers()
        if other:
            raise OutputError(self.directory, f"holds runs of another version of this experiment ({len(other)} "
                              "part files): the experiment file was edited since this folder was started (values, "
                              "seeds, runner, years or outcomes); nothing was changed",
                              "--resume with the experiment file as it was, or another --out for the edited one")
        if foreign:
            shown = ", ".join(foreign[:6]) + (f" and {len(foreign) - 6} more" if len(foreign) > 6 else "")
            raise OutputError(self.directory, f"holds files in runs/ that no sweep of this experiment wrote "
                              f"({shown}); nothing was changed", "move them out of runs/ first")

    def parts(self) -> list[Path]:
        """This design's part files (see ``check_strangers`` for everything else in ``runs/``)."""
        if not self.runs_dir.is_dir():
            return []
        return sorted(p for p in self.runs_dir.iterdir() if _PART.match(p.name) and not p.is_symlink()
                      and p.is_file() and self._design_of(p) == self.design)

    def write(self, rows: list[dict[str, Any]]) -> Path | None:
        """Append rows as a new part file, atomically."""
        if not rows:
            return None
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        return self._write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def _write_table(self, table: pa.Table) -> Path:
        name = f"part-{uuid.uuid4().hex}.parquet"
        tmp = self.runs_dir / f".{name}.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, self.runs_dir / name)
        return self.runs_dir / name

    def _read(self, columns: list[str] | None = None) -> pa.Table:
        parts = self.parts()
        if not parts:
            empty = self.schema.empty_table()
            return empty if columns is None else empty.select(columns)
        try:
            return pads.dataset([str(p) for p in parts], schema=self.schema, format="parquet").to_table(columns=columns)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as err:
            raise ValueError(f"{self.runs_dir} holds results of an experiment with other columns "
                             f"({err}); choose another output folder") from err

    def run_ids(self) -> set[str]:
        """Run ids already on disk (finished or failed)."""
        return set(self._read(["run_id"]).column("run_id").to_pylist())

    def failed_ids(self) -> set[str]:
        """Run ids on disk whose only rows are failures."""
        table = self._read(["run_id", "status"]).to_pandas()
        ok = set(table.loc[table["status"] == "ok", "run_id"])
        return set(table["run_id"]) - ok

    def forget(self, run_ids: Iterable[str]) -> None:
        """Drop every row of these runs, so they run again. The kept rows go to a new part
        before the old parts go: a crash in between leaves duplicates, never a loss."""
        drop = set(run_ids)
        parts = self.parts()
        if not drop or not parts:
            return
        frame = self._read().to_pandas()
        keep = frame[~frame["run_id"].isin(drop)]
        if len(keep):
            self._write_table(pa.Table.from_pandas(keep, schema=self.schema, preserve_index=False))
        for part in parts:
            part.unlink()

    def load(self, run_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """The results as one DataFrame sorted by (design_point, replication); with
        ``run_ids``, only those runs (rows of an earlier version of the experiment stay out)."""
        frame = self._read().to_pandas()
        ok_first = frame.sort_values("status", key=lambda s: s != "ok", kind="stable")
        frame = ok_first.drop_duplicates("run_id")
        if run_ids is not None:
            frame = frame[frame["run_id"].isin(set(run_ids))]
        return frame.sort_values(["design_point", "replication"], kind="stable").reset_index(drop=True)

    def compact(self) -> None:
        """Merge the part files into one (fewer files to open on every later load)."""
        parts = self.parts()
        if len(parts) <= 1:
            return
        table = pa.Table.from_pandas(self.load(), schema=self.schema, preserve_index=False)
        self._write_table(table)
        for part in parts:
            part.unlink()

    def write_manifest(self, experiment: Experiment, runs: int) -> None:
        """``experiment.json``: what produced these results, with the design digest that marks
        the folder's parts. Written by the sweep that started the folder: a resume of the same
        design keeps the record of which code and versions made the first runs (more
        replications are recorded anew)."""
        from cluster_sim.outputs.manifest import git_commit, versions

        self.directory.mkdir(parents=True, exist_ok=True)
        source = Path(experiment.source)
        text = source.read_text(encoding="utf-8") if source.is_file() else None
        recorded = _read_manifest(self.directory / "experiment.json") or {}
        if recorded.get("design_sha256") == self.design and recorded.get("runs") == runs:
            return
        manifest = {
            "generator": GENERATOR,  # marks the folder as a sweep's (see check_sweep_folder)
            "name": experiment.name,
            "description": experiment.description,
            "source": str(source.resolve()) if source.exists() else experiment.source,
            "experiment_toml": text,
            "design": experiment.design,
            "design_points": len(experiment.plan),
            "replications": experiment.replications,
            "runs": runs,
            "root_seed": experiment.root_seed,
            "runner": experiment.runner,
            "design_sha256": self.design,  # the parts' design (see design_digest)
            "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "versions": versions(),  # python, cluster-sim, mesa, numpy, …
            "git_commit": git_commit(),
        }
        tmp = self.directory / ".experiment.json.tmp"
        tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.directory / "experiment.json")
