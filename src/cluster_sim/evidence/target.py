"""The province target, with its reason: is surrounding villages' operating-income growth after
the build years 20 % above growth without the cluster (relative reading: ≥ 1.2 × the baseline's;
points reading: ≥ the baseline's + 20 points), and when not, why — read from the run.

The baseline run stands in for "growth before construction" (the model has no history), as in
``compare``'s target check; the window runs from the end of the build years to the final year.
A failure's reason is the first of these that the numbers show:

- ``no_reach``: the package hardly touches surrounding villages (its effect stays under 1 % of
  their income in every year);
- ``lowers``: it leaves them with less operating income at the end than the baseline;
- ``money_stops``: its extra public money after the build years is under a tenth of what it
  spent in them, so the gain is a step that stops growing;
- ``level_jump``: most of the final gain (half or more) is already there at the end of the build
  years, a level step the growth window does not count;
- ``saturates``: the gain stops growing in the second half of the window (demand, capacity or
  its budget caps what the package adds);
- ``too_small``: the gain grows, but adds less growth than the reading asks (the relative
  reading asks 0.2 × the baseline's own growth, so a fast-growing baseline raises the bar).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def points(x: float, digits: int = 2) -> str:
    """Percentage points with a sign; a residue of ±1e-17 (summation order differs between CPUs)
    is "+0.00" on every machine, so the committed page matches the generator everywhere."""
    return f"{round(100 * x, digits) + 0.0:+.{digits}f}"


UPLIFT = 0.20
BUILD_YEARS = 3  # as report.tables.CONSTRUCTION_YEARS
REACH = 0.01  # an effect under 1 % of the income it acts on: not reached
STEP_SHARE = 0.5  # half the final gain in place by the window's start: a level step
MONEY_AFTER = 0.1  # public money after the build years under a tenth of that in them: stopped

REASONS = {
    "met": ("达到", "met"),
    "no_reach": ("方案几乎没有触及周边村（各年效应不到其收入的1%）",
                 "the package hardly reaches surrounding villages (its effect is under 1 % of their income every year)"),
    "lowers": ("方案使周边村期末经营性收入低于基准", "the package leaves surrounding villages below the baseline"),
    "money_stops": ("建设期后方案的新增财政资金几乎停止（不到建设期的十分之一），收入只抬高一个台阶",
                    "its extra public money almost stops after the build years (under a tenth of theirs): "
                    "the gain is a step, not growth"),
    "level_jump": ("建设期内收入一次性抬高（期末增量的{share}在第{t0}年末已到位），考察期不计这一台阶",
                   "the build years' level jump ({share} of the final gain is in place by the end of year {t0}) "
                   "raises the level the window starts from, not the growth in it"),
    "saturates": ("考察期后半段增量不再增长（需求、容量或预算封顶）",
                  "the gain stops growing in the second half of the window (demand, capacity or budget caps it)"),
    "too_small": ("增量仍在增长，但增速只提高{dg}，不到口径要求的{need}",
                  "the gain still grows, but adds only {dg} of growth a year against the {need} the reading asks"),
}


@dataclass(frozen=True)
class Verdict:
    growth: float  # package's surrounding villages' growth a year in the window
    baseline_growth: float
    relative_met: bool
    points_met: bool
    relative_reason: str  # a key of REASONS
    points_reason: str
    facts: dict  # the numbers the reasons are read from

    def text(self, reading: str, lang: str) -> str:
        key = self.relative_reason if reading == "relative" else self.points_reason
        template = REASONS[key][0 if lang == "zh" else 1]
        need = (UPLIFT * self.baseline_growth) if reading == "relative" else UPLIFT
        return template.format(share=f"{self.facts['step_share']:.0%}", t0=self.facts["t0"],
                               dg=f"{points(self.growth - self.baseline_growth)} pp",
                               need=f"+{100 * need:.2f} pp")


def _growth(series: np.ndarray, t0: int, t1: int) -> float:
    return float((series[t1] / series[t0]) ** (1 / (t1 - t0)) - 1) if series[t0] > 0 and t1 > t0 else float("nan")


def verdict(baseline: Sequence[float], package: Sequence[float], extra_public: Sequence[float] | None = None,
            t0: int = BUILD_YEARS) -> Verdict:
    """The target under both readings, each failure with its reason. ``baseline`` and ``package``:
    surrounding villages' mean operating income by year (t = 0..T); ``extra_public``: the
    package's public money over the baseline's by year (None: not known)."""
    base, pack = np.asarray(baseline, float), np.asarray(package, float)
    t1 = len(base) - 1
    g, g0 = _growth(pack, t0, t1), _growth(base, t0, t1)
    gain = pack - base
    mid = (t0 + t1 + 1) // 2
    facts = {"t0": t0, "t1": t1, "reach": float(np.max(np.abs(gain) / np.maximum(np.abs(base), 1.0))),
             "final_gain": float(gain[t1]), "step_share": float(gain[t0] / gain[t1]) if gain[t1] > 0 else float("nan"),
             "late_gain_change": float(gain[t1] - gain[mid])}
    if extra_public is not None:
        money = np.asarray(extra_public, float)
        facts["money_build"], facts["money_after"] = float(money[1:t0 + 1].sum()), float(money[t0 + 1:].sum())

    def reason(met: bool) -> str:
        if met:
            return "met"
        if facts["reach"] < REACH:
            return "no_reach"
        if gain[t1] <= 0:
            return "lowers"
        if "money_build" in facts and facts["money_build"] > 0 and facts["money_after"] < MONEY_AFTER * facts["money_build"]:
            return "money_stops"
        if facts["step_share"] >= STEP_SHARE:
            return "level_jump"
        if facts["late_gain_change"] <= 0:
            return "saturates"
        return "too_small"

    relative = bool(g0 > 0 and g >= (1 + UPLIFT) * g0)
    points = bool(g - g0 >= UPLIFT)
    return Verdict(g, g0, relative, points, reason(relative), reason(points), facts)
