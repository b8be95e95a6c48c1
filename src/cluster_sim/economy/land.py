"""The land rental market: households lease contracted land to their village's agricultural
operator, at a rent that follows the operator's margin.

A household leases its land when the rent and the labour it frees beat farming it itself:

``lease ⇔ r_v − n_self + L · wd_i > φ_i``

where ``n_self`` is the cash net of self-farming per mu, ``L`` the labour days a mu takes,
``wd_i`` the household's daily off-farm earnings (its best option's wage / ``work_days_month``; a share of
it for households with no workers, whose members are elderly) and ``φ_i`` its attachment to
farming its own land. As off-farm wages rise, self-farming costs more and farming shrinks
(Liu & Chang 2018).

The operator's bid for land is a share ``θ`` of its margin per mu before rent:
``b_v = θ · (y · f_v · q_v · (1 − input share) − hired workers per mu · 12 · w_v)``; the rent
moves each year a fraction ``λ`` towards the bid (``r_v ← r_v + λ (b_v − r_v)``), never below 0.
A village without an operator has no tenant: its households farm their land themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import AGRI
from .base import growth, specialty_factor
from .labour import COMMUTE, LOCAL

if TYPE_CHECKING:
    from ..model import ClusterModel


def operators(model: ClusterModel) -> tuple[np.ndarray, np.ndarray]:
    """(indices of live agricultural operators, which villages have one)."""
    E, v = model.enterprises, model.villages
    agri = np.flatnonzero((E.kind == AGRI) & E.alive)
    has = np.zeros(v.n, bool)
    has[E.village[agri]] = True
    return agri, has


def revenue_per_mu(model: ClusterModel) -> np.ndarray:
    """Each village's operator revenue per mu (specialty, consolidation raise it)."""
    v, econ = model.villages, model.params["economy"]
    return econ["agri_revenue_yuan_mu_year"] * specialty_factor(model) * v.agri_productivity


def operator_bid(model: ClusterModel) -> np.ndarray:
    """The rent per mu operators can pay: a share of their margin before rent."""
    v, econ, ent = model.villages, model.params["economy"], model.params["enterprises"]
    wage = getattr(v, "wage_yuan_month", np.full(v.n, econ["wage_local_yuan_month"]))
    margin = (revenue_per_mu(model) * (1 - ent["agri_input_share"])
              - econ["agri_workers_per_100mu"] * v.agri_labour_factor / 100 * 12 * wage)
    return np.maximum(econ["rent_bid_share"] * margin, 0.0)


def update_rents(model: ClusterModel) -> None:
    """Year end: rents move towards what operators bid."""
    v, econ = model.villages, model.params["economy"]
    v.land_rent_yuan_mu += econ["rent_adjustment"] * (operator_bid(model) - v.land_rent_yuan_mu)
    np.maximum(v.land_rent_yuan_mu, 0.0, out=v.land_rent_yuan_mu)


def daily_off_farm_wage(model: ClusterModel) -> np.ndarray:
    """What a day of the household's labour earns off the farm (last year's wages)."""
    h, v, econ = model.households, model.villages, model.params["economy"]
    wage_f = growth(model, "economy.wage_growth")
    local = getattr(v, "wage_yuan_month", np.full(v.n, econ["wage_local_yuan_month"] * wage_f))
    commute = getattr(v, "commute_wage_yuan_month", np.full(v.n, econ["wage_commute_yuan_month"] * wage_f))
    best = np.maximum(local, commute)[h.village] / econ["work_days_month"]
    return np.where(h.workers > 0, best, best * econ["elderly_labour_value_share"])


def lease_land(model: ClusterModel) -> None:
    """Households decide whether to lease; each operator farms what is leased plus collective land."""
    E, v, h, econ = model.enterprises, model.villages, model.households, model.params["economy"]
    agri, has_operator = operators(model)
    gain = (v.land_rent_yuan_mu[h.village] - econ["self_farm_net_yuan_mu_year"]
            + econ["farm_labour_days_mu"] * daily_off_farm_wage(model))
    h.land_leased = (gain > h.farming_preference) & has_operator[h.village]
    leased = np.bincount(h.village, weights=h.land_mu * h.land_leased, minlength=v.n)
    land = leased[E.village[agri]] + v.collective_land_mu[E.village[agri]]
    E.land_mu[agri] = land
    E.revenue_base_yuan_year[agri] = land * revenue_per_mu(model)[E.village[agri]]
    E.jobs[agri] = land / 100 * econ["agri_workers_per_100mu"] * v.agri_labour_factor[E.village[agri]]


def pay_rents(model: ClusterModel) -> None:
    """The village's operator pays households' rent, the collective's fee and its own land."""
    E, v, L, p = model.enterprises, model.villages, model.ledger, model.params
    b = model.household_bases
    agri, has_operator = operators(model)
    rent_per_mu = v.land_rent_yuan_mu / 12 * has_operator
    rent_v = rent_per_mu * b.leased_mu.totals
    L.pay_grouped("land_rent", (agri, rent_v[E.village[agri]]), [(b.leased_mu, rent_per_mu)])
    fee = rent_v[E.village[agri]] * p["collective"]["land_service_fee_share"]
    L.pay("rent_land_fee", (agri, fee), (E.village[agri], fee))
    own = v.collective_land_mu[E.village[agri]] * v.land_rent_yuan_mu[E.village[agri]] / 12
    L.pay("rent_collective_land", (agri, own), (E.village[agri], own))
    E.cost_month[agri] += rent_v[E.village[agri]] + fee + own


__all__ = ["COMMUTE", "LOCAL", "lease_land", "pay_rents", "update_rents"]
