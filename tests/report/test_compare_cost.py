"""Public cost per package, recomputed from independent runs' ledger flows; the effect per
万元 and its ranking; the bottom line, target and interval explanations in both languages."""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cluster_sim.report import explain
from cluster_sim.report.explain import interval_explanation, target_explanation
from cluster_sim.runner import simulate
from cluster_sim.scenario import load_scenario

DATA = Path(__file__).resolve().parent / "data"
REPS, YEARS, SEED = 3, 2, 11  # as the ``comparison`` fixture runs it

FILES = {"base": "base.toml", "wages": "wages.toml", "subsidy": "subsidy.toml"}


@pytest.fixture(scope="module")
def ledger_totals():
    """Per scenario and replication, straight from a fresh simulation with the report's seed:
    government payments summed over every simulated year (in all and by category), and the
    run totals of weak villages' operating income and of household income (yuan)."""
    seeds = [int(c.generate_state(1, dtype=np.uint32)[0]) for c in np.random.SeedSequence(SEED).spawn(REPS)]
    out = {}
    for name, file in FILES.items():
        spec = load_scenario(DATA / file, {"simulation.years": YEARS})
        for k, seed in enumerate(seeds):
            run = simulate(spec, seed=seed)
            flows = run.tables["flows_year"]
            paid = flows[(flows["side"] == "paid") & (flows["kind"] == "government")]
            villages = run.village_year[~run.village_year["is_partner"] & run.village_year["is_weak"]]
            county = run.county_year
            out[name, k] = {"public": paid["amount_yuan"].sum(),
                            "by_category": paid.groupby("category")["amount_yuan"].sum(),
                            "weak": villages["operating_income_yuan"].sum(),
                            "farmer": (county["farmer_income_per_capita_yuan"] * county["members"]).sum()}
    return out


def test_public_cost_matches_the_ledger(comparison, ledger_totals):
    cost = pd.read_csv(comparison.out / "public_cost.csv", encoding="utf-8-sig").set_index("scenario")
    assert set(cost.index) == {"wages", "subsidy"}  # every package, not the baseline
    for s in cost.index:
        extra = np.array([ledger_totals[s, k]["public"] - ledger_totals["base", k]["public"] for k in range(REPS)])
        assert cost.loc[s, "extra"] == pytest.approx(extra.mean() / 1e4, abs=1e-6)
        assert cost.loc[s, "extra_per_year"] == pytest.approx(extra.mean() / 1e4 / (YEARS + 1), abs=1e-6)
        assert cost.loc[s, "years"] == YEARS + 1  # the base year is simulated too, policies may act in it
    # the subsidy package pays 2 million yuan a year from year 1: 400 万元 over 2 years (the gap-filling
    # low-income allowance moves a little with incomes); faster wages need less allowance: a saving
    assert cost.loc["subsidy", "extra"] == pytest.approx(400.0, abs=1.0)
    assert cost.loc["subsidy", "status"] == "extra" and cost.loc["wages", "status"] == "saves"
    by_cat = pd.read_csv(comparison.out / "public_cost_by_category.csv", encoding="utf-8-sig")
    sub = by_cat[by_cat["scenario"] == "subsidy"].set_index("category")
    assert sub.loc["subsidy_village", ["extra", "extra_low", "extra_high"]].tolist() == pytest.approx([400.0] * 3)
    for cat, row in sub.iterrows():
        extra = [ledger_totals["subsidy", k]["by_category"].get(cat, 0.0)
                 - ledger_totals["base", k]["by_category"].get(cat, 0.0) for k in range(REPS)]
        assert row["extra"] == pytest.approx(np.mean(extra) / 1e4, abs=1e-6), cat
    assert sub["extra"].sum() == pytest.approx(cost.loc["subsidy", "extra"])


