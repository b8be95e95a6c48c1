"""Every third-party module the package imports is declared, and its lower bound is the one pinned
in constraints/minimum.txt (the file that installs the lowest allowed versions)."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
# modules that are a declared dependency's own parts, pinned exactly by it (solara == its UI stack)
PART_OF = {"solara": "solara", "reacton": "solara", "ipyvue": "solara", "ipyvuetify": "solara"}
# modules the package uses only when installed (an ImportError says how to get them), each declared
# in an optional extra: EMA Workbench's PRIM for optimize's scenario discovery (extra "explore")
OPTIONAL = {"ema_workbench": "explore", "spopt": "regions", "geopandas": "regions", "libpysal": "regions"}


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r): r for r in project["dependencies"]}
    extras = {e.strip().lower(): r for r in project["dependencies"] for e in re.findall(r"\[(.*?)\]", r)[:1]
              for e in e.split(",")}  # dask[distributed] declares distributed
    return {**extras, **declared}


def _imported_modules() -> set[str]:
    modules = set()
    for path in (ROOT / "src" / "cluster_sim").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"cluster_sim"}


def test_every_imported_module_is_declared():
    declared, distributions = _declared(), packages_distributions()
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    undeclared = {}
    for module in sorted(_imported_modules()):
        if module in OPTIONAL:
            names = {_name(d) for d in distributions.get(module, [module])}
            assert names & {_name(r) for r in extras[OPTIONAL[module]]}, f"{module} is not in the extra {OPTIONAL[module]!r}"
            continue
        names = {_name(d) for d in distributions.get(module, [module])}
        if not names & set(declared) and PART_OF.get(module) not in declared:
            undeclared[module] = sorted(names)
    assert not undeclared, f"imported in src/ but not in pyproject's dependencies: {undeclared}"


def test_lower_bounds_match_the_minimum_constraints():
    pins = dict(line.split("==") for line in (ROOT / "constraints" / "minimum.txt").read_text().split("\n")
                if line and not line.startswith("#"))
    pins = {_name(k): v for k, v in pins.items()}
    for name, requirement in _declared().items():
        bound = re.search(r">=\s*([\w.]+)", requirement)
        if bound:
            assert name in pins and Version(pins[name]) == Version(bound[1]), f"{requirement!r}: constraints/minimum.txt pins {pins.get(name)}"
