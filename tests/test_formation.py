"""Clusters that form themselves (formation.py): the red lines and the rule's properties."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from cluster_sim.formation import Endowments, Game, Terms, form
from cluster_sim.model import ClusterModel
from cluster_sim.scenario.registry import BY_PATH

PAIRING = {"joint_project_yuan": 3e6, "project_yield": 0.2, "brand_uplift": 0.08, "governance_full": 0.7,
           "joint_market_yuan_person": 200.0, "project_cost_share": 0.45, "project_fixed_cost_share": 0.04,
           "led_profit_share": 0.5, "leader_capital_share": 0.6, "spillover_rate": 0.15,
           "mentoring_distance_km": 10.0, "productivity_per_governance": 0.6}


def terms(**changes) -> Terms:
    params = {"formation": {k.split(".", 1)[1]: BY_PATH[k].default for k in BY_PATH if k.startswith("formation.")},
              "policies": {"pairing": PAIRING}, "county": {"road_factor": 1.3},
              "collective": {"investment_return": 0.08}}
    return dataclasses.replace(Terms.from_params(params), **changes)


def county(n=60, n_keys=5, seed=0, equal=False) -> Endowments:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 30, (n, 2))
    keys = np.arange(n_keys)
    governance = np.full(n, 0.4) if equal else np.clip(rng.normal(0.45, 0.12, n), 0.05, 1)
    governance[keys] = 0.7
    residents = np.full(n, 2500.0) if equal else rng.uniform(1000, 4500, n)
    operating = np.full(n, 1e6) if equal else rng.lognormal(np.log(1e6), 0.5, n)
    candidate = np.ones(n, bool)
    candidate[keys] = False
    return Endowments(xy[:, 0], xy[:, 1], governance, residents, operating, candidate, keys)


def members_gain(e: Endowments, t: Terms, cluster: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each member's and each leader's gain recomputed from the membership alone."""
    game = Game(e, t)
    pair = {(v, k): i for i, (v, k) in enumerate(zip(game.village.tolist(), game.cluster.tolist()))}
    member = np.zeros(len(game.village), bool)
    for v in np.flatnonzero((cluster >= 0) & e.candidate):
        member[pair[(int(v), int(cluster[v]))]] = True
    size, offered, market, km = game.aggregates(member)
    idx = np.flatnonzero(member)
    k = game.cluster[idx]
    return game.member_gain(idx, size[k], offered[k], market[k]), game.leader_gain(size, offered, market, km)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_village_is_in_a_cluster_that_does_not_pay_it_and_no_leader_loses(seed):
    e, t = county(seed=seed), terms()
    formed = form(e, t)
    assert formed.settled
    member, leader = members_gain(e, t, formed.cluster)
    assert len(member) > 0 and (member >= 0).all()
    assert (leader >= -1e-6).all()
    joins = formed.moves[formed.moves["to_cluster"] >= 0]
    assert (joins["gain_after_yuan"] > 0).all() and (joins["gain_after_yuan"] > joins["gain_before_yuan"]).all()


def test_without_the_leaders_reward_no_key_village_accepts_anyone():
    """At the pairing package's defaults a joint project's profit share does not pay back the
    leader's capital: with no assessment credit nobody is taken in (and nobody is forced)."""
    formed = form(county(), terms(leader_assessment_yuan=0.0))
    assert (formed.cluster[county().candidate] == -1).all()


def test_villages_beyond_the_distance_rule_never_share_a_cluster():
    e, t = county(n=120, seed=4), terms(max_partner_km=8.0)
    formed = form(e, t)
    clustered = np.flatnonzero((formed.cluster >= 0) & e.candidate)
    key = e.keys[formed.cluster[clustered]]
    road = t.road_factor * np.hypot(e.x_km[clustered] - e.x_km[key], e.y_km[clustered] - e.y_km[key])
    assert len(clustered) > 5 and (road <= 8.0).all()
    c = formed.cluster
    for a in range(len(c)):
        for b in range(a + 1, len(c)):
            if c[a] >= 0 and c[a] == c[b]:
                assert t.road_factor * np.hypot(e.x_km[a] - e.x_km[b], e.y_km[a] - e.y_km[b]) <= 2 * 8.0 + 1e-9


