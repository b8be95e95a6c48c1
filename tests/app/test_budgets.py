"""Budget honesty: what a package costs per unit, what it actually paid and reached, and that a
switched-on package that can fund nothing leaves the run exactly as the baseline."""

import pandas as pd
import pytest

from cluster_sim.app.session import Session, package_settings
from cluster_sim.policies import registry


def county(session: Session) -> pd.DataFrame:
    return session.county_rows().set_index("t")


def unit_cost(session: Session, name: str) -> float:
    """The price of one unit the package itself declares (``Policy.unit_cost``)."""
    return registry()[name].Policy.unit_cost(package_settings(session.values, name))


def _session(small_scenario, **values) -> Session:
    s = Session.for_scenario(str(small_scenario), seed=5)
    for k, v in values.items():
        s.set_value(k, v)
    s.apply()
    s.run_years(3)
    return s


@pytest.mark.parametrize("name, budget", [("tourism", 15e6), ("land_consolidation", 5e6)])
def test_switched_on_but_unable_to_fund_one_unit_changes_nothing(small_scenario, name, budget):
    base = _session(small_scenario)
    s = _session(small_scenario, **{f"policies.{name}.enabled": True, f"policies.{name}.budget_yuan": budget})
    cost = unit_cost(s, name)
    assert 0 < budget < cost
    warning = s.package_warning(name)
    assert warning and warning["whole"] and warning["unit"] == f"{cost / 1e4:,.0f}"
    assert name not in s.package_uses()  # nothing paid, nothing reached
    pd.testing.assert_frame_equal(county(s), county(base))


def test_paid_and_reached_match_the_ledger_and_the_budget(small_scenario):
    s = _session(small_scenario, **{"policies.tourism.enabled": True, "policies.tourism.budget_yuan": 75e6,
                                    "policies.land_consolidation.enabled": True,
                                    "policies.land_consolidation.budget_yuan": 40e6})
    uses = s.package_uses()
    tour = unit_cost(s, "tourism")
    land = unit_cost(s, "land_consolidation")
    # the last village may be upgraded in part with what is left (policies.tourism)
    assert 1 <= uses["tourism"].villages <= -(-75e6 // tour)
    assert uses["tourism"].paid_yuan <= min(uses["tourism"].villages * tour, 75e6) + 1e-6
    assert uses["land_consolidation"].paid_yuan == uses["land_consolidation"].villages * land <= 40e6
    # public works in the ledger: tourism's upgrades plus the land works paid so far
    flows = s.run_tables().tables["flows_year"]
    works = flows[(flows["category"] == "public_works") & (flows["side"] == "paid")]["amount_yuan"].sum()
    assert works == pytest.approx(uses["tourism"].paid_yuan + uses["land_consolidation"].paid_yuan, rel=1e-9)
    assert s.package_warning("tourism") is None


def test_partial_funding_warns_but_runs(small_scenario):
    s = Session.for_scenario(str(small_scenario), seed=5)
    s.set_value("policies.flying_land.enabled", True)
    s.set_value("policies.flying_land.budget_yuan", 1e5)
    w = s.package_warning("flying_land")
    assert w is not None and not w["whole"]
    assert s.model_overrides() == {}  # not yet applied
    s.apply()
    assert s.model_overrides()["policies.flying_land.enabled"] is True  # part-funding still acts



PRICED = [n for n, m in registry().items() if m.Policy.unit_words != ("", "")]
# the budget also pays what a collective lacks of its own part (and pairing's cluster
# companies): their price is a floor
TOPS_UP_COLLECTIVES = {"common_prosperity", "pairing"}


@pytest.mark.parametrize("name", PRICED)
def test_the_price_the_class_sees_is_what_each_unit_costs(small_scenario, name):
    """With a budget far above need, the money paid is ``unit_cost`` per unit reached: the
    dashboard's price is the one the package's own mechanism pays, not a copy that can drift.
    A budget of one unit buys one; just below it the class is warned with that price."""
    cost = unit_cost(Session.for_scenario(str(small_scenario), seed=5), name)
    ample = _session(small_scenario, **{f"policies.{name}.enabled": True, f"policies.{name}.budget_yuan": 1e4 * cost,
                                        f"policies.{name}.start_year": 0})
    use = ample.package_uses()[name]
    units = use.paid_yuan / cost
    assert units >= 1
    if name not in TOPS_UP_COLLECTIVES:  # one unit per village (or pair) reached
        assert units == pytest.approx(use.villages, abs=1e-6), (units, use.villages)
    one = _session(small_scenario, **{f"policies.{name}.enabled": True, f"policies.{name}.budget_yuan": cost,
                                      f"policies.{name}.start_year": 0})
    assert one.package_warning(name) is None
    assert one.package_uses()[name].villages >= 1 and one.package_uses()[name].paid_yuan == pytest.approx(cost)
    below = Session.for_scenario(str(small_scenario), seed=5)
    below.set_value(f"policies.{name}.enabled", True)
    below.set_value(f"policies.{name}.budget_yuan", cost * 0.99)
    assert below.package_warning(name)["unit"] == f"{cost / 1e4:,.0f}"
