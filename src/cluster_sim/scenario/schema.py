"""Structural schema of the non-numeric scenario sections (county layout, villages, clusters).

Numeric model parameters live in ``registry``; policy sections are declared by each policy
module. This module holds field specs for the tables that describe the county.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import math

import numpy as np

from .errors import ScenarioError
from .text import NAME_CHARACTERS, unsafe_character

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
    multiline: bool = False  # text that may hold line breaks (a brief, a question), not a name
    # The words a user reads, declared with the field so they cannot drift from it: the label
    # in Chinese (and English; empty = the key in words), a one-line Chinese explanation
    # (``doc`` is the English one) and where the default comes from.
    zh: str = ""
    en: str = ""
    zh_doc: str = ""
    source: str = ""

    def narrowed(self, **changes) -> Field:
        """This field with some settings changed (a policy's own default or fewer choices),
        keeping its words unless they are changed too."""
        return replace(self, **changes)

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
    "cluster_formation": Field(str, "designated", choices=("designated", "formed", "regionalised"),
                               doc="clusters as the scenario lists them, formed by the villages' gains (formation.*), "
                                   "or drawn as compact homogeneous regions (SKATER, the regions extra)"),
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

# Where each county value comes from (docs/parameters.md); the embedded Pinghu scenario sets some
# of them (src/cluster_sim/scenario/data/pinghu.toml, whose comments give its figures' sources).
INPUT = "scenario input: "
CALIBRATED_MEDIAN = ("assumption: the median village's {what}; with the other medians and village_strength_sd it "
                     "gives collective income ≈ 6.0 m total and 3.0 m operating per village on average, heavy-tailed "
                     "(DOMAIN.md, Jiaxing 2024; docs/calibration.md)")
COUNTY_SOURCES = {
    "name": INPUT + "the county's name (平湖市 in the embedded default)",
    "layout_seed": INPUT + "fixes the generated layout, so replications simulate the same county (ODD §5)",
    "villages": INPUT + "Pinghu: 77 administrative villages (an assumption stated in pinghu.toml)",
    "households": INPUT + "Pinghu: 72,600 = 214,222 registered rural residents (2021, DOMAIN.md) / 2.95 per household",
    "people_per_household": "assumption: members per registered rural household; DOMAIN.md's village sizes "
                            "(1,000–4,500 people in 300–1,200 households) suggest 3.3–3.75, so 2.95 is at the low end",
    "elderly_share": "assumption: members aged 60+ in an ageing countryside, because DOMAIN.md gives no age structure",
    "children_share": "assumption: members below working age, because DOMAIN.md gives no age structure",
    "participation_rate": "assumption: working-age members in work, because DOMAIN.md gives no participation rate; "
                          "where they work is the job choice",
    "low_income_participation_rate": "assumption: registered-poor households include members with illness or "
                                     "disability; the model's low-income income is compared with Zhejiang's 21,440 "
                                     "yuan (DOMAIN.md) in docs/calibration_fit.md",
    "house_rent_share": "assumption: households letting rooms to migrant workers; with economy.house_rent_yuan_year "
                        "it gives property income ≈ 3 % of farmer income (DOMAIN.md; docs/calibration_fit.md)",
    "land_mu_per_person": "assumption: contracted land per resident; DOMAIN.md: 'a few thousand mu' for a village "
                          "of 1,000–4,500 people",
    "low_income_share": "assumption: households registered poor at the start (Pinghu 3.5 %, pinghu.toml), because "
                        "DOMAIN.md gives their income but not their number",
    "area_km": "assumption: the side of the square the generated villages lie in, because no map is read; villages "
               "a few km apart and all within ≈ 25 km of the county town",
    "shanghai_km": "assumption: road km from the county town to Shanghai's edge; 'facing the sea, backed by "
                   "Shanghai' (000)",
    "road_factor": "assumption: roads 30 % longer than the straight line, because the layout is generated and no "
                   "road network is read",
    "village_strength_sd": "assumption: log-sd of collective endowments, set so collective income is heavy-tailed "
                           "as DOMAIN.md describes (top village above 11 m, floors ≈ 0.3 m)",
    "building_m2_median": CALIBRATED_MEDIAN.format(what="collective floor space let to firms"),
    "invested_capital_median_yuan": CALIBRATED_MEDIAN.format(what="shares and pooled investments"),
    "company_profit_median_yuan": CALIBRATED_MEDIAN.format(what="village company profit (villages with one)"),
    "collective_land_mu_median": CALIBRATED_MEDIAN.format(what="collective land let to the operator"),
    "key_village_boost": "assumption: key villages are the stronger ones that lead a cluster (001); their log-asset "
                         "boost",
    "auto_clusters": INPUT + "generated clusters for synthetic counties and provinces (scaling runs); 0 in Pinghu",
    "auto_cluster_size": INPUT + "surrounding villages of each generated cluster",
    "cluster_formation": "scenario choice: 'designated' keeps the listed clusters (Pinghu's eight, 002); 'formed' "
                         "lets villages join key villages by their expected gain (001: 相邻、禀赋相近, 不搞拉郎配; "
                         "cluster_sim/formation.py); 'regionalised' is a planner's compact, homogeneous regions "
                         "(PySAL spopt's SKATER over the road network; cluster_sim/regions.py)",
}
CLUSTER_SOURCES = {
    "name": INPUT + "Pinghu: the eight clusters of 000", "name_en": INPUT + "English name shown beside the Chinese",
    "town": INPUT + "Pinghu: the clusters' towns (000)", "theme": INPUT + "Pinghu: the clusters' themes (000)",
    "key_village": INPUT + "Pinghu: key villages named in 000/002 (two illustrative, pinghu.toml)",
    "surrounding": INPUT + "Pinghu: e.g. the vegetable island radiates to 7 villages (000); others assumed",
    "specialty": INPUT + "Pinghu: vegetables for 杉水共富, flowers for 花开康上 (000); others assumed",
    "scenic": INPUT + "Pinghu: assumed ranks of the clusters' tourism (明月山塘 1.0: 971,000 visitors in 2024, 000)",
}
PARTNER_SOURCES = {
    "name": INPUT + "the partner county of the flying-land policy (青田县, 002)",
    "villages": INPUT + "Pinghu's partner: 265 weak villages of Qingtian (002)",
    "distance_km": "DOMAIN.md: Qingtian, a mountain county 300 km away (002)",
    "collective_income_yuan": "002: a Qingtian village (峰山村) had about 300,000 yuan of collective income a year",
    "operating_share": "assumption: a weak mountain village's income is mostly transfers, because the seeds give its "
                       "total only",
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
    if isinstance(value, str) and (bad := unsafe_character(value, field.multiline)):
        raise ScenarioError(source, path, f"text {value!r} {bad}", NAME_CHARACTERS)
    if field.choices is not None and value not in field.choices:
        raise ScenarioError(source, path, f"value {value!r} not allowed", field.allowed())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = field.low, field.bound()
        if (low is not None and value < low) or value > high:
            raise ScenarioError(source, path, f"value {shown!r} out of range", field.allowed())
    return value
