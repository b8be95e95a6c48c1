"""Write the files of a results folder; ``atomic_folder`` (from ``folders``) puts the folder in
place all at once, only where that loses nothing of the user's."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .cells import write_csv
from .folders import atomic_folder, claim_output

__all__ = ["atomic_folder", "claim_output", "write_json", "write_table"]


def write_table(folder: Path, name: str, df: pd.DataFrame, parquet: bool = True) -> list[str]:
    write_csv(df, folder / f"{name}.csv")
    files = [f"{name}.csv"]
    if parquet:
        df.to_parquet(folder / f"{name}.parquet", index=False)
        files.append(f"{name}.parquet")
    return files


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
