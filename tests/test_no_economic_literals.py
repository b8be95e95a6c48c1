"""No number with economic meaning in model code outside the parameter registry (issue 13).

Every rate, price, share, size and distance the model uses is a registry parameter
(``scenario/registry.py``, the county schema, a policy's ``FIELDS``) with a unit, a range and a
source, so it shows in docs/parameters.md, can be set with ``--set`` and is varied by the
sensitivity study. This test parses the model code and names, by file and line, every numeric
literal that is not on the allow-lists below; each allow-list entry says why it is harmless.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "cluster_sim"
SCANNED = ("model.py", "economy", "agents", "policies")

# Values harmless wherever they appear.
HARMLESS = {
    0: "zero: nothing, an empty account, the first index",
    1: "one: the identity of products and ratios, a single unit, the next index",
    2: "two: halves, squares and pairs",
    -1: "minus one: 'no village / no link' marker and the last element",
    12: "months in a year",
}
# Unit conversions: harmless only as a factor or divisor (``x / 100``), never as a floor, cap or
# comparison (``max(x, 1000)`` is a quantity).
CONVERSIONS = {
    100: "percent and the 'per 100 mu' unit of economy.agri_workers_per_100mu",
    1000: "the 'per 1,000 m²' unit of enterprises.factory_jobs_per_1000m2",
    10_000: "yuan per 万元",
    1e6: "yuan per million, the 'per million' units (workers_per_million, market_population_*_m)",
    1e7: "yuan per 10 million, the unit of policies.tourism.attractiveness_per_10m_yuan",
}
MONTH_RANGE = 13  # harmless only in range(1, 13): the months 1..12
# Below this, a literal is a numerical guard (1e-9 against division by zero, 1e-300 under a
# logarithm, a convergence tolerance), not a quantity of the economy.
TINY = 1e-5
# Literals allowed in one function (or "<module>" level) of one file: numerical settings and
# encodings that are not quantities of the economy.
IN_CONTEXT = {
    ("model.py", "ClusterModel.__init__", 62): "a seed drawn from [0, 2**62): the range of a 62-bit integer",
    ("agents/enterprises.py", "<module>", 7): "seven enterprise kinds numbered by range(7)",
    ("agents/enterprises.py", "Enterprises._stable_ids", 1_000_003): "prime multiplier of the stable-id hash",
    ("agents/enterprises.py", "Enterprises._stable_ids", 1_009): "prime multiplier of the stable-id hash",
    ("agents/enterprises.py", "Enterprises._stable_ids", 7): "offset of the stable-id hash",
    ("agents/enterprises.py", "Enterprises._stable_ids", 4_096): "serial numbers per (kind, village, year) in a stable id",
    ("economy/labour.py", "<module>", 6): "six job options numbered by range(6)",
    ("economy/labour.py", "<module>", 30): "bisection steps of the wage clearing (_BISECTIONS)",
    ("economy/labour.py", "<module>", 0.01): "utility bin width pooling households while bisecting (_BIN)",
    ("economy/labour.py", "Choice.__init__", 6): "the option matrix is households × six options",
    ("economy/labour.py", "fit_constants", 6): "one constant per option",
    ("economy/labour.py", "fit_constants", 200): "iteration cap of the constants' contraction",
    ("economy/labour.py", "clear_wages", 0.5): "bisection midpoint",
    ("economy/labour.py", "constants", 6): "one constant per option",
    ("economy/labour.py", "choose_jobs", 5): "the five household job columns",
    ("economy/labour.py", "observed_targets", 0.9): "keeps the offline fit's local-post target inside (0, 1)",
    ("economy/labour.py", "observed_targets", 0.01): "keeps the offline fit's commuting target inside (0, 1)",
    ("economy/visitors.py", "<module>", 60.0): "REFERENCE_KM: the unit of enterprises.outside_attractiveness",
    ("economy/visitors.py", "<module>", 100): "iteration cap of the crowding fixed point (_ITERATIONS)",
    ("economy/visitors.py", "VisitorMarket.arrivals_month", 0.5): "damping of the crowding fixed-point iteration",
    ("economy/visitors.py", "open_stays", 0.5): "reads a 0/1 fill as a flag",
}


def _scope_names(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node's scope: ``<module>``, or the outermost enclosing function with its class
    (``Class.method``, ``function``; nested functions belong to the function around them)."""
    scope: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner, deeper = name, in_function
            if not in_function and isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = child.name if name == "<module>" else f"{name}.{child.name}"
                deeper = not isinstance(child, ast.ClassDef)
            scope[child] = inner
            visit(child, inner, deeper)

    visit(tree, "<module>", False)
    return scope


