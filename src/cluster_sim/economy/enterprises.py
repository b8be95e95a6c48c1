"""Enterprises' month and year: sales, rents to collectives, inputs, failure, payouts, entry.

Wages and land rent are paid by the labour and land markets (``labour``, ``land``); every
outlay adds to ``E.cost_month`` so that ``settle`` can book the month's cash and profit; the
bank's credit line (``credit``) covers shortfalls, and ``fail`` closes enterprises beyond it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import AGRI, COMPANY, FACTORY, TOURISM
from . import credit
from .base import growth, pooled_jobs
from .setup import FIRM_M2, add_agri_operators
from .visitors import operator_sales

# kinds whose failure this module decides; policy projects (common prosperity, flying-land
# parks) are settled by their policies
FAILABLE = (FACTORY, AGRI, TOURISM, COMPANY)
MIN_LET_M2 = 100.0  # the smallest workshop a tenant takes (assumption)

if TYPE_CHECKING:
    from ..model import ClusterModel


def sell(model: ClusterModel) -> None:
    """The month's sales: goods to outside buyers, tourism to visitors (``economy.visitors``)."""
    E, L = model.enterprises, model.ledger
    alive = E.alive
    # output scales with the posts actually filled (``economy.labour`` sets the fill each year)
    sales = E.revenue_base_yuan_year * E.productivity * E.fill / 12 * alive
    sales *= np.where(E.kind == AGRI, 1.0, growth(model, "economy.business_growth"))
    # tourism operators sell to the visitors the market sent their village this month
    is_tour = E.kind == TOURISM
    sales = np.where(is_tour, operator_sales(model), sales)
    L.pay("sales", (None, sales[~is_tour].sum()), (np.flatnonzero(~is_tour), sales[~is_tour]))
    L.pay("visitor_spending", (None, sales[is_tour].sum()), (np.flatnonzero(is_tour), sales[is_tour]))
    E.revenue_month += sales
    E.cost_month[:] = 0.0
    E.overdue_month[:] = 0.0


def pay_rents_and_inputs(model: ClusterModel) -> None:
    """Tenants pay building rent unless they live on bank credit without the cash to pay it (then
    the rent falls into arrears: the landlord is paid after the bank), tourism operators pay the
    scenic-area fee, everyone buys inputs."""
    E, L, p = model.enterprises, model.ledger, model.params
    alive = E.alive
    due = E.building_rent_yuan_year * growth(model, "collective.operating_growth") / 12 * alive
    can_pay = (E.loan <= 0) | (E.cash >= due)
    paid = due * can_pay
    E.arrears += due * ~can_pay
    E.overdue_month += due * ~can_pay
    tenants = np.flatnonzero(paid > 0)
    L.pay("rent_building", (tenants, paid[tenants]), (E.village[tenants], paid[tenants]))
    E.cost_month += paid

    tour = np.flatnonzero((E.kind == TOURISM) & alive)
    scenic_rent = E.revenue_month[tour] * p["collective"]["scenic_fee_share"]
    L.pay("rent_scenic", (tour, scenic_rent), (E.village[tour], scenic_rent))
    E.cost_month[tour] += scenic_rent

    inputs = E.revenue_month * E.input_share * alive
    L.pay("inputs", (None, inputs), (None, inputs.sum()))
    E.cost_month += inputs


def settle(model: ClusterModel) -> None:
    """Book the month's cash and profit (shortfalls are met by ``credit.month``, next)."""
    E = model.enterprises
    E.cash += E.revenue_month - E.cost_month
    E.profit_ytd += E.revenue_month - E.cost_month - E.overdue_month
    E.revenue_ytd += E.revenue_month
    E.revenue_month[:] = 0.0


# one row of model.failures (and of enterprise_failures.csv, written with this header when empty)
FAILURE_COLUMNS = ("year", "month", "enterprise", "kind", "village", "owner_village", "unpaid_rent_yuan",
                   "bank_loss_yuan")


def fail(model: ClusterModel) -> None:
    """Close enterprises that owe the bank more than it lends them (``failure_cash_months`` of
    their smoothed monthly costs): the bank and the collective write off what they are owed."""
    E, v = model.enterprises, model.villages
    limit = model.params["enterprises"]["failure_cash_months"] * np.maximum(E.cost_avg, 1.0)
    close(model, np.flatnonzero(E.alive & np.isin(E.kind, FAILABLE) & (E.loan > limit)))


