"""The groups' saved results: one CSV row per submission, appended atomically.

Several groups submit from one dashboard server (threads) or several (processes), so each
row is written under an exclusive lock (a ``.NAME.lock`` file beside it) in one write call: a reader never sees half a
row and two submissions never interleave. The file starts with a UTF-8 byte-order mark so
that Excel on a Chinese Windows desktop opens it correctly.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

from .. import locks
from ..outputs.cells import quote_cell, unquote_frame
from .metrics import METRICS

BASE_COLUMNS = ("submitted_at", "classroom", "group", "note", "scenario", "seed", "years", "year_reached",
                "choices", "settings_json", "budget_yuan", "budget_allocated_yuan", "conditions",
                "conditions_met", "success", "rank_by")
METRIC_COLUMNS = tuple(f"m_{name}" for name in METRICS)


def columns(n_conditions: int) -> list[str]:
    return [*BASE_COLUMNS, *METRIC_COLUMNS, *(f"goal_{i + 1}_met" for i in range(n_conditions)),
            *(f"goal_{i + 1}" for i in range(n_conditions))]


class ResultsFileMismatch(ValueError):
    """The CSV was started by a different classroom file (other columns)."""


def append_result(path: str | Path, row: dict) -> Path:
    """Append ``row`` (keys = ``columns(n)``) to the CSV at ``path``, creating it with a header."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = list(row)
    lock_path = path.with_name(f".{path.name}.lock")  # beside, not the CSV: Windows removes a lock file on release
    lock = locks.acquire(lock_path, wait=True)
    try:
        _append_locked(path, header, row)
    finally:
        locks.release(lock_path, lock)
    return path


def _append_locked(path: Path, header: list[str], row: dict) -> None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size > 0:
            with open(path, encoding="utf-8-sig", newline="") as f:
                existing = next(csv.reader(f), [])
            if existing != header:
                raise ResultsFileMismatch(f"{path}: its columns were written by another classroom file; "
                                          "use a new results file (--results)")
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")  # CRLF (RFC 4180): a \r typed in a note is then quoted too
        if size == 0:
            writer.writerow(header)
        writer.writerow([quote_cell(row[k]) for k in header])
        data = buf.getvalue().encode("utf-8")
        if size == 0:
            data = "\ufeff".encode() + data
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_results(path: str | Path) -> pd.DataFrame:
    """The groups' results; a file the dashboard did not write is refused naming what it lacks."""
    from ..scenario.files import read_text

    text = read_text(path, "classroom results CSV (written by `cluster-sim app CLASSROOM_FILE`)")
    try:
        results = unquote_frame(pd.read_csv(io.StringIO(text)))
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"{path}: not a readable CSV ({exc})") from None
    missing = [c for c in BASE_COLUMNS if c not in results.columns]
    if missing:
        raise ValueError(f"{path}: not a classroom results file: missing columns {', '.join(missing)} "
                         "(the dashboard writes this file when groups submit: cluster-sim app CLASSROOM_FILE)")
    return results
