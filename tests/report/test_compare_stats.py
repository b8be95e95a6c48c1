"""Paired-difference intervals and the t-quantile table."""

import math

import numpy as np
import pytest

from cluster_sim.report.stats import T975, mean_interval, paired_interval, t_quantile_975


def test_hand_made_paired_interval():
    # differences 1..5: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445
    scenario = np.array([11.0, 22.0, 33.0, 44.0, 55.0])
    baseline = np.array([10.0, 20.0, 30.0, 40.0, 50.0])
    iv = paired_interval(scenario, baseline)
    half = 2.776445 * math.sqrt(2.5) / math.sqrt(5)
    assert iv.n == 5
    assert iv.mean == pytest.approx(3.0)
    assert iv.sd == pytest.approx(math.sqrt(2.5))
    assert (iv.low, iv.high) == pytest.approx((3 - half, 3 + half), abs=1e-3)
    assert iv.excludes_zero


def test_interval_including_zero_and_single_replication():
    iv = mean_interval([-1.0, 1.0, 0.5])
    assert iv.low < 0 < iv.high and not iv.excludes_zero
    single = mean_interval([4.2])
    assert single.mean == 4.2 and math.isnan(single.low) and not single.has_interval


def test_nan_pairs_are_dropped():
    iv = paired_interval([1.0, np.nan, 3.0], [0.0, 0.0, 0.0])
    assert iv.n == 2 and iv.mean == 2.0


@pytest.mark.parametrize("df", [1, 2, 4, 9, 29, 30, 35, 45, 75, 150, 400, 999, 5000])
def test_t_quantiles_match_scipy(df):
    stats = pytest.importorskip("scipy.stats")  # scipy is no dependency; here only as the reference
    assert t_quantile_975(df) == pytest.approx(stats.t.ppf(0.975, df), abs=2e-3)


def test_t_table_entries_are_exact_to_four_decimals():
    stats = pytest.importorskip("scipy.stats")
    for df, value in T975.items():
        assert value == pytest.approx(stats.t.ppf(0.975, df), abs=6e-5)
