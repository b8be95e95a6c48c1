"""Yearly records of a run, turned into tidy tables: village-year, household-group-year,
cluster-year and county-year. County figures cover the home county; partner villages
(e.g. the Qingtian flying-land villages) appear in the village and cluster tables.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..accounts import (COLLECTIVE_OPERATING, COLLECTIVE_SOURCES, HOUSEHOLD_SOURCES, NON_CASH, collective_categories,
                        household_categories, TRANSFER)
from ..ledger import sum_accounts
from .stats import gini

if TYPE_CHECKING:
    from ..model import ClusterModel

UNCLUSTERED, PARTNER = -1, -2
# the village columns the county figures read
_HOME_COLUMNS = ("village", "cluster", "is_key", "is_strong", "is_weak", "operating_income_yuan", "total_income_yuan",
                 "over_indebted", *(f"{s}_yuan" for s in COLLECTIVE_SOURCES))


def _mean(values: np.ndarray) -> float:
    """The mean as pandas takes it (sum / count), NaN when there is nothing to average."""
    return float(values.sum() / len(values)) if len(values) else np.nan


def last_county_figure(model: ClusterModel, key: str) -> float:
    """A county-year figure of the last closed year (NaN before the first year closes); a
    module-level function, so the model's DataCollector pickles."""
    rows = model.recorder.county_rows
    return rows[-1][key] if rows else np.nan


