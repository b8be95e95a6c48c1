"""With replications (paired seeds), the policies move outcomes in the directions the sources
describe. Each comparison is paired: replication k of a policy against replication k of the
baseline, same seed."""

from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from cluster_sim.runner import simulate

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SEEDS = (101, 202, 303)
YEARS = 5
pytestmark = pytest.mark.slow


@lru_cache(maxsize=None)
def tables(scenario: str, seed: int):
    return simulate(SCENARIOS / f"{scenario}.toml", seed=seed, years=YEARS).tables


def final(scenario: str, column: str) -> np.ndarray:
    return np.array([tables(scenario, s)["county_year"][column].iloc[-1] for s in SEEDS])


def paired(scenario: str, column: str) -> np.ndarray:
    return final(scenario, column) - final("baseline", column)


def test_pairing_raises_weak_villages_operating_income():
    assert (paired("pairing", "weak_operating_mean_yuan") > 0).all()


# Pairing does not narrow the strong/weak *ratio* (the weak villages' income still rises), and the
# cause is shown (docs/pairing.md, section 2): the shared jobs. The led villages' workers take
# posts in the leader's enterprises, which expand on them — the strong villages' floor occupancy,
# rents and company profits rise by about 100 万元 each in ten years, the weak villages' fall a
# little — while the joint projects add about 20-30 万元 to a weak village. Switch the jobs off and
# the ratio narrows in every seed (the test below). Recorded, not tuned away.
RATIO_FLIPPED = pytest.mark.xfail(strict=True, reason="the shared jobs raise the leaders' income most: see comment above")


@RATIO_FLIPPED
def test_pairing_narrows_the_strong_weak_ratio():
    assert (paired("pairing", "strong_weak_gap_ratio") < 0).all()


@lru_cache(maxsize=None)
def pairing_without_shared_jobs(seed: int):
    return simulate(SCENARIOS / "pairing.toml", {"policies.pairing.share_jobs": False}, seed=seed, years=YEARS).tables


def test_without_the_shared_jobs_pairing_narrows_the_ratio_and_the_leaders_gain_shrinks():
    def last(tables, column):
        return tables["county_year"][column].iloc[-1]

    for seed in SEEDS:
        base, with_jobs, without = tables("baseline", seed), tables("pairing", seed), pairing_without_shared_jobs(seed)
        assert last(without, "strong_weak_gap_ratio") < last(base, "strong_weak_gap_ratio")
        strong = [last(t, "strong_operating_mean_yuan") - last(base, "strong_operating_mean_yuan") for t in (with_jobs, without)]
        assert strong[0] > 5 * strong[1]  # the leaders' gain is mostly the jobs channel


def test_flying_land_raises_weak_villages_operating_income():
    gain = paired("flying_land", "weak_operating_mean_yuan")
    # ≈ 60,000 a village a year at 10 % on 600,000, less what the village's own 180,000 would
    # have earned invested, with borrowing, in shares and buildings (collective_investment)
    assert (gain > 15_000).all() and gain.mean() > 30_000


def test_qingtian_villages_gain_about_60k_a_year():
    gain = paired("qingtian_flying_land", "partner_operating_mean_yuan")
    assert np.allclose(gain, 60_000, rtol=0.15)


def test_tourism_raises_farmer_income_most_in_scenic_villages():
    for seed in SEEDS:
        def by_scenic(scenario):
            vt = tables(scenario, seed)["village_year"]
            vt = vt[(vt.t == YEARS) & ~vt.is_partner]
            return vt["farmer_income_per_capita_yuan"].to_numpy(), vt["scenic"].to_numpy()
        base, scenic = by_scenic("baseline")
        tour, _ = by_scenic("tourism")
        gain = tour / base - 1
        assert gain[scenic >= 0.5].mean() > 0.01
        assert gain[scenic >= 0.5].mean() > 5 * max(gain[scenic < 0.25].mean(), 1e-6)


def test_common_prosperity_raises_low_income_households_income():
    assert (paired("common_prosperity", "low_income_income_per_capita_yuan") > 0).all()
    rel = paired("common_prosperity", "low_income_income_per_capita_yuan") / final("baseline", "low_income_income_per_capita_yuan")
    all_rel = paired("common_prosperity", "farmer_income_per_capita_yuan") / final("baseline", "farmer_income_per_capita_yuan")
    assert (rel > all_rel).all()  # it helps the low-income more than the average household


def test_land_consolidation_raises_property_income():
    assert (paired("land_consolidation", "property_per_capita_yuan") > 0).all()
    assert (paired("land_consolidation", "collective_rents_yuan") > 0).all()


def test_credit_lifts_weak_villages_within_the_debt_red_line():
    assert (paired("credit", "weak_operating_mean_yuan") > 0).all()
    assert (final("credit", "villages_over_indebted") == 0).all()


def test_full_cluster_raises_collective_and_farmer_income():
    assert (paired("full_cluster", "collective_income_operating_mean_yuan") > 0).all()
    assert (paired("full_cluster", "farmer_income_per_capita_yuan") > 0).all()
    assert (paired("full_cluster", "weak_operating_mean_yuan") > 0).all()


@RATIO_FLIPPED
def test_full_cluster_narrows_the_strong_weak_ratio():
    assert (paired("full_cluster", "strong_weak_gap_ratio") < 0).all()
