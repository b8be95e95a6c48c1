"""The dashboard's controls, generated from the registries: one per policy field and per shown
model parameter, each with its unit, range, a one-line explanation and whether the teacher
locked it. A policy added to ``cluster_sim.policies`` appears here with no change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..classroom.config import is_locked
from ..policies import registry as policy_registry
from ..policies.base import COMMON_FIELDS
from ..scenario import Scenario
from ..scenario.registry import BY_PATH, PARAMS, Param
from ..scenario.schema import UNLIMITED, Field
from .i18n import COMMON_LABELS, UNITS
from .labels import POLICY_FIELDS_ZH

# Shown by default besides the policy packages: the levers a party-school class argues about.
KEY_PARAMS = (
    "simulation.weak_line_operating_yuan",
    "economy.wage_growth",
    "economy.land_rent_yuan_mu_year",
    "enterprises.base_visitors_per_year",
    "enterprises.tourism_spend_yuan_visitor",
    "collective.dividend_payout_share",
    "collective.loan_rate",
    "collective.debt_limit_share",
)

# Display units from the end of a field's name (names carry their units, see STYLE.md):
# (suffix, zh, en, scale) — the shown number is value / scale.
_SUFFIX_UNITS = (
    ("_per_10m_yuan", "每千万元", "per 10 m yuan", 1.0),
    ("_visitors_month", "人次/月", "visitors/month", 1.0),
    ("_yuan_m2_year", "元/㎡/年", "yuan/m²/year", 1.0),
    ("_yuan_m2", "元/㎡", "yuan/m²", 1.0),
    ("_yuan_per_mu", "元/亩", "yuan/mu", 1.0),
    ("_yuan_mu_year", "元/亩/年", "yuan/mu/year", 1.0),
    ("_yuan_month", "元/月", "yuan/month", 1.0),
    ("_yuan_visitor", "元/人次", "yuan/visitor", 1.0),
    ("_yuan_year", "万元/年", "10k yuan/year", 1e4),
    ("_yuan", "万元", "10k yuan", 1e4),
    ("_mu", "亩", "mu", 1.0),
    ("_km", "公里", "km", 1.0),
    ("_years", "年", "years", 1.0),
    ("_share", "%", "%", 0.01),
    ("_rate", "%", "%", 0.01),
    ("_uplift", "%", "%", 0.01),
)


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
            return round(float(value) / self.scale, 6)
        return value

    def from_shown(self, shown: Any) -> Any:
        if shown is None and self.unlimited:
            return UNLIMITED
        if self.kind == "float":
            return float(shown) * self.scale
        if self.kind == "int":
            return int(shown)
        return shown

    def step(self) -> float:
        if self.kind == "int":
            return 1
        span = (self.high - self.low) / self.scale if self.slider else 1.0
        return _nice_step(span / 100)


def _nice_step(raw: float) -> float:
    for step in (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if step >= raw:
            return step
    return 1000.0


def _suffix_unit(name: str) -> tuple[str, str, float]:
    if name in ("start_year", "end_year"):
        return "第几年", "year index", 1.0
    for suffix, zh, en, scale in _SUFFIX_UNITS:
        if name.endswith(suffix):
            return zh, en, scale
    return "", "", 1.0


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
    fields = {**COMMON_FIELDS, **module.FIELDS}
    module_zh = getattr(module, "LABELS_ZH", {})
    out = []
    for field_name, field in fields.items():
        key = f"policies.{name}.{field_name}"
        kind = _kind(field)
        if field_name in COMMON_LABELS:
            label = COMMON_LABELS[field_name]
            help_zh = POLICY_FIELDS_ZH.get(field_name, ("", ""))[1]
        else:
            zh_label, help_zh = module_zh.get(field_name) or POLICY_FIELDS_ZH.get(field_name, ("", ""))
            label = (zh_label or _humanise(field_name), _humanise(field_name))
        # a policy may narrow a common field (e.g. its target choices) without repeating its doc
        en_help = field.doc or (COMMON_FIELDS[field_name].doc if field_name in COMMON_FIELDS else "")
        zh_unit, en_unit, scale = _suffix_unit(field_name)
        low, high = field.low, field.high
        if field_name in ("start_year", "end_year"):
            high = horizon
        elif field_name == "max_villages":
            high = n_villages
        out.append(Control(
            key=key, kind=kind, default=settings[field_name], label=label,
            help=(help_zh or en_help, en_help), unit=(zh_unit, en_unit),
            scale=scale if kind == "float" else 1.0, low=low, high=high,
            choices=tuple(field.choices or ()), locked=is_locked(key, locked), unlimited=field.unlimited))
    return out


def param_control(p: Param, value: Any, locked: list[str]) -> Control:
    zh_unit, en_unit = UNITS.get(p.unit, (p.unit, p.unit))
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
    head = source.split(":", 1)[0].strip()
    return {"assumption": "模型假设", "DOMAIN.md": "领域资料", "user choice": "用户选择"}.get(head, "") + (
        "（" + source + "）" if head not in ("assumption", "user choice") else "")


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
    shown = list(show) if show else [k for k in KEY_PARAMS if k in BY_PATH]
    out["parameters"] = [param_control(BY_PATH[k], spec.get(k), locked) for k in shown]
    out["more_parameters"] = [param_control(p, spec.get(p.path), locked) for p in PARAMS
                              if p.path not in shown and p.path != "simulation.start_year"]
    return out


def all_controls(controls: dict[str, list[Control]]) -> dict[str, Control]:
    return {c.key: c for group in controls.values() for c in group}


def lock(control: Control) -> Control:
    return replace(control, locked=True)
