"""The runs behind docs/baseline.md: the baseline and its switched-off variants, and the package
scenarios for the province target, over seeds 1–3 (as the other evidence pages), in parallel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..experiments.ordered import run_ordered

ROOT = Path(__file__).resolve().parents[3]
SEEDS = (1, 2, 3)
COUNTY_COLUMNS = ("t", "year", "weak_operating_mean_yuan", "strong_operating_mean_yuan", "strong_weak_gap_ratio",
                  "share_villages_below_weak_line", "surrounding_operating_mean_yuan", "collective_subsidies_yuan",
                  "villages", "public_spending_yuan")


@dataclass(frozen=True)
class Job:
    scenario: str | None  # a path, or None for the embedded default
    overrides: tuple[tuple[str, float], ...]
    seed: int
    years: int
    households: int | None
    decompose: bool  # keep the decomposition of weak / surrounding / strong villages


@dataclass(frozen=True)
class Result:
    job: Job
    county: pd.DataFrame  # COUNTY_COLUMNS by t
    decomposition: dict[str, pd.DataFrame]  # group → evidence.decomposition.decompose's table
    land_rent_yuan_mu: tuple[float, float]  # home villages' mean land rent, base year and final


def run_one(job: Job) -> Result:
    from cluster_sim.model import ClusterModel
    from cluster_sim.report.metrics import government_outlays

    from .decomposition import decompose, village_groups

    overrides = dict(job.overrides)
    if job.households is not None:
        overrides["county.households"] = job.households
    model = ClusterModel(job.scenario, seed=job.seed, **overrides)
    home = ~model.villages.is_partner
    rent0 = float(model.villages.land_rent_yuan_mu[home].mean())
    model.run(job.years)
    tables = model.tables()
    county = tables["county_year"].copy()
    county["public_spending_yuan"] = government_outlays(tables["flows_year"]).sum(axis=1).reindex(county["t"]).fillna(
        0.0).to_numpy()
    parts = {}
    if job.decompose:
        parts = {g: decompose(model.funding.years, idx, 0, job.years)
                 for g, idx in village_groups(model.villages).items()}
    return Result(job, county[list(COUNTY_COLUMNS)], parts,
                  (rent0, float(model.villages.land_rent_yuan_mu[home].mean())))


def run_all(jobs: list[Job], workers: int | None = None) -> list[Result]:
    """Every job, in order, through the sweep's backends (spawned local processes by default)."""
    return run_ordered(run_one, jobs, workers=workers or 2)
