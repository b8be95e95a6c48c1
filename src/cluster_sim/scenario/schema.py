"""Structural schema of the non-numeric scenario sections (county layout, villages, clusters).

Numeric model parameters live in ``registry``; policy sections are declared by each policy
module. This module holds field specs for the tables that describe the county.
"""

from __future__ import annotations

from dataclasses import dataclass

import math

import numpy as np

from .errors import ScenarioError

# The largest number any open-ended parameter may take (yuan, m², mu, visitors): far above any
# county's figures, far below where sums lose their meaning (1e300 printed 300-digit 万元).
SANE_HIGH = 1e12
# The spelling of "no limit" for budgets and caps; 0 means zero.
UNLIMITED = "unlimited"


@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    default: object = None  # None means required
    low: float | None = None
    high: float | None = None
    choices: tuple | None = None
    doc: str = ""
    unlimited: bool = False  # also takes the text "unlimited" (no limit)

    def bound(self) -> float:
        """The upper bound checked: the declared one, or SANE_HIGH when none is declared."""
        return SANE_HIGH if self.high is None else self.high

    def allowed(self) -> str:
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        names = {int: "whole number", float: "number", str: "text", bool: "true or false", list: "list"}
        kinds = self.kind if isinstance(self.kind, tuple) else (self.kind,)
        text = " or ".join(names.get(k, k.__name__) for k in kinds)
        if float in kinds or int in kinds:
            shown = (lambda x: f"{int(x)}") if float not in kinds else (lambda x: f"{x:g}")
            lo = "-inf" if self.low is None else shown(self.low)
            text += f" in [{lo}, {shown(self.bound())}]"
        if self.unlimited:
            text += f", or {UNLIMITED!r} for no limit"
        return text


SPECIALTIES = ("none", "grain", "vegetables", "flowers", "fruit", "aquaculture")
THEMES = ("agriculture", "tourism", "metropolitan", "industry")

COUNTY_FIELDS: dict[str, Field] = {
    "name": Field(str, doc="county name"),
    "layout_seed": Field(int, 2024, 0, None, doc="seed of the generated layout (fixed across replications)"),
    "villages": Field(int, None, 1, 100_000, doc="home-county villages in all"),
    "households": Field(int, None, 1, 50_000_000, doc="registered rural households"),
    "people_per_household": Field((int, float), 2.95, 1.0, 8.0),
    "elderly_share": Field((int, float), 0.26, 0.0, 0.9, doc="share of members aged 60+"),
    "children_share": Field((int, float), 0.14, 0.0, 0.9),
    "participation_rate": Field((int, float), 0.9, 0.0, 1.0, doc="working-age members in work (at least one per household with working-age members)"),
    "low_income_participation_rate": Field((int, float), 0.7, 0.0, 1.0,
                                           doc="mean labour capacity of working-age members of low-income households (worker-equivalents)"),
    "house_rent_share": Field((int, float), 0.15, 0.0, 1.0, doc="households letting rooms to migrant workers"),
    "land_mu_per_person": Field((int, float), 1.15, 0.0, 50.0),
    "low_income_share": Field((int, float), 0.04, 0.0, 0.9,
                              doc="households registered poor at the start: partial labour capacity, basic pension only"),
    "area_km": Field((int, float), 36.0, 1.0, 5000.0, doc="side of the square the villages lie in"),
    "shanghai_km": Field((int, float), 60.0, 0.0, 2000.0, doc="distance from the county town to Shanghai"),
    "road_factor": Field((int, float), 1.3, 1.0, 5.0, doc="road km per straight-line km"),
    "village_strength_sd": Field((int, float), 0.8, 0.0, 3.0, doc="log-sd of village collective assets"),
    "building_m2_median": Field((int, float), 5500.0, 0.0, None),
    "invested_capital_median_yuan": Field((int, float), 5_000_000.0, 0.0, None),
    "company_profit_median_yuan": Field((int, float), 250_000.0, 0.0, None),
    "collective_land_mu_median": Field((int, float), 180.0, 0.0, None),
    "key_village_boost": Field((int, float), 0.8, 0.0, 5.0, doc="log-asset boost of key villages"),
    "clusters": Field(list, []),
    "auto_clusters": Field(int, 0, 0, 100_000, doc="extra generated clusters (synthetic counties/provinces)"),
    "auto_cluster_size": Field(int, 5, 1, 200, doc="surrounding villages per generated cluster"),
    "villages_override": Field(list, []),
    "partner": Field(dict, {}),
}

