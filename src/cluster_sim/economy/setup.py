"""The county's initial enterprises and the collectives' starting classification."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import AGRI, COMPANY, FACTORY, OUTSIDE, TOURISM
from .collective import subsidy_due
from .funding import Funding

if TYPE_CHECKING:
    from ..model import ClusterModel


def add_agri_operators(model: ClusterModel, village: np.ndarray) -> None:
    """One aggregate agricultural operator for each of these villages; the land market gives it
    land (leased from households, plus collective land) at the households' yearly decision."""
    model.add_enterprises(kind=AGRI, village=village, wage_yuan_month=model.params["economy"]["wage_local_yuan_month"],
                          input_share=model.params["enterprises"]["agri_input_share"])


def setup(model: ClusterModel) -> None:
    """Seed the initial enterprises of every home village and the land market."""
    v, p = model.villages, model.params
    ent = p["enterprises"]
    model.funding = Funding(v.building_m2, v.invested_capital_yuan)
    home = np.flatnonzero(~v.is_partner)
    v.land_rent_yuan_mu[:] = p["economy"]["land_rent_yuan_mu_year"]
    # factories: tenants of collective buildings, one per firm-sized space let
    let = v.building_m2 * ent["initial_occupancy"]
    n_firms = np.where(v.is_partner, 0, np.maximum(1, np.round(let / ent["firm_m2"]))).astype(int)
    village = np.repeat(np.arange(v.n), n_firms)
    m2 = (let / np.maximum(n_firms, 1))[village]
    jobs = m2 / 1000.0 * ent["factory_jobs_per_1000m2"]
    model.add_enterprises(
        kind=FACTORY, village=village, building_m2=m2, jobs=jobs,
        wage_yuan_month=p["economy"]["wage_local_yuan_month"],
        revenue_base_yuan_year=jobs * ent["factory_revenue_per_job_yuan_year"],
        input_share=ent["factory_input_share"],
        building_rent_yuan_year=m2 * p["collective"]["building_rent_yuan_m2_year"])
    factories = np.flatnonzero(model.enterprises.kind == FACTORY)
    model.enterprises.productivity[factories] = np.exp(
        ent["initial_productivity_sd"] * model.streams.normal("enterprise.initial", model.enterprises.uid[factories], 0))
    # one aggregate agricultural operator per village, renting households' and collective land
    add_agri_operators(model, home)
    # tourism operators where the village has scenery worth visiting; their first revenue and
    # posts follow the visitors the market sends them (``economy.visitors``)
    scenic = home[v.scenic[home] >= ent["min_scenic_operator"]]
    tour = model.add_enterprises(kind=TOURISM, village=scenic, owner_village=np.where(v.has_company[scenic], scenic, OUTSIDE),
                                 input_share=ent["tourism_input_share"],
                                 wage_yuan_month=p["economy"]["wage_local_yuan_month"])
    revenue = model.visitors.expected_year(model)[scenic] * ent["tourism_spend_yuan_visitor"]
    model.enterprises.revenue_base_yuan_year[tour] = revenue
    model.enterprises.jobs[tour] = revenue / ent["tourism_revenue_per_job_yuan"]
    # village companies (强村公司): owned by their collective, profit goes to it
    comp = home[v.has_company[home]]
    margin, wage_share = ent["company_margin"], ent["company_wage_share"]
    revenue = v.company_profit_yuan[comp] / margin
    model.add_enterprises(kind=COMPANY, village=comp, owner_village=comp, revenue_base_yuan_year=revenue,
                          input_share=max(1 - margin - wage_share, 0.0),
                          jobs=revenue * wage_share / (12 * p["economy"]["wage_local_yuan_month"]),
                          wage_yuan_month=p["economy"]["wage_local_yuan_month"])
    # potential operating income classifies villages before the first year closes
    v.operating_income_last = (let * p["collective"]["building_rent_yuan_m2_year"]
                               + v.collective_land_mu * v.land_rent_yuan_mu
                               + v.invested_capital_yuan * p["collective"]["investment_return"]
                               + v.company_profit_yuan * v.has_company)
    v.total_income_last = v.operating_income_last + subsidy_due(model) * 12
    sim = p["simulation"]
    v.classify(sim["strong_share"], sim["weak_share"])