def test_dearer_coordination_makes_smaller_clusters():
    e = county(n=150, seed=5)
    sizes = [np.bincount(form(e, terms(coordination_cost_yuan_km=c)).cluster[e.candidate] + 1)[1:].mean()
             for c in (0.0, 500.0, 3000.0, 20000.0)]
    assert all(a > b for a, b in zip(sizes, sizes[1:])), sizes


def test_with_equal_endowments_formation_does_not_depend_on_the_order_villages_are_listed():
    e, t = county(n=80, seed=6, equal=True), terms()
    formed = form(e, t)
    rng = np.random.default_rng(1)
    order = np.r_[e.keys, rng.permutation(np.arange(len(e.keys), len(e.x_km)))]
    order[: len(e.keys)] = rng.permutation(e.keys)
    shuffled = Endowments(*(getattr(e, f.name)[order] if f.name != "keys" else np.argsort(order)[e.keys]
                            for f in dataclasses.fields(e)))
    again = form(shuffled, t)
    assert (again.cluster >= 0).sum() == (formed.cluster >= 0).sum() > 0
    # each village (by position) ends with the same key village, whatever its row
    key_of = np.where(formed.cluster >= 0, e.keys[np.maximum(formed.cluster, 0)], -1)
    key_again = np.full(len(order), -1)
    key_again[order] = np.where(again.cluster >= 0, order[shuffled.keys[np.maximum(again.cluster, 0)]], -1)
    np.testing.assert_array_equal(key_again, key_of)


def test_a_lone_joiners_gain_is_the_pairing_mechanisms_by_hand():
    """One candidate, one key village 5 km apart (road 6.5 km): the gain spelt out."""
    e = Endowments(np.array([0.0, 5.0]), np.array([0.0, 0.0]), np.array([0.7, 0.35]), np.array([3000.0, 2000.0]),
                   np.array([2e6, 1e6]), np.array([False, True]), np.array([0]))
    t = terms()
    formed = form(e, t)
    e_mgmt = min(1.0, (0.7 + 0.35) / (2 * 0.7))
    supply = 3e6 * 0.2 * e_mgmt * 1.08
    sold = min(supply, 200.0 * (3000 + 2000))
    profit = sold * (1 - 0.45) - 0.04 * 3e6
    spill = 0.6 * 0.15 * 0.35 / (1 + 5.0 / 10.0) * 1e6
    gain = 0.5 * profit + spill - t.coordination_cost_yuan_km * 1 * 6.5
    leader = 0.5 * profit - (0.08 * 0.6 * 3e6 - t.leader_assessment_yuan) - t.coordination_cost_yuan_km * 6.5
    assert formed.cluster[1] == (0 if gain > 0 and leader >= 0 else -1)
    assert formed.member_gain[1] == pytest.approx(gain if formed.cluster[1] == 0 else 0.0)
    assert formed.leader_gain[0] == pytest.approx(leader if formed.cluster[1] == 0 else 0.0)


def test_a_formed_county_pairs_only_villages_that_joined():
    m = ClusterModel(None, seed=1, **{"county.cluster_formation": "formed", "policies.pairing.enabled": True,
                                      "simulation.years": 1})
    m.run()
    pairing = next(p for p in m.policies if p.name == "pairing")
    v = m.villages
    assert len(pairing.led) > 0
    assert (v.cluster[pairing.led] >= 0).all()
    assert (v.cluster[pairing.led] == v.cluster[pairing.leaders]).all()
    assert np.array_equal(v.cluster, m.formation.cluster)
    village_year = m.tables()["village_year"]
    final = village_year[village_year["t"] == village_year["t"].max()].set_index("village")
    home = np.flatnonzero(~v.is_partner)
    np.testing.assert_array_equal(final.loc[home, "cluster"].to_numpy(), m.formation.cluster[home])
    assert (m.formation.cluster[home] < 0).any() and (m.formation.cluster[home] >= 0).any()


