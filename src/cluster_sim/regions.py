"""Clusters a planner draws (``county.cluster_formation = "regionalised"``): compact, homogeneous
regions of the road network by PySAL's SKATER (``spopt.region.Skater``), the library's spatially
constrained clustering, as the alternative to clusters the villages form themselves
(``formation.py``) and to the ones the scenario lists.

- **Contiguity.** Two home villages are neighbours when a road links them (the layout's road
  network, each village to its nearest ones); a region is a connected piece of it.
- **Homogeneity.** SKATER cuts the minimum spanning tree of the network, weighted by the
  villages' dissimilarity in their endowments (governance, strength, scenic value, industrial
  share; each standardised), into as many regions as the scenario has clusters, each of at least
  ``REGION_FLOOR`` villages (a key village and one member).
- **Key villages.** Each region's key village is its strongest (highest base-year operating
  income); every home village is in a region. Partner-county villages stay outside.

SKATER's time grows about with the cube of the villages (77: 0.3 s; 350: 30 s; 700: 220 s), so a
county of more than ``MAX_VILLAGES`` villages is refused when the scenario is read. The library is
an optional extra (``pip install 'cluster-sim[regions]'``: spopt with geopandas and
libpysal); a scenario that asks for it without the library installed is refused with that fix.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .scenario.errors import ScenarioError

MAX_VILLAGES = 400  # SKATER's cost grows about with the cube of the villages: 77 take 0.3 s, 350 about 30 s
FLOOR_SHARE = 0.5  # a region holds at least half the mean region's villages (so no region is a pair)
ENDOWMENTS = ("governance", "strength", "scenic", "industrial")


def available() -> bool:
    """Whether the ``regions`` extra (PySAL's spopt) is installed, without importing it."""
    import importlib.util

    return importlib.util.find_spec("spopt") is not None


def check_regionalisable(source: str, villages: int) -> None:
    """Refuse, when the scenario is read, a regionalisation that cannot run here or would take hours."""
    if not available():
        raise ScenarioError(source, "county.cluster_formation", "'regionalised' needs PySAL's spopt, which is not "
                            "installed", "pip install 'cluster-sim[regions]', or 'designated' / 'formed'")
    if villages > MAX_VILLAGES:
        raise ScenarioError(source, "county.cluster_formation", f"'regionalised' draws regions with SKATER, whose "
                            f"time grows with the cube of the villages; {villages:,} villages would take hours",
                            f"at most {MAX_VILLAGES} villages, or 'designated' / 'formed' (formed runs a province "
                            "in a fraction of a second)")


def neighbours(n_home: int, edges) -> dict[int, list[int]]:
    """Each home village's road neighbours (the layout's links among home villages)."""
    out: dict[int, list[int]] = {i: [] for i in range(n_home)}
    for a, b, _km in edges:
        if a < n_home and b < n_home:
            out[int(a)].append(int(b))
            out[int(b)].append(int(a))
    return out


def skater_labels(x_km, y_km, attributes: pd.DataFrame, links: dict[int, list[int]], n_regions: int) -> np.ndarray:
    """SKATER's region of each village (0 … n_regions − 1, and more for road-network islands)."""
    try:
        import geopandas
        import libpysal
        from spopt.region import Skater
    except ImportError as err:
        raise ScenarioError("county.cluster_formation", "regionalised",
                            f"needs PySAL's spopt, which is not installed ({err.name})",
                            "pip install 'cluster-sim[regions]', or 'designated' / 'formed'") from err
    spread = attributes.std(ddof=0).replace(0, 1.0)
    standard = (attributes - attributes.mean()) / spread
    frame = geopandas.GeoDataFrame(standard, geometry=geopandas.points_from_xy(x_km, y_km))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libpysal's notes on islands and disconnected pieces
        w = libpysal.weights.W(links, silence_warnings=True)
        n = min(n_regions, len(frame))
        floor = max(2, int(FLOOR_SHARE * len(frame) / n))
        model = Skater(frame, w, list(standard.columns), n_clusters=n, floor=floor, islands="increase")
        model.solve()
    return np.asarray(model.labels_, dtype=np.int64)


def regionalise(model) -> pd.DataFrame:
    """Replace the designated clusters by SKATER's regions; return the new cluster table."""
    v = model.villages
    home = np.flatnonzero(~v.is_partner)
    attributes = pd.DataFrame({name: getattr(v, name)[home] for name in ENDOWMENTS})
    labels = skater_labels(v.x_km[home], v.y_km[home], attributes, neighbours(len(home), model.layout.edges),
                           max(1, len(model.clusters)))
    # number regions by their strongest village's row, so the ids do not depend on SKATER's order
    keys = np.array([home[labels == r][np.argmax(v.operating_income_last[home[labels == r]])]
                     for r in np.unique(labels)])
    keys.sort()
    region_of_key = {int(labels[np.searchsorted(home, k)]): i for i, k in enumerate(keys)}
    cluster = np.full(v.n, -1, np.int32)
    cluster[home] = [region_of_key[int(r)] for r in labels]
    v.cluster[:] = cluster
    is_key = np.zeros(v.n, bool)
    is_key[keys] = True
    v.is_key = is_key
    return pd.DataFrame({"name": [f"规划片区{i + 1}" for i in range(len(keys))],
                         "name_en": [f"Planned cluster {i + 1}" for i in range(len(keys))],
                         "key_village": v.name[keys], "key_index": keys})