class YearRecorder:
    def __init__(self, model: ClusterModel):
        self.model = model
        self.village_rows: list[pd.DataFrame] = []
        self.group_rows: list[pd.DataFrame] = []
        self.county_rows: list[dict] = []
        self.flow_rows: list[dict] = []

    def model_reporters(self) -> dict:
        """DataCollector reporters: the whole county-year record of the last closed year, so
        ``mesa.batch_run`` returns every county column (as ``county_year`` has them)."""
        from .columns import COUNTY_COLUMNS

        return {k: partial(last_county_figure, key=k) for k in COUNTY_COLUMNS}

    def record(self, received: dict, paid: dict) -> None:
        m = self.model
        v, h = m.villages, m.households
        t, year = m.year_index, m.calendar_year
        members_v = np.bincount(h.village, weights=h.members, minlength=v.n)
        hh_income = h.income_total
        income_v = np.bincount(h.village, weights=hh_income, minlength=v.n)
        cluster_id = np.where(v.is_partner, PARTNER, v.cluster)
        names = m.clusters["name"].to_numpy(dtype=object)
        cluster_name = np.array([names[c] if c >= 0 else ("未入片区" if c == UNCLUSTERED else m.layout.partner_name)
                                 for c in cluster_id], dtype=object)
        debt_limit = m.params["collective"]["debt_limit_share"]
        columns = {
            "t": t, "year": year, "village": np.arange(v.n), "name": v.name, "cluster": cluster_id,
            "cluster_name": cluster_name, "is_key": v.is_key, "is_strong": v.is_strong, "is_weak": v.is_weak,
            "is_partner": v.is_partner, "scenic": v.scenic, "governance": v.governance.copy(),
            "households": v.households, "members": members_v,
            **{f"{s}_yuan": v.income_by_source[s] for s in COLLECTIVE_SOURCES},
            "operating_income_yuan": v.operating_income_last, "total_income_yuan": v.total_income_last,
            "spending_yuan": v.spending_last, "cash_yuan": v.cash.copy(), "debt_yuan": v.debt.copy(),
            "assets_yuan": v.assets_yuan, "debt_ratio": v.debt_ratio, "over_indebted": v.debt_ratio > debt_limit,
            "bad_debt_yuan": v.bad_debt.copy(),
            "farmer_income_per_capita_yuan": np.divide(income_v, members_v, out=np.zeros(v.n), where=members_v > 0),
        }
        self.village_rows.append(pd.DataFrame(columns))
        # household groups: village x low-income status, sums then per-capita
        key = h.village.astype(np.int64) * 2 + h.low_income
        size = 2 * v.n
        households = np.bincount(key, minlength=size)
        present = households > 0  # groups with no household are left out
        members = np.bincount(key, weights=h.members, minlength=size)[present]
        sums = {f"{s}_yuan": np.bincount(key, weights=h.income_by_source[s], minlength=size)[present]
                for s in HOUSEHOLD_SOURCES}
        sums["income_yuan"] = np.stack(list(sums.values()), axis=1).sum(axis=1)
        slots = np.flatnonzero(present)
        self.group_rows.append(pd.DataFrame({
            "t": t, "year": year, "village": slots // 2, "low_income": slots % 2 == 1,
            "households": households[present], "members": members, **sums,
            **{f"{s}_per_capita_yuan": sums[f"{s}_yuan"] / members for s in HOUSEHOLD_SOURCES + ("income",)}}))
        self.county_rows.append(self._county_row(columns, hh_income, received))
        for name, book in (("received", received), ("paid", paid)):
            for kind, cats in book.items():
                for cat, arr in cats.items():
                    self.flow_rows.append({"t": t, "year": year, "side": name, "kind": kind, "category": cat,
                                           "amount_yuan": float(arr.sum()), "cash": cat not in NON_CASH})

    def _county_row(self, columns: dict, hh_income: np.ndarray, received: dict) -> dict:
        """The county figures of the year, from the village columns as arrays (no DataFrame in
        the yearly loop); means of an empty group are NaN, as the county table has them."""
        m = self.model
        h = m.households
        partner_mask = np.asarray(columns["is_partner"], bool)
        home = {k: np.asarray(columns[k])[~partner_mask] for k in _HOME_COLUMNS}
        partner = {k: np.asarray(columns[k])[partner_mask] for k in ("operating_income_yuan", "total_income_yuan")}
        members = h.members.astype(float)
        low = h.low_income
        per_capita = np.divide(hh_income, members, out=np.zeros(len(members)), where=members > 0)
        operating, total = home["operating_income_yuan"], home["total_income_yuan"]
        strong = _mean(operating[home["is_strong"]])
        weak = _mean(operating[home["is_weak"]])
        row = {
            "t": m.year_index, "year": m.calendar_year, "villages": len(operating), "households": int(h.n),
            "members": float(members.sum()),
            "collective_income_total_yuan": float(total.sum()),
            "collective_income_operating_yuan": float(operating.sum()),
            "collective_income_total_mean_yuan": _mean(total),
            "collective_income_operating_mean_yuan": _mean(operating),
            **{f"collective_{s}_yuan": float(home[f"{s}_yuan"].sum()) for s in COLLECTIVE_SOURCES},
            "farmer_income_per_capita_yuan": float(hh_income.sum() / members.sum()),
            "low_income_income_per_capita_yuan": float(hh_income[low].sum() / max(members[low].sum(), 1)),
            **{f"{s}_per_capita_yuan": float(h.income_by_source[s].sum() / members.sum()) for s in HOUSEHOLD_SOURCES},
            "strong_operating_mean_yuan": strong, "weak_operating_mean_yuan": weak,
            "weak_total_mean_yuan": _mean(total[home["is_weak"]]),
            "strong_weak_gap_yuan": float(strong - weak), "strong_weak_gap_ratio": float(strong / weak) if weak > 0 else np.nan,
            "key_operating_mean_yuan": _mean(operating[home["is_key"]]),
            "surrounding_operating_mean_yuan": _mean(operating[(home["cluster"] >= 0) & ~home["is_key"]]),
            "gini_collective": gini(total),
            "gini_household": gini(per_capita, members),
            "share_villages_below_weak_line": _mean(operating < m.params["simulation"]["weak_line_operating_yuan"]),
            "villages_over_indebted": int(home["over_indebted"].sum()),
            "collective_loan_defaults": int((m.villages.defaulted_year == m.calendar_year).sum()),
            "partner_operating_mean_yuan": _mean(partner["operating_income_yuan"]),
            "partner_total_mean_yuan": _mean(partner["total_income_yuan"]),
            **self._transfer_parts(received, home, members, low),
            "enterprises_alive": int(m.enterprises.alive.sum()),
            "enterprise_failures": sum(1 for f in m.failures if f["year"] == m.calendar_year),
        }
        return row

    def _transfer_parts(self, received: dict, home: dict, members: np.ndarray, low: np.ndarray) -> dict:
        """The parts of the headline incomes that transfers and guarantees paid (categories
        flagged in ``accounts``): what a policy's effect splits into, against its induced part."""
        m = self.model
        transfer = TRANSFER
        n_v, n_h = m.villages.n, m.households.n
        home_idx = home["village"]
        operating = [c for s in COLLECTIVE_OPERATING for c in collective_categories(s) if c in transfer]
        subsidies = [c for c in collective_categories("subsidies") if c in transfer]
        op_v = sum_accounts(received["villages"], n_v, operating)
        sub_v = sum_accounts(received["villages"], n_v, subsidies)
        village_op, village_sub = op_v[home_idx].sum(), sub_v[home_idx].sum()
        weak_idx = home_idx[home["is_weak"]]
        hh = sum_accounts(received["households"], n_h,
                          [c for s in HOUSEHOLD_SOURCES for c in household_categories(s) if c in transfer])
        return {
            "collective_operating_transfer_mean_yuan": float(village_op / max(len(home_idx), 1)),
            "collective_total_transfer_mean_yuan": float((village_op + village_sub) / max(len(home_idx), 1)),
            "farmer_transfer_per_capita_yuan": float(hh.sum() / members.sum()),
            "low_income_transfer_per_capita_yuan": float(hh[low].sum() / max(members[low].sum(), 1)),
            "weak_operating_transfer_mean_yuan": _mean(op_v[weak_idx]),
            "weak_total_transfer_mean_yuan": _mean((op_v + sub_v)[weak_idx]),
        }

    def county_table(self) -> pd.DataFrame:
        """The county-year table alone: what a sweep's outcomes and ``evaluate`` read, without
        building the village, household-group, cluster and flow tables."""
        return pd.DataFrame(self.county_rows)

    def tables(self) -> dict[str, pd.DataFrame]:
        village = pd.concat(self.village_rows, ignore_index=True) if self.village_rows else pd.DataFrame()
        groups = pd.concat(self.group_rows, ignore_index=True) if self.group_rows else pd.DataFrame()
        return {"village_year": village, "household_group_year": groups,
                "cluster_year": cluster_table(village, groups), "county_year": self.county_table(),
                "flows_year": pd.DataFrame(self.flow_rows)}


