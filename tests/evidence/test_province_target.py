"""The province target's verdict names the reason that is true of the run (issue 20, item 5):
each constructed case makes exactly one reason true, and the verdict must find it."""

from __future__ import annotations

import numpy as np
import pytest

from cluster_sim.evidence.target import verdict

T = np.arange(11)
BASE = 1e6 * 1.08 ** T


def with_gain(gain) -> np.ndarray:
    return BASE + np.asarray(gain, float)


def test_faster_growth_meets_the_relative_reading_but_not_twenty_points():
    package = BASE * (1.10 / 1.08) ** np.maximum(T - 3, 0)
    v = verdict(BASE, package)
    assert v.relative_met and not v.points_met
    assert v.relative_reason == "met" and v.points_reason == "too_small"
    assert v.growth == pytest.approx(0.10) and v.baseline_growth == pytest.approx(0.08)


@pytest.mark.parametrize("package, public, reason", [
    (BASE * 1.001, None, "no_reach"),
    (BASE * np.where(T > 0, 0.9, 1.0), None, "lowers"),
    # a 10 % step in the build years, paid for in them only: the money stops ...
    (BASE * np.where(T >= 3, 1.1, 1.0), [0, 5e5, 5e5, 5e5, 0, 0, 0, 0, 0, 0, 0], "money_stops"),
    # ... and the same step while the money goes on: most of the gain is there by year 3
    (BASE * np.where(T >= 3, 1.1, 1.0), [0] + [5e5] * 10, "level_jump"),
    (with_gain([0, 0, 0, 1e4, 5e4, 1e5, 1.4e5, 1.5e5, 1.4e5, 1.3e5, 1.2e5]), None, "saturates"),
    (with_gain(2e4 * np.maximum(T - 3, 0)), None, "too_small"),
])
def test_each_failure_is_given_the_reason_that_is_true(package, public, reason):
    v = verdict(BASE, package, public)
    assert not v.relative_met and not v.points_met
    assert v.relative_reason == reason and v.points_reason == reason
    assert v.text("relative", "en") and v.text("points", "zh")


def test_the_relative_bar_rises_with_the_baseline_growth():
    """The same gain meets the relative reading against a slow baseline, not against a fast one."""
    gain = 3e4 * np.maximum(T - 3, 0)
    slow = 1e6 * 1.02 ** T
    assert verdict(slow, slow + gain).relative_met
    assert not verdict(BASE, BASE + gain).relative_met
    assert "+1.60 pp" in verdict(BASE, BASE + gain).text("relative", "en")
