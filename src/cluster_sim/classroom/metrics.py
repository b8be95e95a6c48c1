"""What a classroom goal can be about: named indicators of one simulated year of a run.

Each indicator reads the run's tidy tables (and the baseline's, for comparisons) at year
index ``t``; goals, the dashboard's challenge card, the saved group results and the
teacher's summary all use these, so they agree on every number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd



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


Indicator = Callable[["RunTables", "RunTables | None", int], float]


@dataclass(frozen=True)
class Metric:
    name: str
    zh: str
    en: str
    unit: str  # "yuan", "count", "share", "ratio"
    higher_is_better: bool
    value: Indicator

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def format(self, value: float, lang: str = "zh") -> str:
        """The value as shown; a tiny negative that rounds to zero shows as 0, not "-0.0"."""
        text = self._format(value, lang)
        return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text) else text

    def format_change(self, value: float, lang: str = "zh") -> str:
        """A difference: "+1.2 万元", "-0.4 万元", or "0.0 万元" when it rounds to nothing."""
        text = self.format(value, lang)
        return "+" + text if any(c in "123456789" for c in text) and not text.startswith(("-", "—")) else text

    def _format(self, value: float, lang: str) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return "—"
        if self.unit == "yuan":
            return f"{value / 1e4:,.1f} {'万元' if lang == 'zh' else '×10k yuan'}"
        if self.unit == "yuan_pc":
            return f"{value:,.0f} {'元' if lang == 'zh' else 'yuan'}"
        if self.unit == "count":
            return f"{value:.0f}"
        if self.unit == "share":
            return f"{100 * value:.1f}%"
        return f"{value:.3f}"


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


def _county_metric(col: str) -> Indicator:
    return lambda run, baseline, t: _county(run, t, col)


METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("weak_operating_min_yuan", "薄弱村经营性收入最低值", "lowest operating income of a weak village",
           "yuan", True, _weak_min),
    Metric("weak_operating_mean_yuan", "薄弱村经营性收入均值", "mean operating income of weak villages",
           "yuan", True, _county_metric("weak_operating_mean_yuan")),
    Metric("weak_total_mean_yuan", "薄弱村集体总收入均值", "mean total collective income of weak villages",
           "yuan", True, _county_metric("weak_total_mean_yuan")),
    Metric("weak_villages_below_line", "低于薄弱线的薄弱村个数", "weak villages still below the weak line",
           "count", False, _weak_below_line),
    Metric("share_villages_below_weak_line", "低于薄弱线的村比例", "share of villages below the weak line",
           "share", False, _county_metric("share_villages_below_weak_line")),
    Metric("strong_weak_gap_ratio", "强弱村经营性收入之比", "strong : weak operating income ratio",
           "ratio", False, _county_metric("strong_weak_gap_ratio")),
    Metric("collective_income_operating_mean_yuan", "村均经营性收入", "operating income per village",
           "yuan", True, _county_metric("collective_income_operating_mean_yuan")),
    Metric("collective_income_total_mean_yuan", "村均总收入", "total income per village",
           "yuan", True, _county_metric("collective_income_total_mean_yuan")),
    Metric("surrounding_operating_mean_yuan", "片区周边村经营性收入均值", "operating income of surrounding villages",
           "yuan", True, _county_metric("surrounding_operating_mean_yuan")),
    Metric("farmer_income_per_capita_yuan", "农民人均可支配收入", "farmer income per capita",
           "yuan_pc", True, _county_metric("farmer_income_per_capita_yuan")),
    Metric("low_income_income_per_capita_yuan", "低收入农户人均收入", "low-income households' income per capita",
           "yuan_pc", True, _county_metric("low_income_income_per_capita_yuan")),
    Metric("gini_household", "农户收入基尼系数", "Gini of household income", "ratio", False,
           _county_metric("gini_household")),
    Metric("villages_over_indebted", "突破负债红线的村数", "villages over the debt red line", "count", False,
           _county_metric("villages_over_indebted")),
    Metric("partner_operating_mean_yuan", "结对山区村经营性收入均值", "operating income of partner villages",
           "yuan", True, _county_metric("partner_operating_mean_yuan")),
    Metric("extra_public_spending_yuan", "比基线多花的财政资金（累计）", "public money spent beyond the baseline (to date)",
           "yuan", False, _extra_public_spending),
)}


def evaluate(name: str, run: RunTables, baseline: RunTables | None, t: int) -> float:
    return METRICS[name].value(run, baseline, t)
