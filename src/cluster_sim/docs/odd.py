"""The generated parts of docs/ODD.md: the schedule (from ``model.py``'s lists), the parameters
each submodel reads (from its code and the registry) and the policies (their docstrings, hooks
and fields). The rest of the ODD is written by hand; blocks between
``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name -->`` are rewritten by
``python -m cluster_sim.docs.parameters`` (all generated docs) or ``python -m cluster_sim.docs.odd``
and checked by tests/test_docs.py.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from .. import model as model_module
from ..policies import registry as policy_registry
from ..policies.base import Policy as BasePolicy
from ..scenario.registry import BY_PATH, PARAMS
from .parameters import fmt

PACKAGE = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(<!-- BEGIN GENERATED: (?P<name>[\w.:/-]+) -->\n)(?P<body>.*?)(<!-- END GENERATED: (?P=name) -->)",
                   re.S)
# The schedule's lists in the order ClusterModel.step and _close_year run them.
PHASES = (("MONTHLY", "every month, after the active policies' `on_month`"),
          ("YEAR_END", "in month 12, then the active policies' `on_year_close`"),
          ("MONTH_CLOSE", "every month, last; then the ledger closes the month"),
          ("EVOLVE", "after the year's books close (`collective.close_accounts`, the year's tables)"),
          ("DECIDE", "the coming year's decisions; then the active policies' `after_decide`"),
          ("AFTER_POLICIES", "after the policies' decisions"))
HOOKS = ("setup", "on_month", "on_year_close", "after_decide")
# The modules whose parameters §7 lists, as "economy.labour" (a file under src/cluster_sim/).
SUBMODEL_MODULES = ("model", "agents.households", "economy.base", "economy.setup", "economy.labour", "economy.demand", "economy.land",
                    "economy.low_income", "economy.household_income", "economy.enterprises", "economy.credit",
                    "economy.visitors", "economy.collective", "economy.collective_investment", "formation", "outputs.records")
# "    visitors.arrive,     # what it does" in model.py's lists
LIST_ENTRY = re.compile(r"^\s+(\w+)\.(\w+),?\)?\s*#\s*(.+)$", re.M)


def first_sentence(doc: str | None) -> str:
    text = " ".join((doc or "").split())
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


def schedule() -> str:
    """The lists of ``model.py``, each step with the comment model.py gives it (else its
    docstring's first sentence), and which hooks each policy package implements."""
    comments = {(m.group(1), m.group(2)): m.group(3).strip()
                for m in LIST_ENTRY.finditer(Path(model_module.__file__).read_text(encoding="utf-8"))}
    lines = []
    for name, when in PHASES:
        lines += ["", f"**`{name}`** — {when}:", ""]
        for k, act in enumerate(getattr(model_module, name), start=1):
            where = act.__module__.removeprefix("cluster_sim.")
            what = comments.get((where.rsplit(".", 1)[-1], act.__name__)) or first_sentence(act.__doc__)
            lines.append(f"{k}. `{where}.{act.__name__}` — {what}")
    lines += ["", "Policy hooks (each package's methods, called where the lists above say):", "",
              "| package | " + " | ".join(f"`{h}`" for h in HOOKS) + " |", "|---|" + "---|" * len(HOOKS)]
    for name, mod in policy_registry().items():
        marks = ["✓" if getattr(mod.Policy, h) is not getattr(BasePolicy, h) else "" for h in HOOKS]
        lines.append(f"| `{name}` | " + " | ".join(marks) + " |")
    return "\n".join(lines[1:]) + "\n"


def _sections_of_names(tree: ast.AST) -> dict[str, str]:
    """Local names bound to a parameter section: ``e = model.params["economy"]`` (also in tuples)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        pairs = [(node.targets[0], node.value)]
        if isinstance(node.targets[0], ast.Tuple) and isinstance(node.value, ast.Tuple):
            pairs = list(zip(node.targets[0].elts, node.value.elts, strict=False))
        for target, value in pairs:
            if isinstance(target, ast.Name) and isinstance(value, ast.Subscript) \
                    and isinstance(value.slice, ast.Constant) and f"{value.slice.value}." in {
                        p.path.split(".")[0] + "." for p in PARAMS}:
                out[target.id] = value.slice.value
    return out


def params_read(source: str) -> list[str]:
    """Registry parameters a module reads: ``X["key"]`` subscripts (f-string keys matched as
    patterns) and ``growth(model, "section.key")``; a key in two sections is resolved by the
    section its table was taken from."""
    tree = ast.parse(source)
    by_key: dict[str, list[str]] = {}
    for p in PARAMS:
        by_key.setdefault(p.path.split(".", 1)[1], []).append(p.path)
    sections = _sections_of_names(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in BY_PATH:
            found.add(node.value)
        if not isinstance(node, ast.Subscript):
            continue
        key = node.slice
        if isinstance(key, ast.JoinedStr):
            pattern = "".join(re.escape(str(v.value)) if isinstance(v, ast.Constant) else ".+" for v in key.values)
            found.update(path for k, paths in by_key.items() if re.fullmatch(pattern, k) for path in paths)
        elif isinstance(key, ast.Constant) and key.value in by_key:
            paths = by_key[key.value]
            base = node.value
            section = (base.slice.value if isinstance(base, ast.Subscript) and isinstance(base.slice, ast.Constant)
                       else sections.get(base.id) if isinstance(base, ast.Name) else None)
            found.update([p for p in paths if p.startswith(f"{section}.")] or paths)
    order = {p.path: i for i, p in enumerate(PARAMS)}
    return sorted(found, key=order.__getitem__)


def module_path(module: str) -> Path:
    return PACKAGE / (module.replace(".", "/") + ".py")


def parameter_table(module: str) -> str:
    lines = ["| parameter | default | unit | meaning |", "|---|---|---|---|"]
    for path in params_read(module_path(module).read_text(encoding="utf-8")):
        p = BY_PATH[path]
        lines.append(f"| `{path}` | {fmt(p.default)} | {p.unit} | {p.en} |")
    return f"Parameters read by `{module}` (sources: [parameters.md](parameters.md)):\n\n" + "\n".join(lines) + "\n"


def policies() -> str:
    parts = []
    for name, mod in policy_registry().items():
        hooks = ", ".join(f"`{h}`" for h in HOOKS if getattr(mod.Policy, h) is not getattr(BasePolicy, h))
        rows = [f"| `{key}` | {fmt(f.default)} | {f.doc or '—'} |" for key, f in mod.FIELDS.items()]
        parts.append("\n".join([
            f"### 8.{len(parts) + 1} `{name}` — {mod.TITLE_ZH} / {mod.TITLE_EN}", "", mod.__doc__.strip(), "",
            f"Hooks: {hooks}. Ledger categories: " + ", ".join(f"`{c}`" for c in mod.CATEGORIES) + ".", "",
            "| key | default | meaning |", "|---|---|---|", *rows]))
    return "\n\n".join(parts) + "\n"


def generate(name: str) -> str:
    """The body of the block called ``name``."""
    if name == "schedule":
        return schedule()
    if name == "policies":
        return policies()
    if name.startswith("parameters:"):
        return parameter_table(name.removeprefix("parameters:"))
    raise KeyError(f"docs/ODD.md: unknown generated block {name!r}")


def render(text: str) -> str:
    """``text`` with every generated block rewritten from the code."""
    return BLOCK.sub(lambda m: m.group(1) + generate(m.group("name")) + m.group(4), text)


def blocks(text: str) -> list[str]:
    return [m.group("name") for m in BLOCK.finditer(text)]


def write(path: Path) -> None:
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {path} (generated parts)")


def main() -> int:
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs") / "ODD.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
