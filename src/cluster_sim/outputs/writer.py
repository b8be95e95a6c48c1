"""Write the files of a results folder; ``atomic_folder`` (from ``folders``) puts the folder in
place all at once, only where that loses nothing of the user's."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .cells import write_csv
from .folders import MANIFEST, atomic_folder, claim_output, listed_hashes

__all__ = ["atomic_folder", "claim_output", "write_json", "write_manifest", "write_table"]


def write_table(folder: Path, name: str, df: pd.DataFrame, parquet: bool = True) -> list[str]:
    write_csv(df, folder / f"{name}.csv")
    files = [f"{name}.csv"]
    if parquet:
        df.to_parquet(folder / f"{name}.parquet", index=False)
        files.append(f"{name}.parquet")
    return files


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")


def write_manifest(folder: Path, data: dict) -> None:
    """``manifest.json``, last: with the SHA-256 of every file it lists, so a later ``--force``
    can tell this folder from one whose manifest was copied or written by hand."""
    write_json(Path(folder) / MANIFEST, {**data, "sha256": listed_hashes(folder, data["files"])})
