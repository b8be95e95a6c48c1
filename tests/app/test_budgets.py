"""Budget honesty: what a package costs per unit, what it actually paid and reached, and that a
switched-on package that can fund nothing leaves the run exactly as the baseline."""

import pandas as pd
import pytest

from cluster_sim.app import budgets
from cluster_sim.app.session import Session


def county(session: Session) -> pd.DataFrame:
    return session.county_rows().set_index("t")


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
    cost = budgets.unit_cost(name, budgets.settings_of(s.values, name))
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
    tour = budgets.unit_cost("tourism", budgets.settings_of(s.values, "tourism"))
    land = budgets.unit_cost("land_consolidation", budgets.settings_of(s.values, "land_consolidation"))
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
