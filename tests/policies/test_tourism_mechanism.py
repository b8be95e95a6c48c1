"""Tourism acts through the visitor market (economy/visitors.py): gravity with crowding and
capacity, routes that move visitors on without counting them twice, farm-stays opened by
entry, and public works booked as exactly the money spent."""

import numpy as np
import pytest

from cluster_sim import ClusterModel
from cluster_sim.policies.tourism import TRANSFER_CATEGORIES

TOURISM = {"policies.tourism.enabled": True, "policies.tourism.events_per_year": 0}
INDUCED = ("visitor_spending", "business_stay", "rent_scenic")


def flows(model, category, side="received"):
    f = model.tables()["flows_year"]
    return f[(f.category == category) & (f.side == side)].set_index("t")["amount_yuan"]


def flow(model, category, t):
    return float(flows(model, category).get(t, 0.0))


def make(small_scenario, years=2, **overrides):
    return ClusterModel(str(small_scenario), seed=3, **overrides).run(years=years)


def with_operators(model):
    return np.flatnonzero(model.visitors.attractiveness(model) > 0)


def test_an_upgrade_takes_visitors_from_the_other_villages(small_scenario):
    """Gravity with an outside option: raising one village's attractiveness draws visitors to it
    and away from every other village the market serves."""
    m = ClusterModel(str(small_scenario), seed=3)
    mk = m.visitors
    a = mk.attractiveness(m)
    served = with_operators(m)
    assert len(served) >= 3
    before = mk.arrivals_month(a, 4)
    up = a.copy()
    up[served[0]] *= 3
    after = mk.arrivals_month(up, 4)
    others = served[1:]
    assert after[served[0]] > 1.5 * before[served[0]]
    assert (after[others] < before[others]).all()
    # the county gains less than the upgraded village: part of its gain came from its neighbours
    assert after.sum() - before.sum() < after[served[0]] - before[served[0]]


def test_crowding_caps_a_full_village_and_sends_visitors_elsewhere(small_scenario):
    m = ClusterModel(str(small_scenario), seed=3)
    mk = m.visitors
    top, others = with_operators(m)[0], with_operators(m)[1:]
    a = mk.attractiveness(m)
    free = mk.arrivals_month(a, 4)
    mk.capacity_v[top] = cap = 0.3 * free[top]
    crowded = mk.arrivals_month(a, 4)
    assert crowded[top] < 0.5 * free[top]                 # crowding turns most of the excess away …
    assert (crowded[others] > free[others]).all()         # … part of it to the other villages,
    assert crowded.sum() < free.sum()                     # the rest is lost to the region
    m.step()                                              # visitors booked never exceed capacity
    assert mk.arrivals[top] <= cap + 1e-6


def test_route_visitors_are_taken_from_the_origin_and_counted_once(small_scenario):
    """A route moves visitors on: the county's visitors with routes equal the sum over villages
    and equal those without routes (the move induces no extra visitors in this market; the
    first model added the movers on top of the origin's unchanged count)."""
    on = make(small_scenario, years=1, **TOURISM)
    off = make(small_scenario, years=1, **TOURISM, **{"policies.tourism.route_share": 0.0})
    year_on, year_off = on.visitors.history[1], off.visitors.history[1]
    assert year_on["visitors"].sum() == pytest.approx(year_on["arrivals"].sum(), rel=1e-12)
    assert year_on["visitors"].sum() == pytest.approx(year_off["visitors"].sum(), rel=1e-12)
    origins = on.policies[0].funded
    onward = np.setdiff1d(np.flatnonzero(on.visitors.route >= 0), origins)  # on the route, not funded
    assert len(onward)
    moved = year_on["arrivals"][origins].sum() - year_on["visitors"][origins].sum()
    assert moved > 0.05 * year_on["arrivals"][origins].sum()
    assert (year_on["visitors"][onward] > year_on["arrivals"][onward]).all()
    assert (year_on["visitors"] - year_on["arrivals"])[onward].sum() == pytest.approx(moved, rel=1e-9)
    # their spending is booked once too: operators' takings equal with and without the route
    assert flow(on, "visitor_spending", 1) == pytest.approx(flow(off, "visitor_spending", 1), rel=1e-9)


@pytest.mark.parametrize("budget_share", [1.5, 0.4])
def test_a_partly_affordable_upgrade_books_exactly_the_money_spent(small_scenario, budget_share):
    per = 30_000_000.0
    budget = budget_share * per
    m = make(small_scenario, years=1, **TOURISM, **{"policies.tourism.budget_yuan": budget})
    p = m.policies[0]
    spent = budget - p.budget_left
    assert spent == pytest.approx(budget)
    assert flows(m, "public_works", side="paid").sum() == pytest.approx(spent, rel=1e-12)
    assert p.spent.sum() == pytest.approx(spent, rel=1e-12)
    # the upgrade follows the money: a village funded with part of the sum gets part of the lift
    lift = m.params["policies"]["tourism"]["attractiveness_per_10m_yuan"]
    np.testing.assert_allclose(m.visitors.upgrade, lift * p.spent / 1e7)