CLUSTER_FIELDS: dict[str, Field] = {
    "name": Field(str),
    "name_en": Field(str, ""),
    "town": Field(str, ""),
    "theme": Field(str, "agriculture", choices=THEMES),
    "key_village": Field(str),
    "surrounding": Field(int, 4, 0, 200, doc="number of surrounding villages"),
    "specialty": Field(str, "none", choices=SPECIALTIES),
    "scenic": Field((int, float), 0.0, 0.0, 1.0, doc="tourism endowment of the key village"),
}

VILLAGE_FIELDS: dict[str, Field] = {
    "name": Field(str),
    "households": Field(int, -1, -1, 1_000_000, doc="-1: drawn by the generator"),
    "scenic": Field((int, float), -1.0, -1.0, 1.0),
    "specialty": Field(str, "", choices=("",) + SPECIALTIES),
    "industrial": Field((int, float), -1.0, -1.0, 1.0),
    "governance": Field((int, float), -1.0, -1.0, 1.0),
    "strength": Field((int, float), -99.0, -99.0, 10.0, doc="log-asset factor; -99: drawn"),
}

PARTNER_FIELDS: dict[str, Field] = {
    "name": Field(str),
    "villages": Field(int, 0, 0, 100_000),
    "distance_km": Field((int, float), 300.0, 0.0, 5000.0),
    "collective_income_yuan": Field((int, float), 300_000.0, 0.0, None),
    "operating_share": Field((int, float), 0.3, 0.0, 1.0),
}


def check_table(source: str, prefix: str, table: object, fields: dict[str, Field]) -> dict:
    """Validate one TOML table against ``fields``; returns it with defaults filled in."""
    if not isinstance(table, dict):
        raise ScenarioError(source, prefix, f"must be a table, got {type(table).__name__}")
    for key in table:
        if key not in fields:
            raise ScenarioError(source, f"{prefix}.{key}", "unknown key",
                                "one of " + ", ".join(sorted(fields)))
    out = {}
    for key, field in fields.items():
        path = f"{prefix}.{key}"
        if key not in table:
            if field.default is None:
                raise ScenarioError(source, path, "missing", field.allowed())
            out[key] = field.default
            continue
        out[key] = check_value(source, path, table[key], field)
    return out


def plain(value: object) -> object:
    """numpy scalars (what EMA Workbench, SALib rows and ``np.arange`` grids hand over) as the
    Python values they stand for; anything else unchanged."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return value


def check_value(source: str, path: str, value: object, field: Field) -> object:
    """The one check of a single value, wherever it came from (file, ``--set``, keyword, numpy)."""
    kinds = field.kind if isinstance(field.kind, tuple) else (field.kind,)
    value = shown = plain(value)
    if field.unlimited and value == UNLIMITED:
        return UNLIMITED
    if isinstance(value, float) and not math.isfinite(value):
        raise ScenarioError(source, path, f"value {value!r} is not a finite number", field.allowed())
    if isinstance(value, float) and int in kinds and float not in kinds and value.is_integer():
        value = int(value)  # 10.0 where a whole number is asked
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        raise ScenarioError(source, path, f"wrong type {type(value).__name__} ({value!r})", field.allowed())
    if field.choices is not None and value not in field.choices:
        raise ScenarioError(source, path, f"value {value!r} not allowed", field.allowed())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = field.low, field.bound()
        if (low is not None and value < low) or value > high:
            raise ScenarioError(source, path, f"value {shown!r} out of range", field.allowed())
    return value
