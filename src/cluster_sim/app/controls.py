"""The dashboard's controls, generated from the registries: one per policy field and per shown
model parameter, each with its unit, range, a one-line explanation and whether the teacher
locked it. A policy added to ``cluster_sim.policies`` appears here with no change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..classroom.config import is_locked
from ..policies import registry as policy_registry
from ..policies.base import policy_fields
from ..scenario import Scenario
from ..scenario.registry import BY_PATH, PARAMS, Param
from ..scenario.field_units import field_unit
from ..scenario.schema import COUNTY_FIELDS, UNLIMITED, Field
from .i18n import UNITS

# Shown by default besides the policy packages: the levers a party-school class argues about.
KEY_PARAMS = (
    "simulation.weak_line_operating_yuan",
    "economy.wage_growth",
    "economy.land_rent_yuan_mu_year",
    "enterprises.trips_per_resident_year",
    "enterprises.tourism_spend_yuan_visitor",
    "collective.dividend_payout_share",
    "collective.loan_rate",
    "collective.debt_limit_share",
)

CLUSTER_FORMATION = "county.cluster_formation"  # how the clusters are drawn: the map's switch


@dataclass(frozen=True)
class Control:
    """One input: ``key`` is the dotted override key the model takes."""

    key: str
    kind: str  # "bool", "int", "float", "choice", "list" (of texts, e.g. village names)
    default: Any  # the scenario's value, in model units
    label: tuple[str, str]
    help: tuple[str, str]
    unit: tuple[str, str] = ("", "")
    scale: float = 1.0  # shown value = model value / scale
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    locked: bool = False
    unlimited: bool = False  # an empty box means "unlimited" (no budget limit, no cap)

    @property
    def section(self) -> str:
        """``policies.<name>`` for a policy field, the top-level section otherwise."""
        parts = self.key.split(".")
        return ".".join(parts[:2]) if parts[0] == "policies" else parts[0]

    @property
    def field_name(self) -> str:
        return self.key.rsplit(".", 1)[1]

    @property
    def slider(self) -> bool:
        """Bounded numbers get a slider; open-ended ones a number box."""
        return (self.kind in ("int", "float") and self.low is not None and self.high is not None
                and not self.unlimited)

    def shown(self, value: Any) -> Any:
        if value == UNLIMITED:
            return None
        if self.kind == "float" and value is not None:
            return _tidy(float(value) / self.scale)
        return value

    def from_shown(self, shown: Any) -> Any:
        """The model value of a shown number: exactly the default when the default is shown."""
        if shown is None and self.unlimited:
            return UNLIMITED
        if self.kind == "float":
            if self.default is not None and shown == self.shown(self.default):
                return self.default
            return _tidy(float(shown) * self.scale)
        if self.kind == "int":
            return int(shown)
        return shown

    def step(self) -> float:
        """The slider's step: the coarsest 'nice' step (about 1/100 of the range or finer) on
        whose grid the default lies, so the slider can show and give back the model's value."""
        if self.kind == "int":
            return 1
        if not self.slider:
            return 1.0
        low = self.low / self.scale
        span = (self.high - self.low) / self.scale
        offset = (self.shown(self.default) - low) if isinstance(self.default, (int, float)) else 0.0
        fitting = [s for s in _NICE_STEPS if s <= max(span / 100, _NICE_STEPS[0])]
        for step in reversed(fitting):
            if abs(offset / step - round(offset / step)) < 1e-9:
                return step
        return _NICE_STEPS[0]


_NICE_STEPS = (0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50,
               100, 200, 500, 1000)


def _tidy(x: float) -> float:
    """Drop binary noise from a unit conversion (0.56999999999 -> 0.57)."""
    return float(f"{x:.12g}")


def _suffix_unit(name: str) -> tuple[str, str, float]:
    if name in ("start_year", "end_year"):
        return "", "", 1.0  # their labels already say "year index"
    _, zh, en, scale = field_unit(name)
    return zh, en, scale


def _kind(field: Field) -> str:
    kinds = field.kind if isinstance(field.kind, tuple) else (field.kind,)
    if field.choices:
        return "choice"
    if bool in kinds:
        return "bool"
    if list in kinds:
        return "list"
    if float in kinds:
        return "float"
    if int in kinds:
        return "int"
    return "text"


def _humanise(name: str) -> str:
    return name.replace("_yuan", "").replace("_", " ")


