"""The indicator catalogue: every measured quantity's words, unit and direction, declared once.

The comparison report, the run summary, the policy-effect decomposition, the classroom goals
and the evidence studies all name an indicator and read its words here, so one indicator
cannot be called two things (tests/test_indicator_catalogue.py fails when a table defines
words of its own). Values are always stored in raw units (yuan, shares as fractions); ``unit``
is what a reader is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..accounts import (CATEGORIES, COLLECTIVE_SOURCE_LABELS, COLLECTIVE_SOURCES, HOUSEHOLD_SOURCE_LABELS,
                        HOUSEHOLD_SOURCES)

UNITS = {"万元": "万元 (10,000 yuan)", "元": "yuan", "倍": "times", "个": "villages", "%": "%", "": ""}
DIVISORS = {"万元": 1e4, "%": 0.01}  # shares are stored as fractions and shown in per cent


@dataclass(frozen=True)
class Metric:
    """One measured quantity. ``growth``: an average annual growth rate of it is meaningful.
    ``aliases``: earlier Chinese names a teacher's file may still use."""

    name: str
    zh: str
    en: str
    unit: str = ""  # shown: "万元", "元", "倍", "个", "%" or "" (a pure number such as a Gini)
    growth: bool = True
    higher_is_better: bool = True
    aliases: tuple[str, ...] = ()

    @property
    def divisor(self) -> float:
        return DIVISORS.get(self.unit, 1.0)

    @property
    def unit_en(self) -> str:
        return UNITS[self.unit]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def format(self, value: float | None, lang: str = "zh") -> str:
        """The value as shown; a tiny negative that rounds to zero shows as 0, not "-0.0"."""
        if value is None or math.isnan(value):
            return "—"
        shown = self._shown(value)
        if self.unit == "万元":
            return f"{shown:,.1f} {'万元' if lang == 'zh' else '×10k yuan'}"
        if self.unit == "元":
            return f"{shown:,.0f} {'元' if lang == 'zh' else 'yuan'}"
        if self.unit == "个":
            return f"{shown:.0f}"
        if self.unit == "%":
            return f"{shown:.1f}%"
        return f"{shown:.3f}"

    def format_change(self, value: float | None, lang: str = "zh") -> str:
        """A difference: "+1.2 万元", "-0.4 万元", or "0.0 万元" when it rounds to nothing."""
        text = self.format(value, lang)
        return "+" + text if text != "—" and self._shown(value) > 0 else text

    def _shown(self, value: float) -> float:
        """The number as displayed (in the unit, rounded to its decimals; never -0.0)."""
        decimals = {"万元": 1, "元": 0, "个": 0, "%": 1}.get(self.unit, 3)
        return round(value / self.divisor, decimals) + 0.0


def _m(name, zh, en, unit="", growth=True, better=True, aliases=()) -> Metric:
    return Metric(name, zh, en, unit, growth, better, tuple(aliases))


_GOVERNMENT_EN = {
    "pension": "pensions", "low_income_allowance": "low-income allowance (dibao)",
    "subsidy_household": "subsidies to households", "wage_public_post": "wages of assigned public posts",
    "subsidy_village": "subsidies to villages",
    "public_investment": "public investment", "return_guarantee": "guaranteed returns paid by government",
    "public_works": "public works (land consolidation, scenic upgrades)"}

