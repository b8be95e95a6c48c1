"""What each policy package costs, spends and reaches, told to the class in plain numbers.

A package's smallest unit (one upgraded village, one consolidated village, ...) has a price
set by its own settings; a budget below it buys nothing. Tourism and land consolidation fund
whole villages or nothing, so the dashboard switches such a package off in the model it runs
(on paper it stays on, with a warning): "on but unfunded" then changes nothing, as it should.
After a run, the money actually paid and the villages or households reached are read from
the package's own state, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.schema import UNLIMITED

# (unit word zh, unit word en, price of one unit from the package's settings, all or nothing?)
UNITS = {
    "tourism": ("村", "village", lambda s: s["investment_per_village_yuan"], True),
    "land_consolidation": ("村", "village", lambda s: s["new_farmland_mu"] * s["cost_yuan_per_mu"], True),
    "flying_land": ("村", "village", lambda s: s["investment_per_village_yuan"] * s["subsidy_share"], False),
    "pairing": ("对", "pair", lambda s: s["joint_project_yuan"] * (1 - s["leader_capital_share"]), False),
    "common_prosperity": ("个项目", "project", lambda s: s["investment_per_project_yuan"] * s["collective_stake_share"]
                          * (1 - s["collective_own_share"]) + s["low_income_stake_yuan"] * s["low_income_households"],
                          False),
}


def settings_of(values: dict, name: str) -> dict:
    prefix = f"policies.{name}."
    return {k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)}


def unit_cost(name: str, settings: dict) -> float | None:
    """Public money one unit of the package needs (yuan), or None if any amount does something."""
    unit = UNITS.get(name)
    if unit is None:
        return None
    try:
        return float(unit[2](settings))
    except KeyError:  # a package whose fields changed: no warning rather than a wrong one
        return None


def below_one_unit(name: str, settings: dict) -> bool:
    """Switched on with a budget ('unlimited' = no limit) too small for a single unit."""
    cost = unit_cost(name, settings)
    budget = settings.get("budget_yuan", UNLIMITED)
    return bool(settings.get("enabled")) and cost is not None and budget != UNLIMITED and float(budget) < cost


def buys_nothing(name: str, settings: dict) -> bool:
    """Below one unit of a package that funds whole units or nothing: the run must not change."""
    return below_one_unit(name, settings) and UNITS[name][3]


@dataclass(frozen=True)
class Use:
    """One package after a run: public money paid (None when unknown) and who it reached."""

    name: str
    budget_yuan: float | str  # or UNLIMITED
    paid_yuan: float | None
    villages: int
    households: int = 0


def _drawn(p) -> float | None:
    budget = p.settings["budget_yuan"]
    return None if budget == UNLIMITED else float(budget) - float(p.budget_left)


def _len(x) -> int:
    return 0 if x is None else len(x)


def _tourism(p) -> Use:
    """Villages upgraded (the last one may be upgraded in part, with what is left) and money paid."""
    funded = getattr(p, "funded", None)
    full_cost = _len(funded) * float(p.settings["investment_per_village_yuan"])
    drawn = _drawn(p)
    return Use(p.name, p.settings["budget_yuan"], full_cost if drawn is None else min(drawn, full_cost), _len(funded))


def _land(p) -> Use:
    s = p.settings
    n = _len(p.villages) if getattr(p, "started", None) is not None else 0
    return Use(p.name, s["budget_yuan"], n * s["new_farmland_mu"] * s["cost_yuan_per_mu"], n)


def _prosperity(p) -> Use:
    projects = getattr(p, "projects", [])
    villages = {int(i) for pr in projects for i in pr.villages}
    return Use(p.name, p.settings["budget_yuan"], _drawn(p), len(villages), sum(len(pr.households) for pr in projects))


_READERS = {
    "tourism": _tourism,
    "land_consolidation": _land,
    "common_prosperity": _prosperity,
    "flying_land": lambda p: Use(p.name, p.settings["budget_yuan"], _drawn(p), _len(getattr(p, "members", None))),
    "pairing": lambda p: Use(p.name, p.settings["budget_yuan"], _drawn(p), _len(getattr(p, "led", None))),
    "credit": lambda p: Use(p.name, p.settings["budget_yuan"], _drawn(p),
                            len(p.target_villages()) if getattr(p, "borrowed", False) else 0),
}


def uses(model) -> dict[str, Use]:
    """Per package in the model: what it paid and reached so far."""
    out = {}
    for p in model.policies:
        reader = _READERS.get(p.name, lambda q: Use(q.name, q.settings["budget_yuan"], _drawn(q), 0))
        try:
            out[p.name] = reader(p)
        except (AttributeError, KeyError, TypeError):  # a package rewritten since: say what we can
            out[p.name] = Use(p.name, p.settings["budget_yuan"], _drawn(p), 0)
    return out
