"""Per-policy tables of the compare report (transfer vs induced parts, growth change after the
build years, both inequality measures), checked against direct computations on a tidy table
built by hand, where the right answer is known and the plausible mistakes give other numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cluster_sim.report import findings as F
from cluster_sim.report import metrics as M
from cluster_sim.report.policy_effects import policy_tables
from cluster_sim.report.tables import CONSTRUCTION_YEARS, Labels, comparison_table

YEARS, REPS = 7, 5
LABELS = Labels(("base", "step", "grow"), {"base": "基准", "step": "一次性抬高", "grow": "增长引擎"},
                {"base": "baseline", "step": "one-off step", "grow": "growth engine"}, "base")
NOISE = np.array([0.00, 0.03, -0.02, 0.05, -0.04])  # per replication, shared by all scenarios (paired)


def level(s: str, r: int, t: int) -> float:
    """A headline level: the baseline grows 5 % a year; 'step' is 20 % higher from year 1 on (a
    one-off level step: no growth change after the build years); 'grow' grows 3 % a year
    faster once the build years are over, and a little faster still in some replications."""
    base = 1_000_000 * 1.05 ** t * (1 + NOISE[r])
    if s == "step":
        return base * (1.2 if t >= 1 else 1.0)
    if s == "grow":
        return base * (1.03 + 0.002 * r) ** max(t - CONSTRUCTION_YEARS, 0)
    return base


def transfer(s: str, r: int, t: int) -> float:
    """The transfer-paid part: a fixed subsidy of 150,000 a year from year 1 in 'step'."""
    return 50_000 + (150_000 if s == "step" and t >= 1 else 0)


def decoy(s: str, r: int, t: int) -> float:
    """Another transfer column (operating income paid by guarantees), which 'step' leaves alone."""
    return 20_000.0 + 1_000 * r


def inequality(s: str, r: int, t: int, name: str) -> float:
    """'step' raises the Gini and narrows the strong/weak ratio (the full package's pattern)."""
    gini = 0.25 + (0.02 + 0.002 * r if s == "step" and t >= 1 else 0)
    ratio = 4.0 - (0.5 + 0.05 * r if s == "step" and t >= 1 else 0)
    return gini if name == "gini_collective" else ratio


def tidy_table() -> pd.DataFrame:
    rows = []
    values = {"weak_total_mean_yuan": level, "weak_total_transfer_mean_yuan": transfer,
              "weak_operating_mean_yuan": level, "weak_operating_transfer_mean_yuan": decoy,
              "collective_income_operating_mean_yuan": level,
              "farmer_income_per_capita_yuan": lambda s, r, t: level(s, r, t) / 100,
              "low_income_income_per_capita_yuan": lambda s, r, t: level(s, r, t) / 200,
              "gini_collective": lambda s, r, t: inequality(s, r, t, "gini_collective"),
              "strong_weak_gap_ratio": lambda s, r, t: inequality(s, r, t, "strong_weak_gap_ratio")}
    for s in LABELS.names:
        for r in range(REPS):
            for t in range(YEARS + 1):
                for metric, f in values.items():
                    rows.append({"scenario": s, "replication": r, "seed": r, "t": t, "year": 2024 + t,
                                 "metric": metric, "value": float(f(s, r, t))})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def tables():
    tidy = tidy_table()
    comparison = comparison_table(tidy, M.ALL, LABELS)
    return tidy, comparison, policy_tables(tidy, comparison, LABELS)


def row(table: pd.DataFrame, scenario: str, **match) -> pd.Series:
    hit = table[table["scenario"] == scenario]
    for key, value in match.items():
        hit = hit[hit[key] == value]
    assert len(hit) == 1
    return hit.iloc[0]


def test_transfer_part_is_the_difference_of_the_headlines_own_transfer_column(tables):
    """Weak villages' total income: the step adds 20 % of the level, of which 15 万元 is the
    subsidy (its own transfer column, not the operating-guarantee column beside it)."""
    _, _, policy = tables
    r = row(policy["effect_split"], "step", headline="weak_total")
    effect = np.array([level("step", k, YEARS) - level("base", k, YEARS) for k in range(REPS)]) / 1e4
    assert r["effect"] == pytest.approx(effect.mean())
    assert r["transfer"] == pytest.approx(15.0) and r["transfer_low"] == pytest.approx(15.0)
    assert r["induced"] == pytest.approx(effect.mean() - 15.0)
    assert r["induced_low"] < r["induced"] < r["induced_high"]  # the market part varies by replication
    # the operating headline's transfer column did not move: its whole effect is induced
    op = row(policy["effect_split"], "step", headline="weak_operating")
    assert op["transfer"] == pytest.approx(0.0) and op["induced"] == pytest.approx(op["effect"])


def test_a_one_off_level_step_is_no_growth_change_after_the_build_years(tables):
    """Growth is measured from the end of the build years: the step (in year 1) leaves it
    unchanged. Measured from year 0 the same step would read as 3 points faster growth."""
    _, _, policy = tables
    step = row(policy["growth_change"], "step", metric="collective_income_operating_mean_yuan")
    assert step["from_year"] == 2024 + CONSTRUCTION_YEARS and step["to_year"] == 2024 + YEARS
    assert step["growth_diff"] == pytest.approx(0.0, abs=1e-12)
    assert step["verdict"] == "none"
    assert step["growth"] == pytest.approx(1.05 - 1)


def test_a_growth_engine_reads_as_faster_growth_with_its_paired_interval(tables):
    _, _, policy = tables
    grow = row(policy["growth_change"], "grow", metric="farmer_income_per_capita_yuan")
    n = YEARS - CONSTRUCTION_YEARS
    direct = np.array([(level("grow", k, YEARS) / level("grow", k, CONSTRUCTION_YEARS)) ** (1 / n)
                       - (level("base", k, YEARS) / level("base", k, CONSTRUCTION_YEARS)) ** (1 / n)
                       for k in range(REPS)])
    assert grow["growth_diff"] == pytest.approx(direct.mean())
    half = 2.776445 * direct.std(ddof=1) / np.sqrt(REPS)  # t(0.975, 4)
    assert grow["growth_diff_low"] == pytest.approx(direct.mean() - half, rel=1e-5)
    assert grow["verdict"] == "faster"


def test_both_inequality_measures_side_by_side_and_their_opposite_moves(tables):
    _, _, policy = tables
    pair = policy["inequality_pair"]
    step, grow = row(pair, "step"), row(pair, "grow")
    assert step["gini_collective_diff"] == pytest.approx(0.02 + 0.002 * np.mean(range(REPS)))
    assert step["strong_weak_gap_ratio_diff"] == pytest.approx(-(0.5 + 0.05 * np.mean(range(REPS))))
    assert step["opposite"] and not grow["opposite"]


@pytest.mark.parametrize("lang, no_change, faster, opposite, split", [
    ("zh", "无增速变化", "加快", "两者方向相反", "其中转移/保底支付部分+15.0万元"),
    ("en", "no growth change", "faster by", "opposite directions", "of which +15.0 万元"),
])
def test_findings_state_the_split_the_growth_change_and_the_pair(tables, lang, no_change, faster, opposite, split):
    _, comparison, policy = tables
    paragraphs = dict(F.findings(comparison, pd.DataFrame(), LABELS, REPS, lang, None, policy))
    step = " ".join(paragraphs[LABELS.of("step", lang)])
    grow = " ".join(paragraphs[LABELS.of("grow", lang)])
    assert split in step and no_change in step and opposite in step
    assert faster in grow and no_change not in grow and opposite not in grow


def test_report_tables_recomputed_from_tidy_csv(comparison):
    """On a real comparison: effect_split.csv agrees with a direct computation from tidy.csv."""
    tidy = pd.read_csv(comparison.out / "tidy.csv", encoding="utf-8-sig")
    split = pd.read_csv(comparison.out / "effect_split.csv", encoding="utf-8-sig")
    final = tidy["t"].max()
    at = tidy[tidy["t"] == final].pivot_table(index=["metric", "replication"], columns="scenario", values="value")
    r = row(split, "subsidy", headline="weak_total")
    effect = (at.loc["weak_total_mean_yuan", "subsidy"] - at.loc["weak_total_mean_yuan", "base"]) / 1e4
    part = (at.loc["weak_total_transfer_mean_yuan", "subsidy"] - at.loc["weak_total_transfer_mean_yuan", "base"]) / 1e4
    assert r["effect"] == pytest.approx(effect.mean()) and r["transfer"] == pytest.approx(part.mean())
    assert r["transfer"] > 0  # the package's subsidies to weak villages are a transfer
    assert r["induced"] == pytest.approx((effect - part).mean())
    assert {"growth_change.csv", "inequality_pair.csv"} <= {p.name for p in comparison.out.iterdir()}


def test_bottom_line_names_the_packages_that_change_growth_and_those_that_only_lift_levels(tables):
    from cluster_sim.report.explain import growth_line

    _, _, policy = tables
    zh = growth_line(policy["growth_change"], LABELS, "zh")
    assert "加快的有增长引擎" in zh and "一次性抬高无增速变化" in zh
    en = growth_line(policy["growth_change"], LABELS, "en")
    assert "faster under growth engine" in en and "no growth change under one-off step" in en
