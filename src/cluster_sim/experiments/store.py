"""Where results go: a Parquet dataset directory holding one tidy table, one row a run.

Each finished batch of runs becomes its own small file, written under a hidden temporary
name and renamed into place (``os.replace`` is atomic), so a crash loses at most the runs
still in flight and never leaves a half-written file. Readers skip hidden files. When a
sweep ends the parts are merged into one file; a crash in the middle of merging leaves
duplicate rows that loading drops (same run id, same bits).
"""

from __future__ import annotations

import json
import os
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

_ARROW_TYPES = {float: pa.float64(), int: pa.int64(), str: pa.string(), bool: pa.bool_()}


def results_schema(experiment: Experiment) -> pa.Schema:
    """Column names and types of the results table (fixed, so every part file agrees)."""
    return pa.schema(
        [("run_id", pa.string()), ("design_point", pa.int64()), ("replication", pa.int64()), ("seed", pa.int64())]
        + [(f.key, _ARROW_TYPES[f.value_type]) for f in experiment.factors]
        + [("status", pa.string()), ("error", pa.string())]
        + [(o.name, pa.float64()) for o in experiment.outcomes])


def check_sweep_folder(directory: Path) -> None:
    """Refuse a results folder where a sweep would overwrite what it did not write: a file,
    or a folder with ``experiment.json`` or ``runs/`` of someone else's. Other files stay
    untouched beside the results (a sweep only adds ``runs/`` and ``experiment.json``)."""
    from cluster_sim.outputs.folders import OutputError

    directory = Path(directory)
    allowed = "a new folder, or the folder of an earlier sweep"
    if directory.exists() and not directory.is_dir():
        raise OutputError(directory, "is an existing file; it is left as it is", allowed)
    manifest = directory / "experiment.json"
    ours = [name for name in ("experiment.json", "runs") if (directory / name).exists()]
    if ours and not _own_manifest(manifest):
        raise OutputError(directory, f"holds {' and '.join(ours)} that no sweep wrote; nothing was changed", allowed)


def _own_manifest(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    legacy = isinstance(data, dict) and {"runner", "design_points", "root_seed"} <= set(data)
    return isinstance(data, dict) and (data.get("generator") == GENERATOR or legacy)


class ResultStore:
    """The runs of one experiment under ``directory``: ``runs/*.parquet`` + ``experiment.json``."""

    def __init__(self, directory: str | Path, schema: pa.Schema):
        self.directory = Path(directory)
        self.runs_dir = self.directory / "runs"
        self.schema = schema

    @classmethod
    def for_experiment(cls, experiment: Experiment, directory: str | Path) -> ResultStore:
        return cls(directory, results_schema(experiment))

    def parts(self) -> list[Path]:
        if not self.runs_dir.is_dir():
            return []
        return sorted(p for p in self.runs_dir.glob("part-*.parquet"))

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

    def _recorded_toml(self) -> str | None:
        try:
            return json.loads((self.directory / "experiment.json").read_text(encoding="utf-8")).get("experiment_toml")
        except (OSError, ValueError, AttributeError):
            return None

    def write_manifest(self, experiment: Experiment, runs: int) -> None:
        """``experiment.json``: what produced these results (provenance, not used for resuming).
        Written by the sweep that started the folder: a resume of the same file keeps the record
        of which code and versions made the first runs (a changed file, e.g. more replications,
        is recorded anew)."""
        from cluster_sim.outputs.manifest import git_commit, versions

        self.directory.mkdir(parents=True, exist_ok=True)
        source = Path(experiment.source)
        text = source.read_text(encoding="utf-8") if source.is_file() else None
        if text is not None and self._recorded_toml() == text:
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
            "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "versions": versions(),  # python, cluster-sim, mesa, numpy, …
            "git_commit": git_commit(),
        }
        tmp = self.directory / ".experiment.json.tmp"
        tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.directory / "experiment.json")
