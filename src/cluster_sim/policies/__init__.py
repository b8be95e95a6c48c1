"""Policy packages. Each module in this package is one policy; ``REGISTRY`` finds them.

Adding a policy adds a module here (with NAME, FIELDS, Policy) and a line in ``_MODULES``;
nothing in the model changes.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_MODULES: tuple[str, ...] = ("pairing", "flying_land", "tourism", "common_prosperity", "land_consolidation", "credit")


def registry() -> dict[str, ModuleType]:
    """``{policy name: module}`` for every shipped policy."""
    out = {}
    for mod_name in _MODULES:
        mod = importlib.import_module(f"{__name__}.{mod_name}")
        out[mod.NAME] = mod
    return out
