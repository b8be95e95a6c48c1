"""What a classroom goal can be about: named indicators of one simulated year of a run.

Each indicator reads the run's tidy tables (and the baseline's, for comparisons) at year
index ``t``; goals, the dashboard's challenge card, the saved group results and the
teacher's summary all use these, so they agree on every number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..outputs.indicators import Metric, indicator


@dataclass(frozen=True)
class RunTables:
    """A run's tidy tables (``ClusterModel.tables()``) and the scenario figures indicators need."""

    tables: dict[str, pd.DataFrame]
    weak_line_yuan: float

    @classmethod
    def of(cls, model) -> RunTables:
        return cls(model.tables(), float(model.params["simulation"]["weak_line_operating_yuan"]))

    @property
    def last_t(self) -> int:
        county = self.tables["county_year"]
        return int(county["t"].max()) if len(county) else -1


IndicatorValue = Callable[["RunTables", "RunTables | None", int], float]


@dataclass(frozen=True)
class Indicator:
    """A goal's indicator: the catalogue's words and unit (``metric``) and how to read it."""

    metric: Metric
    value: IndicatorValue

    @property
    def name(self) -> str:
        return self.metric.name

    @property
    def zh(self) -> str:
        return self.metric.zh

    @property
    def en(self) -> str:
        return self.metric.en

    @property
    def higher_is_better(self) -> bool:
        return self.metric.higher_is_better

    def label(self, lang: str) -> str:
        return self.metric.label(lang)

    def format(self, value: float, lang: str = "zh") -> str:
        return self.metric.format(value, lang)

    def format_change(self, value: float, lang: str = "zh") -> str:
        return self.metric.format_change(value, lang)


def _county(run: RunTables, t: int, col: str) -> float:
    county = run.tables["county_year"]
    row = county[county["t"] == t]
    return float(row[col].iloc[0]) if len(row) else float("nan")


def _home_villages(run: RunTables, t: int) -> pd.DataFrame:
    v = run.tables["village_year"]
    return v[(v["t"] == t) & ~v["is_partner"]]


def _weak_min(run: RunTables, baseline: RunTables | None, t: int) -> float:
    v = _home_villages(run, t)
    weak = v.loc[v["is_weak"], "operating_income_yuan"]
    return float(weak.min()) if len(weak) else float("nan")


def _weak_below_line(run: RunTables, baseline: RunTables | None, t: int) -> float:
    v = _home_villages(run, t)
    if v.empty:
        return float("nan")
    return float((v.loc[v["is_weak"], "operating_income_yuan"] < run.weak_line_yuan).sum())


def public_spending_paid(run: RunTables, t: int) -> float:
    """All payments by government from the base year to year ``t`` (yuan)."""
    flows = run.tables["flows_year"]
    paid = flows[(flows["side"] == "paid") & (flows["kind"] == "government") & (flows["t"] <= t)]
    return float(paid["amount_yuan"].sum())


def _extra_public_spending(run: RunTables, baseline: RunTables | None, t: int) -> float:
    if baseline is None:
        return float("nan")
    return public_spending_paid(run, t) - public_spending_paid(baseline, t)


def _county_metric(col: str) -> IndicatorValue:
    return lambda run, baseline, t: _county(run, t, col)


_READERS: dict[str, IndicatorValue] = {
    "weak_operating_min_yuan": _weak_min,
    "weak_operating_mean_yuan": _county_metric("weak_operating_mean_yuan"),
    "weak_total_mean_yuan": _county_metric("weak_total_mean_yuan"),
    "weak_villages_below_line": _weak_below_line,
    "share_villages_below_weak_line": _county_metric("share_villages_below_weak_line"),
    "strong_weak_gap_ratio": _county_metric("strong_weak_gap_ratio"),
    "collective_income_operating_mean_yuan": _county_metric("collective_income_operating_mean_yuan"),
    "collective_income_total_mean_yuan": _county_metric("collective_income_total_mean_yuan"),
    "surrounding_operating_mean_yuan": _county_metric("surrounding_operating_mean_yuan"),
    "farmer_income_per_capita_yuan": _county_metric("farmer_income_per_capita_yuan"),
    "low_income_income_per_capita_yuan": _county_metric("low_income_income_per_capita_yuan"),
    "gini_household": _county_metric("gini_household"),
    "villages_over_indebted": _county_metric("villages_over_indebted"),
    "partner_operating_mean_yuan": _county_metric("partner_operating_mean_yuan"),
    "extra_public_spending_yuan": _extra_public_spending,
}
METRICS: dict[str, Indicator] = {name: Indicator(indicator(name), read) for name, read in _READERS.items()}


def evaluate(name: str, run: RunTables, baseline: RunTables | None, t: int) -> float:
    return METRICS[name].value(run, baseline, t)
