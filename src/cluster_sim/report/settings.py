"""Scenario settings in words an official reads: policy and parameter names from their
registries (the same Chinese labels as the dashboard), amounts in 万元, shares in %, and
targeting choices by name — never a dotted key, a field name or a file's path."""

from __future__ import annotations

from pathlib import Path

from ..policies import registry as policy_registry
from ..policies.base import policy_fields
from ..scenario.choice_words import CHOICE_WORDS
from ..scenario.field_units import field_unit
from ..scenario.registry import BY_PATH

SECTIONS = {"simulation": ("模拟设置", "simulation"), "economy": ("经济环境", "economy"),
            "households": ("农户", "households"), "collective": ("村集体", "village collectives"),
            "county": ("县情", "county"), "tourism": ("文旅", "tourism"), "enterprises": ("企业", "enterprises")}
SHARE_UNITS = ("share", "debt / assets", "1/year")
YES_NO = {True: ("是", "yes"), False: ("否", "no")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _suffix(name: str) -> tuple[str, str, str]:
    """(name without its unit suffix, Chinese unit, English unit) for a key shown in its own
    unit; money totals (万元) and shares (%) are written by ``value_text`` and have none here."""
    suffix, zh, en, scale = field_unit(name)
    if suffix and scale == 1.0:
        return name.removesuffix(suffix), zh, en
    return name.removesuffix("_yuan"), "", ""


def _humanise(name: str) -> str:
    if name.endswith("_yuan_year"):
        return name.removesuffix("_yuan_year").replace("_", " ") + " per year"
    return _suffix(name)[0].replace("_", " ")


def policy_title(name: str, lang: str) -> str:
    module = policy_registry()[name]
    return module.TITLE_ZH if lang == "zh" else module.TITLE_EN


def field_label(policy: str, field: str, lang: str) -> str:
    """A policy field's name as the dashboard shows it (the words its policy module declares)."""
    declared = policy_fields(policy_registry()[policy]).get(field)
    words = (declared.zh if lang == "zh" else declared.en) if declared else ""
    return words or _humanise(field)


def param_label(path: str, lang: str) -> str:
    """A model parameter's name from the parameter registry; other keys by section and name."""
    if path in BY_PATH:
        p = BY_PATH[path]
        return p.zh if lang == "zh" else p.en
    section, _, rest = path.partition(".")
    head = _pick(SECTIONS.get(section, (section, section)), lang)
    return f"{head}：{_humanise(rest)}" if lang == "zh" else f"{head}: {_humanise(rest)}"


def _is_share(name: str, unit: str = "") -> bool:
    return unit.startswith(SHARE_UNITS) or name.endswith(("_share", "_rate", "_uplift"))


def value_text(name: str, value: object, lang: str, unit: str = "") -> str:
    """One setting's value: 万元 for money, % for shares, named choices, yes/no."""
    if isinstance(value, bool):
        return _pick(YES_NO[value], lang)
    if isinstance(value, str):
        return _pick(CHOICE_WORDS[value], lang) if value in CHOICE_WORDS else value
    if isinstance(value, list):
        return f"{len(value)} 项" if lang == "zh" else f"{len(value)} items"
    if isinstance(value, dict):
        return f"{len(value)} 项设置" if lang == "zh" else f"{len(value)} settings"
    if not isinstance(value, (int, float)):
        return str(value)
    if _is_share(name, unit):
        return f"{value:.1%}".replace(".0%", "%")
    if name == "budget_yuan" and value == 0:
        return "不限额" if lang == "zh" else "no limit"
    _, zh_unit, en_unit = _suffix(name)
    if zh_unit:
        return f"{value:,.10g} {zh_unit if lang == 'zh' else en_unit}"
    if name.endswith(("_yuan", "_yuan_year")) or (unit.startswith("yuan") and abs(value) >= 1e5):
        wan = f"{value / 1e4:,.1f}".removesuffix(".0")
        per = unit.removeprefix("yuan") if unit.startswith("yuan") else ("/年" if lang == "zh" else "/year") \
            if name.endswith("_yuan_year") else ""
        return f"{wan}万元{per}" if lang == "zh" else f"{wan} 万元{per} ({value:,.0f} yuan{per})"
    if unit.startswith("yuan"):
        return f"{value:,.0f} 元{unit.removeprefix('yuan')}" if lang == "zh" else f"{value:,.0f} {unit}"
    return f"{value:,.10g}"


def policy_setting(policy: str, field: str, value: object, lang: str) -> str:
    sep = "：" if lang == "zh" else ": "
    return f"{field_label(policy, field, lang)}{sep}{value_text(field, value, lang)}"


def param_setting(path: str, before: object, after: object, lang: str) -> str:
    unit = BY_PATH[path].unit if path in BY_PATH else ""
    name = path.rpartition(".")[2]
    sep = "：" if lang == "zh" else ": "
    return (f"{param_label(path, lang)}{sep}{value_text(name, before, lang, unit)} → "
            f"{value_text(name, after, lang, unit)}")


def source_label(source: object) -> str:
    """A scenario's origin as its file name only (never an absolute path)."""
    text = str(source or "")
    if not text or text == "default" or text.startswith("<"):
        return text or "default"
    return Path(text).name
