"""Write a results folder all at once: everything goes to a hidden sibling folder first and
is moved into place only when complete, so an error never leaves half a folder behind."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pandas as pd


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder; on success it replaces ``target``, on error it vanishes."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_table(folder: Path, name: str, df: pd.DataFrame, parquet: bool = True) -> list[str]:
    df.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig")
    files = [f"{name}.csv"]
    if parquet:
        df.to_parquet(folder / f"{name}.parquet", index=False)
        files.append(f"{name}.parquet")
    return files


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
