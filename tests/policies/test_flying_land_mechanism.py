"""Flying land acts through a tenant market: the villages' return is what tenants pay net of the
park's costs; the host county's guarantee is a contract whose top-ups are booked as its cost."""

import numpy as np
import pytest

from cluster_sim import ClusterModel
from cluster_sim.agents.enterprises import TENANT
from cluster_sim.policies import flying_land

N, STAKE, RATE = 12, 600_000.0, 0.10  # the small county's 12 partner villages, the default stake and contract
ON = {"policies.flying_land.enabled": True, "policies.flying_land.target": "partner",
      "policies.flying_land.unit_m2": 200.0}  # 14 units: a market, not one or two tenants


def run(small_scenario, seed=3, years=3, **overrides):
    return ClusterModel(str(small_scenario), seed=seed, **ON, **overrides).run(years=years)


def flows(model, category, side="received"):
    f = model.tables()["flows_year"]
    return f[(f.category == category) & (f.side == side)].groupby("t")["amount_yuan"].sum()


def receipts(model):
    """What the villages receive: out of rents plus out of the guarantee's top-up."""
    return flows(model, "return_flying_land").add(flows(model, "return_flying_land_guaranteed"), fill_value=0.0)


def park(model):
    return next(p for p in model.policies if p.name == "flying_land")


def test_outside_the_guarantee_villages_receive_exactly_the_market_which_falls_with_demand(small_scenario):
    received = {}
    for demand in (2.0, 0.2):
        m = run(small_scenario, **{"policies.flying_land.guarantee_years": 0,
                                   "policies.flying_land.tenant_demand": demand})
        p = park(m)
        rents = flows(m, "rent_park_flying_land").sum()
        costs = sum(row["costs_yuan"] for row in p.history)
        paid = receipts(m).sum()
        # no contract: no top-up, and the villages get the rents net of the park's costs
        assert flows(m, "return_guarantee_flying_land").sum() == 0.0
        # a month that left the park short was lent by the bank and is repaid, with interest, first
        interest = sum(row["interest_yuan"] for row in p.history)
        owed = m.enterprises.loan[p.park] - m.enterprises.cash[p.park]
        market = rents - costs - interest + owed - flows(m, "park_surplus_flying_land").sum()
        assert paid == pytest.approx(market, rel=1e-9)
        received[demand] = paid
    assert received[0.2] < 0.8 * received[2.0]


def test_inside_the_guarantee_the_contract_holds_and_its_booked_cost_rises_when_demand_falls(small_scenario):
    got, cost = {}, {}
    for demand in (2.0, 0.2):
        m = run(small_scenario, **{"policies.flying_land.tenant_demand": demand})
        got[demand] = receipts(m)
        cost[demand] = flows(m, "return_guarantee_flying_land", side="paid").sum()
        # the transfer part of the villages' income is exactly what the host county paid in
        assert flows(m, "return_flying_land_guaranteed").sum() == pytest.approx(cost[demand], rel=1e-9)
        # the top-up is paid by the government into the park, not to the villages directly
        f = m.tables()["flows_year"]
        top = f[(f.category == "return_guarantee_flying_land")]
        assert set(top.loc[top.side == "paid", "kind"]) == {"government"}
        assert set(top.loc[top.side == "received", "kind"]) == {"enterprises"}
    for demand in got:  # the contract does not move …
        assert np.allclose(got[demand].loc[[1, 2, 3]], N * STAKE * RATE, rtol=1e-9)
    assert cost[0.2] > cost[2.0] + 0.3 * N * STAKE * RATE  # … its cost to the host county does
    assert "return_flying_land_guaranteed" in flying_land.TRANSFER_CATEGORIES


def test_tenants_risk_makes_the_paired_difference_vary_across_seeds(small_scenario):
    """Today's fixed return gave the same paired difference in every seed; tenants' arrivals,
    productivity and departures are the villages' risk now."""
    after = {"policies.flying_land.guarantee_years": 1}
    gains = []
    for seed in (1, 2, 3):
        with_it = ClusterModel(str(small_scenario), seed=seed, **ON, **after).run(years=3)
        without = ClusterModel(str(small_scenario), seed=seed).run(years=3)
        gain = [m.tables()["county_year"].set_index("t").loc[3, "partner_operating_mean_yuan"] for m in (with_it, without)]
        gains.append(gain[0] - gain[1])
    assert np.std(gains) > 0.01 * np.mean(np.abs(gains))


