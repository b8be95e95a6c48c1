"""The baseline economy: who pays whom each month, and what changes at each year end.

Everything here is whole-array arithmetic over villages, enterprises and households; every
payment is a ledger posting. Policies add to this through their hooks, never by editing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .accounts import COLLECTIVE_OPERATING, collective_categories
from .agents.enterprises import AGRI, COMPANY, FACTORY, OUTSIDE, PARK, PROJECT, TOURISM, TOURISM_SEASON
from .ledger import GroupedBase, sum_accounts
from .scenario.generator import SPECIALTY_REVENUE_FACTOR

if TYPE_CHECKING:
    from .model import ClusterModel

FIRM_M2 = 2000.0  # building space of a typical tenant firm (assumption)
INITIAL_OCCUPANCY = 0.9


def growth(model: ClusterModel, key: str) -> float:
    """Cumulative growth factor of a parameter family since the base year."""
    section, name = key.split(".")
    return (1.0 + model.params[section][name]) ** model.year_index


# --- setup ------------------------------------------------------------------------------
def setup(model: ClusterModel) -> None:
    """Seed the initial enterprises of every home village and the land market."""
    v, p = model.villages, model.params
    ent = p["enterprises"]
    home = np.flatnonzero(~v.is_partner)
    v.land_rent_yuan_mu[:] = p["economy"]["land_rent_yuan_mu_year"]
    # factories: tenants of collective buildings, one per ~2,000 m² let
    let = v.building_m2 * INITIAL_OCCUPANCY
    n_firms = np.where(v.is_partner, 0, np.maximum(1, np.round(let / FIRM_M2))).astype(int)
    village = np.repeat(np.arange(v.n), n_firms)
    m2 = (let / np.maximum(n_firms, 1))[village]
    jobs = m2 / 1000.0 * ent["factory_jobs_per_1000m2"]
    model.add_enterprises(
        kind=FACTORY, village=village, building_m2=m2, jobs=jobs,
        wage_yuan_month=p["economy"]["wage_local_yuan_month"] * (1 + p["economy"]["local_wage_premium_key_village"] * v.is_key[village]),
        revenue_base_yuan_year=jobs * ent["factory_revenue_per_job_yuan_year"],
        productivity=model.rng.lognormal(0, 0.15, len(village)), input_share=ent["factory_input_share"],
        building_rent_yuan_year=m2 * p["collective"]["building_rent_yuan_m2_year"])
    # one aggregate agricultural operator per village, renting households' and collective land
    model.add_enterprises(kind=AGRI, village=home, wage_yuan_month=p["economy"]["wage_local_yuan_month"],
                          input_share=ent["agri_input_share"])
    # tourism operators where the village has scenery worth visiting
    scenic = home[v.scenic[home] >= 0.25]
    revenue = v.scenic[scenic] ** 2 * ent["base_visitors_per_year"] * ent["tourism_spend_yuan_visitor"]
    model.add_enterprises(kind=TOURISM, village=scenic, revenue_base_yuan_year=revenue,
                          owner_village=np.where(v.has_company[scenic], scenic, OUTSIDE),
                          jobs=revenue / ent["tourism_revenue_per_job_yuan"], input_share=ent["tourism_input_share"],
                          wage_yuan_month=p["economy"]["wage_local_yuan_month"])
    # village companies (强村公司): owned by their collective, profit goes to it
    comp = home[v.has_company[home]]
    margin = 0.3
    revenue = v.company_profit_yuan[comp] / margin
    model.add_enterprises(kind=COMPANY, village=comp, owner_village=comp, revenue_base_yuan_year=revenue,
                          input_share=1 - margin - 0.15, jobs=revenue * 0.15 / (12 * p["economy"]["wage_local_yuan_month"]),
                          wage_yuan_month=p["economy"]["wage_local_yuan_month"])
    # potential operating income classifies villages before the first year closes
    v.operating_income_last = (let * p["collective"]["building_rent_yuan_m2_year"]
                               + v.collective_land_mu * v.land_rent_yuan_mu
                               + v.invested_capital_yuan * p["collective"]["investment_return"]
                               + v.company_profit_yuan * v.has_company)
    v.total_income_last = v.operating_income_last + subsidy_due(model) * 12
    sim = p["simulation"]
    v.classify(sim["strong_share"], sim["weak_share"])


def subsidy_due(model: ClusterModel) -> np.ndarray:
    """Monthly government transfer to each collective (partner villages: their own county's)."""
    v, c = model.villages, model.params["collective"]
    home = c["subsidy_base_yuan_year"] + c["subsidy_per_household_yuan_year"] * v.households
    return np.where(v.is_partner, v.partner_subsidy_yuan, home) * growth(model, "economy.transfer_growth") / 12


def filled_posts(h, n_villages: int) -> np.ndarray:
    """Posts filled in each village's enterprises: by its own workers and, under pairing, by
    workers from other villages of the cluster."""
    filled = np.bincount(h.village, weights=h.n_local, minlength=n_villages)
    if h.cluster_jobs:
        away = h.cluster_job_village >= 0
        filled += np.bincount(h.cluster_job_village[away], weights=h.n_cluster_job[away], minlength=n_villages)
    return filled


def pooled_jobs(E) -> np.ndarray:
    """Enterprises whose posts form the village labour pool (policy projects hire on their own)."""
    return E.alive & (E.kind != PROJECT) & (E.kind != PARK)


# --- monthly ------------------------------------------------------------------------------
def month(model: ClusterModel, m: int) -> None:
    enterprises_month(model, m)
    households_month(model)
    collectives_month(model)


def enterprises_month(model: ClusterModel, m: int) -> None:
    E, v, L, p = model.enterprises, model.villages, model.ledger, model.params
    alive = E.alive
    season = np.where(E.kind == TOURISM, TOURISM_SEASON[m - 1], 1.0)
    sales = E.revenue_base_yuan_year * E.productivity * season / 12 * alive
    sales *= np.where(E.kind == AGRI, 1.0, growth(model, "economy.business_growth"))
    is_tour = E.kind == TOURISM
    L.pay("sales", (None, sales[~is_tour].sum()), (np.flatnonzero(~is_tour), sales[~is_tour]))
    L.pay("visitor_spending", (None, sales[is_tour].sum()), (np.flatnonzero(is_tour), sales[is_tour]))
    E.revenue_month += sales
    outflow = np.zeros(E.n)

    # wages of local jobs: each village's filled posts are shared by its enterprises pro rata
    pooled = pooled_jobs(E)
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled, minlength=v.n)
    b = model.household_bases
    filled_v = b.local.totals + b.cluster_job.totals
    fill = np.divide(filled_v, jobs_v, out=np.zeros(v.n), where=jobs_v > 0)
    wage_bill = E.wage_yuan_month * growth(model, "economy.wage_growth") * E.jobs * fill[E.village] * pooled
    pool_v = np.bincount(E.village, weights=wage_bill, minlength=v.n)
    per_worker = np.divide(pool_v, filled_v, out=np.zeros(v.n), where=filled_v > 0)
    L.pay_grouped("wage_local", (np.arange(E.n), wage_bill), [(b.local, per_worker), (b.cluster_job, per_worker)])
    outflow += wage_bill

    # land: the village's operator pays households' rent, the collective's fee and its own land
    agri = np.flatnonzero((E.kind == AGRI) & alive)
    has_operator = np.zeros(v.n, bool)
    has_operator[E.village[agri]] = True
    rent_per_mu = v.land_rent_yuan_mu / 12 * has_operator
    rent_v = rent_per_mu * b.leased_mu.totals
    L.pay_grouped("land_rent", (agri, rent_v[E.village[agri]]), [(b.leased_mu, rent_per_mu)])
    fee = rent_v[E.village[agri]] * p["collective"]["land_service_fee_share"]
    L.pay("rent_land_fee", (agri, fee), (E.village[agri], fee))
    own = v.collective_land_mu[E.village[agri]] * v.land_rent_yuan_mu[E.village[agri]] / 12
    L.pay("rent_collective_land", (agri, own), (E.village[agri], own))
    outflow[agri] += rent_v[E.village[agri]] + fee + own

    # buildings: rent is paid while the tenant has cash, otherwise it runs up arrears
    due = E.building_rent_yuan_year * growth(model, "collective.operating_growth") / 12 * alive
    can_pay = E.cash >= 0
    paid = due * can_pay
    E.arrears += due * ~can_pay
    tenants = np.flatnonzero(paid > 0)
    L.pay("rent_building", (tenants, paid[tenants]), (E.village[tenants], paid[tenants]))
    outflow += paid

    # scenic-area operating rights
    tour = np.flatnonzero(is_tour & alive)
    scenic_rent = E.revenue_month[tour] * p["collective"]["scenic_fee_share"]
    L.pay("rent_scenic", (tour, scenic_rent), (E.village[tour], scenic_rent))
    outflow[tour] += scenic_rent

    inputs = E.revenue_month * E.input_share * alive
    L.pay("inputs", (None, inputs), (None, inputs.sum()))
    outflow += inputs

    E.cash += E.revenue_month - outflow
    E.profit_ytd += E.revenue_month - outflow - due * ~can_pay
    E.revenue_ytd += E.revenue_month
    E.revenue_month[:] = 0.0
    fail_enterprises(model, monthly_cost=outflow + due * ~can_pay)


