"""Clusters that form themselves (片区自组团): villages join the cluster of a key village by the
gain they expect from it, and key villages accept a member only if leading it does not cost them.

The province's rule (seed 001: 联结周边若干个地理区域相邻、资源禀赋相近、产业特色相似的村; 不搞拉郎配;
三不变) as a coalition-formation game played once, before the first year:

- **Seeds and candidates.** Every designated cluster's key village seeds a cluster (a synthetic
  county's generated clusters too). A home village that is not a key village may join a cluster
  whose key village lies within ``formation.max_partner_km`` road km (``county.road_factor`` ×
  the straight line); farther away it cannot (adjacency).
- **What a member expects** (yuan a year), from the pairing package's own mechanisms and
  numbers (``policies.pairing.*``, docs/policies.md), with ``d`` its road km to the key village
  and ``S`` the cluster's members once it is in:

  - its share ``led_profit_share`` of the joint project it would run with the key village:
    capacity ``C · project_yield · e · (1 + brand_uplift)`` with management
    ``e = min(1, (g_key + g) / (2 · governance_full))``, sold in the cluster's market of
    ``joint_market_yuan_person`` per resident of the key village and the members, shared in
    proportion to capacity (a crowded market leaves each less), less costs
    ``project_cost_share`` of sales and ``project_fixed_cost_share · C``;
  - know-how spillover: the first year's governance gain ``spillover_rate · (g_key − g)⁺ /
    (1 + d / mentoring_distance_km)`` valued as the rise of the village's operating income it
    brings (``productivity_per_governance`` per unit of governance);
  - minus coordination: ``coordination_cost_yuan_km · |S| · d`` (meetings and joint planning,
    more with each member and each km).

  Endowments enter only through these mechanisms: a better-run village runs the joint project
  better (``e``), a weaker one gains more know-how (the gap), a populous one brings market. The
  model has no mechanism that rewards a shared industry or specialty, so formation does not
  either (the province's 产业特色相似 is not represented; docs/policies.md).
- **What the key village expects**: the rest of each project's profit, less the return
  (``collective.investment_return``) its share ``leader_capital_share`` of the capital would earn
  elsewhere, plus ``leader_assessment_yuan`` a led village (the credit a leading village's
  secretary earns in the Party's assessment of 党建联建; an assumption no source puts a number
  on), less coordination ``coordination_cost_yuan_km · |S| · Σ d``.
- **The rule (myopic join-if-better, Hedonic-game style).** Rounds until nothing moves:
  members whose gain is negative leave; a key village whose own gain is negative lets go of the
  member whose departure raises it most; then every village outside or in a cluster compares its
  gain now with its gain in each candidate cluster (with itself added), and the moves that raise
  it, that the receiving key village accepts (its gain with the newcomer neither below its gain
  without nor negative), are made best first, one per cluster a round. A membership that ended
  (the village left, switched or was let go) is not taken up again, which also ends every cycle:
  each village joins each cluster at most once. Ties are broken by position (x, then y), never
  by a village's row, so the result does not depend on the order villages are listed.
  Nobody is forced in: a village whose best gain is not positive stays out, and pairing does not
  lead a village outside every cluster (``policies.pairing``).
- **Revisits.** Every ``formation.revisit_years`` years (0: never) the game is played again at the
  year's close, from the clusters of the day, with the governance the mentoring has brought and
  last year's operating income: a village may leave a cluster that no longer pays it, another
  may join. Pairing ends the pair of a village that left (its joint project is wound up like a
  failed one) and pairs a targeted village that joined, while its budget lasts. The other
  packages keep what they built (routes, workshops) for the villages they started with.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

MAX_ROUNDS = 10_000  # a safeguard: a round moves at least one village, or formation stops
TOL = 1e-6  # yuan: a move must raise a village's gain by more than this


@dataclass(frozen=True)
class Endowments:
    """What formation reads about each village (all arrays over the model's villages)."""

    x_km: np.ndarray
    y_km: np.ndarray
    governance: np.ndarray
    residents: np.ndarray
    operating_yuan: np.ndarray
    candidate: np.ndarray  # may join a cluster (a home village that is not a key village)
    keys: np.ndarray  # key village of each cluster (cluster id = position)


@dataclass(frozen=True)
class Terms:
    """The gain's parameters (registry ``formation.*``, ``policies.pairing.*``, collective return)."""

    max_partner_km: float
    coordination_cost_yuan_km: float
    leader_assessment_yuan: float
    road_factor: float
    capital_yuan: float
    project_yield: float
    brand_uplift: float
    governance_full: float
    market_yuan_person: float
    cost_share: float
    fixed_cost_share: float
    led_profit_share: float
    leader_capital_share: float
    spillover_rate: float
    mentoring_distance_km: float
    productivity_per_governance: float
    investment_return: float

    @classmethod
    def from_params(cls, params: dict) -> Terms:
        f = params["formation"]
        p = params["policies"]["pairing"]
        return cls(f["max_partner_km"], f["coordination_cost_yuan_km"], f["leader_assessment_yuan"],
                   params["county"]["road_factor"], p["joint_project_yuan"], p["project_yield"], p["brand_uplift"],
                   p["governance_full"], p["joint_market_yuan_person"], p["project_cost_share"],
                   p["project_fixed_cost_share"], p["led_profit_share"], p["leader_capital_share"],
                   p["spillover_rate"], p["mentoring_distance_km"], p["productivity_per_governance"],
                   params["collective"]["investment_return"])


@dataclass
class Formed:
    """The outcome: each village's cluster (-1: none), the moves in order and whether it settled."""

    cluster: np.ndarray
    member_gain: np.ndarray  # each village's expected gain where it ended (0 outside)
    leader_gain: np.ndarray  # each cluster's key village's expected gain
    moves: pd.DataFrame  # round, village, from, to, gain before, gain after
    rounds: int
    settled: bool


class Game:
    """The candidate pairs (village, cluster within reach) and the gains of any membership."""

    def __init__(self, e: Endowments, t: Terms):
        self.e, self.t = e, t
        keys = e.keys
        straight = np.hypot(e.x_km[:, None] - e.x_km[keys][None, :], e.y_km[:, None] - e.y_km[keys][None, :])
        road = t.road_factor * straight
        village, cluster = np.nonzero((road <= t.max_partner_km) & e.candidate[:, None])
        self.village, self.cluster = village, cluster
        self.km = road[village, cluster]
        g, gk = e.governance[village], e.governance[keys[cluster]]
        # a pair's joint project: its capacity at the pair's management, at the cluster brand's price
        self.supply = (t.capital_yuan * t.project_yield * np.minimum(1.0, (gk + g) / (2 * t.governance_full))
                       * (1 + t.brand_uplift))
        spill = t.spillover_rate * np.maximum(gk - g, 0) / (1 + straight[village, cluster] / t.mentoring_distance_km)
        self.spillover = t.productivity_per_governance * spill * e.operating_yuan[village]
        self.people = e.residents[village]
        self.n_clusters = len(keys)

    def aggregates(self, member: np.ndarray) -> tuple[np.ndarray, ...]:
        """Per cluster: members, capacity offered, market, road km summed, for pair mask ``member``."""
        k, n = self.cluster[member], self.n_clusters
        return (np.bincount(k, minlength=n).astype(float), np.bincount(k, self.supply[member], n),
                self.t.market_yuan_person * (self.e.residents[self.e.keys] + np.bincount(k, self.people[member], n)),
                np.bincount(k, self.km[member], n))

    def _profit(self, supply, offered, market):
        t = self.t
        return supply * _sold_share(offered, market) * (1 - t.cost_share) - t.fixed_cost_share * t.capital_yuan

    def member_gain(self, pair: np.ndarray, size, offered, market) -> np.ndarray:
        """The expected gain of pair ``pair``'s village in its cluster, given that cluster's
        aggregates (which include the village)."""
        t = self.t
        profit = self._profit(self.supply[pair], offered, market)
        return t.led_profit_share * profit + self.spillover[pair] - t.coordination_cost_yuan_km * size * self.km[pair]

    def leader_gain(self, size, offered, market, km) -> np.ndarray:
        t = self.t
        profits = offered * _sold_share(offered, market) * (1 - t.cost_share) - size * t.fixed_cost_share * t.capital_yuan
        held = size * (t.investment_return * t.leader_capital_share * t.capital_yuan - t.leader_assessment_yuan)
        return (1 - t.led_profit_share) * profits - held - t.coordination_cost_yuan_km * size * km

    def joining(self, pairs: np.ndarray, aggregates, leader: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For pairs whose village is not in that cluster: the village's gain there, and whether
        the key village accepts it (its gain with the newcomer neither below its gain now nor
        negative)."""
        size, offered, market, km = aggregates
        k = self.cluster[pairs]
        size1, offered1 = size[k] + 1, offered[k] + self.supply[pairs]
        market1 = market[k] + self.t.market_yuan_person * self.people[pairs]
        with_it = self.leader_gain(size1, offered1, market1, km[k] + self.km[pairs])
        return (self.member_gain(pairs, size1, offered1, market1),
                (with_it >= leader[k] - TOL) & (with_it >= -TOL))  # never into a loss


def form(e: Endowments, t: Terms, start: np.ndarray | None = None) -> Formed:
    """Play the formation game from ``start`` (each village's cluster, -1 none; default: every
    candidate outside) until no village moves."""
    game = Game(e, t)
    n = len(e.x_km)
    where = np.full(n, -1) if start is None else np.where(e.candidate, start, -1)
    where[e.keys] = np.arange(len(e.keys))
    pair_of = {(int(v), int(k)): i for i, (v, k) in enumerate(zip(game.village, game.cluster))}
    member = np.zeros(len(game.village), bool)
    ended = np.zeros(len(game.village), bool)  # memberships that ended: that door stays shut
    for v in np.flatnonzero(where >= 0):
        if e.candidate[v]:
            i = pair_of.get((int(v), int(where[v])))
            if i is None:  # a start beyond reach: out
                where[v] = -1
            else:
                member[i] = True
    moves: list[tuple] = []
    order_x, order_y = e.x_km, e.y_km
    settled = False
    rounds = 0
    for rounds in range(1, MAX_ROUNDS + 1):
        size, offered, market, km = game.aggregates(member)
        k_of = game.cluster
        gain_now = np.zeros(n)
        in_pairs = np.flatnonzero(member)
        gain_now[game.village[in_pairs]] = game.member_gain(in_pairs, size[k_of[in_pairs]], offered[k_of[in_pairs]],
                                                            market[k_of[in_pairs]])
        moved = False
        leader = game.leader_gain(size, offered, market, km)
        leaving = _leavers(game, in_pairs, gain_now, leader, (size, offered, market, km))
        if len(leaving):
            for i in leaving:
                v = game.village[i]
                moves.append((rounds, int(v), int(k_of[i]), -1, float(gain_now[v]), 0.0))
                where[v] = -1
            member[leaving] = False
            ended[leaving] = True
            continue
        # 3. joins and switches: each village's best accepted cluster, best improvements first
        out_pairs = np.flatnonzero(~member & ~ended)
        gain_there, accepted = game.joining(out_pairs, (size, offered, market, km), leader)
        improvement = gain_there - gain_now[game.village[out_pairs]]
        ok = accepted & (gain_there > 0) & (improvement > TOL)
        cand = out_pairs[ok]
        if len(cand) == 0:
            settled = True
            break
        rank = np.lexsort((order_y[game.village[cand]], order_x[game.village[cand]], -improvement[ok]))
        touched: set[int] = set()
        chosen_villages: set[int] = set()
        for i in cand[rank]:
            v, dest = int(game.village[i]), int(k_of[i])
            src = int(where[v])
            if v in chosen_villages or dest in touched or src in touched:
                continue
            if src >= 0:
                member[pair_of[(v, src)]] = False
                ended[pair_of[(v, src)]] = True
                touched.add(src)
            member[i] = True
            touched.add(dest)
            chosen_villages.add(v)
            moves.append((rounds, v, src, dest, float(gain_now[v]),
                          float(gain_there[np.searchsorted(out_pairs, i)])))
            where[v] = dest
            moved = True
        if not moved:
            settled = True
            break
    size, offered, market, km = game.aggregates(member)
    gain = np.zeros(n)
    in_pairs = np.flatnonzero(member)
    k_of = game.cluster[in_pairs]
    gain[game.village[in_pairs]] = game.member_gain(in_pairs, size[k_of], offered[k_of], market[k_of])
    table = pd.DataFrame(moves, columns=["round", "village", "from_cluster", "to_cluster", "gain_before_yuan",
                                         "gain_after_yuan"])
    return Formed(where.astype(np.int32), gain, game.leader_gain(size, offered, market, km), table, rounds, settled)


def _sold_share(offered: np.ndarray, market: np.ndarray) -> np.ndarray:
    """The share of what a cluster's joint projects offer that its market takes."""
    return np.minimum(1.0, np.divide(market, offered, out=np.ones_like(market), where=offered > 0))


def _leavers(game: Game, in_pairs: np.ndarray, gain_now: np.ndarray, leader: np.ndarray, aggregates) -> np.ndarray:
    """The memberships that end this round: every member who loses by staying (all at once: each
    reads only its own gain), and, for each key village that loses, the member whose departure
    helps it most (ties by position)."""
    size, offered, market, km = aggregates
    e, k_of = game.e, game.cluster
    leaving = in_pairs[gain_now[game.village[in_pairs]] < 0]
    for k in np.flatnonzero(leader < -TOL):
        mine = in_pairs[(k_of[in_pairs] == k) & ~np.isin(in_pairs, leaving)]
        if len(mine) == 0:
            continue
        without = game.leader_gain(size[k] - 1, offered[k] - game.supply[mine],
                                   market[k] - game.t.market_yuan_person * game.people[mine], km[k] - game.km[mine])
        leaving = np.r_[leaving, mine[_first(-without, e.x_km[game.village[mine]], e.y_km[game.village[mine]])]]
    return leaving


def _first(primary: np.ndarray, x: np.ndarray, y: np.ndarray) -> int:
    """Index of the smallest ``primary``, ties broken by position."""
    return int(np.lexsort((y, x, primary))[0])


def endowments(model) -> Endowments:
    """The formation inputs of a built model (after ``economy.setup``: operating incomes known)."""
    v, h = model.villages, model.households
    residents = np.bincount(h.village, weights=h.members, minlength=v.n)
    keys = np.asarray(model.clusters["key_index"], dtype=np.int64)
    candidate = ~v.is_partner & ~v.is_key
    return Endowments(v.x_km, v.y_km, v.governance.copy(), residents, v.operating_income_last.copy(),
                      candidate, keys)


def revisit(model) -> np.ndarray:
    """``formation.revisit_years`` after the last look: the game again, from today's clusters, with
    what the villages know now (governance after the mentoring, last year's operating income).
    A village may leave a cluster that no longer pays; others may join. Returns the villages
    whose cluster changed (the packages are told: ``Policy.on_clusters_changed``)."""
    before = model.villages.cluster.copy()
    formed = form(endowments(model), Terms.from_params(model.params), start=before)
    _adopt(model, formed)
    return np.flatnonzero(formed.cluster != before)


def revisit_due(model) -> bool:
    """Whether the year now closing is one at which the villages reconsider their clusters."""
    every = int(model.params["formation"]["revisit_years"])
    return model.formation is not None and every > 0 and model.year_index > 0 and model.year_index % every == 0


def form_clusters(model) -> Formed:
    """Replace the designated clusters by formed ones (``county.cluster_formation = "formed"``)."""
    formed = form(endowments(model), Terms.from_params(model.params))
    model.formation_moves = []
    _adopt(model, formed)
    return formed


def _adopt(model, formed: Formed) -> None:
    """Put the formed clusters in force and keep the moves, dated by the year now closing."""
    model.villages.cluster[:] = formed.cluster
    model.formation_moves.append(formed.moves.assign(year=model.calendar_year)[["year", *formed.moves.columns]])
