"""Policy packages. Each module in this package is one policy; ``REGISTRY`` finds them.

Adding a policy is one module here, one line in ``_MODULES`` and one scenario file in
``scenarios/``. The module holds everything about the package: ``NAME``, ``TITLE_ZH``/``TITLE_EN``,
``SUMMARY_ZH``, ``CATEGORIES`` (the ledger categories it moves money through), ``FIELDS`` (each
``Field`` with its range, English doc, Chinese label and explanation, and source) and a
``Policy`` subclass (the mechanism, and what the dashboard tells the class: ``unit_cost``,
``unit_words``, ``whole_units``, ``paid``, ``reached``). The dashboard, the report and the docs
read them; ``tests/policies/test_field_words.py`` fails when a field lacks its words or source.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_MODULES: tuple[str, ...] = ("pairing", "flying_land", "tourism", "common_prosperity", "land_consolidation", "credit",
                             "low_income_support", "young_entrepreneurs",
                             "industrial_chain")


def registry() -> dict[str, ModuleType]:
    """``{policy name: module}`` for every shipped policy."""
    out = {}
    for mod_name in _MODULES:
        mod = importlib.import_module(f"{__name__}.{mod_name}")
        out[mod.NAME] = mod
    return out