# one row of model.failures (and of enterprise_failures.csv, written with this header when empty)
FAILURE_COLUMNS = ("year", "month", "enterprise", "kind", "village", "unpaid_rent_yuan", "bank_loss_yuan")


def fail_enterprises(model: ClusterModel, monthly_cost: np.ndarray) -> None:
    """Close enterprises whose losses exceed the threshold; the collective loses unpaid rent."""
    E, v = model.enterprises, model.villages
    limit = model.params["enterprises"]["failure_cash_months"] * np.maximum(monthly_cost, 1.0)
    failing = np.flatnonzero(E.alive & np.isin(E.kind, (FACTORY, TOURISM, COMPANY)) & (E.cash < -limit))
    for i in failing:  # failures are rare events: a short loop over the failing few
        model.failures.append({"year": model.calendar_year, "month": model.month, "enterprise": int(i),
                               "kind": int(E.kind[i]), "village": int(E.village[i]),
                               "unpaid_rent_yuan": float(E.arrears[i]), "bank_loss_yuan": float(-E.cash[i])})
    np.add.at(v.bad_debt, E.village[failing], E.arrears[failing])
    E.alive[failing] = False
    E.failed_year[failing] = model.calendar_year
    E.jobs[failing] = 0.0


def households_month(model: ClusterModel) -> None:
    """Wages from outside employers, household business, farming, rents, pensions, allowances:
    per-household bases fixed for the year (``HouseholdBases``) times this year's rates."""
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


