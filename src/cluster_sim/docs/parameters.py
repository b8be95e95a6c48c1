"""Render docs/parameters.md (every parameter with value, unit, range and source) and
docs/policies.md from the registry, the county schema and the policy modules.
``python -m cluster_sim.docs.parameters``."""

from __future__ import annotations

import sys
from pathlib import Path

from ..policies import registry as policy_registry
from ..policies.base import COMMON_FIELDS
from ..evidence.uncertain import is_uncertain, study_range
from ..scenario.registry import PARAMS, Param
from ..scenario.schema import (CLUSTER_FIELDS, CLUSTER_SOURCES, COUNTY_FIELDS, COUNTY_SOURCES, PARTNER_FIELDS,
                               PARTNER_SOURCES, Field)


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, (list, dict)):
        return "—"
    return f"`{value}`" if isinstance(value, str) else str(value)


def sensitivity(p: Param) -> str:
    """The range the sensitivity study varies ``p`` over (evidence/uncertain.py), or why not."""
    if not is_uncertain(p):
        return "not varied (a definition, a choice or 0)"
    r = study_range(p)
    return f"{fmt(r.low)}–{fmt(r.high)} ({r.rule})"


def _own_sources(fields: dict[str, Field]) -> dict[str, str]:
    """A policy field declares its source itself (``Field.source``)."""
    return {key: f.source for key, f in fields.items() if f.source}


def field_tables() -> list[tuple[str, dict[str, Field], dict[str, str]]]:
    """(key prefix, fields, their sources) of every table of scenario keys besides the registry."""
    tables = [("county", COUNTY_FIELDS, COUNTY_SOURCES), ("county.clusters[]", CLUSTER_FIELDS, CLUSTER_SOURCES),
              ("county.partner", PARTNER_FIELDS, PARTNER_SOURCES)]
    return tables + [(prefix, fields, _own_sources(fields)) for prefix, fields in policy_tables()]


def policy_tables() -> list[tuple[str, dict[str, Field]]]:
    """(key prefix, fields) of the keys every package has and of each package's own."""
    return [("policies.NAME", COMMON_FIELDS)] + [(f"policies.{name}", mod.FIELDS)
                                                 for name, mod in policy_registry().items()]


def _field_rows(prefix: str, fields: dict[str, Field], sources: dict[str, str]) -> list[str]:
    rows = []
    for key, f in fields.items():
        if isinstance(f.default, (list, dict)):
            continue
        rows.append(f"| `{prefix}.{key}` | {fmt(f.default)} | {f.allowed()} | {f.doc or '—'} | "
                    f"{sources.get(key, '**no source**')} |")
    return rows


def render() -> str:
    lines = ["# Parameters", "", "Generated from the code by `python -m cluster_sim.docs.parameters`; "
             "do not edit by hand. Values are the defaults of the embedded Pinghu scenario unless it sets "
             "them (see `src/cluster_sim/scenario/data/pinghu.toml`).", "",
             "## Model parameters", "", "The sensitivity column is the range `cluster-sim dev evidence sensitivity` varies "
             "a parameter over (the rule in `src/cluster_sim/evidence/uncertain.py`).", "",
             "| key | default | unit | allowed | 含义 | meaning | source | sensitivity |",
             "|---|---|---|---|---|---|---|---|"]
    for p in PARAMS:
        lines.append(f"| `{p.path}` | {fmt(p.default)} | {p.unit} | {p.allowed()} | {p.zh} | {p.en} | {p.source} | "
                     f"{sensitivity(p)} |")
    lines += ["", "## County layout (`[county]`)", "", "| key | default | allowed | meaning | source |", "|---|---|---|---|---|"]
    lines += _field_rows("county", COUNTY_FIELDS, COUNTY_SOURCES)
    lines += ["", "Each `[[county.clusters]]` entry:", "", "| key | default | allowed | meaning | source |", "|---|---|---|---|---|"]
    lines += _field_rows("county.clusters[]", CLUSTER_FIELDS, CLUSTER_SOURCES)
    lines += ["", "`[county.partner]` (villages of a partner county, e.g. Qingtian):", "",
              "| key | default | allowed | meaning | source |", "|---|---|---|---|---|"]
    lines += _field_rows("county.partner", PARTNER_FIELDS, PARTNER_SOURCES)
    lines += ["", "## Policy packages (`[policies.NAME]`)", "", "Every package has these keys:", "",
              "| key | default | allowed | meaning | source |", "|---|---|---|---|---|"]
    lines += _field_rows("policies.NAME", COMMON_FIELDS, _own_sources(COMMON_FIELDS))
    for name, mod in policy_registry().items():
        lines += ["", f"### `{name}` — {mod.TITLE_ZH} / {mod.TITLE_EN}", "", mod.__doc__.strip().splitlines()[0], "",
                  "| key | default | allowed | meaning | source |", "|---|---|---|---|---|"]
        lines += _field_rows(f"policies.{name}", mod.FIELDS, _own_sources(mod.FIELDS))
    return "\n".join(lines) + "\n"


def render_policies() -> str:
    """docs/policies.md: each policy's mechanism (its module docstring) and the money it moves."""
    from ..accounts import BY_NAME
    lines = ["# Policies (ODD §8)", "", "Generated from the policy modules by `python -m cluster_sim.docs.parameters`. "
             "Parameters, units, defaults and sources: [parameters.md](parameters.md#policy-packages-policiesname). "
             "Calibration against the sources: [calibration.md](calibration.md).", "",
             "A package is switched on in a scenario with `[policies.NAME] enabled = true` and the common keys "
             "`start_year`, `end_year`, `budget_yuan`, `target` (all, weak, strong, key, surrounding, clustered, "
             "named + `villages`, partner), `max_villages`. `budget_yuan` and `max_villages` are \"unlimited\" "
             "unless given; 0 means zero (nothing funded, no village reached). A package that could never act "
             "(starting after the last year, ending before it starts, naming no or unknown villages) is refused. "
             "With every package off the model is the baseline."]
    for name, mod in policy_registry().items():
        flows = ", ".join(f"`{c}` ({BY_NAME[c].zh})" for c in mod.CATEGORIES)
        lines += ["", f"## `{name}` — {mod.TITLE_ZH} / {mod.TITLE_EN}", "", mod.__doc__.strip(), "",
                  f"Ledger categories: {flows}.", f"Source file: `src/cluster_sim/policies/{name}.py`."]
    from .. import formation, regions

    lines += ["", "## Cluster formation — 片区自组团 / Clusters that form themselves", "",
              "Not a package: with `[county] cluster_formation = \"formed\"` it decides which villages the packages "
              "see as one cluster (pairing's leaders, markets and brand; tourism's routes; common prosperity's "
              "hubs). Parameters `formation.*` ([parameters.md](parameters.md)); results: "
              "[formation.md](formation.md).", "", formation.__doc__.strip(), "",
              "Source file: `src/cluster_sim/formation.py`.", "",
              "### A planner's regions — 规划片区 (`cluster_formation = \"regionalised\"`)", "",
              regions.__doc__.strip(), "", "Source file: `src/cluster_sim/regions.py`."]
    return "\n".join(lines) + "\n"


DOCS = {"parameters.md": render, "policies.md": render_policies}


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    for name, fn in DOCS.items():
        (folder / name).write_text(fn(), encoding="utf-8")
        print(f"wrote {folder / name}")
    from .odd import write as write_odd  # the ODD's generated parts (odd imports this module)
    write_odd(folder / "ODD.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