def policy_controls(name: str, module, settings: dict, *, horizon: int, n_villages: int,
                    locked: list[str]) -> list[Control]:
    """Controls for one policy package, in the order: common fields, then its own."""
    out = []
    for field_name, field in policy_fields(module).items():
        key = f"policies.{name}.{field_name}"
        kind = _kind(field)
        label = (field.zh or _humanise(field_name), field.en or _humanise(field_name))
        en_help = field.doc
        zh_unit, en_unit, scale = _suffix_unit(field_name)
        low, high = field.low, field.high
        if field_name in ("start_year", "end_year"):
            high = horizon
        elif field_name == "max_villages":
            high = n_villages
        out.append(Control(
            key=key, kind=kind, default=settings[field_name], label=label,
            help=(field.zh_doc or en_help, en_help), unit=(zh_unit, en_unit),
            scale=scale if kind == "float" else 1.0, low=low, high=high,
            choices=tuple(field.choices or ()), locked=is_locked(key, locked), unlimited=field.unlimited))
    return out


def param_control(p: Param, value: Any, locked: list[str]) -> Control:
    zh_unit, en_unit = UNITS.get(p.unit, ("", p.unit))  # never English in the Chinese page (a test lists gaps)
    scale = 1.0
    if p.unit == "share":
        zh_unit, en_unit, scale = "%", "%", 0.01
    elif p.unit.startswith("yuan/year") and isinstance(p.default, float) and p.default >= 1e5:
        zh_unit, en_unit, scale = "万元/年", "10k yuan/year", 1e4
    kind = {bool: "bool", int: "int", float: "float", str: "choice"}[p.kind]
    help_zh = f"{p.zh}；依据：{_source_zh(p.source)}"
    return Control(key=p.path, kind=kind, default=value, label=(p.zh, p.en),
                   help=(help_zh, f"{p.en}; source: {p.source}"), unit=(zh_unit, en_unit),
                   scale=scale if kind == "float" else 1.0, low=p.low, high=p.high,
                   choices=tuple(p.choices or ()), locked=is_locked(p.path, locked))


def _source_zh(source: str) -> str:
    """The kind of source in Chinese; the English note itself is shown in the English page."""
    head = source.split(":", 1)[0].split(",", 1)[0].strip().lower()
    if head.startswith("assumption"):
        return "模型假设，按嘉兴统计目标校准" if "calibrat" in source else "模型假设"
    return {"domain.md": "领域资料（嘉兴、平湖统计与案例）", "user choice": "用户选择"}.get(head, "案例与统计资料")


def build_controls(spec: Scenario, *, locked: list[str] | None = None, show: list[str] | None = None,
                   n_villages: int | None = None) -> dict[str, list[Control]]:
    """``{section: [Control, ...]}``: one section per policy package, then "parameters" and
    "more_parameters" (the rest of the registry, folded away on the page)."""
    locked = list(locked or [])
    horizon = int(spec.data["simulation"]["years"])
    n_villages = n_villages or int(spec.data["county"]["villages"])
    out: dict[str, list[Control]] = {}
    for name, module in policy_registry().items():
        out[f"policies.{name}"] = policy_controls(name, module, spec.data["policies"][name], horizon=horizon,
                                                  n_villages=n_villages, locked=locked)
    out["clusters"] = [cluster_control(spec, locked)]
    shown = list(show) if show else [k for k in KEY_PARAMS if k in BY_PATH]
    out["parameters"] = [param_control(BY_PATH[k], spec.get(k), locked) for k in shown]
    out["more_parameters"] = [param_control(p, spec.get(p.path), locked) for p in PARAMS
                              if p.path not in shown and p.path != "simulation.start_year"]
    return out


def cluster_control(spec: Scenario, locked: list[str]) -> Control:
    """The switch between the designated clusters, the ones the villages form and a planner's
    regions (the last only when its library, the ``regions`` extra, is installed)."""
    from ..regions import available

    choices = tuple(c for c in COUNTY_FIELDS["cluster_formation"].choices if c != "regionalised" or available())
    return Control(key=CLUSTER_FORMATION, kind="choice", default=spec.data["county"]["cluster_formation"],
                   label=("片区怎样划", "How clusters are drawn"),
                   help=("按规划名单；或各村按预期收益自愿加入重点村、重点村只收不亏的村（不搞拉郎配，没人要的村不被结对）；"
                         "或按道路相连、禀赋相近划成紧凑分区。地图上的片区随之改变。",
                         "as the scenario designates them; or villages join key villages by their expected gain "
                         "and key villages take only those that do not cost them (nobody is forced; a village no one "
                         "takes is not paired); or compact regions of similar, road-linked villages. The map "
                         "shows the clusters in force."),
                   choices=choices, locked=is_locked(CLUSTER_FORMATION, locked))


def all_controls(controls: dict[str, list[Control]]) -> dict[str, Control]:
    return {c.key: c for group in controls.values() for c in group}


def lock(control: Control) -> Control:
    return replace(control, locked=True)
