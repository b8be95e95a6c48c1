"""Household income paid from outside the simulated villages: wages of commuters and migrants
(at the destinations' wages), own-business income (at the village's demand-driven profit per
unit of scale, ``economy.demand``), self-farming, rooms let, pensions and the 低保 allowance."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..ledger import GroupedBase
from .base import growth

if TYPE_CHECKING:
    from ..model import ClusterModel


def receive(model: ClusterModel) -> None:
    """Per-household bases fixed for the year (``HouseholdBases``) times this year's rates."""
    L, e, b, v = model.ledger, model.params["economy"], model.household_bases, model.villages
    wage_f, biz_f, tr_f = (growth(model, k) for k in ("economy.wage_growth", "economy.business_growth",
                                                       "economy.transfer_growth"))

    def from_outside(category: str, base: GroupedBase, rate) -> None:
        rate = np.broadcast_to(np.asarray(rate, dtype=float), base.totals.shape)
        L.pay_grouped(category, (None, float(rate @ base.totals)), [(base, rate)])

    from_outside("wage_commute", b.commuters, v.commute_wage_yuan_month)
    from_outside("wage_migrant", b.migrants, e["wage_migrant_yuan_month"] * e["migrant_remit_share"] * wage_f)
    from_outside("business_household", b.business, model.demand.profit_v / 12)
    from_outside("business_farming", b.farmed_mu, e["self_farm_net_yuan_mu_year"] * biz_f / 12)
    from_outside("house_rent", b.lets_rooms, e["house_rent_yuan_year"] * biz_f / 12)
    from_outside("pension", b.pension, tr_f)
    from_outside("low_income_allowance", b.allowance, 1.0)
