"""Household income from outside the simulated villages: commuting and migrant wages, household
business, farming, rooms let, pensions and allowances."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ledger import GroupedBase
from .base import growth

if TYPE_CHECKING:
    from ..model import ClusterModel


def receive(model: ClusterModel) -> None:
    """Per-household bases fixed for the year (``HouseholdBases``) times this year's rates."""
    L, e, b = model.ledger, model.params["economy"], model.household_bases
    wage_f, biz_f, tr_f = (growth(model, k) for k in ("economy.wage_growth", "economy.business_growth",
                                                       "economy.transfer_growth"))

    def from_outside(category: str, base: GroupedBase, rate: float) -> None:
        L.pay_grouped(category, (None, rate * base.totals.sum()), [(base, rate)])

    from_outside("wage_commute", b.commuters, e["wage_commute_yuan_month"] * wage_f)
    from_outside("wage_migrant", b.migrants, e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * wage_f)
    from_outside("business_household", b.business, e["household_business_income_yuan_year"] * biz_f / 12)
    from_outside("business_farming", b.farmed_mu, e["self_farm_net_yuan_mu_year"] / 12)
    from_outside("house_rent", b.lets_rooms, e["house_rent_yuan_year"] * biz_f / 12)
    from_outside("pension", b.pension, tr_f)
    from_outside("low_income_allowance", b.low_income_members, e["low_income_allowance_yuan_month"] * tr_f)