CATALOGUE: tuple[Metric, ...] = (
    # collective income
    _m("collective_income_total_mean_yuan", "村集体总收入（村均）", "collective income, total (mean per village)", "万元",
       aliases=["村均总收入"]),
    _m("collective_income_operating_mean_yuan", "村集体经营性收入（村均）", "collective operating income (mean per village)",
       "万元", aliases=["村均经营性收入", "村均集体经营性收入"]),
    _m("collective_income_total_yuan", "村集体总收入（合计）", "collective income, total (county)", "万元"),
    _m("collective_income_operating_yuan", "村集体经营性收入（合计）", "collective operating income (county)", "万元"),
    *(_m(f"collective_{s}_mean_yuan", f"村均{COLLECTIVE_SOURCE_LABELS[s][0]}",
         f"{COLLECTIVE_SOURCE_LABELS[s][1]} (mean per village)", "万元") for s in COLLECTIVE_SOURCES),
    # farmer income
    _m("farmer_income_per_capita_yuan", "农民人均可支配收入", "farmer income per capita", "元"),
    _m("low_income_income_per_capita_yuan", "低收入农户人均收入", "low-income households' income per capita", "元",
       aliases=["低收入农户人均可支配收入"]),
    *(_m(f"{s}_per_capita_yuan", f"人均{HOUSEHOLD_SOURCE_LABELS[s][0]}", f"{HOUSEHOLD_SOURCE_LABELS[s][1]} per capita",
         "元") for s in HOUSEHOLD_SOURCES),
    _m("household_income_total_yuan", "农户收入合计", "households' income, all together", "万元"),
    # village groups
    _m("strong_operating_mean_yuan", "强村经营性收入（村均）", "strong villages' operating income (mean)", "万元"),
    _m("weak_operating_mean_yuan", "薄弱村经营性收入（村均）", "weak villages' operating income (mean)", "万元",
       aliases=["弱村经营性收入（村均）", "薄弱村经营性收入均值"]),
    _m("weak_total_mean_yuan", "薄弱村集体总收入（村均）", "weak villages' total income (mean)", "万元",
       aliases=["弱村集体总收入（村均）", "薄弱村集体总收入均值"]),
    _m("weak_operating_min_yuan", "薄弱村经营性收入最低值", "lowest operating income of a weak village", "万元"),
    _m("weak_operating_total_yuan", "薄弱村经营性收入合计", "weak villages' operating income, all together", "万元",
       aliases=["弱村经营性收入合计"]),
    _m("weak_villages_below_line", "低于薄弱线的薄弱村个数", "weak villages still below the weak line", "个",
       growth=False, better=False),
    _m("share_villages_below_weak_line", "经营性收入低于薄弱线的村占比", "share of villages below the weak line", "%",
       growth=False, better=False, aliases=["低于薄弱线的村比例"]),
    _m("strong_weak_gap_ratio", "强弱村经营性收入比", "strong/weak operating-income ratio", "倍", growth=False,
       better=False, aliases=["强弱村经营性收入之比"]),
    _m("key_operating_mean_yuan", "重点村经营性收入（村均）", "key villages' operating income (mean)", "万元"),
    _m("surrounding_operating_mean_yuan", "周边村经营性收入（村均）", "surrounding villages' operating income (mean)", "万元",
       aliases=["片区周边村经营性收入均值"]),
    _m("partner_operating_mean_yuan", "结对外县村经营性收入（村均）", "partner-county villages' operating income (mean)",
       "万元", aliases=["结对山区村经营性收入均值"]),
    _m("partner_total_mean_yuan", "结对外县村总收入（村均）", "partner-county villages' total income (mean)", "万元"),
    # inequality
    _m("gini_collective", "村集体总收入的村间基尼系数", "Gini of collective total income across villages", growth=False,
       better=False, aliases=["村集体收入基尼系数", "村集体总收入村间基尼系数"]),
    _m("gini_household", "农户人均收入基尼系数", "Gini of household income per capita", growth=False, better=False,
       aliases=["农户收入基尼系数"]),
    # debt
    _m("villages_over_indebted", "突破负债红线的村数", "villages over the debt red line", "个", growth=False,
       better=False, aliases=["过度负债村数（当年）"]),
    _m("villages_ever_over_indebted", "曾突破负债红线的村数（累计）", "villages ever over the debt red line (so far)", "个",
       growth=False, better=False, aliases=["曾过度负债村数（累计）"]),
    _m("max_debt_ratio", "最高村级负债率（负债/资产）", "highest village debt ratio (debt/assets)", "%", growth=False,
       better=False),
    # public money
    _m("public_spending_yuan", "财政支出（当年）", "public spending (that year)", "万元", better=False),
    *(_m(f"public_{c.name}_yuan", c.zh, _GOVERNMENT_EN.get(c.name, c.name.replace("_", " ")), "万元", better=False)
      for c in CATEGORIES if c.payer == "government"),
    _m("extra_public_spending_yuan", "比基线多花的财政资金（累计）", "public money spent beyond the baseline (to date)",
       "万元", growth=False, better=False),
    # the part of each headline that transfers and guarantees paid (outputs.effects)
    _m("collective_total_transfer_mean_yuan", "村集体总收入中转移/保底支付部分（村均）",
       "collective total income paid by transfers and guarantees (mean per village)", "万元", growth=False),
    _m("collective_operating_transfer_mean_yuan", "村集体经营性收入中保底支付部分（村均）",
       "collective operating income paid by guarantees (mean per village)", "万元", growth=False),
    _m("farmer_transfer_per_capita_yuan", "农民人均收入中转移/保底支付部分",
       "farmer income per capita paid by transfers and guarantees", "元", growth=False),
    _m("low_income_transfer_per_capita_yuan", "低收入农户人均收入中转移/保底支付部分",
       "low-income households' income per capita paid by transfers and guarantees", "元", growth=False),
    _m("weak_total_transfer_mean_yuan", "薄弱村集体总收入中转移/保底支付部分（村均）",
       "weak villages' total income paid by transfers and guarantees (mean)", "万元", growth=False),
    _m("weak_operating_transfer_mean_yuan", "薄弱村经营性收入中保底支付部分（村均）",
       "weak villages' operating income paid by guarantees (mean)", "万元", growth=False),
    # running totals the evidence studies read (evidence/measures.py)
    _m("weak_operating_cum_yuan", "薄弱村经营性收入累计", "weak villages' operating income, cumulated", "万元",
       growth=False),
    _m("public_money_cum_yuan", "财政支出累计", "public money spent, cumulated", "万元", growth=False, better=False),
)
INDICATORS: dict[str, Metric] = {m.name: m for m in CATALOGUE}


def indicator(name: str) -> Metric:
    """The catalogue entry of ``name`` (a KeyError names the indicator a table asked for)."""
    try:
        return INDICATORS[name]
    except KeyError:
        raise KeyError(f"{name!r} is not in the indicator catalogue (outputs/indicators.py)") from None


def indicators(*names: str) -> tuple[Metric, ...]:
    return tuple(indicator(n) for n in names)


def outcome_words(column: str, at: str | int = "final", over: str = "") -> str:
    """The Chinese name of one number measured from a run's yearly table (an experiment's
    outcome), built from the catalogue's words; "" for a column the catalogue does not hold
    (a user's own runner may return any column)."""
    if column not in INDICATORS or (over and over not in INDICATORS):
        return ""
    zh = INDICATORS[column].zh
    if over:
        return f"{zh}与{INDICATORS[over].zh}的增长倍数之比"
    if at == "growth":
        return f"{zh}年均增长率"
    return f"{zh}（末年）" if at == "final" else f"{zh}（第 {at} 年）"