def collectives_month(model: ClusterModel) -> None:
    v, L, c = model.villages, model.ledger, model.params["collective"]
    sub = subsidy_due(model)
    L.pay("subsidy_village", (None, sub.sum()), (None, sub))
    ret = v.invested_capital_yuan * c["investment_return"] / 12
    L.pay("return_investment", (None, ret.sum()), (None, ret))
    spend = np.maximum(v.total_income_last, 0) * c["spending_share"] / 12
    staff = spend * c["staff_wage_share"] * (v.households > 0)
    workers = model.household_bases.workers
    per_worker = np.divide(staff, workers.totals, out=np.zeros(v.n), where=workers.totals > 0)
    L.pay_grouped("wage_collective", (None, per_worker * workers.totals), [(workers, per_worker)])
    L.pay("collective_spending", (None, spend - staff), (None, (spend - staff).sum()))
    interest = v.debt * c["loan_rate"] / 12
    L.pay("interest", (None, interest), (None, interest.sum()))


# --- year end -------------------------------------------------------------------------------
def year_end_payouts(model: ClusterModel) -> None:
    """Enterprises pay out profit to owners; collectives pay dividends to member households."""
    E, v, L = model.enterprises, model.villages, model.ledger
    ent, c = model.params["enterprises"], model.params["collective"]
    general = pooled_jobs(E)
    payout = np.minimum(np.maximum(E.profit_ytd, 0) * ent["owner_payout_share"], np.maximum(E.cash, 0)) * general
    owned = np.flatnonzero((E.owner_village >= 0) & (payout > 0))
    private = np.flatnonzero((E.owner_village < 0) & (payout > 0))
    L.pay("company_profit", (owned, payout[owned]), (E.owner_village[owned], payout[owned]))
    L.pay("owner_payout", (private, payout[private]), (None, payout[private].sum()))
    E.cash -= payout
    E.profit_ytd[general] = 0.0  # policy projects settle their own year in on_year_close
    E.revenue_ytd_last = E.revenue_ytd.copy()
    E.revenue_ytd[:] = 0.0
    # share-cooperative dividend out of this year's operating income
    operating = operating_income_so_far(model)
    dividend = np.maximum(operating, 0) * c["dividend_payout_share"] * (v.households > 0)
    members = model.household_bases.members
    per_member = np.divide(dividend, members.totals, out=np.zeros(v.n), where=members.totals > 0)
    L.pay_grouped("dividend_collective", (None, per_member * members.totals), [(members, per_member)])
    repay_debt(model)


def village_cash_now(model: ClusterModel) -> np.ndarray:
    """Collectives' cash at this moment: last year-end balance plus this year's net flows."""
    L, n = model.ledger, model.villages.n
    return model.villages.cash + sum_accounts(L.received["villages"], n) - sum_accounts(L.paid["villages"], n)


def repay_debt(model: ClusterModel) -> None:
    """Collectives pay down debt out of spare cash at the year end."""
    v, c = model.villages, model.params["collective"]
    repay = np.minimum(v.debt, np.maximum(village_cash_now(model), 0) * c["repayment_share"])
    owing = np.flatnonzero(repay > 0)
    model.ledger.pay("loan_repayment", (owing, repay[owing]), (None, repay[owing].sum()))
    v.debt -= repay


def operating_income_so_far(model: ClusterModel) -> np.ndarray:
    """Collectives' operating income booked so far this year."""
    cats = [cat for s in COLLECTIVE_OPERATING for cat in collective_categories(s)]
    return model.ledger.total(model.ledger.received, "villages", cats)


