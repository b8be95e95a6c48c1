"""``cluster-sim dev evidence baseline`` → docs/baseline.md: what makes the baseline's weak villages
grow, from the booked flows; each source against a public figure or the seeds; what the baseline
looks like with each unsupported assumption switched off; and the province target, per package,
with the reason it is or is not met.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .baseline_runs import ROOT, SEEDS, Job, Result, run_all
from .decomposition import GROUPS
from .provenance import page_header, timed_write
from .target import BUILD_YEARS, UPLIFT, points, verdict

YEARS = 10
# the assumptions without a public figure, each switched off by a registry parameter
VARIANTS = (
    ("baseline", "基准（默认假设）", "baseline (default assumptions)", ()),
    ("no_subsidy_investment", "补助不留存投资", "subsidies not invested", (("collective.subsidy_investable_share", 0.0),)),
    ("no_rent_indexation", "物业租金不递增", "rents not indexed", (("collective.operating_growth", 0.0),)),
    ("no_borrowing", "不举债投资", "no borrowing to invest", (("collective.borrow_target_share", 0.0),)),
    ("no_return_draws", "股份回报无随机波动", "share returns without draws", (("collective.investment_return_sd", 0.0),)),
    ("no_reinvestment", "留存资金不再投资", "no reinvestment of retained cash", (("collective.reserve_months", 1200.0),)),
    ("none_of_these", "以上都关闭", "all of these off", (("collective.subsidy_investable_share", 0.0),
                                                       ("collective.operating_growth", 0.0),
                                                       ("collective.borrow_target_share", 0.0),
                                                       ("collective.investment_return_sd", 0.0))),
)
PACKAGES = ("pairing", "flying_land", "tourism", "common_prosperity", "land_consolidation", "credit", "low_income_support",
            "young_entrepreneurs", "industrial_chain", "industrial_chain_surrounding", "full_cluster")
GROUP_COLUMN = {"weak": "weak_operating_mean_yuan", "surrounding": "surrounding_operating_mean_yuan",
                "strong": "strong_operating_mean_yuan"}


@dataclass(frozen=True)
class Study:
    variants: dict[str, list[Result]]  # variant key → one result per seed
    packages: dict[str, list[Result]]  # package → one result per seed ("baseline": scenarios/baseline.toml)
    years: int
    households: int | None


def jobs(years: int, households: int | None) -> tuple[list[Job], list[tuple[str, str]]]:
    out, keys = [], []
    for key, _, _, overrides in VARIANTS:
        for seed in SEEDS:
            out.append(Job(None, overrides, seed, years, households, decompose=key == "baseline"))
            keys.append(("variant", key))
    for name in ("baseline", *PACKAGES):
        for seed in SEEDS:
            out.append(Job(str(ROOT / "scenarios" / f"{name}.toml"), (), seed, years, households, decompose=False))
            keys.append(("package", name))
    return out, keys


def study(years: int = YEARS, households: int | None = None, workers: int | None = None) -> Study:
    todo, keys = jobs(years, households)
    variants: dict[str, list[Result]] = {}
    packages: dict[str, list[Result]] = {}
    for (kind, key), result in zip(keys, run_all(todo, workers), strict=True):
        (variants if kind == "variant" else packages).setdefault(key, []).append(result)
    return Study(variants, packages, years, households)


# --- numbers ---------------------------------------------------------------------------------
def mean_series(results: list[Result], column: str) -> np.ndarray:
    return np.mean([r.county.sort_values("t")[column].to_numpy(float) for r in results], axis=0)


def cagr(series: np.ndarray, t0: int, t1: int) -> float:
    return float((series[t1] / series[t0]) ** (1 / (t1 - t0)) - 1)


def mean_decomposition(results: list[Result], group: str) -> pd.DataFrame:
    tables = [r.decomposition[group].set_index("source") for r in results]
    out = tables[0][["zh", "en", "operating"]].copy()
    for col in ("level_t0", "level_t1", "change"):
        out[col] = np.mean([t[col].to_numpy() for t in tables], axis=0)
    return out


# --- rendering -------------------------------------------------------------------------------
def title(name: str) -> tuple[str, str]:
    """A library scenario's Chinese and English titles (its file's [meta])."""
    meta = tomllib.loads((ROOT / "scenarios" / f"{name}.toml").read_text(encoding="utf-8")).get("meta", {})
    return meta.get("title_zh", name), meta.get("title_en", name)


def wan(x: float) -> str:
    return f"{round(x / 1e4, 1) + 0.0:,.1f}"  # + 0.0: no "-0.0" for a rounding residue


def pct(x: float, digits: int = 1) -> str:
    return f"{round(100 * x, digits) + 0.0:.{digits}f}%" if np.isfinite(x) else "—"


def decomposition_section(s: Study) -> list[str]:
    base = s.variants["baseline"]
    lines = ["## 1. 增长从哪里来 Where the growth comes from", "",
             f"村均（万元），基年（第0年）到第{s.years}年，种子 {', '.join(map(str, SEEDS))} 的平均。各来源取自账本记账的流量"
             "（物业租金按出资来源与递增拆分，股份回报按出资来源拆分），经营性来源之和等于村级表记录的经营性收入变化。",
             f"Mean per village (万元), base year (year 0) to year {s.years}, averaged over seeds "
             f"{', '.join(map(str, SEEDS))}. Every source is read from the ledger's booked flows (building rents split "
             "into their indexation and the floor's funding vintage, share returns by the stakes' funding vintage); the "
             "operating sources add up to the change in operating income the village table records.", ""]
    for group, zh, en in GROUPS:
        d = mean_decomposition(base, group)
        op = d[d["operating"]]
        recorded = mean_series(base, GROUP_COLUMN[group])
        change = float(op["change"].sum())
        growth = cagr(recorded, 0, s.years)
        lines += [f"### {zh} {en}", "",
                  f"经营性收入 operating income: {wan(recorded[0])} → {wan(recorded[-1])} 万元，年均 {pct(growth)} a year; "
                  f"来源之和 sources add up to {wan(change)}，记录的变化 recorded change {wan(recorded[-1] - recorded[0])}.",
                  "", "| 来源 source | 基年 base year | 末年 final year | 变化 change | 占经营性收入变化 share of the operating "
                  "change | 折合年增速 growth a year (pp) |", "|---|---|---|---|---|---|"]
        for key, row in d.iterrows():
            share = row["change"] / change if row["operating"] and change else float("nan")
            lines.append(f"| {row['zh']} {row['en']} | {wan(row['level_t0'])} | {wan(row['level_t1'])} | "
                         f"{wan(row['change'])} | {pct(share) if row['operating'] else '—（非经营性 not operating）'} | "
                         f"{points(share * growth) if row['operating'] else '—'} |")
        lines.append("")
    return lines


def sizes_section(s: Study) -> list[str]:
    from cluster_sim.scenario.registry import BY_PATH

    base = s.variants["baseline"]
    weak = mean_decomposition(base, "weak")
    subsidies_all = float(np.mean([r.county.sort_values("t")["collective_subsidies_yuan"].iloc[0]
                                   / r.county["villages"].iloc[0] for r in base]))
    rent0, rent1 = np.mean([r.land_rent_yuan_mu for r in base], axis=0)
    p = {k: BY_PATH[k].default for k in ("collective.building_rent_yuan_m2_year", "collective.building_cost_yuan_m2",
                                         "collective.operating_growth", "collective.investment_return",
                                         "collective.subsidy_investable_share", "collective.spending_share")}
    return ["## 2. 各来源的大小与公开数字 Each source against a public figure or the seeds", "",
            "| 来源 source | 模型 model | 公开数字或种子文件 public figure or seed | 判断 reading |", "|---|---|---|---|",
            f"| 财政补助（村均，基年） government transfer per village, base year | {wan(subsidies_all)} 万元; 弱村 weak "
            f"{wan(weak.loc['subsidies', 'level_t0'])} 万元 | DOMAIN.md: 嘉兴858个村非经营性收入约3.0 m/村 (5.17 bn − 2.58 bn, "
            "2024) | 总量有据；弱村与强村拿同样的基数（按户另加），消薄村补助多少、能否留存投资，无公开数字 — the total is "
            "sourced; that weak villages get the same base, and how much of it they may keep and invest, is not |",
            f"| 补助可留存投资比例 investable share of the transfer | {p['collective.subsidy_investable_share']:g}（支出 "
            f"spending {p['collective.spending_share']:.0%} of income） | 无 none | 假设，开关 assumption, switch "
            "`collective.subsidy_investable_share` |",
            f"| 物业租金 building rent | {p['collective.building_rent_yuan_m2_year']:,.0f} 元/m²/年 on "
            f"{p['collective.building_cost_yuan_m2']:,.0f} 元/m² ({p['collective.building_rent_yuan_m2_year'] / p['collective.building_cost_yuan_m2']:.1%}) "
            "| DOMAIN.md: 平湖5村联建物业 37.46 m 投资、7.6 m/年 (20 %, 2009–12) | 模型收益率低于2009–12年的物业 model "
            "yield below the 2009–12 properties (docs/calibration.md) |",
            f"| 物业租金年递增 rent indexation | {p['collective.operating_growth']:.0%} a year | 无 none (嘉兴农民收入 +5.2 %, "
            "2024) | 假设，开关 assumption, switch `collective.operating_growth = 0` |",
            f"| 股份回报 share returns | {p['collective.investment_return']:.0%} a year mean | 000: 共富项目 8 % 分红 "
            "| 有据 sourced |",
            f"| 土地流转租金（村均） land rent per mu | {rent0:,.0f} → {rent1:,.0f} 元/亩 | DOMAIN.md: > 1,000 元/亩 "
            "(2014); 000: 800 → 1,200 | 有据 sourced |",
            "| 飞地抱团回报 flying-land return | 0（基准无此政策 none in the baseline） | 002: 约60,000 元/村/年 | — |",
            "| 初始禀赋的均值回归 mean reversion of initial draws | 见第1节“原有物业/原有股份”两行 see the initial-floor "
            "and initial-stake rows | — | 基年没有暂时性冲击（基年回报取均值，公司生产率为1），弱村按基年收入划分不会"
            "向均值回归 the base year carries no transitory draw (it earns the mean return; companies start at "
            "productivity 1), so selecting weak villages on it cannot regress to the mean |", ""]


def dynamics_section(s: Study) -> list[str]:
    base = s.variants["baseline"]
    surrounding = mean_series(base, "surrounding_operating_mean_yuan")
    weak = mean_series(base, "weak_operating_mean_yuan")
    c, t1 = BUILD_YEARS, s.years
    g_build, g_window = cagr(surrounding, 0, c), cagr(surrounding, c, t1)
    return ["## 3. 省定目标所说的“建设前”增速 The pre-construction growth the province target refers to", "",
            "省里要求片区建成后周边村经营性收入年增幅比建设前提高20%以上（001）。模型没有建设前的历史，以同种子的基准情景代替；"
            "公开资料里没有周边村或薄弱村建设前的增速数字。",
            "The province asks that surrounding villages' operating income grow 20 % more after a cluster is built "
            "than before (001). The model has no history before construction; the baseline run with the same seeds "
            "stands in. No public source gives surrounding or weak villages' growth before construction.", "",
            "| 基准情景 baseline | 年均增速 growth a year |", "|---|---|",
            f"| 周边村，建设期（第0–{c}年） surrounding villages, build years (0–{c}) | {pct(g_build)} |",
            f"| 周边村，考察期（第{c}–{t1}年） surrounding villages, growth window ({c}–{t1}) | {pct(g_window)} |",
            f"| 弱村，全期（第0–{t1}年） weak villages, whole run (0–{t1}) | {pct(cagr(weak, 0, t1))} |",
            "", f"相对口径要求考察期增速至少 {pct((1 + UPLIFT) * g_window)}（基准的1.2倍，即多 {100 * UPLIFT * g_window:.2f} 个百分点）；"
            f"百分点口径要求至少 {pct(g_window + UPLIFT)}。",
            f"The relative reading asks for at least {pct((1 + UPLIFT) * g_window)} in the window (1.2 × the baseline, "
            f"{100 * UPLIFT * g_window:.2f} points more); the points reading asks for at least {pct(g_window + UPLIFT)}.", ""]


def variants_section(s: Study) -> list[str]:
    lines = ["## 4. 去掉一项假设后的基准 The baseline without each assumption", "",
             f"种子 {', '.join(map(str, SEEDS))} 的平均；基准之外每行只改表中参数。 Averaged over the seeds; each row changes "
             "only the parameters named.", "",
             "| 情景 variant | 参数 parameters | 弱村经营性收入年均增速 weak villages' growth a year | 强弱村比 strong/weak ratio "
             f"(第0年 → 第{s.years}年) | 低于薄弱线的村占比 share below the weak line | 周边村考察期增速 surrounding, growth "
             "window |", "|---|---|---|---|---|---|"]
    for key, zh, en, overrides in VARIANTS:
        rs = s.variants[key]
        weak, ratio = mean_series(rs, "weak_operating_mean_yuan"), mean_series(rs, "strong_weak_gap_ratio")
        below = mean_series(rs, "share_villages_below_weak_line")
        surrounding = mean_series(rs, "surrounding_operating_mean_yuan")
        params = ", ".join(f"`{k} = {v:g}`" for k, v in overrides) or "—"
        lines.append(f"| {zh} {en} | {params} | {pct(cagr(weak, 0, s.years))} | {ratio[0]:.2f} → {ratio[-1]:.2f} | "
                     f"{pct(below[0])} → {pct(below[-1])} | {pct(cagr(surrounding, BUILD_YEARS, s.years))} |")
    return [*lines, ""]


def target_section(s: Study) -> list[str]:
    base = s.packages["baseline"]
    b = mean_series(base, "surrounding_operating_mean_yuan")
    b_money = mean_series(base, "public_spending_yuan")
    lines = ["## 5. 省定目标，逐个方案 The province target, package by package", "",
             f"周边村经营性收入（村均）第{BUILD_YEARS}年末到第{s.years}年的年均增速，方案与基准（scenarios/baseline.toml，"
             "同种子）相比；未达到时给出从运行结果算出的原因（evidence/target.py）。",
             f"Surrounding villages' mean operating income, growth a year from the end of year {BUILD_YEARS} to year "
             f"{s.years}, package against the baseline (scenarios/baseline.toml, same seeds); a failure is given the "
             "reason the run shows (evidence/target.py).", "",
             "| 方案 package | 增速 growth | 基准 baseline | 相对口径 relative (≥ 1.2×) | 百分点口径 points (≥ +20 pp) | "
             f"依据 facts: 期末增量 final gain (万元) / 第{BUILD_YEARS}年末已到位 in place by year {BUILD_YEARS} / "
             "最大效应 largest effect (% of income) |",
             "|---|---|---|---|---|---|"]
    for name in PACKAGES:
        rs = s.packages[name]
        v = verdict(b, mean_series(rs, "surrounding_operating_mean_yuan"), mean_series(rs, "public_spending_yuan") - b_money)
        zh, en = title(name)
        cells = [("达到 met" if met else f"未达到 not met：{v.text(reading, 'zh')}；{v.text(reading, 'en')}")
                 for reading, met in (("relative", v.relative_met), ("points", v.points_met))]
        f = v.facts
        lines.append(f"| {zh} {en} | {pct(v.growth, 2)} | {pct(v.baseline_growth, 2)} | {cells[0]} | {cells[1]} | "
                     f"{wan(f['final_gain'])} / {pct(f['step_share'], 0)} / {pct(f['reach'])} |")
    return [*lines, ""]


def render(s: Study, meta: dict) -> str:
    lines = [*page_header("基准情景分解 The baseline, decomposed", "cluster-sim dev evidence baseline",
                          "src/cluster_sim/evidence/baseline.py", meta, s.households,
                          "tests/evidence/test_baseline_page.py checks that this page is what the generator writes."),
             *decomposition_section(s), *sizes_section(s), *dynamics_section(s), *variants_section(s), *target_section(s)]
    return "\n".join(lines).rstrip("\n") + "\n"


def write(out: Path = ROOT / "docs" / "baseline.md", years: int = YEARS, households: int | None = None,
          workers: int | None = None, command: str = "cluster-sim dev evidence baseline") -> Path:
    return timed_write(out, lambda: study(years, households, workers), render, command)

