"""Villages: their collectives' state in columns, and a thin Mesa agent per village.

The arrays keep the monthly accounting vectorised; the ``Village`` agents sit on Mesa's
network space (the road network) so Mesa tools, the dashboard and users can address a
village as an agent and read its accounts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from mesa.discrete_space import FixedAgent

from ..accounts import COLLECTIVE_OPERATING, COLLECTIVE_SOURCES, collective_categories
from ..ledger import sum_accounts


BUILDING_VALUE_YUAN_M2 = 1900.0  # book value of collective floor space: about 10 years' rent (assumption)


class Villages:
    """Column store of village collectives (home-county villages first, partner villages last)."""

    def __init__(self, table: pd.DataFrame):
        self.n = len(table)
        self.name = table["name"].to_numpy(dtype=object)
        self.cluster = table["cluster"].to_numpy(np.int32)
        self.is_key = table["is_key"].to_numpy(bool)
        self.is_partner = table["is_partner"].to_numpy(bool)
        self.specialty = table["specialty"].to_numpy(dtype=object)
        for col in ("x_km", "y_km", "scenic", "industrial", "governance", "strength", "dist_town_km",
                    "dist_shanghai_km", "building_m2", "collective_land_mu", "invested_capital_yuan",
                    "company_profit_yuan"):
            setattr(self, col, table[col].to_numpy(float).copy())
        self.households = table["households"].to_numpy(np.int64)
        self.has_company = table["has_company"].to_numpy(bool)
        self.partner_subsidy_yuan = (table["partner_subsidy_yuan"].fillna(0).to_numpy(float)
                                     if "partner_subsidy_yuan" in table else np.zeros(self.n))
        n = self.n
        self.cash = np.zeros(n)
        self.debt = np.zeros(n)
        self.bad_debt = np.zeros(n)  # receivables written off when tenants fail (this year)
        # term loans (a policy's 共富贷): part of ``debt`` repaid by yearly instalments; missed
        # instalments count up to a default (economy.collective.settle_defaults)
        self.term_loan = np.zeros(n)
        self.term_instalment = np.zeros(n)
        self.missed_instalments = np.zeros(n, np.int64)
        self.loss_cover_share = np.zeros(n)  # share of a default's loss a public risk pool bears
        self.defaulted_year = np.full(n, -1, np.int64)  # calendar year of the last default (-1: none)
        self.land_rent_yuan_mu = np.zeros(n)
        self.agri_productivity = np.ones(n)  # raised by land consolidation
        self.agri_labour_factor = np.ones(n)  # hired workers per mu relative to the norm (consolidation lowers it)
        self.operating_income_last = np.zeros(n)
        self.total_income_last = np.zeros(n)
        self.spending_last = np.zeros(n)
        self.is_strong = np.zeros(n, bool)
        self.is_weak = np.zeros(n, bool)
        self.income_by_source = {s: np.zeros(n) for s in COLLECTIVE_SOURCES}

    @property
    def assets_yuan(self) -> np.ndarray:
        """Book value of collective assets: buildings at 10 years' rent, investments, cash."""
        return self.building_m2 * BUILDING_VALUE_YUAN_M2 + self.invested_capital_yuan + np.maximum(self.cash, 0)

    @property
    def debt_ratio(self) -> np.ndarray:
        return self.debt / np.maximum(self.assets_yuan, 1.0)

    def close_year(self, received: dict[str, np.ndarray]) -> None:
        for source in COLLECTIVE_SOURCES:
            self.income_by_source[source] = sum_accounts(received, self.n, collective_categories(source))
        self.operating_income_last = sum(self.income_by_source[s] for s in COLLECTIVE_OPERATING)
        self.total_income_last = self.operating_income_last + self.income_by_source["subsidies"]

    def classify(self, strong_share: float, weak_share: float) -> None:
        """Fix strong and weak villages by their base-year operating income (home county only)."""
        home = np.flatnonzero(~self.is_partner)
        order = home[np.argsort(self.operating_income_last[home], kind="stable")]
        n_weak = max(1, int(round(weak_share * len(home))))
        n_strong = max(1, int(round(strong_share * len(home))))
        self.is_weak[:] = False
        self.is_strong[:] = False
        self.is_weak[order[:n_weak]] = True
        self.is_strong[order[-n_strong:]] = True


class Village(FixedAgent):
    """A village collective as a Mesa agent: a view on row ``index`` of the village columns."""

    def __init__(self, model, index: int, cell):
        super().__init__(model)
        self.index = index
        self.cell = cell

    def __getattr__(self, name):
        cols = self.__dict__.get("model").villages if "model" in self.__dict__ else None
        if cols is not None and hasattr(cols, name):
            value = getattr(cols, name)
            if isinstance(value, np.ndarray):
                return value[self.index].item() if value.dtype != object else value[self.index]
        raise AttributeError(name)

    def accounts(self) -> dict:
        """This village's last closed year: income by source, totals, debt."""
        v = self.model.villages
        out = {s: float(v.income_by_source[s][self.index]) for s in COLLECTIVE_SOURCES}
        out.update(operating=float(v.operating_income_last[self.index]),
                   total=float(v.total_income_last[self.index]), cash=float(v.cash[self.index]),
                   debt=float(v.debt[self.index]), debt_ratio=float(v.debt_ratio[self.index]))
        return out

    def __repr__(self) -> str:
        return f"Village({self.index}, {self.model.villages.name[self.index]})"
