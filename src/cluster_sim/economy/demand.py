"""Demand for households' own businesses: shops, services, workshops, e-commerce, catering.

A village's business revenue for the year is

``D_v = c · Y_v + s · T_v + M · pop_v · a_v · f_v · g^t + O_v · g^t``

- ``c · Y_v``: households' spending in village businesses, a share ``c`` of the village's
  household income last year (consumer spending is not booked as households' outflow, since
  income statistics are before consumption; the ledger's payer is "outside");
- ``s · T_v``: visitors' spending in household businesses, a share ``s`` of what they spent at
  the village's tourism operators last year;
- the outside market: ``M`` yuan per resident, scaled by the village's access to the county
  town (``a_v = exp(-d_v / d₀)``, normalised to 1 over the county), its specialty (``f_v``) and
  the outside economy's growth ``g``;
- ``O_v · g^t``: markets outside the county that policies bring in (the 农创客' online shops,
  ``policies.young_entrepreneurs``), 0 without them.

The businesses keep a margin ``m`` of it as net income, shared by the village's business workers
in proportion to their scale: ``π_v = m · D_v / Σ_i n_i^business · scale_i`` per unit of scale.
Workers choose business on the profit they expect (``economy.labour``), so more entrants share
the same demand and earn less each. Expectations adapt: ``π^e ← π^e + γ (π − π^e)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import TOURISM
from .base import growth, specialty_factor
from .labour import expected_earnings

if TYPE_CHECKING:
    from ..model import ClusterModel


class BusinessDemand:
    """Each village's demand for household businesses and the profit per unit of scale."""

    def __init__(self, model: ClusterModel):
        v, e = model.villages, model.params["economy"]
        home = ~v.is_partner
        raw = np.exp(-v.dist_town_km / e["market_access_km"]) * home
        self.access_v = raw / max(raw[home].mean(), 1e-12) if home.any() else raw
        self.specialty_v = specialty_factor(model) ** e["specialty_demand_exponent"]
        # first expectation of profit per unit of scale: the base-year business income
        self.expected_profit_v = np.full(v.n, e["household_business_income_yuan_year"])
        self.revenue_v = np.zeros(v.n)
        self.profit_v = np.zeros(v.n)  # this year's, per unit of scale (set by plan)
        self.policy_demand_v = np.zeros(v.n)  # O_v: outside markets a policy brought (base-year yuan a year)

    def revenue(self, model: ClusterModel, household_income_v: np.ndarray) -> np.ndarray:
        v, e, E = model.villages, model.params["economy"], model.enterprises
        members_v = np.bincount(model.households.village, weights=model.households.members, minlength=v.n)
        tourism = np.bincount(E.village, weights=E.revenue_ytd_last * (E.kind == TOURISM), minlength=v.n)
        market = ((e["outside_market_yuan_person_year"] * members_v * self.access_v * self.specialty_v
                   + self.policy_demand_v) * growth(model, "economy.business_growth"))
        return e["local_spending_share"] * household_income_v + e["visitor_business_share"] * tourism + market

    def plan(self, model: ClusterModel, household_income_v: np.ndarray) -> None:
        """The year's demand and profit per unit of scale, given who runs a business."""
        h, v, e = model.households, model.villages, model.params["economy"]
        self.revenue_v = self.revenue(model, household_income_v)
        scale_v = np.bincount(h.village, weights=h.n_business * h.business_scale, minlength=v.n)
        # A village's market is shared among at least one unit of scale: where almost nobody runs
        # a business (a share of a worker), a unit earns what one business taking the whole market
        # would, not margin × demand ÷ a vanishing scale (which grows without bound, and with it
        # the expectation that drives next year's choice).
        self.profit_v = np.divide(e["business_margin"] * self.revenue_v, np.maximum(scale_v, 1.0),
                                  out=np.zeros(v.n), where=scale_v > 0)


def expected_household_income(model: ClusterModel) -> np.ndarray:
    """Household income the coming year's spending is based on: last year's, or in the base
    year the earnings the job choice promises plus pensions."""
    h, v = model.households, model.villages
    if model.year_index > 0:
        return np.bincount(h.village, weights=h.income_total, minlength=v.n)
    return np.bincount(h.village, weights=expected_earnings(model), minlength=v.n)


def plan_business(model: ClusterModel) -> None:
    """After the job choice: this year's business demand and profit per unit of scale; the
    expectation for next year's choice is this year's realised profit."""
    d = model.demand
    d.plan(model, expected_household_income(model))
    # adaptive expectations (a cobweb would follow if next year expected exactly this year's)
    gamma = model.params["economy"]["expectation_adjustment"]
    d.expected_profit_v = np.where(d.profit_v > 0, d.expected_profit_v + gamma * (d.profit_v - d.expected_profit_v),
                                   d.expected_profit_v)
