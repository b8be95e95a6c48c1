"""``cluster-sim dev evidence pairing`` → docs/pairing.md: when does 强村带弱村 narrow the gap?

Three views, all paired against the baseline with the same seeds:

1. the channels at the default settings: pairing − baseline, by source of collective income
   (evidence.decomposition), for weak, surrounding and strong villages — who gains what;
2. one mechanism switched off at a time — which channel moves the strong/weak ratio;
3. sampled futures over the pairing's uncertain settings (and the baseline's unsupported
   assumptions): the share of futures in which the ratio narrows, and by tercile of each
   setting (evidence.conditions) — "in x % of futures, mostly where p is high".

The futures' ranges are wider than the sensitivity study's ±25 %: every pairing setting is an
assumption the seeds do not size, so each range spans what the seeds' cases make plausible.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..experiments.parameters import UniformFactor
from ..experiments.samplers import lhs
from .baseline import mean_decomposition, mean_series, pct, wan
from .baseline_runs import ROOT, SEEDS, Job, Result, run_all
from .conditions import conditional_shares, narrowing_share
from .decomposition import GROUPS
from .provenance import page_header, timed_write

YEARS = 10
FUTURES = 40
FUTURE_SEED = 1  # each future runs the baseline and pairing with this one seed (paired)
DESIGN_SEED = 20261207
PAIRING = str(ROOT / "scenarios" / "pairing.toml")
BASELINE = str(ROOT / "scenarios" / "baseline.toml")
RATIO = "strong_weak_gap_ratio"
P = "policies.pairing."

# one mechanism off at a time: (key, 中文, English, overrides of scenarios/pairing.toml)
SWITCHES = (
    ("default", "默认设置", "default settings", ()),
    ("no_jobs", "不共享就业岗位", "no shared jobs", ((P + "share_jobs", False),)),
    ("no_brand", "无片区品牌溢价", "no cluster brand premium", ((P + "brand_uplift", 0.0),)),
    ("no_spillover", "无经验外溢", "no know-how spillover", ((P + "spillover_rate", 0.0),)),
    ("no_own_projects", "被带村不自办项目", "no projects of the led villages' own", ((P + "capability_project_yuan", 0.0),)),
    ("all_profit_to_led", "联建利润全归弱村", "all joint-project profit to the led village", ((P + "led_profit_share", 1.0),)),
    ("far_mentoring", "帮带随距离快速衰减", "mentoring fades fast with distance", ((P + "mentoring_distance_km", 2.0),)),
)

# the futures' settings: (path, low, high, why this range)
RANGES = (
    (P + "spillover_rate", 0.05, 0.30, "slow to fast mentoring"),
    (P + "mentoring_distance_km", 3.0, 30.0, "visits fade within a township to across the county"),
    (P + "capability_governance", 0.45, 0.65, "from the weak villages' upper draws to the key villages' lower"),
    (P + "led_profit_share", 0.3, 0.9, "the leader keeps most to the led village takes most"),
    (P + "leader_capital_share", 0.3, 0.9, "who puts in a joint project's capital"),
    (P + "joint_market_yuan_person", 100.0, 400.0, "half to twice the default market per resident"),
    (P + "brand_uplift", 0.0, 0.16, "no premium to twice the default"),
    (P + "project_yield", 0.10, 0.30, "sales per yuan of capital, half to 1.5 × the default"),
    (P + "productivity_per_governance", 0.0, 1.2, "no effect on enterprises to twice the default"),
    ("collective.subsidy_investable_share", 0.0, 1.0, "the baseline's unsupported assumption (docs/baseline.md)"),
    ("collective.operating_growth", 0.02, 0.06, "rent indexation ± 2 points (docs/baseline.md)"),
)


@dataclass(frozen=True)
class Study:
    baseline: list[Result]  # seeds 1-3
    switches: dict[str, list[Result]]  # switch key → one result per seed
    futures: pd.DataFrame  # one row per future: its settings, then the effects
    years: int
    households: int | None


def future_settings(n: int) -> pd.DataFrame:
    """The futures' settings: a Latin hypercube over RANGES (the sweep's sampler, fixed seed)."""
    factors = tuple(UniformFactor(path, "uncertainty", low=low, high=high) for path, low, high, _ in RANGES)
    unit = lhs(factors, n, DESIGN_SEED)
    return pd.DataFrame({f.key: f.from_unit(unit[:, j]) for j, f in enumerate(factors)})


def _final(result: Result, column: str) -> float:
    return float(result.county.sort_values("t")[column].iloc[-1])


def study(years: int = YEARS, futures: int = FUTURES, households: int | None = None,
          workers: int | None = None) -> Study:
    settings = future_settings(futures)
    jobs = [Job(BASELINE, (), seed, years, households, decompose=True) for seed in SEEDS]
    for key, _, _, overrides in SWITCHES:
        jobs += [Job(PAIRING, overrides, seed, years, households, decompose=key == "default") for seed in SEEDS]
    for row in settings.itertuples(index=False):
        overrides = tuple(zip(settings.columns, map(float, row)))
        economy = tuple(o for o in overrides if not o[0].startswith(P))
        jobs += [Job(BASELINE, economy, FUTURE_SEED, years, households, decompose=False),
                 Job(PAIRING, overrides, FUTURE_SEED, years, households, decompose=False)]
    results = run_all(jobs, workers)
    k = len(SEEDS)
    baseline, rest = results[:k], results[k:]
    switches = {key: rest[i * k:(i + 1) * k] for i, (key, *_) in enumerate(SWITCHES)}
    pairs = rest[len(SWITCHES) * k:]
    def effect(column: str) -> list[float]:  # pairing − baseline of each future, final year
        return [_final(p, column) - _final(b, column) for b, p in zip(pairs[::2], pairs[1::2])]

    effects = pd.DataFrame({"ratio_effect": effect(RATIO), "weak_gain_yuan": effect("weak_operating_mean_yuan"),
                            "strong_gain_yuan": effect("strong_operating_mean_yuan")})
    return Study(baseline, switches, pd.concat([settings, effects], axis=1), years, households)


# --- rendering -------------------------------------------------------------------------------
def channels_section(s: Study) -> list[str]:
    lines = ["## 1. 谁从结对中得到什么 Who gains what, by source", "",
             f"第{s.years}年村均经营性收入，强村带弱村（默认设置）减基准，种子 {', '.join(map(str, SEEDS))} 的平均（万元）。",
             f"Operating income per village in year {s.years}, pairing (default settings) minus the baseline, "
             f"averaged over seeds {', '.join(map(str, SEEDS))} (万元).", "",
             "| 来源 source | " + " | ".join(f"{zh} {en}" for _, zh, en in GROUPS) + " |",
             "|---|" + "---|" * len(GROUPS)]
    tables = {g: (mean_decomposition(s.switches["default"], g), mean_decomposition(s.baseline, g)) for g, *_ in GROUPS}
    first = tables[GROUPS[0][0]][0]
    for source in first.index:
        if not first.loc[source, "operating"]:
            continue
        cells = [wan(p.loc[source, "level_t1"] - b.loc[source, "level_t1"]) for p, b in tables.values()]
        lines.append(f"| {first.loc[source, 'zh']} {first.loc[source, 'en']} | " + " | ".join(cells) + " |")
    totals = [wan(sum(p.loc[i, "level_t1"] - b.loc[i, "level_t1"] for i in p.index if p.loc[i, "operating"]))
              for p, b in tables.values()]
    lines += ["| **合计 total** | " + " | ".join(f"**{t}**" for t in totals) + " |", ""]
    return lines


def switches_section(s: Study) -> list[str]:
    base_ratio = mean_series(s.baseline, RATIO)[-1]
    lines = ["## 2. 逐一关闭一个机制 One mechanism off at a time", "",
             f"基准第{s.years}年强弱村比 {base_ratio:.2f}。每行只改表中参数，与基准同种子相比。",
             f"The baseline's strong/weak ratio in year {s.years} is {base_ratio:.2f}. Each row changes only the "
             "parameters named, against the baseline with the same seeds.", "",
             "| 结对设置 pairing settings | 参数 parameters | 强弱村比之差 ratio effect | 弱村增收 weak villages' gain (万元) "
             "| 强村增收 strong villages' gain (万元) | 强村增收 ÷ 弱村增收 strong gain ÷ weak gain |",
             "|---|---|---|---|---|---|"]
    for key, zh, en, overrides in SWITCHES:
        rs = s.switches[key]
        ratio = mean_series(rs, RATIO)[-1] - base_ratio
        weak = mean_series(rs, "weak_operating_mean_yuan")[-1] - mean_series(s.baseline, "weak_operating_mean_yuan")[-1]
        strong = (mean_series(rs, "strong_operating_mean_yuan")[-1]
                  - mean_series(s.baseline, "strong_operating_mean_yuan")[-1])
        params = ", ".join(f"`{p} = {v}`" for p, v in overrides) or "—"
        times = f"{strong / weak:.1f}" if weak > 0 else "—"
        lines.append(f"| {zh} {en} | {params} | {ratio:+.2f} | {wan(weak)} | {wan(strong)} | {times} |")
    lines += ["", f"强弱村比下降，当且仅当强村增收与弱村增收之比低于基准的强弱村比（{base_ratio:.2f}）。",
              f"The ratio falls exactly when the strong villages' gain is less than {base_ratio:.2f} times the weak "
              "villages' gain (the baseline's ratio).", ""]
    return lines


def futures_section(s: Study) -> list[str]:
    f = s.futures
    settings = f[[r[0] for r in RANGES]]
    share = narrowing_share(f["ratio_effect"])
    weak_up = float((f["weak_gain_yuan"] > 0).mean())
    lines = ["## 3. 在多少种未来里结对缩小差距 In how many futures pairing narrows the gap", "",
             f"{len(f)} 个拉丁超立方抽样的未来；每个未来里基准与强村带弱村用同一种子（{FUTURE_SEED}）运行{s.years}年。",
             f"{len(f)} Latin-hypercube futures; in each, the baseline and pairing run {s.years} years with the same "
             f"seed ({FUTURE_SEED}). The baseline of a future takes its non-pairing settings.", "",
             f"- 强弱村比缩小的未来占 **{pct(share, 0)}** — the ratio narrows in **{pct(share, 0)}** of futures;",
             f"- 弱村经营性收入提高的未来占 {pct(weak_up, 0)} — weak villages' operating income rises in "
             f"{pct(weak_up, 0)};",
             f"- 强弱村比之差的中位数 median ratio effect {f['ratio_effect'].median():+.2f} "
             f"[{f['ratio_effect'].min():+.2f}, {f['ratio_effect'].max():+.2f}].", "",
             "取值范围 ranges:", "", "| 参数 parameter | 范围 range | 依据 why |", "|---|---|---|"]
    lines += [f"| `{p}` | {lo:g} – {hi:g} | {why} |" for p, lo, hi, why in RANGES]
    lines += ["", "各参数三分位内比值缩小的未来占比（按高低两端之差排序）：",
              "Share of futures in which the ratio narrows, within each setting's low, mid and high tercile "
              "(largest spread high − low first):", "",
              "| 参数 parameter | 低 low | 中 mid | 高 high | 高−低 spread |", "|---|---|---|---|---|"]
    for row in conditional_shares(settings, f["ratio_effect"]).itertuples(index=False):
        lines.append(f"| `{row.parameter}` | {pct(row.low, 0)} | {pct(row.mid, 0)} | {pct(row.high, 0)} | "
                     f"{100 * row.spread:+.0f} pp |")
    return [*lines, ""]


def render(s: Study, meta: dict) -> str:
    lines = [*page_header("强村带弱村何时缩小差距 When pairing narrows the gap", "cluster-sim dev evidence pairing",
                          "src/cluster_sim/evidence/pairing_conditions.py", meta, s.households),
             *channels_section(s), *switches_section(s), *futures_section(s)]
    return "\n".join(lines).rstrip("\n") + "\n"


def write(out: Path = ROOT / "docs" / "pairing.md", years: int = YEARS, futures: int = FUTURES,
          households: int | None = None, workers: int | None = None,
          command: str = "cluster-sim dev evidence pairing") -> Path:
    return timed_write(out, lambda: study(years, futures, households, workers), render, command)