def test_rents_are_booked_and_tenants_that_cannot_pay_fail(small_scenario):
    m = run(small_scenario)
    p, E = park(m), m.enterprises
    tenants = np.flatnonzero(E.kind == TENANT)
    assert len(tenants) >= len(p.tenant) // 2
    paid = flows(m, "rent_park_flying_land", side="paid")
    got = flows(m, "rent_park_flying_land")
    assert np.allclose(paid, got) and got.loc[2] > 0
    assert got.sum() == pytest.approx(sum(row["rent_received_yuan"] for row in p.history), rel=1e-9)
    # tenants' rents at entry and renewal follow the host county's market (a vacancy discount at most)
    leases = p.lease_rent[p.tenant >= 0]
    assert ((leases <= p.market_rent() * (1 + 1e-9)) & (leases > 0.6 * p.market_rent())).all()
    # tenants whose costs eat their sales cannot pay: rent falls into arrears, they are evicted
    losing = run(small_scenario, **{"policies.flying_land.tenant_cost_share": 1.0,
                                    "policies.flying_land.tenant_fixed_cost_share": 0.0})
    h = park(losing).history
    assert sum(r["tenants_failed"] for r in h) > 0 and sum(r["rent_lost_yuan"] for r in h) > 0
    assert sum(r["rent_received_yuan"] for r in h) < sum(r["rent_due_yuan"] for r in h)
    assert any(f["kind"] == TENANT and f["unpaid_rent_yuan"] > 0 for f in losing.failures)
    # tenants that cannot meet their wage bill close, and the unit is let again
    closing = run(small_scenario, **{"policies.flying_land.tenant_fixed_cost_share": 0.45})
    h = park(closing).history
    assert sum(r["tenants_failed"] for r in h) > 0
    assert sum(r["tenants_entered"] for r in h) > len(park(closing).tenant)


def test_an_empty_park_is_the_host_county_cost_inside_the_guarantee_and_pays_nothing_after(small_scenario):
    m = run(small_scenario, **{"policies.flying_land.tenant_demand": 0.0, "policies.flying_land.guarantee_years": 1})
    returns, guarantee = receipts(m), flows(m, "return_guarantee_flying_land")
    assert returns.loc[1] == pytest.approx(N * STAKE * RATE, rel=1e-9)  # the contract year …
    assert guarantee.loc[1] > N * STAKE * RATE                           # … all of it (and upkeep) from the host
    assert returns.get(2, 0.0) == 0.0 and returns.get(3, 0.0) == 0.0    # after it: an empty park pays nothing


def test_a_village_past_the_threshold_leaves_with_its_own_money_back(small_scenario):
    m = run(small_scenario, **{"policies.flying_land.exit_threshold_operating_yuan": 1.0})
    p = park(m)
    assert (p.stake == 0).all() and p.host_stake == pytest.approx(N * STAKE)
    own = N * STAKE * (1 - 0.7)  # the subsidised 70 % stays in the scheme
    assert flows(m, "capital_return").sum() == pytest.approx(own, rel=1e-9)
    # the government paid the subsidy at joining and bought the stakes back (the villages' own money)
    assert flows(m, "public_investment", side="paid").sum() == pytest.approx(N * STAKE * 0.7 + own, rel=1e-9)
    # the stakes' later results go to the host county, not the villages that left
    assert receipts(m).get(3, 0.0) == 0.0


def test_decomposition_the_guarantee_is_the_transfer_part_and_the_tenants_the_induced(small_scenario):
    """Inside the guarantee, weaker tenant demand moves income from the induced part to the
    transfer part; the collectives' operating gain itself (the contract) does not move."""
    from cluster_sim.outputs.effects import decompose

    def county(**overrides):
        return ClusterModel(str(small_scenario), seed=3, **overrides).run(years=2).tables()["county_year"]

    base = county()
    home = {**ON, "policies.flying_land.target": "weak"}
    parts = {d: decompose(county(**home, **{"policies.flying_land.tenant_demand": d}), base)
             .set_index(["t", "headline"]).loc[(2, "collective_operating")] for d in (2.0, 0.2)}
    assert parts[0.2]["effect_yuan"] == pytest.approx(parts[2.0]["effect_yuan"], rel=1e-9)
    assert parts[0.2]["transfer_yuan"] > parts[2.0]["transfer_yuan"] + 1_000 > 1_000
    assert parts[0.2]["induced_yuan"] < parts[2.0]["induced_yuan"] - 1_000
