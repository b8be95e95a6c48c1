"""Enterprises as columns: factories, agricultural operators, tourism operators, village
companies and policy projects. They earn revenue, pay wages, rents and inputs through the
ledger, borrow from the bank when cash runs short, fail when they need more credit than the
bank gives (their creditors bear the loss) and enter vacant space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FACTORY, AGRI, TOURISM, COMPANY, PROJECT, PARK, TENANT = range(7)
KIND_NAMES = {FACTORY: "factory", AGRI: "agricultural operator", TOURISM: "tourism operator",
              COMPANY: "village company", PROJECT: "common-prosperity project", PARK: "flying-land park",
              TENANT: "flying-land park tenant"}
KIND_ZH = {FACTORY: "工厂", AGRI: "农业经营主体", TOURISM: "文旅经营主体", COMPANY: "村级公司",
           PROJECT: "共富项目", PARK: "飞地园区", TENANT: "飞地园区租户"}
OUTSIDE = -1  # owner_village value for privately owned enterprises


@dataclass
class EnterpriseView:
    index: int
    attributes: dict

    def __getattr__(self, name):
        try:
            return self.attributes[name]
        except KeyError:
            raise AttributeError(name) from None


class Enterprises:
    """Column store; grows when enterprises enter or policies create projects."""

    COLUMNS = {  # name: dtype
        "kind": np.int8, "village": np.int32, "owner_village": np.int32, "alive": bool,
        "jobs": np.float64, "wage_yuan_month": np.float64, "revenue_base_yuan_year": np.float64,
        "productivity": np.float64, "input_share": np.float64, "building_m2": np.float64,
        "land_mu": np.float64, "building_rent_yuan_year": np.float64, "cash": np.float64,
        "arrears": np.float64, "profit_ytd": np.float64, "revenue_month": np.float64,
        "revenue_ytd": np.float64, "founded_year": np.int32, "failed_year": np.int32,
        "cost_month": np.float64, "overdue_month": np.float64, "revenue_ytd_last": np.float64,
        "uid": np.uint64, "fill": np.float64,
        "loan": np.float64, "cost_avg": np.float64,  # bank credit drawn; costs a month, smoothed (credit.py)
    }

    def __init__(self):
        for name, dtype in self.COLUMNS.items():
            setattr(self, name, np.zeros(0, dtype))
        self.n = 0
        self._serial: dict[tuple[int, int, int], int] = {}

    def __len__(self) -> int:
        return self.n

    def add(self, **cols) -> np.ndarray:
        """Append enterprises; columns not given take neutral defaults. Returns the new indices."""
        # arrays set the count (possibly 0); scalars broadcast to it
        k = max((np.size(value) for value in cols.values() if np.ndim(value) > 0), default=1)
        defaults = {"owner_village": OUTSIDE, "alive": True, "productivity": 1.0, "failed_year": -1, "fill": 1.0}
        for name, dtype in self.COLUMNS.items():
            value = cols.get(name, defaults.get(name, 0))
            new = np.broadcast_to(np.asarray(value, dtype=dtype), (k,))
            if name == "uid":
                new = self._stable_ids(cols, k)
            setattr(self, name, np.concatenate([getattr(self, name), new]))
        start, self.n = self.n, self.n + k
        return np.arange(start, self.n)

    def _stable_ids(self, cols: dict, k: int) -> np.ndarray:
        """Ids that do not depend on creation order across kinds and villages: (kind, village,
        year founded, serial among those), so keyed random draws (``random_streams``) of one
        enterprise stay the same when a policy creates enterprises elsewhere."""
        kind = np.broadcast_to(np.asarray(cols.get("kind", 0), np.int64), (k,))
        village = np.broadcast_to(np.asarray(cols.get("village", 0), np.int64), (k,))
        year = int(cols.get("founded_year", 0))
        out = np.empty(k, np.uint64)
        for j in range(k):  # entry and projects add a few at a time; the county's start once
            key = (int(kind[j]), int(village[j]), year)
            serial = self._serial.get(key, 0)
            self._serial[key] = serial + 1
            out[j] = ((key[0] * 1_000_003 + key[1]) * 1_009 + key[2] + 7) * 4_096 + serial
        return out

    def __getitem__(self, i: int) -> EnterpriseView:
        attrs = {name: getattr(self, name)[i].item() for name in self.COLUMNS}
        attrs["kind_name"] = KIND_NAMES[attrs["kind"]]
        return EnterpriseView(i, attrs)

    def of_kind(self, kind: int) -> np.ndarray:
        return np.flatnonzero((self.kind == kind) & self.alive)

    def jobs_by_village(self, n_villages: int) -> np.ndarray:
        return np.bincount(self.village, weights=self.jobs * self.alive, minlength=n_villages)
