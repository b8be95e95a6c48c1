"""What is measured: each outcome reduces one column of a run's yearly table to one number."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from cluster_sim.scenario.errors import ScenarioError

from ..outputs.indicators import outcome_words
from .parameters import RESERVED_COLUMNS
from .validation import ABSENT, Table

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Outcome:
    """``at`` is "final" (last year), a year offset t (0 = initial year) or "growth"
    (average annual growth from t = 0 to the last year). With ``over`` (another column) and
    at = "growth" the outcome is the ratio of the two growth factors, (1 + column's growth) /
    (1 + ``over``'s growth): above 1 when the column grows faster (e.g. low-income households'
    income relative to all farmers'; Zhejiang 2023: 1.134 / 1.073 = 1.057). Unlike a ratio of
    rates it stays defined when ``over`` does not grow."""

    name: str
    column: str
    at: str | int = "final"
    label_zh: str = ""
    over: str = ""

    @property
    def label(self) -> str:
        """The Chinese name shown: the file's ``label_zh``, else the indicator catalogue's words."""
        return self.label_zh or outcome_words(self.column, self.at, self.over)

    def measure(self, table: pd.DataFrame | Mapping[str, float]) -> float:
        """This outcome of one run. ``table`` is what the runner returned: a DataFrame with
        a column ``t`` (one row a year), or a mapping of already final numbers."""
        if not isinstance(table, pd.DataFrame):
            if self.at != "final":
                raise ValueError(f"outcome {self.name!r}: at = {self.at!r} needs a yearly table "
                                 "with column 't', but the runner returned single numbers")
            if self.column not in table:
                raise KeyError(f"outcome {self.name!r}: runner returned no {self.column!r} "
                               f"(it returned {', '.join(map(str, table))})")
            return float(table[self.column])
        if "t" not in table.columns:
            raise KeyError(f"outcome {self.name!r}: the run's table has no year column 't'")
        if self.column not in table.columns:
            raise KeyError(f"outcome {self.name!r}: the run's table has no column {self.column!r} "
                           f"(it has {', '.join(map(str, table.columns))})")
        series = table.set_index("t")[self.column].astype(float).sort_index()
        if self.at == "final":
            return float(series.iloc[-1])
        if self.at == "growth":
            growth = _growth(series)
            if not self.over:
                return growth
            if self.over not in table.columns:
                raise KeyError(f"outcome {self.name!r}: the run's table has no column {self.over!r}")
            reference = _growth(table.set_index("t")[self.over].astype(float).sort_index())
            return (1 + growth) / (1 + reference)
        if self.at not in series.index:
            raise KeyError(f"outcome {self.name!r}: the run's table has no year t = {self.at}")
        return float(series.loc[self.at])


def _growth(series: pd.Series) -> float:
    years = int(series.index[-1]) - int(series.index[0])
    first, last = float(series.iloc[0]), float(series.iloc[-1])
    # Average growth is undefined from a non-positive start; NaN keeps the other outcomes.
    if years <= 0 or first <= 0 or last < 0:
        return math.nan
    return (last / first) ** (1 / years) - 1


def parse_outcomes(source: str, data: object, years: int, taken: set[str]) -> tuple[Outcome, ...]:
    """Read ``[[outcomes]]``; names must be distinct column names clear of ``taken``."""
    if data is ABSENT or not isinstance(data, list) or not data:
        bad = "missing" if data is ABSENT else f"must be a non-empty array of tables, got {data!r}"
        raise ScenarioError(source, "outcomes", bad, "[[outcomes]] tables with name, column, at")
    outcomes = []
    for i, item in enumerate(data):
        t = Table(source, f"outcomes[{i}]", item, ("name", "column", "at", "label_zh", "over"))
        name = t.get("name", str)
        if not _NAME.match(name):
            raise t.error("name", f"{name!r} is not a plain name", "letters, digits and _ (a results column)")
        if name in RESERVED_COLUMNS or name in taken:
            raise t.error("name", f"{name!r} is already a column of the results",
                          "a name other than " + ", ".join(sorted(set(RESERVED_COLUMNS) | taken)))
        at = t.get("at", (str, int), "final")
        if isinstance(at, str) and at not in ("final", "growth"):
            raise t.error("at", f"value {at!r} not allowed", f"'final', 'growth' or a year offset 0..{years}")
        if isinstance(at, int) and not 0 <= at <= years:
            raise t.error("at", f"value {at!r} out of range", f"'final', 'growth' or a year offset 0..{years}")
        over = t.get("over", str, "")
        if over and at != "growth":
            raise t.error("over", f"a ratio of growth factors needs at = 'growth', not {at!r}",
                          "leave 'over' out, or at = 'growth'")
        outcomes.append(Outcome(name, t.get("column", str), at, t.get("label_zh", str, ""), over))
        taken = taken | {name}
    return tuple(outcomes)
