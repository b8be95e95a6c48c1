"""Fixtures for the comparison-report tests: one small comparison shared by the module tests."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent / "data"
REPS, YEARS, SEED = 3, 2, 11


@pytest.fixture(scope="session")
def report_data() -> Path:
    return DATA


@pytest.fixture(scope="session")
def comparison(tmp_path_factory):
    """base vs. wages (faster wage growth) and subsidy (loans and subsidies for weak villages,
    a package that costs public money) in the 14-village test county: 3 paired replications
    of 2 years, on 2 worker processes. Also records any matplotlib warning."""
    from cluster_sim.report.compare import compare

    out = tmp_path_factory.mktemp("compare") / "report"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compare([DATA / "base.toml", DATA / "wages.toml", DATA / "subsidy.toml"], reps=REPS, years=YEARS, seed=SEED, out=out,
                         workers=2)
    result.warnings = [str(w.message) for w in caught]
    return result


T_975 = {1: 12.706205, 2: 4.302653, 3: 3.182446, 4: 2.776445}  # t(0.975, df), for the checks below


@pytest.fixture(scope="session")
def check_headline():
    """Recompute a report's headline.csv from its tidy.csv, independently of the report code."""

    def check(out: Path, baseline: str) -> int:
        tidy = pd.read_csv(out / "tidy.csv", encoding="utf-8-sig")
        head = pd.read_csv(out / "headline.csv", encoding="utf-8-sig")
        final = tidy["t"].max()
        assert set(head["metric"]) == {"collective_income_total_mean_yuan", "collective_income_operating_mean_yuan",
                                       "farmer_income_per_capita_yuan", "low_income_income_per_capita_yuan"}
        assert set(head["scenario"]) == set(tidy["scenario"])
        for _, row in head.iterrows():
            divisor = 1e4 if row["单位"] == "万元" else 1.0
            values = tidy[tidy["metric"] == row["metric"]]
            at = {t: values[values["t"] == t].pivot(index="replication", columns="scenario", values="value") / divisor
                  for t in (0, final)}
            s = row["scenario"]
            assert row["base_value"] == pytest.approx(at[0][s].mean())
            assert row["final_value"] == pytest.approx(at[final][s].mean())
            growth = (at[final][s] / at[0][s]) ** (1 / final) - 1
            assert row["growth"] == pytest.approx(growth.mean())
            if s == baseline:
                assert math.isnan(row["diff"])
                continue
            diff = at[final][s] - at[final][baseline]
            reps = len(diff)
            half = T_975[reps - 1] * diff.std(ddof=1) / math.sqrt(reps)
            assert row["diff"] == pytest.approx(diff.mean())
            # the report's t table has 5 digits: allow that on the half-width (mean − half may cancel)
            assert row["diff_low"] == pytest.approx(diff.mean() - half, rel=1e-4, abs=1e-6 + 1e-4 * half)
            assert row["diff_high"] == pytest.approx(diff.mean() + half, rel=1e-4, abs=1e-6 + 1e-4 * half)
            base_growth = (at[final][baseline] / at[0][baseline]) ** (1 / final) - 1
            assert row["growth_diff"] == pytest.approx((growth - base_growth).mean())
        return len(head)

    return check