def test_gain_per_wan_of_public_money(comparison, ledger_totals):
    cost = pd.read_csv(comparison.out / "public_cost.csv", encoding="utf-8-sig").set_index("scenario")
    for key in ("weak", "farmer"):
        gain = np.array([ledger_totals["subsidy", k][key] - ledger_totals["base", k][key] for k in range(REPS)])
        extra = np.array([ledger_totals["subsidy", k]["public"] - ledger_totals["base", k]["public"]
                          for k in range(REPS)])
        assert cost.loc["subsidy", f"{key}_gain"] == pytest.approx(gain.mean() / 1e4, abs=1e-6)
        assert cost.loc["subsidy", f"{key}_per_wan"] == pytest.approx(np.mean(gain / extra), abs=1e-9)
        assert cost.loc["subsidy", f"{key}_rank"] == 1
        assert math.isnan(cost.loc["wages", f"{key}_per_wan"])  # costs nothing: not ranked, no division by ~0


def test_public_cost_in_findings_and_bottom_line(comparison):
    zh = (comparison.out / "report.html").read_text(encoding="utf-8")
    en = (comparison.out / "report_en.html").read_text(encoding="utf-8")
    assert "财政成本：比基准多花400.0万元（年均133.3万元" in zh
    assert "Public cost: 400.0 万元 (4.000 million yuan) more than the baseline" in en
    assert "财政成本：比基准少花" in zh and "less than the baseline" in en  # the wage scenario saves allowance
    # the bottom line comes first, in both languages, and names the ranking and the price
    for page, head, words in ((zh, "结论（供决策参考）", ("每万元财政资金带来的农民收入排序", "多花财政资金：")),
                              (en, "Bottom line", ("farmers' income gained per 万元 of public money",
                                                   "Extra public money:"))):
        box = re.search(r"<section id='bottom-line' class='bottom'>(.*?)</section>", page, re.S)
        assert box and head in box.group(1)
        assert all(w in html.unescape(box.group(1)) for w in words)
        assert page.index("bottom-line") < page.index("id='findings'")
    saving = re.search(r"比基准少花财政资金：工资较快增长([\d.,]+)万元（同期弱村集体经营性收入[+-][\d.,]+万元、农民收入\+", zh)
    assert saving and float(saving.group(1)) > 0  # the saving as an amount, with what the package gains
    for lang, page in (("zh", zh), ("en", en)):
        need = explain.MIN_REPS  # the replications docs/replications.md measured as needed
        assert need > 3
        assert (f"只有3次重复（少于{need}次）" if lang == "zh" else f"only 3 replications (fewer than {need})") in page


def test_few_replications_warn_and_enough_do_not():
    table = pd.DataFrame({"指标": ["a", "b"], "diff": [1.0, 2.0], "diff_low": [0.5, 2.0], "diff_high": [1.5, 2.0]})
    _, warn_few = interval_explanation([table], ["指标"], 3, "zh")
    text_ten, warn_ten = interval_explanation([table], ["指标"], 10, "zh")
    assert warn_few and "3次重复" in warn_few[0] and warn_ten == []
    assert "b" in text_ten[-1] and "宽度为0" in text_ten[-1]  # the zero-width interval is named and explained
    assert "不包括模型假设" in text_ten[1]
    _, warn_en = interval_explanation([table.rename(columns={"指标": "indicator"})], ["indicator"], 5, "en")
    assert "only 5 replications" in warn_en[0]


def test_target_explained_with_windows():
    target = pd.DataFrame({"from_year": [2027], "to_year": [2029], "baseline_growth": [0.05]})
    text, warn = target_explanation(target, 2024, 5, "zh")
    joined = "".join(text)
    assert "2025–2027年" in joined and "2027–2029年，共2年" in joined  # build window, growth window
    assert "6.0%" in joined and "25.0%" in joined  # both readings with the baseline's 5 %
    assert "一次性" in joined
    assert warn and "只留下2年考察期" in warn[0]
    assert target_explanation(target.assign(to_year=2034), 2024, 10, "zh")[1] == []
    _, none = target_explanation(target.assign(from_year=2024, to_year=2026), 2024, 2, "en")
    assert none and "cannot test the province target" in none[0]
