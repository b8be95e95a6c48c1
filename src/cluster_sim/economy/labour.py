"""The labour market: workers' yearly job choice and the monthly wages of local posts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .base import growth, pooled_jobs

if TYPE_CHECKING:
    from ..model import ClusterModel


def choose_jobs(model: ClusterModel) -> None:
    """Households' workers choose local posts, commuting or migrating for the coming year."""
    E, v, h, econ = model.enterprises, model.villages, model.households, model.params["economy"]
    commute_ok = v.dist_town_km <= econ["max_commute_km"]
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled_jobs(E), minlength=v.n)
    h.decide_work(jobs_v, commute_ok, econ["migration_share"])


def pay_wages(model: ClusterModel) -> None:
    """Each village's filled posts are shared by its enterprises pro rata; every worker of the
    village's pool earns the pool's wage bill per worker."""
    E, v, L = model.enterprises, model.villages, model.ledger
    pooled = pooled_jobs(E)
    jobs_v = np.bincount(E.village, weights=E.jobs * pooled, minlength=v.n)
    b = model.household_bases
    filled_v = b.local.totals + b.cluster_job.totals
    fill = np.divide(filled_v, jobs_v, out=np.zeros(v.n), where=jobs_v > 0)
    wage_bill = E.wage_yuan_month * growth(model, "economy.wage_growth") * E.jobs * fill[E.village] * pooled
    pool_v = np.bincount(E.village, weights=wage_bill, minlength=v.n)
    per_worker = np.divide(pool_v, filled_v, out=np.zeros(v.n), where=filled_v > 0)
    L.pay_grouped("wage_local", (np.arange(E.n), wage_bill), [(b.local, per_worker), (b.cluster_job, per_worker)])
    E.cost_month += wage_bill
