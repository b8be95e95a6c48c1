"""Who paid for each collective's floor space and stakes, and the yearly booked flows by village:
what the baseline decomposition (``cluster_sim.evidence.baseline``) reads.

Money is fungible, so the tracing rule is stated, not observed: a year's own investment is
funded by that year's investable subsidies and operating income in proportion to what each
brought in; borrowing is funded by loans; the endowment of the base year is ``initial``; floor
added by a policy (the lending package's buildings) is the residual ``policies``. A write-down
shrinks every vintage of a village's stakes in the same proportion. A year's rents are split
over its floor vintages, and its share returns over its stake vintages, in proportion to what
each vintage holds during the year (floor and stakes change only at the year end).

Cost: a few per-village arrays updated at the year end; nothing in the monthly loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..accounts import COLLECTIVE_SOURCES, collective_categories

if TYPE_CHECKING:
    from ..model import ClusterModel

TRACKED = ("initial", "subsidies", "operating", "loans")
VINTAGES = (*TRACKED, "policies")  # policies: whatever the tracked vintages do not hold
BOOKED = tuple(cat for s in COLLECTIVE_SOURCES for cat in collective_categories(s))


def _shares(held: dict[str, np.ndarray], total: np.ndarray) -> dict[str, np.ndarray]:
    """Each vintage's share of ``total``; ``policies`` takes the rest (an empty stock: all initial)."""
    safe = np.where(total > 0, total, 1.0)
    out = {k: np.where(total > 0, held[k] / safe, 1.0 if k == "initial" else 0.0) for k in TRACKED}
    out["policies"] = 1.0 - sum(out.values())
    return out


class Funding:
    """Per village: floor (m²) and stakes (yuan) by who funded them, and the closed years' records."""

    def __init__(self, building_m2: np.ndarray, invested_capital_yuan: np.ndarray):
        zero = np.zeros(len(building_m2))
        self.floor = {k: (building_m2.copy() if k == "initial" else zero.copy()) for k in TRACKED}
        self.stakes = {k: (invested_capital_yuan.copy() if k == "initial" else zero.copy()) for k in TRACKED}
        self.year_shares: dict[str, dict[str, np.ndarray]] = {}
        self.years: list[dict] = []

    def note_year_holdings(self, building_m2: np.ndarray, invested_capital_yuan: np.ndarray) -> None:
        """The floor and stakes held during the year now ending (before the year end changes them)."""
        self.year_shares = {"floor": _shares(self.floor, building_m2), "stakes": _shares(self.stakes, invested_capital_yuan)}

    def write_down(self, kept_share: np.ndarray) -> None:
        for k in TRACKED:
            self.stakes[k] *= kept_share

    def add(self, own: np.ndarray, borrowed: np.ndarray, build_share: np.ndarray, subsidy_share: np.ndarray,
            cost_yuan_m2: float) -> None:
        """This year end's investment: ``own`` cash (split by ``subsidy_share``) and ``borrowed``."""
        for k, money in (("subsidies", own * subsidy_share), ("operating", own * (1 - subsidy_share)),
                         ("loans", borrowed)):
            self.floor[k] += money * build_share / cost_yuan_m2
            self.stakes[k] += money * (1 - build_share)

    def close_year(self, model: ClusterModel, received: dict[str, np.ndarray]) -> None:
        """Keep the year's booked collective income by category and village, the rent index and
        the vintage shares the year's rents and returns were earned on."""
        n = model.villages.n
        flows = {cat: received[cat][:n].copy() for cat in BOOKED if cat in received}
        shares = self.year_shares or {"floor": _shares(self.floor, model.villages.building_m2),
                                      "stakes": _shares(self.stakes, model.villages.invested_capital_yuan)}
        index = (1.0 + model.params["collective"]["operating_growth"]) ** model.year_index
        self.years.append({"t": model.year_index, "flows": flows, "rent_index": index, **shares})
        self.year_shares = {}


def subsidy_share_of_receipts(model: ClusterModel) -> np.ndarray:
    """The share of this year's own receipts that investable subsidies brought in: how the tracing
    rule splits the year's own investment."""
    L, n, c = model.ledger, model.villages.n, model.params["collective"]
    subsidies = L.total(L.received, "villages", collective_categories("subsidies"), n) * c["subsidy_investable_share"]
    operating = np.maximum(L.total(L.received, "villages", BOOKED, n) - L.total(
        L.received, "villages", collective_categories("subsidies"), n), 0.0)
    receipts = subsidies + operating
    return np.divide(subsidies, receipts, out=np.zeros(n), where=receipts > 0)
