"""The land market: households lease contracted land to their village's agricultural operator."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import AGRI
from ..scenario.generator import SPECIALTY_REVENUE_FACTOR

if TYPE_CHECKING:
    from ..model import ClusterModel


def lease_land(model: ClusterModel) -> None:
    """Households decide whether to lease; each operator farms what is leased plus collective land."""
    E, v, h, econ = model.enterprises, model.villages, model.households, model.params["economy"]
    h.decide_land(np.where(np.isin(np.arange(v.n), E.village[(E.kind == AGRI) & E.alive]), v.land_rent_yuan_mu, -np.inf), econ["self_farm_net_yuan_mu_year"])  # no operator: land farmed again
    leased = np.bincount(h.village, weights=h.land_mu * h.land_leased, minlength=v.n)
    agri = np.flatnonzero((E.kind == AGRI) & E.alive)
    land = leased[E.village[agri]] + v.collective_land_mu[E.village[agri]]
    factor = np.array([SPECIALTY_REVENUE_FACTOR[s] for s in v.specialty])[E.village[agri]]
    E.land_mu[agri] = land
    E.revenue_base_yuan_year[agri] = land * econ["agri_revenue_yuan_mu_year"] * factor * v.agri_productivity[E.village[agri]]
    E.jobs[agri] = land / 100 * econ["agri_workers_per_100mu"]


def pay_rents(model: ClusterModel) -> None:
    """The village's operator pays households' rent, the collective's fee and its own land."""
    E, v, L, p = model.enterprises, model.villages, model.ledger, model.params
    b = model.household_bases
    agri = np.flatnonzero((E.kind == AGRI) & E.alive)
    has_operator = np.zeros(v.n, bool)
    has_operator[E.village[agri]] = True
    rent_per_mu = v.land_rent_yuan_mu / 12 * has_operator
    rent_v = rent_per_mu * b.leased_mu.totals
    L.pay_grouped("land_rent", (agri, rent_v[E.village[agri]]), [(b.leased_mu, rent_per_mu)])
    fee = rent_v[E.village[agri]] * p["collective"]["land_service_fee_share"]
    L.pay("rent_land_fee", (agri, fee), (E.village[agri], fee))
    own = v.collective_land_mu[E.village[agri]] * v.land_rent_yuan_mu[E.village[agri]] / 12
    L.pay("rent_collective_land", (agri, own), (E.village[agri], own))
    E.cost_month[agri] += rent_v[E.village[agri]] + fee + own
