"""Load a scenario TOML (or the embedded Pinghu default), apply overrides, validate everything.

The result is a fully resolved nested dict: every key present, every value checked, so the
model never has to guess a default and the manifest records exactly what ran.
"""

from __future__ import annotations

import copy
import json
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ScenarioError
from .files import read_toml
from .generator import home_village_names, partner_village_names
from .identity import name_derived
from .registry import BY_PATH, PARAMS, Param
from .schema import CLUSTER_FIELDS, COUNTY_FIELDS, PARTNER_FIELDS, VILLAGE_FIELDS, Field, check_table, check_value

DEFAULT_NAME = "pinghu"
META_FIELDS: dict[str, Field] = {
    "name": Field(str, "scenario"),
    "title_zh": Field(str, ""),
    "title_en": Field(str, ""),
    "question": Field(str, "", multiline=True, doc="what question this scenario answers"),
    "answer_with": Field(str, "", doc="the report indicator that answers the question in docs/scenarios.md "
                         "(a metric name of cluster_sim.report.metrics; default collective total income)"),
    "extends": Field(str, "", doc="'default' or a path: start from that scenario and change it"),
}
# Memory a run needs per household and per village, to refuse a county that cannot fit before
# allocating it: peak RSS grew ~400 bytes per household from 100 000 to 600 000 households;
# 1.5× margin for the year-end tables.
BYTES_PER_HOUSEHOLD = 600
BYTES_PER_VILLAGE = 20_000
SEED_FIELD = Field(int, 0, 0, 2**63 - 1)
TOP_LEVEL = ("meta", "simulation", "economy", "enterprises", "collective", "formation", "county", "policies")


@dataclass
class Scenario:
    """A validated scenario: ``data`` holds every section with every key resolved."""

    data: dict[str, Any]
    source: str
    overrides: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)  # the file's tables, before overrides
    override_sources: dict[str, str] = field(default_factory=dict, repr=False)  # key -> "--set K=V", ...

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


def calibrated_values() -> dict[str, float]:
    """The base-year fit that ``cluster-sim dev calibrate --apply`` applied to the embedded default
    (data/calibration.json; provenance in docs/calibration_fit.md), as dotted keys; {} if none."""
    source = resources.files("cluster_sim.scenario").joinpath("data", "calibration.json")
    if not source.is_file():
        return {}
    fit = json.loads(source.read_text("utf-8"))
    if not fit.get("applied_to_defaults"):
        return {}
    # four significant figures, as docs/calibration_fit.md shows them: far inside the spread across
    # seeds, and values a person can type (and a slider can show) exactly
    return {path: float(f"{p['fitted']:.4g}") for path, p in fit["parameters"].items()}


def default_tables() -> dict:
    """The embedded default's tables: pinghu.toml with the applied calibration on top."""
    raw = tomllib.loads(default_scenario_text())
    for path, value in calibrated_values().items():
        section, key = path.split(".", 1)
        raw.setdefault(section, {})[key] = value
    return raw


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
            raise ScenarioError(f"--set {item}", item, "expected KEY=VALUE",
                                "dotted.key=value, e.g. economy.wage_growth=0.06")
        key, value = item.split("=", 1)
        out[key.strip()] = parse_value(value.strip())
    return out


def override_label(origin: str, key: str, value: Any) -> str:
    """Where an override came from, as the user wrote it: ``--set KEY=VALUE``, a keyword, ``--years``."""
    if origin == "--set":
        return f"--set {key}={value}"
    if origin == "keyword":
        return f"keyword argument {key}={value!r}"
    if origin in ("evaluate()", "simulate()", "experiment"):
        return f"{origin} parameter {key}={value!r}"
    return origin  # a label that says it all, e.g. "--years 0"


MAX_EXTENDS = 32  # files extending each other; a real project uses two or three


