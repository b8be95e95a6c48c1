"""What the markets share: growth indices, the labour pool, the households' yearly bases, cash."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..agents.enterprises import PARK, PROJECT, TENANT
from ..ledger import GroupedBase, sum_accounts

if TYPE_CHECKING:
    from ..model import ClusterModel


def growth(model: ClusterModel, key: str) -> float:
    """Cumulative growth factor of a parameter family since the base year."""
    section, name = key.split(".")
    return (1.0 + model.params[section][name]) ** model.year_index


def specialty_factor(model: ClusterModel) -> np.ndarray:
    """Each village's revenue per mu relative to a village without a specialty
    (``economy.specialty_factor_*``)."""
    e = model.params["economy"]
    return np.array([1.0 if s == "none" else e[f"specialty_factor_{s}"] for s in model.villages.specialty])


def pooled_jobs(E) -> np.ndarray:
    """Enterprises whose posts form the village labour pool and whose profit ``pay_out_profits``
    settles (policy projects hire on their own; flying-land tenants work in the host county's
    park and are settled by their policy)."""
    return E.alive & ~np.isin(E.kind, (PROJECT, PARK, TENANT))


def village_cash_now(model: ClusterModel) -> np.ndarray:
    """Collectives' cash at this moment: last year-end balance plus this year's net flows."""
    L, n = model.ledger, model.villages.n
    return model.villages.cash + sum_accounts(L.received["villages"], n) - sum_accounts(L.paid["villages"], n)


class HouseholdBases:
    """The per-household quantities that household payments scale with, fixed for a year
    (built after the year's decisions), grouped by village for ``Ledger.pay_grouped``.
    Traits that never change (rooms let, pensions, members) are grouped once and reused."""

    STATIC = ("lets_rooms", "pension", "members")

    def __init__(self, model: ClusterModel, previous: HouseholdBases | None = None):
        h, n = model.households, model.villages.n

        def by_village(base) -> GroupedBase:
            return GroupedBase("households", h.village, base, n)

        self.local = by_village(h.n_local)
        self.cluster_job = GroupedBase("households", h.cluster_job_village, h.n_cluster_job, n)
        self.commuters = by_village(h.n_commute)
        self.migrants = by_village(h.n_migrant)
        self.business = by_village(h.n_business * h.business_scale)
        self.farmed_mu = by_village(~h.land_leased * h.land_mu)
        self.leased_mu = by_village(h.land_leased * h.land_mu)
        self.workers = by_village(h.workers)
        self.allowance = by_village(h.allowance_yuan_year / 12)
        if previous is not None:
            for name in self.STATIC:
                setattr(self, name, getattr(previous, name))
            return
        self.lets_rooms = by_village(h.lets_rooms)
        e = model.params["economy"]
        self.pension = by_village(h.elderly * np.where(h.basic_pension, e["basic_pension_yuan_month"], e["pension_yuan_month"]))
        self.members = by_village(h.members)
