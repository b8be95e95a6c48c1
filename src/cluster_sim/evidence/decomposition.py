"""The change in a group of villages' collective income between two years, split by source from
the booked flows (``economy.funding``): an identity, so the operating sources add up to the
change in operating income the village table records.

Building rents are split into their indexation at ``collective.operating_growth`` (the rent
roll times the index less one) and the unindexed rent of each floor vintage (who funded the
floor: the base year's endowment, retained subsidies, retained operating income, loans, a
policy); share returns into the stake vintages. Every other operating category is its own
source. Subsidies are not operating income: their row changes total income only, and reaches
operating income through the reinvested vintages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cluster_sim.accounts import COLLECTIVE_OPERATING, collective_categories
from cluster_sim.economy.funding import VINTAGES

# which source each booked collective category belongs to (floor and stakes: split by vintage)
SOURCE_OF = {
    "rent_building": "floor", "return_investment": "stakes",
    "rent_land_fee": "land_rents", "rent_collective_land": "land_rents", "rent_scenic": "scenic_fee",
    "return_flying_land": "flying_land", "return_flying_land_guaranteed": "flying_land",
    "project_return": "projects", "project_return_guaranteed": "projects",
    "company_profit": "companies", "subsidy_village": "subsidies",
}
OPERATING = frozenset(cat for s in COLLECTIVE_OPERATING for cat in collective_categories(s))

# (key, 中文, English) of the rows shown, in order; "subsidies" is not operating income
SOURCES = (
    ("subsidies", "财政补助（直接，不计经营性收入）", "subsidies, direct (total income only)"),
    ("reinvested_subsidies", "补助留存再投资的回报", "returns on reinvested subsidies"),
    ("reinvested_operating", "经营性收入再投资的回报", "returns on reinvested operating income"),
    ("borrowed", "举债投资的回报", "returns on borrowed investment"),
    ("rent_indexation", "物业租金按年递增", "rent indexation at collective.operating_growth"),
    ("initial_floor", "原有物业出租率变化", "initial floor: occupancy change"),
    ("initial_stakes", "原有股份回报波动与减值", "initial stakes: return draws and write-downs"),
    ("policy_assets", "政策新增物业与股份", "floor and stakes a policy added"),
    ("land_rents", "土地流转服务费与集体土地租金", "land rents (land market)"),
    ("scenic_fee", "景区经营权租金", "scenic-area fee (tourism)"),
    ("companies", "村级公司利润", "village companies' profit"),
    ("projects", "联建/共富项目收益", "projects"),
    ("flying_land", "飞地抱团回报", "flying-land returns"),
)
VINTAGE_SOURCE = {"initial": "initial", "subsidies": "reinvested_subsidies", "operating": "reinvested_operating",
                  "loans": "borrowed", "policies": "policy_assets"}


GROUPS = (("weak", "弱村", "weak villages"), ("surrounding", "周边村", "surrounding villages"),
          ("strong", "强村", "strong villages"))


def village_groups(villages) -> dict[str, np.ndarray]:
    """Indices of the home county's weak, surrounding (in a cluster, not its key village) and
    strong villages, as the county table counts them."""
    home = ~villages.is_partner
    return {"weak": np.flatnonzero(home & villages.is_weak),
            "surrounding": np.flatnonzero(home & (villages.cluster >= 0) & ~villages.is_key),
            "strong": np.flatnonzero(home & villages.is_strong)}


def components(year: dict, villages: np.ndarray) -> dict[str, float]:
    """One closed year's collective income of ``villages`` (mean per village) by source: floor and
    stakes by vintage, the rent roll's indexation, every other category as it was booked."""
    out: dict[str, float] = {key: 0.0 for key, *_ in SOURCES}
    for cat, amounts in year["flows"].items():
        if cat not in SOURCE_OF:
            raise KeyError(f"collective category {cat!r} has no source in evidence.decomposition.SOURCE_OF")
        mean = amounts[villages]
        source = SOURCE_OF[cat]
        if source == "floor":
            roll = mean / year["rent_index"]  # the unindexed rent roll
            out["rent_indexation"] += float((mean - roll).mean())
            for k in VINTAGES:
                out[_vintage_key(k, "floor")] += float((roll * year["floor"][k][villages]).mean())
        elif source == "stakes":
            for k in VINTAGES:
                out[_vintage_key(k, "stakes")] += float((mean * year["stakes"][k][villages]).mean())
        else:
            out[source] += float(mean.mean())
    return out


def _vintage_key(vintage: str, stock: str) -> str:
    key = VINTAGE_SOURCE[vintage]
    return f"initial_{stock}" if key == "initial" else key


def operating_of(year: dict, villages: np.ndarray) -> float:
    """The group's operating income as booked (mean per village): what the sources must add to."""
    return float(sum(a[villages] for cat, a in year["flows"].items() if cat in OPERATING).mean())


def decompose(years: list[dict], villages: np.ndarray, t0: int, t1: int) -> pd.DataFrame:
    """Rows: each source's level in ``t0`` and ``t1`` and its change (mean per village, yuan).
    The operating rows' changes add up to the change in operating income (identity)."""
    by_t = {y["t"]: y for y in years}
    a, b = components(by_t[t0], villages), components(by_t[t1], villages)
    rows = [{"source": key, "zh": zh, "en": en, "operating": key != "subsidies", "level_t0": a[key],
             "level_t1": b[key], "change": b[key] - a[key]} for key, zh, en in SOURCES]
    return pd.DataFrame(rows)