def test_farm_stays_share_lodging_demand_until_it_pays_no_more_than_the_family_wage(small_scenario):
    """Entry, not a threshold: halving the labour a stay takes (its opportunity cost) about
    doubles the stays, which share the same lodging spending."""
    base = make(small_scenario, years=3, **TOURISM)
    cheap = make(small_scenario, years=3, **TOURISM, **{"enterprises.stay_labour": 0.3})
    stays_b, stays_c = base.visitors.history[3]["stays"].sum(), cheap.visitors.history[3]["stays"].sum()
    income_b, income_c = (m.visitors.history[3]["stay_income"].sum() for m in (base, cheap))
    assert stays_b >= 5
    assert stays_c > 1.6 * stays_b
    assert income_c == pytest.approx(income_b, rel=0.1)
    assert income_c / stays_c < 0.65 * income_b / stays_b
    # the entry rule: each village's stays are the most its expected lodging income supports at the wage
    mk, h, v, e = base.visitors, base.households, base.villages, base.params["enterprises"]
    cost = e["stay_labour"] * 12 * v.wage_yuan_month
    # (year 3's stays were opened on year 2's lodging demand)
    expected = e["stay_margin"] * mk.history[2]["lodging_demand"] * (1 + base.params["economy"]["business_growth"])
    n = np.bincount(h.village, weights=h.runs_stay, minlength=v.n)
    open_ = n > 0
    assert (expected[open_] / n[open_] >= cost[open_]).all()
    assert (expected[open_] / (n[open_] + 1) < cost[open_]).all()
    # a stay's keeper leaves other work; the stays' income is what the ledger paid them
    assert h.n_stay[h.runs_stay].min() == pytest.approx(e["stay_labour"])
    assert flow(base, "business_stay", 3) == pytest.approx(mk.history[3]["stay_income"].sum(), rel=1e-9)


def induced_and_transfer(small_scenario, t=2, **market):
    on = make(small_scenario, **TOURISM, **market)
    off = make(small_scenario, **market)
    induced = sum(flow(on, c, t) - flow(off, c, t) for c in INDUCED)
    transfer = sum(flows(on, c, side="paid").sum() for c in TRANSFER_CATEGORIES)
    return induced, transfer


def test_weaker_source_markets_shrink_the_induced_part_not_the_public_works(small_scenario):
    assert TRANSFER_CATEGORIES == ("public_works",)
    induced, transfer = induced_and_transfer(small_scenario)
    half = {f"enterprises.market_population_{k}_m": p for k, p in (("shanghai", 12.4), ("jiaxing", 2.8), ("hangzhou", 6.25))}
    small_induced, small_transfer = induced_and_transfer(small_scenario, **half)
    rare_induced, rare_transfer = induced_and_transfer(small_scenario, **{"enterprises.trips_per_resident_year": 0.1})
    assert induced > 0 and transfer > 0
    assert small_transfer == transfer and rare_transfer == transfer
    assert small_induced < 0.8 * induced
    assert rare_induced < 0.6 * induced


def test_binding_capacity_limits_the_gain(small_scenario):
    def gain(cap):
        extra = {"enterprises.capacity_visitors_month": cap}
        on, off = make(small_scenario, **TOURISM, **extra), make(small_scenario, **extra)
        return on.visitors.history[2]["visitors"].sum() - off.visitors.history[2]["visitors"].sum()

    assert gain(40_000.0) < 0.7 * gain(250_000.0)


def test_spending_reaches_operators_collectives_and_household_businesses(small_scenario):
    on, off = make(small_scenario, **TOURISM), make(small_scenario)
    funded = on.policies[0].funded
    assert len(funded)
    for category in INDUCED:
        assert flow(on, category, 2) > flow(off, category, 2), category
    # what the market counts is what the ledger booked (the calibration rows read these counts)
    for m in (on, off):
        assert flow(m, "visitor_spending", 2) == pytest.approx(m.visitors.history[2]["operator_spend"].sum(), rel=1e-9)
    # household businesses: visitor trade is a share of the operators' takings (economy.demand)
    assert (on.demand.revenue_v[funded] > off.demand.revenue_v[funded]).all()
    assert on.villages.operating_income_last[funded].sum() > off.villages.operating_income_last[funded].sum()
