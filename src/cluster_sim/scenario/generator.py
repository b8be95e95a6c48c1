"""Build a county (or a whole province) from its scenario description.

The layout — villages, their positions and endowments, households, initial enterprises — is
drawn from ``county.layout_seed``, not from the run seed, so every replication of a scenario
simulates the same county and replications differ only in what happens to it.
"""

from __future__ import annotations

import copy
import json
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd



@dataclass
class CountyLayout:
    villages: pd.DataFrame   # one row per village (home villages first, partner villages last)
    clusters: pd.DataFrame   # one row per cluster
    households: dict[str, np.ndarray]
    edges: list[tuple[int, int, float]]  # road links (village, village, km)
    county_name: str
    partner_name: str


def _cluster_table(county: dict) -> list[dict]:
    clusters = [dict(c) for c in county["clusters"]]
    for k in range(county["auto_clusters"]):
        clusters.append({
            "name": f"片区{k + 1:04d}", "name_en": f"Cluster {k + 1}", "town": "", "theme": "agriculture",
            "key_village": f"重点村{k + 1:04d}", "surrounding": county["auto_cluster_size"],
            "specialty": "none", "scenic": -1.0,
        })
    return clusters


def home_village_names(county: dict) -> list[str]:
    """Names of the home county's villages, in layout order: each cluster's key village and its
    surrounding villages, then the unclustered ones. They depend on the scenario only (not on
    any random draw), so validation can check names a scenario refers to without building."""
    names = []
    for c in _cluster_table(county):
        names.append(c["key_village"])
        names += [f"{c['name']}·周边村{j + 1}" for j in range(c["surrounding"])]
    names += [f"{county['name']}·村{j + 1:04d}" for j in range(county["villages"] - len(names))]
    return names


def partner_village_names(county: dict) -> list[str]:
    p = county["partner"]
    return [f"{p['name']}·薄弱村{k + 1:03d}" for k in range(p["villages"])]


def _place(rng: np.random.Generator, n_clusters: int, area: float) -> np.ndarray:
    """Key-village positions: spread over the square, away from the centre (the county town)."""
    angle = rng.uniform(0, 2 * np.pi, n_clusters) if n_clusters > 8 else np.linspace(0, 2 * np.pi, n_clusters, endpoint=False)
    radius = area * (0.18 + 0.27 * rng.random(n_clusters))
    centre = area / 2
    return np.column_stack([centre + radius * np.cos(angle), centre + radius * np.sin(angle)])