def cluster_table(village: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    if village.empty:
        return pd.DataFrame()
    inc = groups.groupby(["t", "village"], as_index=False)[["income_yuan", "members"]].sum()
    low = groups[groups["low_income"]].groupby(["t", "village"], as_index=False)[["income_yuan", "members"]].sum()
    vt = village.merge(inc.rename(columns={"income_yuan": "hh_income", "members": "hh_members"}), on=["t", "village"], how="left")
    vt = vt.merge(low.rename(columns={"income_yuan": "low_income", "members": "low_members"}), on=["t", "village"], how="left")
    vt = vt.fillna({"hh_income": 0.0, "hh_members": 0.0, "low_income": 0.0, "low_members": 0.0})
    out = vt.groupby(["t", "year", "cluster", "cluster_name"], as_index=False).agg(
        villages=("village", "size"), collective_income_total_yuan=("total_income_yuan", "sum"),
        collective_income_operating_yuan=("operating_income_yuan", "sum"),
        collective_income_operating_mean_yuan=("operating_income_yuan", "mean"),
        collective_income_total_mean_yuan=("total_income_yuan", "mean"),
        hh_income=("hh_income", "sum"), hh_members=("hh_members", "sum"),
        low_income=("low_income", "sum"), low_members=("low_members", "sum"))
    out["farmer_income_per_capita_yuan"] = out["hh_income"] / out["hh_members"].where(out["hh_members"] > 0)
    out["low_income_income_per_capita_yuan"] = out["low_income"] / out["low_members"].where(out["low_members"] > 0)
    return out.drop(columns=["hh_income", "hh_members", "low_income", "low_members"])
