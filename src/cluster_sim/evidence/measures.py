"""The model as an experiment runner that also reports what the evidence studies measure and
the county-year table lacks: the leased share of contracted land, public money paid, the
spread of farmer income across villages and the wage share.

``run_with_measures`` has the runner interface of ``cluster_sim.experiments.runs`` (an
experiment file names it with ``runner = "cluster-sim-evidence"``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cluster_sim.experiments import model_runner

EXTRA_COLUMNS = ("leased_share", "public_money_yuan", "public_money_cum_yuan", "weak_operating_cum_yuan",
                 "village_income_cv", "wage_share", "low_income_to_average")


def leased_share(model) -> float:
    """Share of households' contracted land leased out (transferred), by area."""
    h = model.households
    land = float(h.land_mu.sum())
    return float((h.land_mu * h.land_leased).sum() / land) if land > 0 else float("nan")


def simulate_with_leasing(scenario: str | None, params: dict[str, Any], seed: int, years: int):
    """Run the model and note the leased share in force during each year (t = 0..years):
    leasing is decided before a year starts, so it is read then."""
    from cluster_sim.model import ClusterModel

    model = ClusterModel(scenario, seed=seed, **dict(params))
    model.years = int(years)
    shares = [leased_share(model)]
    while model.running:
        model.step()
        if model.month == 0 and model.running:
            shares.append(leased_share(model))
    return model, shares


def add_measures(county: pd.DataFrame, village: pd.DataFrame, flows: pd.DataFrame, shares: list[float]) -> pd.DataFrame:
    """The county-year table with the columns of ``EXTRA_COLUMNS`` added."""
    out = county.copy()
    out["leased_share"] = shares[: len(out)]
    paid = flows[(flows["side"] == "paid") & (flows["kind"] == "government")]
    public = paid.groupby("t")["amount_yuan"].sum().reindex(out["t"], fill_value=0.0).to_numpy()
    out["public_money_yuan"] = public
    out["public_money_cum_yuan"] = np.cumsum(public)
    home = village[~village["is_partner"]]
    weak = home[home["is_weak"]].groupby("t")["operating_income_yuan"].sum()
    out["weak_operating_cum_yuan"] = np.cumsum(weak.reindex(out["t"], fill_value=0.0).to_numpy())
    by_year = home.groupby("t")["farmer_income_per_capita_yuan"]
    out["village_income_cv"] = (by_year.std(ddof=0) / by_year.mean()).reindex(out["t"]).to_numpy()
    out["wage_share"] = out["wages_per_capita_yuan"] / out["farmer_income_per_capita_yuan"]
    out["low_income_to_average"] = out["low_income_income_per_capita_yuan"] / out["farmer_income_per_capita_yuan"]
    return out


def run_with_measures(scenario: str | None, params: dict[str, Any], seed: int, years: int) -> pd.DataFrame:
    """One run → its county-year table with the extra measures (column ``t``)."""
    model, shares = simulate_with_leasing(scenario, params, seed, years)
    tables = model.tables()
    return add_measures(tables["county_year"], tables["village_year"], tables["flows_year"], shares)


def smaller_county(source: Path, households: int, folder: Path) -> Path:
    """A scenario file in ``folder`` that extends ``source`` with fewer households: the small,
    fast versions of the evidence studies that CI runs."""
    from .provenance import write_atomic

    name = Path(source).stem
    return write_atomic(Path(folder) / "scenarios" / f"{name}.toml",
                        f'[meta]\nextends = "{Path(source).as_posix()}"\nname = "{name}_small"\n\n'
                        f"[county]\nhouseholds = {households}\n")


def columns(scenario: str | None) -> list[str]:
    return [*model_runner.columns(scenario), *EXTRA_COLUMNS]


run_with_measures.validate = model_runner.validate  # type: ignore[attr-defined]
run_with_measures.columns = columns  # type: ignore[attr-defined]
