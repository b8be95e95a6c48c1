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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from .experiment import Experiment

_ARROW_TYPES = {float: pa.float64(), int: pa.int64(), str: pa.string(), bool: pa.bool_()}


def results_schema(experiment: Experiment) -> pa.Schema:
    """Column names and types of the results table (fixed, so every part file agrees)."""
    return pa.schema(
        [("run_id", pa.string()), ("design_point", pa.int64()), ("replication", pa.int64()), ("seed", pa.int64())]
        + [(f.key, _ARROW_TYPES[f.value_type]) for f in experiment.factors]
        + [("status", pa.string()), ("error", pa.string())]
        + [(o.name, pa.float64()) for o in experiment.outcomes])


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

    def load(self, run_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """The results as one DataFrame sorted by (design_point, replication); with
        ``run_ids``, only those runs (rows of an earlier version of the experiment stay out)."""
        frame = self._read().to_pandas()
        frame = frame.drop_duplicates("run_id")
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
        """``experiment.json``: what produced these results (provenance, not used for resuming)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        source = Path(experiment.source)
        manifest = {
            "name": experiment.name,
            "description": experiment.description,
            "source": str(source.resolve()) if source.exists() else experiment.source,
            "experiment_toml": source.read_text(encoding="utf-8") if source.is_file() else None,
            "design": experiment.design,
            "design_points": len(experiment.plan),
            "replications": experiment.replications,
            "runs": runs,
            "root_seed": experiment.root_seed,
            "runner": experiment.runner,
        }
        tmp = self.directory / ".experiment.json.tmp"
        tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.directory / "experiment.json")