def _registry_calls(tree: ast.AST) -> set[ast.AST]:
    """Literals inside ``Field(...)``: the policies' and the schema's parameter declarations."""
    inside: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Field":
            inside.update(ast.walk(node))
    return inside


def findings(source: str, name: str) -> list[str]:
    """``name:line: value`` for every numeric literal of ``source`` no allow-list covers."""
    tree = ast.parse(source)
    scope, declared = _scope_names(tree), _registry_calls(tree)
    negated = {id(n.operand) for n in ast.walk(tree) if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub)}
    factors = {id(side) for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Mult, ast.Div))
               for side in (n.left, n.right)}
    months = {id(a) for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "range"
              for a in n.args}
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or isinstance(node.value, bool) \
                or not isinstance(node.value, (int, float)) or node in declared:
            continue
        value = -node.value if id(node) in negated else node.value
        if (value in HARMLESS or abs(value) < TINY or (value in CONVERSIONS and id(node) in factors)
                or (value == MONTH_RANGE and id(node) in months)
                or (name, scope.get(node, "<module>"), value) in IN_CONTEXT):
            continue
        out.append(f"{name}:{node.lineno}: {value!r} (in {scope.get(node, '<module>')})")
    return out


def model_files() -> list[Path]:
    files = []
    for part in SCANNED:
        path = PACKAGE / part
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def test_model_code_has_no_economic_literals():
    found = [f for path in model_files()
             for f in findings(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())]
    assert not found, ("numbers with economic meaning belong in the registry (scenario/registry.py, with unit, "
                       "range and source), read through model.params; or, if harmless, on an allow-list of "
                       "tests/test_no_economic_literals.py with the reason:\n" + "\n".join(found))


def test_every_context_entry_is_still_used():
    """A stale allow-list entry would silently allow the same number to come back elsewhere."""
    used = set()
    for path in model_files():
        name = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scope = _scope_names(tree)
        used |= {(name, scope.get(n, "<module>"), n.value) for n in ast.walk(tree)
                 if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))}
    assert set(IN_CONTEXT) <= used, sorted(set(IN_CONTEXT) - used)


@pytest.mark.parametrize("snippet, value", [
    ("def pay(area):\n    return area * 180.0\n", "180.0"),        # a rent per m² typed into the code
    ("RATE = 0.85\n", "0.85"),                                      # a module constant
    ("def shock(x):\n    return x * -0.3\n", "-0.3"),               # a negative coefficient
    ("def wage(w):\n    return max(w, 2490)\n", "2490"),            # the minimum wage as an int
    ("def f(x):\n    return 0.5 * x\n", "0.5"),                     # 0.5 allowed only where listed
    ("def f(x):\n    return max(x, 1000)\n", "1000"),                # a conversion factor used as a floor
])
def test_a_typed_in_number_is_found(snippet, value):
    found = findings(snippet, "economy/land.py")
    assert [f.split(": ")[1].split(" ")[0] for f in found] == [value], found
    assert found[0].startswith("economy/land.py:")


def test_declarations_and_harmless_numbers_pass():
    snippet = ('FIELDS = {"rate": Field(float, 0.08, 0.0, 0.5, doc="x")}\n'
               "def f(x, y):\n    return x[-1] / 12 * 100 + y / 1e6 + 1e-9 + len(range(1, 13))\n")
    assert findings(snippet, "policies/example.py") == []