def build_villages(county: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(county["layout_seed"])
    clusters = _cluster_table(county)
    n_home = county["villages"]
    area = county["area_km"]
    rows = []
    key_xy = _place(rng, len(clusters), area)
    spread = max(2.0, area / max(1.0, np.sqrt(len(clusters))) / 3)
    for ci, c in enumerate(clusters):
        rows.append({"cluster": ci, "is_key": True, "x_km": key_xy[ci, 0],
                     "y_km": key_xy[ci, 1], "scenic": c["scenic"], "specialty": c["specialty"]})
        for j in range(c["surrounding"]):
            dx, dy = rng.normal(0, spread, 2)
            rows.append({"cluster": ci, "is_key": False,
                         "x_km": key_xy[ci, 0] + dx, "y_km": key_xy[ci, 1] + dy,
                         "scenic": -1.0 if c["scenic"] < 0 else c["scenic"] * rng.uniform(0.1, 0.5),
                         "specialty": c["specialty"] if rng.random() < 0.6 else "none"})
    for j in range(n_home - len(rows)):
        rows.append({"cluster": -1, "is_key": False,
                     "x_km": rng.uniform(0, area), "y_km": rng.uniform(0, area), "scenic": -1.0,
                     "specialty": "none"})
    v = pd.DataFrame(rows)
    v.insert(0, "name", home_village_names(county))
    n = len(v)
    v["x_km"] = v["x_km"].clip(0, area)
    v["y_km"] = v["y_km"].clip(0, area)
    v["is_partner"] = False
    # Endowments: one latent "strength" drives all collective assets (heavy tail), key villages
    # get a boost; scenic/industrial endowments are drawn where not given. A village override
    # replaces a drawn trait *before* the endowments derived from it (strength → industrial,
    # governance, assets; industrial → buildings); the draws themselves are unchanged, so one
    # village's override leaves every other village as it was.
    overrides = [(_village_row(v, ov), ov) for ov in county["villages_override"]]
    v["strength"] = rng.normal(0, 1, n) + county["key_village_boost"] * v["is_key"].to_numpy()
    _override(v, overrides, "strength")
    strength = v["strength"].to_numpy()
    sd = county["village_strength_sd"]
    draw = v["scenic"].to_numpy() < 0
    v.loc[draw, "scenic"] = np.clip(rng.beta(0.6, 6.0, draw.sum()), 0, 1)
    _override(v, overrides, "scenic")
    v["industrial"] = np.clip(rng.beta(2, 3, n) + 0.1 * strength, 0, 1)
    _override(v, overrides, "industrial")
    v["governance"] = np.clip(0.5 + 0.15 * strength + rng.normal(0, 0.1, n), 0.05, 1)
    _override(v, overrides, "governance")
    centre = np.array([area / 2, area / 2])
    straight = np.hypot(v["x_km"] - centre[0], v["y_km"] - centre[1]).to_numpy()
    v["dist_town_km"] = county["road_factor"] * straight
    v["dist_shanghai_km"] = county["shanghai_km"] + county["road_factor"] * (v["x_km"].to_numpy() - centre[0]) * -1.0
    v["dist_shanghai_km"] = v["dist_shanghai_km"].clip(lower=5.0)
    # Households per village: lognormal sizes scaled to the county total.
    weights = rng.lognormal(0, 0.35, n)
    hh = np.maximum(1, np.floor(weights / weights.sum() * county["households"])).astype(np.int64)
    hh[np.argmax(hh)] += county["households"] - hh.sum()
    if hh.min() < 1:  # so few households a village that the floor of one overshot: take back from the largest
        hh = _at_least_one_each(np.maximum(1, np.floor(weights / weights.sum() * county["households"])).astype(np.int64),
                                county["households"])
    v["households"] = hh
    _override(v, overrides, "households")
    scale = lambda median, extra_sd: median * np.exp(sd * strength + extra_sd * rng.normal(0, 1, n))  # noqa: E731
    v["building_m2"] = scale(county["building_m2_median"], 0.3) * (0.5 + v["industrial"].to_numpy())
    v["collective_land_mu"] = scale(county["collective_land_mu_median"], 0.4)
    v["invested_capital_yuan"] = scale(county["invested_capital_median_yuan"], 0.4)
    v["company_profit_yuan"] = scale(county["company_profit_median_yuan"], 0.5)
    v["has_company"] = strength + rng.normal(0, 0.5, n) > -0.3
    for i, ov in overrides:
        if ov["specialty"]:
            v.loc[i, "specialty"] = ov["specialty"]
    v = pd.concat([v, _partner_villages(county)], ignore_index=True)
    c = pd.DataFrame(clusters)
    first_of_name: dict[str, int] = {}
    for i, name in enumerate(v["name"].tolist()):
        first_of_name.setdefault(name, i)
    c["key_index"] = [first_of_name[name] for name in c["key_village"]]
    return v, c


def _village_row(v: pd.DataFrame, ov: dict) -> int:
    hit = np.flatnonzero(v["name"].to_numpy() == ov["name"])
    if len(hit) == 0:
        from .errors import ScenarioError
        raise ScenarioError("county.villages_override", ov["name"], "no village of that name",
                            "the name of a key village or a generated village")
    return int(hit[0])


def _override(v: pd.DataFrame, overrides: list[tuple[int, dict]], key: str) -> None:
    """Replace the drawn ``key`` of each overridden village that gives it."""
    for i, ov in overrides:
        if (ov[key] > -99.0) if key == "strength" else (ov[key] >= 0):  # -99 / -1: not given
            v.loc[i, key] = ov[key]


def _partner_villages(county: dict) -> pd.DataFrame:
    """Villages of a partner county (the Qingtian flying-land villages): collectives, no households here."""
    p = county["partner"]
    n = p["villages"]
    if n == 0:
        return pd.DataFrame()
    rng = np.random.default_rng(county["layout_seed"] + 1)
    income = p["collective_income_yuan"] * rng.lognormal(0, 0.3, n) / np.exp(0.045)
    return pd.DataFrame({
        "name": partner_village_names(county), "cluster": -1, "is_key": False,
        "x_km": -p["distance_km"], "y_km": rng.uniform(0, county["area_km"], n), "scenic": 0.0,
        "specialty": "none", "is_partner": True, "strength": -2.0, "industrial": 0.0,
        "governance": np.clip(rng.normal(0.3, 0.08, n), 0.05, 1), "dist_town_km": p["distance_km"],
        "dist_shanghai_km": p["distance_km"] + county["shanghai_km"], "households": 0,
        "building_m2": 0.0, "collective_land_mu": 0.0,
        # partner collectives' own operating income comes from small investments at the same return
        "invested_capital_yuan": income * p["operating_share"] / 0.08, "company_profit_yuan": 0.0,
        "has_company": False, "partner_subsidy_yuan": income * (1 - p["operating_share"]),
    })


def road_edges(v: pd.DataFrame, road_factor: float, k: int = 3) -> list[tuple[int, int, float]]:
    """Link each home village to its k nearest neighbours (road km: ``road_factor`` × straight
    line); partners stay unlinked."""
    home = np.flatnonzero(~v["is_partner"].to_numpy())
    xy = v.loc[home, ["x_km", "y_km"]].to_numpy()
    pairs, km = [np.empty((0, 2), home.dtype)], [np.empty(0)]
    # chunked nearest neighbours keeps memory linear for provinces
    for start in range(0, len(home), 512):
        block = xy[start:start + 512]
        d = np.hypot(block[:, None, 0] - xy[None, :, 0], block[:, None, 1] - xy[None, :, 1])
        d[np.arange(len(block)), np.arange(start, start + len(block))] = np.inf
        nearest = np.argpartition(d, min(k, len(home) - 1) - 1, axis=1)[:, :k] if len(home) > 1 else np.empty((len(block), 0), int)
        rows = np.repeat(np.arange(len(block)), nearest.shape[1])
        a, b = home[start + rows], home[nearest.ravel()]
        pairs.append(np.column_stack([np.minimum(a, b), np.maximum(a, b)]))
        km.append(road_factor * d[rows, nearest.ravel()])
    # a link found from both ends has the same length (hypot is symmetric): keep one, sorted
    links, first = np.unique(np.concatenate(pairs), axis=0, return_index=True)
    lengths = np.concatenate(km)[first]
    return [(int(a), int(b), round(float(x), 3)) for (a, b), x in zip(links, lengths, strict=True)]


def _at_least_one_each(hh: np.ndarray, total: int) -> np.ndarray:
    """Households per village summing to ``total`` with every village keeping one: the excess
    is taken from the largest villages first (``total`` >= villages is checked by the loader)."""
    hh = hh.copy()
    excess = int(hh.sum() - total)
    for i in np.argsort(-hh, kind="stable"):
        if excess <= 0:
            break
        take = min(excess, int(hh[i]) - 1)
        hh[i] -= take
        excess -= take
    return hh


def build_households(county: dict, villages: pd.DataFrame) -> dict[str, np.ndarray]:
    """Static household attributes as columns (one row per household)."""
    rng = np.random.default_rng(county["layout_seed"] + 2)
    counts = villages["households"].to_numpy()
    village = np.repeat(np.arange(len(villages), dtype=np.int32), counts)
    n = len(village)
    pph = county["people_per_household"]
    members = np.clip(1 + rng.poisson(pph - 1, n), 1, 9).astype(np.int16)
    elderly = rng.binomial(members, county["elderly_share"]).astype(np.int16)
    children = rng.binomial(members - elderly, county["children_share"] / max(1e-9, 1 - county["elderly_share"])).astype(np.int16)
    # children live with a parent of working age (registered members, migrants included)
    children = np.minimum(children, np.maximum(members - elderly - 1, 0)).astype(np.int16)
    working_age = members - elderly - children
    # low-income households: drawn among households with many dependants; their working-age
    # members have partial labour capacity (illness, disability, age, care duties)
    dependency = (members - working_age) / members + rng.normal(0, 0.25, n)
    cut = np.quantile(dependency, 1 - county["low_income_share"]) if n else 0
    low_income = dependency >= cut
    # every household with members of working age has at least one earner
    workers = np.maximum(rng.binomial(working_age, county["participation_rate"]), np.minimum(working_age, 1)).astype(np.float32)
    # capacity in worker-equivalents: members of low-income households work part of the time
    capacity = np.clip(county["low_income_participation_rate"] * rng.uniform(0.5, 1.5, n), 0.05, 1.0)
    workers = np.where(low_income, working_age * capacity, workers).astype(np.float32)
    land_mu = (members * county["land_mu_per_person"] * rng.lognormal(0, 0.3, n)).astype(np.float32)
    lets_rooms = rng.random(n) < county["house_rent_share"]
    return {"village": village, "members": members, "elderly": elderly, "workers": workers,
            "low_income": low_income, "land_mu": land_mu, "lets_rooms": lets_rooms}


def build_county(county: dict) -> CountyLayout:
    villages, clusters = build_villages(county)
    return CountyLayout(villages=villages, clusters=clusters, households=build_households(county, villages),
                        edges=road_edges(villages, county["road_factor"]), county_name=county["name"],
                        partner_name=county["partner"]["name"])


_LAYOUTS: OrderedDict[str, CountyLayout] = OrderedDict()
LAYOUTS_KEPT = 4  # a sweep worker's scenarios; the province's layout is ~60 MB


def county_layout(county: dict) -> CountyLayout:
    """``build_county(county)``, built once per process for each distinct ``county`` section.

    A sweep's replications, seeds and every design point that leaves ``county.*`` alone share
    one layout: it is a pure function of this section (``county.layout_seed``, not the run's
    seed). Each caller gets its own deep copy, so a model that changes its villages or
    households in place cannot reach the next run; copying costs a fraction of building."""
    key = json.dumps(county, sort_keys=True, default=repr)
    layout = _LAYOUTS.get(key)
    if layout is None:
        layout = _LAYOUTS[key] = build_county(county)
        while len(_LAYOUTS) > LAYOUTS_KEPT:
            _LAYOUTS.popitem(last=False)
    else:
        _LAYOUTS.move_to_end(key)
    return copy.deepcopy(layout)