def test_two_members_share_a_crowded_market_and_pay_for_each_others_distance():
    """Key village at 0, members 4 and 8 km along a line; a small market so both are rationed."""
    e = Endowments(np.array([0.0, 4.0, 8.0]), np.zeros(3), np.array([0.7, 0.35, 0.56]), np.array([500.0, 400.0, 300.0]),
                   np.array([2e6, 1e6, 1.5e6]), np.array([False, True, True]), np.array([0]))
    t = terms()
    game = Game(e, t)
    both = np.ones(len(game.village), bool)
    size, offered, market, km = game.aggregates(both)
    gains = game.member_gain(np.arange(2), size[[0, 0]], offered[[0, 0]], market[[0, 0]])
    supply = np.array([3e6 * 0.2 * min(1, (0.7 + g) / 1.4) * 1.08 for g in (0.35, 0.56)])
    fill = min(1.0, 200.0 * 1200 / supply.sum())
    assert fill < 1
    profit = supply * fill * 0.55 - 0.04 * 3e6
    spill = 0.6 * 0.15 * np.array([0.35, 0.14]) / (1 + np.array([4.0, 8.0]) / 10) * np.array([1e6, 1.5e6])
    road = 1.3 * np.array([4.0, 8.0])
    np.testing.assert_allclose(gains, 0.5 * profit + spill - t.coordination_cost_yuan_km * 2 * road)
    leader = game.leader_gain(size, offered, market, km)
    np.testing.assert_allclose(leader, [0.5 * profit.sum() - 2 * (0.08 * 0.6 * 3e6 - t.leader_assessment_yuan)
                                        - t.coordination_cost_yuan_km * 2 * road.sum()])


def test_a_revisit_ends_the_pairs_of_villages_that_left_and_pairs_those_that_joined(formed_revisited_run):
    m = formed_revisited_run
    pairing = next(p for p in m.policies if p.name == "pairing")
    v, E = m.villages, m.enterprises
    later = [moves for moves in m.formation_moves[1:] if len(moves)]
    assert later, "no village reconsidered: the test needs a run in which clusters change"
    held = pairing.paired
    # every pair that holds is a led village in its leader's cluster; one that ended closed its project
    assert (v.cluster[pairing.led[held]] == v.cluster[pairing.leaders[held]]).all()
    assert not E.alive[pairing.projects[~held]].any()
    assert (~held).any()  # in this run (seed 7) villages that were led leave their clusters
    # every weak village in a cluster at the end is led by its key village (the budget suffices)
    weak_in = np.flatnonzero(v.is_weak & ~v.is_key & ~v.is_partner & (v.cluster >= 0))
    assert set(weak_in.tolist()) <= set(pairing.led[held].tolist())
    # no pair holds for a village outside every cluster, and mentoring stops with the pair
    assert (v.cluster[pairing.led[held]] >= 0).all()
    assert (m.job_links[pairing.led[~held & ~np.isin(pairing.led, pairing.led[held])]] == -1).all()
    for moves in later:
        joined = moves[moves["to_cluster"] >= 0]
        assert (joined["gain_after_yuan"] > joined["gain_before_yuan"]).all()


def test_without_revisits_formation_happens_once():
    m = ClusterModel(None, seed=1, **{"county.cluster_formation": "formed", "policies.pairing.enabled": True,
                                      "simulation.years": 3})
    start = m.villages.cluster.copy()
    m.run()
    np.testing.assert_array_equal(m.villages.cluster, start)
    assert len(m.formation_moves) == 1


def test_a_formed_run_writes_every_move_with_the_documented_columns(formed_revisited_run):
    from cluster_sim.outputs.columns import TABLES

    moves = formed_revisited_run.tables()["cluster_moves"]
    assert list(moves.columns) == [c for c, _, _ in TABLES["cluster_moves"][1]]
    assert moves["year"].iloc[0] == formed_revisited_run.params["simulation"]["start_year"]
    assert (moves["year"] > moves["year"].iloc[0]).any()  # the revisits' moves follow the first formation
    assert "cluster_moves" not in ClusterModel(None, seed=1).tables()
