"""Load a scenario TOML (or the embedded Pinghu default), apply overrides, validate everything.

The result is a fully resolved nested dict: every key present, every value checked, so the
model never has to guess a default and the manifest records exactly what ran.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ScenarioError
from .identity import name_derived
from .registry import BY_PATH, PARAMS, Param
from .schema import CLUSTER_FIELDS, COUNTY_FIELDS, PARTNER_FIELDS, VILLAGE_FIELDS, Field, check_table, check_value

DEFAULT_NAME = "pinghu"
META_FIELDS: dict[str, Field] = {
    "name": Field(str, "scenario"),
    "title_zh": Field(str, ""),
    "title_en": Field(str, ""),
    "question": Field(str, "", doc="what question this scenario answers"),
    "extends": Field(str, "", doc="'default' or a path: start from that scenario and change it"),
}
TOP_LEVEL = ("meta", "simulation", "economy", "enterprises", "collective", "county", "policies")


@dataclass
class Scenario:
    """A validated scenario: ``data`` holds every section with every key resolved."""

    data: dict[str, Any]
    source: str
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.data["meta"]["name"]

    def get(self, path: str) -> Any:
        node: Any = self.data
        for part in path.split("."):
            node = node[part]
        return node

    def active_policies(self) -> list[str]:
        return [n for n, s in self.data["policies"].items() if s["enabled"]]


def default_scenario_text() -> str:
    return resources.files("cluster_sim.scenario").joinpath("data", f"{DEFAULT_NAME}.toml").read_text("utf-8")


def parse_value(text: str) -> Any:
    """Parse a ``--set`` value as TOML (numbers, booleans, lists, quoted strings); bare text stays text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def parse_set_args(items: list[str] | None) -> dict[str, Any]:
    out = {}
    for item in items or []:
        if "=" not in item:
            raise ScenarioError("--set", item, "expected KEY=VALUE", "dotted.key=value, e.g. economy.wage_growth=0.06")
        key, value = item.split("=", 1)
        out[key.strip()] = parse_value(value.strip())
    return out


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ScenarioError(str(path), "-", "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(str(path), "-", f"not valid TOML: {exc}") from None


def _raw(scenario: str | Path | dict | None) -> tuple[dict, str]:
    if scenario is None or scenario == "default":
        return tomllib.loads(default_scenario_text()), f"<embedded {DEFAULT_NAME}.toml>"
    if isinstance(scenario, dict):
        return copy.deepcopy(scenario), "<dict>"
    path = Path(scenario)
    raw = own = _read_toml(path)
    parent = None
    base = raw.get("meta", {}).get("extends", "")
    if base:
        parent_ref = None if base == "default" else str((path.parent / base).resolve())
        parent, _ = _raw(parent_ref)
        raw = _deep_merge(parent, raw)
    return name_derived(raw, own, parent, path), str(path)


def _deep_merge(base: dict, top: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _apply_override(raw: dict, source: str, path: str, value: Any) -> None:
    parts = path.split(".")
    if parts[0] not in TOP_LEVEL or len(parts) < 2:
        raise ScenarioError(source, path, "unknown key", "a dotted path under " + ", ".join(TOP_LEVEL))
    node = raw
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ScenarioError(source, path, f"'{part}' is not a table")
    node[parts[-1]] = value


def _check_param(source: str, p: Param, value: Any) -> Any:
    kinds: tuple[type, ...] = (int, float) if p.kind is float else (p.kind,)
    spec = Field(kinds, p.default, p.low, p.high, p.choices)
    value = check_value(source, p.path, value, spec)
    return float(value) if p.kind is float else value


def _check_numeric_sections(raw: dict, source: str) -> dict:
    out: dict[str, dict] = {}
    sections = {p.path.split(".", 1)[0] for p in PARAMS}
    for section in sections:
        given = raw.get(section, {})
        if not isinstance(given, dict):
            raise ScenarioError(source, section, "must be a table")
        for key in given:
            if f"{section}.{key}" not in BY_PATH:
                known = sorted(p.path.split(".", 1)[1] for p in PARAMS if p.path.startswith(section + "."))
                raise ScenarioError(source, f"{section}.{key}", "unknown key", "one of " + ", ".join(known))
        out[section] = {}
    for p in PARAMS:
        section, key = p.path.split(".", 1)
        given = raw.get(section, {})
        out[section][key] = _check_param(source, p, given[key]) if key in given else p.default
    return out


def _check_county(raw: dict, source: str) -> dict:
    if "county" not in raw:
        raise ScenarioError(source, "county", "missing", "a [county] table describing villages and households")
    county = check_table(source, "county", raw["county"], COUNTY_FIELDS)
    county["clusters"] = [check_table(source, f"county.clusters[{i}]", c, CLUSTER_FIELDS)
                          for i, c in enumerate(county["clusters"])]
    county["villages_override"] = [check_table(source, f"county.villages_override[{i}]", v, VILLAGE_FIELDS)
                                   for i, v in enumerate(county["villages_override"])]
    county["partner"] = check_table(source, "county.partner", county["partner"] or {"name": ""}, PARTNER_FIELDS)
    names = [c["name"] for c in county["clusters"]]
    if len(set(names)) != len(names):
        raise ScenarioError(source, "county.clusters", "cluster names must be unique")
    n_named = (len(county["clusters"]) + sum(c["surrounding"] for c in county["clusters"])
               + county["auto_clusters"] * (1 + county["auto_cluster_size"]))
    if n_named > county["villages"]:
        raise ScenarioError(source, "county.villages", f"{county['villages']} villages cannot hold the "
                            f"{n_named} key and surrounding villages of the clusters",
                            f"a whole number >= {n_named}")
    if county["households"] < county["villages"]:
        raise ScenarioError(source, "county.households", "fewer households than villages",
                            f"a whole number >= {county['villages']}")
    return county


def _check_policies(raw: dict, source: str) -> dict:
    # imported here: policy modules build on the scenario schema, so the scenario package
    # must not need them at import time
    from .. import policies as policy_pkg
    from ..policies.base import COMMON_FIELDS

    given = raw.get("policies", {})
    if not isinstance(given, dict):
        raise ScenarioError(source, "policies", "must be a table")
    known = policy_pkg.registry()
    for name in given:
        if name not in known:
            raise ScenarioError(source, f"policies.{name}", "unknown policy", "one of " + ", ".join(sorted(known)))
    return {name: check_table(source, f"policies.{name}", given.get(name, {}), {**COMMON_FIELDS, **mod.FIELDS})
            for name, mod in known.items()}


def load_scenario(scenario: str | Path | dict | None = None, overrides: dict[str, Any] | None = None) -> Scenario:
    """Read, merge overrides into, and validate a scenario. ``None`` means the embedded Pinghu."""
    if isinstance(scenario, Scenario):
        if not overrides:
            return scenario
        return load_scenario(scenario.data, {**scenario.overrides, **overrides})
    raw, source = _raw(scenario)
    for key in raw:
        if key not in TOP_LEVEL:
            raise ScenarioError(source, key, "unknown section", "one of " + ", ".join(TOP_LEVEL))
    overrides = dict(overrides or {})
    for path, value in overrides.items():
        _apply_override(raw, f"--set on {source}", path, value)
    try:
        data = {"meta": check_table(source, "meta", raw.get("meta", {}), META_FIELDS)}
        data.update(_check_numeric_sections(raw, source))
        data["county"] = _check_county(raw, source)
        data["policies"] = _check_policies(raw, source)
    except ScenarioError as exc:
        if exc.key in overrides:  # the bad value came from the command line, not the file
            raise ScenarioError(f"--set on {source}", exc.key, exc.problem, exc.allowed) from None
        raise
    return Scenario(data=data, source=source, overrides=overrides)