def _raw(scenario: str | Path | dict | None, chain: tuple[str, ...] = ()) -> tuple[dict, str]:
    """The scenario's raw tables with its ``extends`` chain merged in; ``chain`` holds the files
    already on the way (a file met again is a cycle)."""
    if scenario is None or scenario == "default":
        return default_tables(), f"<embedded {DEFAULT_NAME}.toml>"
    if isinstance(scenario, dict):
        return copy.deepcopy(scenario), "<dict>"
    path = Path(scenario)
    source = str(path)
    raw = read_toml(path, "scenario .toml file")
    meta = raw.get("meta", {})
    if not isinstance(meta, dict):
        raise ScenarioError(source, "meta", f"must be a table, got {type(meta).__name__} ({meta!r})",
                            "a [meta] table with name, title_zh, title_en, question, extends")
    base = meta.get("extends", "")
    if not isinstance(base, str):
        raise ScenarioError(source, "meta.extends", f"wrong type {type(base).__name__} ({base!r})",
                            META_FIELDS["extends"].doc)
    parent = None
    if base:
        parent = _raw(None)[0] if base == "default" else _parent(path, base, chain)
    merged = raw if parent is None else _deep_merge(parent, raw)
    return name_derived(merged, raw, parent, path), source


def _parent(path: Path, base: str, chain: tuple[str, ...]) -> dict:
    """The raw tables of the file ``path`` extends, checked for cycles and existence."""
    source = str(path)
    target = (path.parent / base).resolve()
    here = str(path.resolve())
    if str(target) in chain + (here,):
        loop = " -> ".join(Path(p).name for p in chain + (here, str(target)))
        raise ScenarioError(source, "meta.extends", f"{base!r} leads back to a file already extended ({loop})",
                            "a chain of scenario files without cycles, ending in 'default' or a file without extends")
    if len(chain) + 1 >= MAX_EXTENDS:
        raise ScenarioError(source, "meta.extends", f"{base!r} would make a chain of more than {MAX_EXTENDS} "
                            "scenario files", f"at most {MAX_EXTENDS} files extending each other")
    if not target.is_file():
        what = "is a folder" if target.is_dir() else "file not found"
        raise ScenarioError(source, "meta.extends", f"{base!r} ({target}): {what}",
                            "'default' or the path of a scenario file, relative to this file")
    try:
        return _raw(target, chain + (here,))[0]
    except ScenarioError as exc:
        if exc.source == str(target):  # name the file that refers to the broken one, too
            raise ScenarioError(f"{exc.source} (extended by {source})", exc.key, exc.problem, exc.allowed) from None
        raise


