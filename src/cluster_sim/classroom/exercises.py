"""Write the party-school exercise pack (``docs/teaching/*.md``) from templates and model runs,
so every number in the teacher's notes is what the model says today.

    python -m cluster_sim.classroom.exercises            # rewrite docs/teaching/
    python -m cluster_sim.classroom.exercises --check    # exit 1 when the files are out of date

Runs are kept small (the shipped scenarios, 5 or 8 years, ``SEEDS``): figures are means over
those seeds, rounded as a class would read them, and ``tests/app`` regenerates the pack and
compares it with the committed files.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template

import numpy as np
import pandas as pd

from ..model import ClusterModel
from ..scenario import load_scenario
from .markdown import markdown_table
from .metrics import METRICS, RunTables

SEEDS = (2024, 2025)
ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = ROOT / "scenarios"
OUT = ROOT / "docs" / "teaching"
PAGES = ("README.md", "01_pairing.md", "02_flying_land.md", "03_tourism.md")


@lru_cache(maxsize=None)
def _run(scenario: str, overrides_json: str, seed: int, years: int) -> tuple[ClusterModel, RunTables]:
    overrides = {**json.loads(overrides_json), "simulation.years": years}
    model = ClusterModel(load_scenario(SCENARIOS / scenario, overrides), seed=seed)
    model.run()
    return model, RunTables.of(model)


def runs(scenario: str, overrides: dict, years: int) -> list[tuple[ClusterModel, RunTables]]:
    """The scenario with ``overrides``, once per seed in ``SEEDS``."""
    key = json.dumps(overrides, sort_keys=True)
    return [_run(scenario, key, seed, years) for seed in SEEDS]


def mean(values) -> float:
    return float(np.mean(list(values)))


def metric(scenario: str, overrides: dict, base_overrides: dict, name: str, years: int, t: int | None = None) -> float:
    """An indicator at year ``t`` (default: final), mean over seeds; baseline for comparisons."""
    t = years if t is None else t
    pairs = zip(runs(scenario, overrides, years), runs(scenario, base_overrides, years), strict=True)
    return mean(METRICS[name].value(run, base, t) for (_, run), (_, base) in pairs)


def wan(yuan: float, digits: int = 1) -> str:
    return f"{yuan / 1e4:,.{digits}f}"


def pct(x: float) -> str:
    return f"{100 * x:+.0f}%"


def flow(run: RunTables, side: str, category: str, t_from: int = 0, t_to: int = 10**6) -> float:
    f = run.tables["flows_year"]
    sel = (f["side"] == side) & (f["category"] == category) & (f["t"] >= t_from) & (f["t"] <= t_to)
    return float(f.loc[sel, "amount_yuan"].sum())


# --- exercise 1: 强村带弱村 — which pairing rule narrows the gap most? ---------------------------
def pairing_values() -> dict:
    scenario, years = "pairing.toml", 5
    off = {"policies.pairing.enabled": False}
    variants = {
        "cluster_key": ({"policies.pairing.rule": "cluster_key"}, "片区重点村带本片区薄弱村", "key village of the cluster"),
        "alliance": ({"policies.pairing.rule": "alliance"}, "16 个最强村联盟，最强带最弱", "alliance of the 16 strongest"),
        "alliance_70": ({"policies.pairing.rule": "alliance", "policies.pairing.led_profit_share": 0.7},
                        "强村联盟 + 弱村分成 70%", "alliance, weak village takes 70 % of profit"),
    }
    rows, values = [], {}
    base_gap = metric(scenario, off, off, "strong_weak_gap_ratio", years)
    base_weak = metric(scenario, off, off, "weak_operating_mean_yuan", years)
    base_strong = mean(run.tables["county_year"].set_index("t").loc[years, "strong_operating_mean_yuan"]
                       for _, run in runs(scenario, off, years))
    rows.append(("基线：不结对 / baseline: no pairing", f"{base_gap:.2f}", wan(base_weak), "—", wan(base_strong), "—", "—"))
    for key, (ov, zh, en) in variants.items():
        gap = metric(scenario, ov, off, "strong_weak_gap_ratio", years)
        weak = metric(scenario, ov, off, "weak_operating_mean_yuan", years)
        weak_min = metric(scenario, ov, off, "weak_operating_min_yuan", years)
        strong = mean(run.tables["county_year"].set_index("t").loc[years, "strong_operating_mean_yuan"]
                      for _, run in runs(scenario, ov, years))
        spent = metric(scenario, ov, off, "extra_public_spending_yuan", years)
        rows.append((f"{zh} / {en}", f"{gap:.2f}", wan(weak), pct(weak / base_weak - 1), wan(strong),
                     pct(strong / base_strong - 1), wan(spent, 0)))
        values.update({f"{key}_gap": f"{gap:.2f}", f"{key}_weak": wan(weak), f"{key}_weak_min": wan(weak_min),
                       f"{key}_weak_pct": pct(weak / base_weak - 1), f"{key}_strong_pct": pct(strong / base_strong - 1),
                       f"{key}_spent": wan(spent, 0)})
        values[f"{key}_gap_raw"] = gap
    best = min(variants, key=lambda k: values[f"{k}_gap_raw"])
    close = abs(values["cluster_key_gap_raw"] - values["alliance_gap_raw"]) < 0.1 * base_gap
    values["rule_verdict_zh"] = "谁带谁的差别不大" if close else "谁带谁的差别明显"
    values["rule_verdict_en"] = "who leads matters little" if close else "who leads matters"
    values = {k: v for k, v in values.items() if not k.endswith("_raw")}
    table = pd.DataFrame(rows, columns=["方案 / rule", "强弱比 strong:weak", "弱村均值（万元）", "vs 基线",
                                        "强村均值（万元）", "vs 基线 ", "多花财政（万元）"])
    values.update(base_gap=f"{base_gap:.2f}", base_weak=wan(base_weak), best_zh=variants[best][1],
                  best_en=variants[best][2], table=markdown_table(table, right=tuple(table.columns[1:])),
                  years=years)
    return values


# --- exercise 2: 飞地抱团 — how large must the return guarantee be; what if the park stands empty? --
LOW_DEMAND = 0.2  # firms seeking space per vacant unit a year: a park few firms want (normal ≈ 2)


def flying_land_values() -> dict:
    scenario, years = "flying_land.toml", 8
    off = {"policies.flying_land.enabled": False}
    guarantee = int(load_scenario(SCENARIOS / scenario).data["policies"]["flying_land"]["guarantee_years"])
    invest = float(load_scenario(SCENARIOS / scenario).data["policies"]["flying_land"]["investment_per_village_yuan"])

    def per_village_return(ov: dict, t: int) -> float:
        out = []
        for model, run in runs(scenario, ov, years):
            policy = next(p for p in model.policies if p.name == "flying_land")
            received = sum(flow(run, "received", c, t, t) for c in ("return_flying_land", "return_flying_land_guaranteed"))
            out.append(received / max(len(policy.members), 1))
        return mean(out)

    def guarantee_paid(ov: dict) -> float:
        return mean(flow(run, "paid", "return_guarantee_flying_land") for _, run in runs(scenario, ov, years))

    values: dict = {"years": years, "guarantee_years": guarantee, "invest": wan(invest), "low_demand": f"{LOW_DEMAND:g}"}
    rate_rows = []
    base_weak = metric(scenario, off, off, "weak_operating_mean_yuan", years)
    base_below = metric(scenario, off, off, "weak_villages_below_line", years)
    for rate in (0.06, 0.10, 0.12):
        ov = {"policies.flying_land.return_rate": rate}
        r3 = per_village_return(ov, 3)
        weak = metric(scenario, ov, off, "weak_operating_mean_yuan", years)
        below = metric(scenario, ov, off, "weak_villages_below_line", years)
        spent = metric(scenario, ov, off, "extra_public_spending_yuan", years)
        rate_rows.append((f"{rate:.0%}", wan(r3, 2), wan(weak), pct(weak / base_weak - 1), f"{below:.1f}",
                          wan(spent, 0)))
        values[f"r{round(rate * 100)}_return"] = wan(r3, 2)
        values[f"r{round(rate * 100)}_weak_pct"] = pct(weak / base_weak - 1)
        values[f"r{round(rate * 100)}_below"] = f"{below:.1f}"
    values["base_below"] = f"{base_below:.1f}"
    t1 = pd.DataFrame(rate_rows, columns=["固定回报率 return", "每村每年回报（万元，第3年）", "弱村经营性收入均值（万元）",
                                          "vs 基线", "仍低于薄弱线的弱村数", "多花财政（万元）"])
    values["rate_table"] = markdown_table(t1, right=tuple(t1.columns[1:]))
    vacancy_rows = []
    cases = {
        "normal": ({}, "入驻需求正常，保底 5 年", "normal tenant demand, 5-year guarantee"),
        "empty_fixed": ({"policies.flying_land.tenant_demand": LOW_DEMAND}, "入驻需求低，保底 5 年（东部兜底）",
                        "low tenant demand, 5-year guarantee (host county tops up)"),
        "empty_long": ({"policies.flying_land.tenant_demand": LOW_DEMAND, "policies.flying_land.guarantee_years": years},
                       f"入驻需求低，保底延长到 {years} 年", f"low tenant demand, guarantee extended to {years} years"),
    }
    last = years
    for key, (ov, zh, en) in cases.items():
        early, late = per_village_return(ov, 3), per_village_return(ov, last)
        topup = guarantee_paid(ov)
        vacancy_rows.append((f"{zh} / {en}", wan(early, 2), wan(late, 2), wan(topup, 0)))
        values.update({f"{key}_early": wan(early, 2), f"{key}_late": wan(late, 2), f"{key}_topup": wan(topup, 0)})
    t2 = pd.DataFrame(vacancy_rows, columns=["情形 / case", "每村回报 第3年（万元）", f"每村回报 第{last}年（万元）",
                                             f"{years}年间东部兜底合计（万元）"])
    values["vacancy_table"] = markdown_table(t2, right=tuple(t2.columns[1:]))
    return values


# --- exercise 3: 文旅融合 — why do farm-stays help scenic villages and not the others? -------------
def tourism_values() -> dict:
    scenario, years = "tourism.toml", 5
    off = {"policies.tourism.enabled": False}
    spec = load_scenario(SCENARIOS / scenario)
    min_scenic = float(spec.data["policies"]["tourism"]["min_scenic"])
    threshold = float(spec.data["policies"]["tourism"]["stay_revenue_to_open_yuan"])
    classes = ((0.6, 1.01, "高（≥0.6）", "high (≥ 0.6)"), (min_scenic, 0.6, f"中（{min_scenic:g}–0.6）", f"middle ({min_scenic:g}–0.6)"),
               (0.0, min_scenic, f"低（<{min_scenic:g}）", f"low (< {min_scenic:g})"))

    def by_class(ov: dict) -> pd.DataFrame:
        frames = []
        for (model, _), (base_model, _) in zip(runs(scenario, ov, years), runs(scenario, off, years), strict=True):
            v, h = model.villages, model.households
            policy = next(p for p in model.policies if p.name == "tourism")
            members = np.bincount(h.village, weights=h.members, minlength=v.n)
            business = np.bincount(h.village, weights=h.income_by_source["business"], minlength=v.n)
            base_business = np.bincount(base_model.households.village,
                                        weights=base_model.households.income_by_source["business"], minlength=v.n)
            frames.append(pd.DataFrame({
                "village": np.arange(v.n), "scenic": v.scenic, "home": ~v.is_partner & (v.cluster >= 0),
                "visitors": policy.visitors_last, "stays": np.bincount(h.village, weights=h.runs_stay, minlength=v.n),
                "business_gain_pc": (business - base_business) / np.maximum(members, 1),
                "operating_gain": v.operating_income_last - base_model.villages.operating_income_last}))
        df = pd.concat(frames).groupby("village").mean()
        df = df[df["home"] > 0]
        rows = []
        for lo, hi, zh, en in classes:
            sel = df[(df["scenic"] >= lo) & (df["scenic"] < hi)]
            rows.append({"class": f"{zh} / {en}", "n": len(sel), "visitors": sel["visitors"].mean(),
                         "stays": sel["stays"].mean(), "business": sel["business_gain_pc"].mean(),
                         "operating": sel["operating_gain"].mean()})
        return pd.DataFrame(rows)

    values: dict = {"years": years, "min_scenic": f"{min_scenic:g}", "threshold": wan(threshold, 0)}
    for key, ov in (("on", {}), ("cheap", {"policies.tourism.stay_revenue_to_open_yuan": threshold / 2})):
        table = by_class(ov)
        shown = pd.DataFrame({
            "景观禀赋 / scenery": table["class"], "村数 villages": table["n"],
            "年游客（万人次）": [f"{x / 1e4:,.1f}" for x in table["visitors"]],
            "农家乐（户/村）": [f"{x:,.1f}" for x in table["stays"]],
            "人均经营收入增加（元）": [f"{x:,.0f}" for x in table["business"]],
            "集体经营性收入增加（万元）": [wan(x) for x in table["operating"]]})
        values[f"{key}_table"] = markdown_table(shown, right=tuple(shown.columns[1:]))
        for i, name in enumerate(("high", "mid", "low")):
            values[f"{key}_{name}_stays"] = f"{table['stays'].iloc[i]:,.1f}"
            values[f"{key}_{name}_visitors"] = f"{table['visitors'].iloc[i] / 1e4:,.1f}"
            values[f"{key}_{name}_business"] = f"{table['business'].iloc[i]:,.0f}"
            values[f"{key}_{name}_n"] = str(int(table["n"].iloc[i]))
    values["threshold_half"] = wan(threshold / 2, 0)
    return values


VALUES = {"README.md": dict, "01_pairing.md": pairing_values, "02_flying_land.md": flying_land_values,
          "03_tourism.md": tourism_values}


def render(page: str) -> str:
    template = resources.files(__package__).joinpath("templates", page).read_text("utf-8")
    common = {"seeds": "、".join(str(s) for s in SEEDS), "seeds_en": ", ".join(str(s) for s in SEEDS),
              "generator": "python -m cluster_sim.classroom.exercises"}
    return Template(template).substitute({**common, **VALUES[page]()})


def generate(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for page in PAGES:
        path = out / page
        path.write_text(render(page), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster_sim.classroom.exercises",
                                     description="Regenerate the exercise pack in docs/teaching/ from model runs.")
    parser.add_argument("--out", default=str(OUT), help="folder (default docs/teaching)")
    parser.add_argument("--check", action="store_true", help="compare with the files there instead of writing")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if args.check:
        stale = [p for p in PAGES if not (out / p).is_file() or (out / p).read_text("utf-8") != render(p)]
        for p in stale:
            print(f"out of date: {out / p} (run {parser.prog})", file=sys.stderr)
        return 1 if stale else 0
    for path in generate(out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