def close(model: ClusterModel, failing: np.ndarray) -> None:
    """Close enterprises ``failing``: liquidate them (the bank and the landlord write off what
    cash does not cover) and record each failure. Policies close their failing projects here too."""
    E, v = model.enterprises, model.villages
    if not len(failing):
        return
    loan_lost, rent_lost = credit.liquidate(model, failing)
    for j, i in enumerate(failing):  # failures are rare events: a short loop over the failing few
        model.failures.append({"year": model.calendar_year, "month": model.month, "enterprise": int(i),
                               "kind": int(E.kind[i]), "village": int(E.village[i]),
                               "owner_village": int(E.owner_village[i]),
                               "unpaid_rent_yuan": float(rent_lost[j]), "bank_loss_yuan": float(loan_lost[j])})
    np.add.at(v.bad_debt, E.village[failing], rent_lost)
    E.alive[failing] = False
    E.failed_year[failing] = model.calendar_year
    E.jobs[failing] = 0.0


def pay_out_profits(model: ClusterModel) -> None:
    """Year end: enterprises pay out profit to their owners (collectives or private owners)."""
    E, L = model.enterprises, model.ledger
    general = pooled_jobs(E)
    # owners are paid out of cash the enterprise does not owe the bank
    payout = np.minimum(np.maximum(E.profit_ytd, 0) * model.params["enterprises"]["owner_payout_share"],
                        np.maximum(E.cash - E.loan, 0)) * general
    owned = np.flatnonzero((E.owner_village >= 0) & (payout > 0))
    private = np.flatnonzero((E.owner_village < 0) & (payout > 0))
    L.pay("company_profit", (owned, payout[owned]), (E.owner_village[owned], payout[owned]))
    L.pay("owner_payout", (private, payout[private]), (None, payout[private].sum()))
    E.cash -= payout
    E.profit_ytd[general] = 0.0  # policy projects settle their own year in on_year_close
    E.revenue_ytd_last[:] = E.revenue_ytd
    E.revenue_ytd[:] = 0.0


def evolve(model: ClusterModel) -> None:
    """Year-end change: productivity shocks, entry into vacant space and into villages without
    an agricultural operator, jobs follow revenue."""
    E, v, p = model.enterprises, model.villages, model.params
    ent = p["enterprises"]
    shock = ent["productivity_sd"] * model.streams.normal("enterprise.productivity", E.uid, model.year_index)
    E.productivity = np.exp(0.85 * np.log(E.productivity) + shock)
    v.bad_debt[:] = 0.0
    # vacant collective buildings find new tenants: a firm-sized vacancy at the entry rate, a
    # smaller one proportionally less often (so a little more or less space changes the odds a
    # little, not all at once: paired scenarios stay comparable)
    let = np.bincount(E.village, weights=E.building_m2 * E.alive, minlength=v.n)
    vacant = np.maximum(v.building_m2 - let, 0) * ~v.is_partner
    chance = model.streams.uniform("enterprise.entry", np.arange(v.n), model.year_index)
    odds = ent["entry_rate"] * np.minimum(vacant / FIRM_M2, 1.0)
    entering = np.flatnonzero((vacant >= MIN_LET_M2) & (chance < odds))
    if len(entering):
        m2 = np.minimum(vacant[entering], FIRM_M2)
        jobs = m2 / 1000 * ent["factory_jobs_per_1000m2"]
        new = model.add_enterprises(
            kind=FACTORY, village=entering, building_m2=m2, jobs=jobs,
            wage_yuan_month=v.wage_yuan_month[entering], input_share=ent["factory_input_share"],
            revenue_base_yuan_year=jobs * ent["factory_revenue_per_job_yuan_year"],
            building_rent_yuan_year=m2 * p["collective"]["building_rent_yuan_m2_year"])
        E.productivity[new] = np.exp(0.15 * model.streams.normal("enterprise.entrant", E.uid[new], model.year_index))
    # a new operator may take over the land of a village whose operator failed
    operated = np.zeros(v.n, bool)
    operated[E.village[(E.kind == AGRI) & E.alive]] = True
    chance = model.streams.uniform("enterprise.agri_entry", np.arange(v.n), model.year_index)
    add_agri_operators(model, np.flatnonzero(~operated & ~v.is_partner & (v.households > 0) & (chance < ent["entry_rate"])))
    # tourism jobs follow last year's revenue (operators founded this year keep their first estimate)
    tour = (E.kind == TOURISM) & E.alive & (E.revenue_ytd_last > 0)
    E.jobs = np.where(tour, E.revenue_ytd_last / ent["tourism_revenue_per_job_yuan"], E.jobs)