def _deep_merge(base: dict, top: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _apply_override(raw: dict, source: str, path: str, value: Any) -> None:
    parts = path.split(".") if isinstance(path, str) else []
    if not parts or parts[0] not in TOP_LEVEL or len(parts) < 2 or not all(parts):
        raise ScenarioError(source, str(path), "unknown key", "a dotted path under " + ", ".join(TOP_LEVEL))
    if path == "meta.extends":
        raise ScenarioError(source, path, "cannot be overridden: a scenario's base is read before overrides apply",
                            "write extends = \"...\" in the [meta] table of a scenario file")
    node = raw
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ScenarioError(source, path, f"'{part}' is not a table")
    node[parts[-1]] = value


def check_param(source: str, path: str, value: Any) -> Any:
    """Check one registered parameter's value (e.g. ``--years`` against ``simulation.years``)."""
    return _check_param(source, BY_PATH[path], value)


def check_seed(source: str, value: Any) -> int:
    """A random seed: a whole number >= 0 (numpy integers and integral floats too), as a Python int."""
    return check_value(source, "seed", value, SEED_FIELD)


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
    for key in ("clusters", "villages_override"):
        if not all(isinstance(item, dict) for item in county[key]):
            raise ScenarioError(source, f"county.{key}", "every entry must be a table", f"[[county.{key}]] tables")
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
    _check_memory(source, county)
    if county["cluster_formation"] == "regionalised":
        from ..regions import check_regionalisable

        check_regionalisable(source, county["villages"])
    known = set(home_village_names(county))
    for i, ov in enumerate(county["villages_override"]):
        if ov["name"] not in known:
            raise ScenarioError(source, f"county.villages_override[{i}].name", f"no village named {ov['name']!r}",
                                "the name of a key village or a generated village")
    return county


def _check_memory(source: str, county: dict) -> None:
    """Refuse, before allocating anything, a county that cannot fit in this machine's memory."""
    need = BYTES_PER_HOUSEHOLD * county["households"] + BYTES_PER_VILLAGE * (county["villages"] + county["partner"]["villages"])
    have = physical_memory_bytes()
    if have and need > 0.8 * have:
        raise ScenarioError(source, "county.households", f"{county['households']:,} households need about "
                            f"{need / 2**30:,.1f} GiB of memory; this machine has {have / 2**30:,.1f} GiB",
                            f"at most about {int(0.8 * have / BYTES_PER_HOUSEHOLD):,} households here")


def physical_memory_bytes() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def _check_policies(raw: dict, source: str, years: int, county: dict) -> dict:
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
    out = {name: check_table(source, f"policies.{name}", given.get(name, {}), {**COMMON_FIELDS, **mod.FIELDS})
           for name, mod in known.items()}
    names = set(home_village_names(county)) | set(partner_village_names(county))
    for name, settings in out.items():
        if settings["enabled"]:
            _check_can_act(source, f"policies.{name}", settings, years, names)
            check = getattr(known[name], "check_settings", None)
            if check is not None:
                check(source, settings, names)
    return out


def _check_can_act(source: str, prefix: str, s: dict, years: int, names: set[str]) -> None:
    """An enabled package must be able to act: a start within the run, an end after the start,
    and named villages that exist."""
    if s["start_year"] > years:
        raise ScenarioError(source, f"{prefix}.start_year", f"starts in year {s['start_year']}, after the run's last "
                            f"year ({years}): the package would never act", f"a year index in [0, {years}]")
    if s["end_year"] and s["end_year"] < s["start_year"]:
        raise ScenarioError(source, f"{prefix}.end_year", f"ends in year {s['end_year']}, before it starts "
                            f"({s['start_year']}): the package would never act",
                            f"0 (never ends) or a year index >= start_year ({s['start_year']})")
    villages = s["villages"]
    for i, v in enumerate(villages):
        if not isinstance(v, str):
            raise ScenarioError(source, f"{prefix}.villages[{i}]", f"wrong type {type(v).__name__} ({v!r})",
                                "a village name (text)")
        if v not in names:
            raise ScenarioError(source, f"{prefix}.villages[{i}]", f"no village named {v!r} in this county",
                                "a key village's name (county.clusters) or a generated name such as "
                                + repr(sorted(names)[0]))
    if s["target"] == "named" and not villages:
        raise ScenarioError(source, f"{prefix}.villages", "target = 'named' but no villages are named: "
                            "the package would never act", "a list of village names")


def _settle_source(exc: ScenarioError, sources: dict[str, str]) -> ScenarioError:
    """Blame the override a bad value came from (``--set``, keyword, ``--years``), not the file."""
    for key, label in sources.items():
        if exc.key == key or exc.key.startswith((key + ".", key + "[")):
            return ScenarioError(label, exc.key, exc.problem, exc.allowed)
    return exc


def load_scenario(scenario: str | Path | dict | Scenario | None = None, overrides: dict[str, Any] | None = None,
                  origin: str = "keyword") -> Scenario:
    """Read, merge overrides into, and validate a scenario. ``None`` means the embedded Pinghu.

    ``origin`` says where the overrides came from, for error messages: ``"--set"``, ``"keyword"``
    (Python keyword arguments), ``"evaluate()"``/``"simulate()"``, or a label used as is
    (e.g. ``"--years 0"``)."""
    overrides = dict(overrides or {})
    labels = {k: override_label(origin, k, v) for k, v in overrides.items()}
    if isinstance(scenario, Scenario):
        if not overrides:
            return scenario
        labels = {**scenario.override_sources, **labels}
        raw, source = copy.deepcopy(scenario.raw or scenario.data), scenario.source
        overrides = {**scenario.overrides, **overrides}
    else:
        raw, source = _raw(scenario)
    for key in raw:
        if key not in TOP_LEVEL:
            hint = (" (this is a classroom file: check it with `cluster-sim classroom check FILE`)"
                    if key in ("classroom", "scenario") else "")
            raise ScenarioError(source, key, "unknown section" + hint, "one of " + ", ".join(TOP_LEVEL))
    base_raw = copy.deepcopy(raw)
    for path, value in overrides.items():
        _apply_override(raw, labels.get(path, source), path, value)
    try:
        data = {"meta": check_table(source, "meta", raw.get("meta", {}), META_FIELDS)}
        data.update(_check_numeric_sections(raw, source))
        data["county"] = _check_county(raw, source)
        data["policies"] = _check_policies(raw, source, data["simulation"]["years"], data["county"])
    except ScenarioError as exc:
        raise _settle_source(exc, {k: labels[k] for k in overrides if k in labels}) from None
    return Scenario(data=data, source=source, overrides=overrides, raw=base_raw,
                    override_sources={k: labels[k] for k in overrides if k in labels})
