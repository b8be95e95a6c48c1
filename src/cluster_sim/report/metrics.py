"""What the comparison report measures: each metric's column, labels, unit, and how one
run's tables become tidy rows (scenario, replication, year, metric, value)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..accounts import (CATEGORIES, COLLECTIVE_SOURCE_LABELS, COLLECTIVE_SOURCES, HOUSEHOLD_SOURCE_LABELS,
                        HOUSEHOLD_SOURCES)

UNITS = {"万元": "万元 (10,000 yuan)", "元": "yuan", "倍": "times", "个": "villages", "%": "%", "": ""}
DIVISORS = {"万元": 1e4, "%": 0.01}  # shares are stored as fractions and shown in per cent


@dataclass(frozen=True)
class Metric:
    """One measured quantity. Tidy values are in raw units (yuan); ``unit`` is what is shown."""

    name: str
    zh: str
    en: str
    unit: str = ""  # Chinese unit as shown ("万元", "元", "倍", "个", "")
    growth: bool = True  # whether an average annual growth rate is meaningful

    @property
    def divisor(self) -> float:
        return DIVISORS.get(self.unit, 1.0)

    @property
    def unit_en(self) -> str:
        return UNITS[self.unit]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _m(name, zh, en, unit="", growth=True) -> Metric:
    return Metric(name, zh, en, unit, growth)


HEADLINE = (
    _m("collective_income_total_mean_yuan", "村集体总收入（村均）", "collective income, total (mean per village)", "万元"),
    _m("collective_income_operating_mean_yuan", "村集体经营性收入（村均）", "collective operating income (mean per village)", "万元"),
    _m("farmer_income_per_capita_yuan", "农民人均可支配收入", "farmer income per capita", "元"),
    _m("low_income_income_per_capita_yuan", "低收入农户人均收入", "low-income households' income per capita", "元"),
)
VILLAGE_GROUPS = (
    _m("strong_operating_mean_yuan", "强村经营性收入（村均）", "strong villages' operating income (mean)", "万元"),
    _m("weak_operating_mean_yuan", "弱村经营性收入（村均）", "weak villages' operating income (mean)", "万元"),
    _m("weak_total_mean_yuan", "弱村集体总收入（村均）", "weak villages' total income (mean)", "万元"),
    _m("strong_weak_gap_ratio", "强弱村经营性收入比", "strong/weak operating-income ratio", "倍", growth=False),
    _m("key_operating_mean_yuan", "重点村经营性收入（村均）", "key villages' operating income (mean)", "万元"),
    _m("surrounding_operating_mean_yuan", "周边村经营性收入（村均）", "surrounding villages' operating income (mean)", "万元"),
    _m("share_villages_below_weak_line", "经营性收入低于薄弱线的村占比", "share of villages below the weak line", "%",
       growth=False),
)
INEQUALITY = (
    _m("gini_collective", "村集体收入基尼系数", "Gini of collective income across villages", growth=False),
    _m("gini_household", "农户人均收入基尼系数", "Gini of household income per capita", growth=False),
)
HOUSEHOLD_SOURCE_METRICS = tuple(
    _m(f"{s}_per_capita_yuan", f"人均{HOUSEHOLD_SOURCE_LABELS[s][0]}", f"{HOUSEHOLD_SOURCE_LABELS[s][1]} per capita", "元")
    for s in HOUSEHOLD_SOURCES)
COLLECTIVE_SOURCE_METRICS = tuple(
    _m(f"collective_{s}_mean_yuan", f"村均{COLLECTIVE_SOURCE_LABELS[s][0]}", f"{COLLECTIVE_SOURCE_LABELS[s][1]} (mean per village)",
       "万元") for s in COLLECTIVE_SOURCES)
DEBT = (
    _m("villages_over_indebted", "过度负债村数（当年）", "villages over-indebted (that year)", "个", growth=False),
    _m("villages_ever_over_indebted", "曾过度负债村数（累计）", "villages ever over-indebted (so far)", "个", growth=False),
    _m("max_debt_ratio", "最高村级负债率（负债/资产）", "highest village debt ratio (debt/assets)", "%", growth=False),
)
PARTNER = (
    _m("partner_operating_mean_yuan", "结对外县村经营性收入（村均）", "partner-county villages' operating income (mean)", "万元"),
    _m("partner_total_mean_yuan", "结对外县村总收入（村均）", "partner-county villages' total income (mean)", "万元"),
)
# Not shown as indicators: what the public cost and the effect per 万元 of public money are
# computed from (every year's government outlays from the ledger's flows, by category, and
# the yearly totals whose gains are set against them).
GOVERNMENT_CATEGORIES = tuple(c.name for c in CATEGORIES if c.payer == "government")
GOVERNMENT_CATEGORIES_EN = {
    "pension": "pensions", "low_income_allowance": "low-income allowance (dibao)",
    "subsidy_household": "subsidies to households", "subsidy_village": "subsidies to villages",
    "public_investment": "public investment", "return_guarantee": "guaranteed returns paid by government",
    "public_works": "public works (land consolidation, scenic upgrades)"}
PUBLIC_SPENDING = _m("public_spending_yuan", "财政支出（当年）", "public spending (that year)", "万元")
COST_INPUTS = (
    PUBLIC_SPENDING,
    *(_m(f"public_{c.name}_yuan", c.zh, GOVERNMENT_CATEGORIES_EN.get(c.name, c.name.replace("_", " ")), "万元")
      for c in CATEGORIES if c.payer == "government"),
    _m("weak_operating_total_yuan", "弱村经营性收入合计", "weak villages' operating income, all together", "万元"),
    _m("household_income_total_yuan", "农户收入合计", "households' income, all together", "万元"),
)
# The part of each headline that transfers and guarantees paid (outputs.effects): its paired
# difference is a policy's transfer part; the headline's difference less it, the induced part.
EFFECT_PARTS = (
    _m("collective_total_transfer_mean_yuan", "村集体总收入中转移/保底支付部分（村均）",
       "collective total income paid by transfers and guarantees (mean per village)", "万元", growth=False),
    _m("collective_operating_transfer_mean_yuan", "村集体经营性收入中保底支付部分（村均）",
       "collective operating income paid by guarantees (mean per village)", "万元", growth=False),
    _m("farmer_transfer_per_capita_yuan", "农民人均收入中转移/保底支付部分",
       "farmer income per capita paid by transfers and guarantees", "元", growth=False),
    _m("low_income_transfer_per_capita_yuan", "低收入农户人均收入中转移/保底支付部分",
       "low-income households' income per capita paid by transfers and guarantees", "元", growth=False),
    _m("weak_total_transfer_mean_yuan", "弱村集体总收入中转移/保底支付部分（村均）",
       "weak villages' total income paid by transfers and guarantees (mean)", "万元", growth=False),
    _m("weak_operating_transfer_mean_yuan", "弱村经营性收入中保底支付部分（村均）",
       "weak villages' operating income paid by guarantees (mean)", "万元", growth=False),
)
ALL = (HEADLINE + VILLAGE_GROUPS + INEQUALITY + HOUSEHOLD_SOURCE_METRICS + COLLECTIVE_SOURCE_METRICS + DEBT + PARTNER
       + EFFECT_PARTS)
BY_NAME = {m.name: m for m in ALL + COST_INPUTS}


def government_outlays(flows_year: pd.DataFrame) -> pd.DataFrame:
    """Government payments per year and category (yuan): rows ``t``, one column per
    government category (zero where nothing was paid)."""
    paid = flows_year[(flows_year["side"] == "paid") & (flows_year["kind"] == "government")]
    wide = paid.pivot_table(index="t", columns="category", values="amount_yuan", aggfunc="sum")
    return wide.reindex(columns=list(GOVERNMENT_CATEGORIES)).fillna(0.0)


def run_to_tidy(county_year: pd.DataFrame, village_year: pd.DataFrame,
                flows_year: pd.DataFrame | None = None) -> pd.DataFrame:
    """One run's metrics as long rows ``t, year, metric, value`` (raw units); with the run's
    flows also its public spending and the totals the cost-effectiveness is computed from."""
    county = county_year.sort_values("t").reset_index(drop=True).copy()
    for s in COLLECTIVE_SOURCES:
        county[f"collective_{s}_mean_yuan"] = county[f"collective_{s}_yuan"] / county["villages"]
    home = village_year[~village_year["is_partner"].astype(bool)]
    by_t = home.groupby("t")
    county["max_debt_ratio"] = county["t"].map(by_t["debt_ratio"].max())
    ever = home[home["over_indebted"].astype(bool)].groupby("village")["t"].min()  # first year each was over
    county["villages_ever_over_indebted"] = [int((ever <= t).sum()) for t in county["t"]]
    names = [m.name for m in ALL]
    if flows_year is not None:
        outlays = government_outlays(flows_year).reindex(county["t"]).fillna(0.0)
        for cat in GOVERNMENT_CATEGORIES:
            county[f"public_{cat}_yuan"] = outlays[cat].to_numpy()
        county[PUBLIC_SPENDING.name] = outlays.sum(axis=1).to_numpy()
        weak = home[home["is_weak"].astype(bool)].groupby("t")["operating_income_yuan"].sum()
        county["weak_operating_total_yuan"] = county["t"].map(weak).fillna(0.0)
        county["household_income_total_yuan"] = county["farmer_income_per_capita_yuan"] * county["members"]
        names += [m.name for m in COST_INPUTS]
    long = county.melt(id_vars=["t", "year"], value_vars=names, var_name="metric", value_name="value")
    long["value"] = long["value"].astype(float)
    long["t"] = long["t"].astype(int)
    long["year"] = long["year"].astype(int)
    return long


def present(tidy: pd.DataFrame, metrics) -> tuple[Metric, ...]:
    """The metrics with at least one finite value in ``tidy`` (e.g. no partner county → none)."""
    finite = tidy.loc[np.isfinite(tidy["value"]), "metric"].unique()
    return tuple(m for m in metrics if m.name in set(finite))
