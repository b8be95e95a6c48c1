"""What every output column means: one catalogue, per table, of (column, unit, meaning).

docs/outputs.md is generated from it (``python -m cluster_sim.outputs.columns``) and a test
checks that the tables a run writes have exactly these columns, so the documentation cannot
drift from the code. Columns repeated per income source are generated from the same source
lists the recorder uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..accounts import COLLECTIVE_SOURCES, HOUSEHOLD_SOURCES

Column = tuple[str, str, str]  # (name, unit, meaning)

_HH_ZH = {"wages": "wages (工资性收入)", "business": "business income (经营净收入)",
          "property": "property income (财产净收入)", "transfers": "transfers (转移净收入)"}
_COLL_ZH = {"rents": "rents of land, buildings and scenic rights (租金)", "dividends": "dividends on investments (投资收益)",
            "project_returns": "returns of joint, flying-land and common-prosperity projects (项目收益)",
            "company_profit": "profit of the village or cluster company (公司利润)",
            "subsidies": "government transfers (财政补助, non-operating)"}

_KEYS: list[Column] = [
    ("t", "year index", "0 = base year (simulation.start_year), 1..N the simulated years"),
    ("year", "calendar year", "simulation.start_year + t"),
]

TABLES: dict[str, tuple[str, list[Column]]] = {
    "village_year": ("one row per village and year (home villages, then partner-county villages)", [
        *_KEYS,
        ("village", "index", "village number (row of the county layout)"),
        ("name", "text", "village name"),
        ("cluster", "index", "cluster number; -1 = in no cluster, -2 = a partner-county village"),
        ("cluster_name", "text", "cluster name; 未入片区 = in no cluster; the partner county's name for its villages"),
        ("is_key", "bool", "the key village (重点村) of its cluster"),
        ("is_strong", "bool", "in the top simulation.strong_share of villages by base-year operating income"),
        ("is_weak", "bool", "in the bottom simulation.weak_share by base-year operating income"),
        ("is_partner", "bool", "a village of the partner county (flying land), not of the home county"),
        ("scenic", "0..1", "tourism endowment"),
        ("governance", "0..1", "governance capacity (rises through pairing's know-how spillover)"),
        ("households", "households", "registered households"),
        ("members", "persons", "members of those households"),
        *[(f"{s}_yuan", "yuan/year", f"collective income: {_COLL_ZH[s]}") for s in COLLECTIVE_SOURCES],
        ("operating_income_yuan", "yuan/year", "collective operating income (经营性收入): all sources but subsidies"),
        ("total_income_yuan", "yuan/year", "collective total income (operating income + subsidies)"),
        ("spending_yuan", "yuan/year", "collective spending on public services, staff and upkeep"),
        ("cash_yuan", "yuan", "collective cash at year end"),
        ("debt_yuan", "yuan", "collective debt at year end"),
        ("assets_yuan", "yuan", "collective assets at year end"),
        ("debt_ratio", "share", "debt / assets"),
        ("over_indebted", "bool", "debt_ratio above collective.debt_limit_share (负债率红线)"),
        ("bad_debt_yuan", "yuan", "rent left unpaid by failed enterprises, written off so far"),
        ("farmer_income_per_capita_yuan", "yuan/person/year", "disposable income per household member"),
    ]),
    "household_group_year": ("one row per village, low-income status and year: households summed", [
        *_KEYS,
        ("village", "index", "village number"),
        ("low_income", "bool", "the village's low-income households (低收入农户); false = the others"),
        ("households", "households", "households in the group"),
        ("members", "persons", "their members"),
        *[(f"{s}_yuan", "yuan/year", f"the group's {_HH_ZH[s]}") for s in HOUSEHOLD_SOURCES],
        ("income_yuan", "yuan/year", "the group's disposable income (sum of the four sources)"),
        *[(f"{s}_per_capita_yuan", "yuan/person/year", f"{_HH_ZH[s]} per member") for s in HOUSEHOLD_SOURCES],
        ("income_per_capita_yuan", "yuan/person/year", "disposable income per member"),
    ]),
    "cluster_year": ("one row per cluster and year (-1: villages in no cluster, -2: the partner county)", [
        *_KEYS,
        ("cluster", "index", "cluster number; -1 = in no cluster, -2 = partner county"),
        ("cluster_name", "text", "cluster name"),
        ("villages", "villages", "villages in the cluster"),
        ("collective_income_total_yuan", "yuan/year", "collective total income, all its villages"),
        ("collective_income_operating_yuan", "yuan/year", "collective operating income, all its villages"),
        ("collective_income_operating_mean_yuan", "yuan/year", "operating income per village"),
        ("collective_income_total_mean_yuan", "yuan/year", "total income per village"),
        ("farmer_income_per_capita_yuan", "yuan/person/year", "households' disposable income per member"),
        ("low_income_income_per_capita_yuan", "yuan/person/year", "the same for low-income households (empty if none)"),
    ]),
    "county_year": ("one row per year: the home county (partner villages only in the partner_* columns); "
                    "also `model.county` and `model.county_<column>`", [
        *_KEYS,
        ("villages", "villages", "home-county villages"),
        ("households", "households", "home-county households"),
        ("members", "persons", "their members"),
        ("collective_income_total_yuan", "yuan/year", "collective total income, all villages"),
        ("collective_income_operating_yuan", "yuan/year", "collective operating income, all villages"),
        ("collective_income_total_mean_yuan", "yuan/year", "total income per village"),
        ("collective_income_operating_mean_yuan", "yuan/year", "operating income per village"),
        *[(f"collective_{s}_yuan", "yuan/year", f"collective income of all villages: {_COLL_ZH[s]}")
          for s in COLLECTIVE_SOURCES],
        ("farmer_income_per_capita_yuan", "yuan/person/year", "rural residents' disposable income per capita (农村居民人均可支配收入)"),
        ("low_income_income_per_capita_yuan", "yuan/person/year", "the same for members of low-income households"),
        *[(f"{s}_per_capita_yuan", "yuan/person/year", f"{_HH_ZH[s]} per capita") for s in HOUSEHOLD_SOURCES],
        ("strong_operating_mean_yuan", "yuan/year", "operating income per strong village"),
        ("weak_operating_mean_yuan", "yuan/year", "operating income per weak village"),
        ("weak_total_mean_yuan", "yuan/year", "total income (operating income + subsidies) per weak village"),
        ("strong_weak_gap_yuan", "yuan/year", "strong minus weak operating income per village"),
        ("strong_weak_gap_ratio", "ratio", "strong / weak operating income per village (empty when weak ≤ 0)"),
        ("key_operating_mean_yuan", "yuan/year", "operating income per key village"),
        ("surrounding_operating_mean_yuan", "yuan/year", "operating income per surrounding (clustered, not key) village"),
        ("gini_collective", "0..1", "Gini coefficient of villages' total collective income"),
        ("gini_household", "0..1", "Gini coefficient of household income per member, weighted by members"),
        ("share_villages_below_weak_line", "share", "villages with operating income below simulation.weak_line_operating_yuan"),
        ("villages_over_indebted", "villages", "villages above the debt red line"),
        ("collective_loan_defaults", "villages", "collectives whose term loan defaulted during the year (written off)"),
        ("partner_operating_mean_yuan", "yuan/year", "operating income per partner-county village (empty without partners)"),
        ("partner_total_mean_yuan", "yuan/year", "total income per partner-county village (empty without partners)"),
        ("collective_operating_transfer_mean_yuan", "yuan/year", "the part of operating income per village that "
         "transfers and guarantees paid (ledger categories flagged as transfers), against the induced part"),
        ("collective_total_transfer_mean_yuan", "yuan/year", "the same for total income (operating income + subsidies)"),
        ("farmer_transfer_per_capita_yuan", "yuan/person/year", "the part of farmer income per capita that transfers "
         "and guarantees paid"),
        ("low_income_transfer_per_capita_yuan", "yuan/person/year", "the same for members of low-income households"),
        ("weak_operating_transfer_mean_yuan", "yuan/year", "the part of operating income per weak village that "
         "transfers and guarantees paid"),
        ("weak_total_transfer_mean_yuan", "yuan/year", "the same for weak villages' total income"),
        ("enterprises_alive", "enterprises", "enterprises operating at year end"),
        ("enterprise_failures", "enterprises", "enterprises that failed during the year"),
    ]),
    "flows_year": ("one row per year, side, kind of account and ledger category: the year's money flows (CSV)", [
        *_KEYS,
        ("side", "text", "received or paid"),
        ("kind", "text", "kind of account: households, villages, enterprises, outside, bank, government"),
        ("category", "text", "ledger category (src/cluster_sim/accounts.py)"),
        ("amount_yuan", "yuan/year", "sum over all accounts of that kind"),
        ("cash", "bool", "false for write-offs (bad debts), which move no cash"),
    ]),
    "enterprise_failures": ("one row per enterprise that failed (CSV; header only when none failed)", [
        ("year", "calendar year", "year it failed"),
        ("month", "month", "month it failed (1..12)"),
        ("enterprise", "index", "enterprise number"),
        ("kind", "code", "0 factory, 1 agricultural operator, 2 tourism operator, 3 village company, "
                         "4 common-prosperity project, 5 flying-land park"),
        ("village", "index", "village it was located in"),
        ("owner_village", "index", "village whose collective owned it; -1 = privately owned"),
        ("unpaid_rent_yuan", "yuan", "rent owed to the collective, written off"),
        ("bank_loss_yuan", "yuan", "its bank loan, written off by the bank"),
    ]),
    "cluster_moves": ("with formed clusters (county.cluster_formation = \"formed\"): one row per move a village "
                      "made, at the first formation and at each revisit (CSV)", [
        ("year", "calendar year", "the formation (the base year) or the revisit at that year's close"),
        ("round", "round", "round of the formation rule in which the village moved"),
        ("village", "index", "village number"),
        ("from_cluster", "index", "cluster it left; -1 = none"),
        ("to_cluster", "index", "cluster it joined; -1 = none (it left, or its key village let it go)"),
        ("gain_before_yuan", "yuan/year", "its expected gain where it was (0 outside every cluster)"),
        ("gain_after_yuan", "yuan/year", "its expected gain where it went (0 outside every cluster)"),
    ]),
    "summary": ("the printed summary (CSV): base year and final year of the headline indicators", [
        ("指标", "text", "indicator (Chinese)"),
        ("indicator", "text", "indicator (English)"),
        ("单位 unit", "text", "unit of the two year columns (万元 = 10,000 yuan)"),
        ("<base year>", "as the unit column", "value in the base year (column named by the year)"),
        ("<final year>", "as the unit column", "value in the final year (column named by the year)"),
        ("年均增长 growth/yr", "share/year", "mean annual growth between the two"),
    ]),
    "policy_flows": ("final-year money in the ledger categories each active policy uses (CSV)", [
        ("政策 policy", "text", "policy package (Chinese and English)"),
        ("资金流 flow", "text", "ledger category (Chinese and code)"),
        ("末年金额（万元） final year (10k yuan)", "10,000 yuan", "amount in the final year, including baseline flows of that category"),
    ]),
}
DYNAMIC = {"<base year>", "<final year>"}  # named by the run's years

COUNTY_COLUMNS: tuple[str, ...] = tuple(name for name, _, _ in TABLES["county_year"][1])


def markdown() -> str:
    lines = ["# Output columns", "",
             "Generated from the code by `python -m cluster_sim.outputs.columns`; do not edit by hand.",
             "A run's folder holds these tables as `<table>.parquet` and/or `<table>.csv`; "
             "`ClusterModel.tables()` returns the first five as pandas DataFrames. Money is in yuan "
             "(元; reports show 万元 = 10,000 yuan), per year unless the unit says otherwise.", ""]
    for table, (what, cols) in TABLES.items():
        lines += [f"## `{table}`", "", what[0].upper() + what[1:] + ".", "",
                  "| column | unit | meaning |", "|---|---|---|"]
        lines += [f"| `{name}` | {unit} | {meaning} |" for name, unit, meaning in cols]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/outputs.md")
    out.write_text(markdown(), encoding="utf-8")
    print(f"wrote {out}")
