"""A planner's clusters (regions.py): SKATER's compact, homogeneous regions of the road network."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from cluster_sim.model import ClusterModel
from cluster_sim.regions import ENDOWMENTS, FLOOR_SHARE, MAX_VILLAGES
from cluster_sim.scenario import ScenarioError, load_scenario

pytest.importorskip("spopt")

REGIONALISED = {"county.cluster_formation": "regionalised", "policies.pairing.enabled": True}


@pytest.fixture(scope="module")
def pinghu():
    return ClusterModel(None, seed=1, **REGIONALISED)


def within_spread(v, cluster, home):
    """Sum over regions of the endowments' squared deviations from the region's mean (standardised)."""
    x = np.column_stack([getattr(v, n)[home] for n in ENDOWMENTS])
    x = (x - x.mean(0)) / x.std(0)
    c = cluster[home]
    return sum(((x[c == k] - x[c == k].mean(0)) ** 2).sum() for k in np.unique(c[c >= 0]))


def test_every_region_is_a_connected_piece_of_the_road_network_with_its_strongest_village_as_key(pinghu):
    v, home = pinghu.villages, np.flatnonzero(~pinghu.villages.is_partner)
    assert (v.cluster[home] >= 0).all() and (v.cluster[v.is_partner] < 0).all()
    roads = nx.Graph([(a, b) for a, b, _ in pinghu.layout.edges])
    n = len(pinghu.clusters)
    assert n == 8  # Pinghu's road network is connected: as many regions as designated clusters
    floor = max(2, int(FLOOR_SHARE * len(home) / n))
    for k in range(n):
        members = np.flatnonzero(v.cluster == k)
        assert len(members) >= floor
        assert nx.is_connected(roads.subgraph(members.tolist()))
        key = int(pinghu.clusters["key_index"].iloc[k])
        assert v.is_key[key] and v.cluster[key] == k
        assert v.operating_income_last[key] == v.operating_income_last[members].max()
    assert v.is_key.sum() == n


def test_regions_are_more_homogeneous_than_the_designated_clusters_and_the_same_every_time(pinghu):
    designated = ClusterModel(None, seed=1)
    home = np.flatnonzero(~designated.villages.is_partner)
    # the designated clusters leave villages out; compare like with like: every village in a region
    nearest = designated.villages.cluster.copy()
    keys = designated.clusters["key_index"].to_numpy()
    v = designated.villages
    out = home[nearest[home] < 0]
    nearest[out] = np.argmin(np.hypot(v.x_km[out, None] - v.x_km[keys][None], v.y_km[out, None] - v.y_km[keys][None]), 1)
    assert within_spread(pinghu.villages, pinghu.villages.cluster, home) < within_spread(v, nearest, home)
    again = ClusterModel(None, seed=7, **REGIONALISED)
    np.testing.assert_array_equal(again.villages.cluster, pinghu.villages.cluster)


def test_pairing_in_planned_regions_leads_weak_villages_from_their_regions_key(pinghu):
    pinghu.run(years=1)
    pairing = next(p for p in pinghu.policies if p.name == "pairing")
    v = pinghu.villages
    assert len(pairing.led) == int((v.is_weak & ~v.is_key & ~v.is_partner).sum())
    assert (v.cluster[pairing.leaders] == v.cluster[pairing.led]).all() and v.is_key[pairing.leaders].all()


def test_a_county_too_large_for_skater_is_refused_when_the_scenario_is_read():
    with pytest.raises(ScenarioError, match="county.cluster_formation") as err:
        load_scenario(None, {"county.cluster_formation": "regionalised", "county.villages": MAX_VILLAGES + 1,
                             "county.households": 200_000})
    assert "formed" in str(err.value)