def close_accounts(model: ClusterModel, received: dict, paid: dict) -> None:
    v, h = model.villages, model.households
    h.close_year(received["households"])
    v.close_year(received["villages"])
    outflow = sum_accounts(paid["villages"], v.n)
    v.cash += sum_accounts(received["villages"], v.n) - outflow
    v.spending_last = outflow


def evolve(model: ClusterModel) -> None:
    """Year-end change: productivity shocks, entry into vacant space, jobs follow revenue."""
    E, v, p = model.enterprises, model.villages, model.params
    ent = p["enterprises"]
    shock = model.rng.normal(0, ent["productivity_sd"], E.n)
    E.productivity = np.exp(0.85 * np.log(E.productivity) + shock)
    v.bad_debt[:] = 0.0
    # vacant collective buildings find new tenants
    let = np.bincount(E.village, weights=E.building_m2 * E.alive, minlength=v.n)
    vacant = np.maximum(v.building_m2 - let, 0) * ~v.is_partner
    entering = np.flatnonzero((vacant >= FIRM_M2 / 2) & (model.rng.random(v.n) < ent["entry_rate"]))
    if len(entering):
        m2 = np.minimum(vacant[entering], FIRM_M2)
        jobs = m2 / 1000 * ent["factory_jobs_per_1000m2"]
        model.add_enterprises(
            kind=FACTORY, village=entering, building_m2=m2, jobs=jobs,
            wage_yuan_month=p["economy"]["wage_local_yuan_month"], input_share=ent["factory_input_share"],
            revenue_base_yuan_year=jobs * ent["factory_revenue_per_job_yuan_year"],
            productivity=model.rng.lognormal(0, 0.15, len(entering)),
            building_rent_yuan_year=m2 * p["collective"]["building_rent_yuan_m2_year"])
    # tourism jobs follow last year's revenue
    tour = E.kind == TOURISM
    last = getattr(E, "revenue_ytd_last", np.zeros(E.n))
    if len(last) == E.n:
        E.jobs = np.where(tour & E.alive, last / ent["tourism_revenue_per_job_yuan"], E.jobs)


def decide(model: ClusterModel) -> None:
    """Households' yearly choices and the agricultural operators' land that follows from them."""
    E, v, h, p = model.enterprises, model.villages, model.households, model.params
    econ = p["economy"]
    h.decide_land(v.land_rent_yuan_mu, econ["self_farm_net_yuan_mu_year"])
    leased = np.bincount(h.village, weights=h.land_mu * h.land_leased, minlength=v.n)
    agri = np.flatnonzero((E.kind == AGRI) & E.alive)
    land = leased[E.village[agri]] + v.collective_land_mu[E.village[agri]]
    factor = np.array([SPECIALTY_REVENUE_FACTOR[s] for s in v.specialty])[E.village[agri]]
    E.land_mu[agri] = land
    E.revenue_base_yuan_year[agri] = land * econ["agri_revenue_yuan_mu_year"] * factor * v.agri_productivity[E.village[agri]]
    E.jobs[agri] = land / 100 * econ["agri_workers_per_100mu"]
    commute_ok = v.dist_town_km <= econ["max_commute_km"]
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled_jobs(E), minlength=v.n)
    h.decide_work(jobs_v, commute_ok, econ["migration_share"])


class HouseholdBases:
    """The per-household quantities that household payments scale with, fixed for a year
    (built after the year's decisions), grouped by village for ``Ledger.pay_grouped``.
    Traits that never change (business, rooms, pensions, members) are grouped once and reused."""

    STATIC = ("business", "lets_rooms", "pension", "low_income_members", "workers", "members")

    def __init__(self, model: ClusterModel, previous: HouseholdBases | None = None):
        h, n = model.households, model.villages.n

        def by_village(base) -> GroupedBase:
            return GroupedBase("households", h.village, base, n)

        self.local = by_village(h.n_local)
        self.cluster_job = GroupedBase("households", h.cluster_job_village, h.n_cluster_job, n)
        self.commuters = by_village(h.n_commute)
        self.migrants = by_village(h.n_migrant)
        self.farmed_mu = by_village(~h.land_leased * h.land_mu)
        self.leased_mu = by_village(h.land_leased * h.land_mu)
        if previous is not None:
            for name in self.STATIC:
                setattr(self, name, getattr(previous, name))
            return
        e = model.params["economy"]
        self.business = by_village(h.business_scale)
        self.lets_rooms = by_village(h.lets_rooms)
        self.pension = by_village(h.elderly * np.where(h.low_income, e["basic_pension_yuan_month"], e["pension_yuan_month"]))
        self.low_income_members = by_village(h.low_income * h.members)
        self.workers = by_village(h.workers)
        self.members = by_village(h.members)
