"""Number formatting for the report, in the units a reader expects (万元, 元, 倍, %)."""

from __future__ import annotations

import math

from .metrics import Metric

DIGITS = {"万元": 1, "元": 0, "倍": 2, "个": 1, "%": 1, "": 4}


def is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x, metric: Metric, signed: bool = False) -> str:
    if is_missing(x):
        return "–"
    digits = DIGITS.get(metric.unit, 3)
    if round(x, digits) == 0:
        x = 0.0  # no "-0"
    return f"{x:{'+' if signed else ''},.{digits}f}"


def with_unit(x, metric: Metric, lang: str, signed: bool = False, diff: bool = False) -> str:
    """A value with its unit; ``diff``: a difference, so shares go in percentage points."""
    text = number(x, metric, signed)
    if text == "–" or not metric.unit:
        return text
    if metric.unit == "%":
        if diff:
            return f"{text}个百分点" if lang == "zh" else f"{text} pp"
        return f"{text}%"
    if metric.unit == "万元":
        return wan(x, lang, signed)
    unit = metric.unit if lang == "zh" else metric.unit_en
    return f"{text} {unit}" if lang == "en" else f"{text}{unit}"


def wan(x, lang: str, signed: bool = False, digits: int = 1) -> str:
    """An amount in 万元: '133.7万元'; in English '133.7 万元 (1.337 million yuan)'."""
    if is_missing(x):
        return "–"
    if round(x, digits) == 0:
        x = 0.0
    sign = "+" if signed else ""
    text = f"{x:{sign},.{digits}f}"
    if lang == "zh":
        return f"{text}万元"
    yuan = x * 1e4
    if abs(yuan) >= 1e6:
        return f"{text} 万元 ({yuan / 1e6:{sign},.3f} million yuan)"
    return f"{text} 万元 ({yuan:{sign},.0f} yuan)"


def percent(x, signed: bool = False) -> str:
    return "–" if is_missing(x) else f"{x:{'+' if signed else ''}.1%}"


def points_digits(x) -> int:
    """Decimals for a growth difference: small but real differences do not show as 0.00."""
    return 2 if is_missing(x) or abs(x) >= 0.001 else 3


def points(x, lang: str | None, signed: bool = True, digits: int | None = None) -> str:
    """A difference of growth rates, in percentage points (``lang`` None: without the unit)."""
    if is_missing(x):
        return "–"
    unit = {"zh": "个百分点", "en": " pp", None: ""}[lang]
    digits = points_digits(x) if digits is None else digits
    return f"{x * 100:{'+' if signed else ''}.{digits}f}{unit}"


def interval(low, high, fmt) -> str:
    if is_missing(low) or is_missing(high):
        return ""
    return f"[{fmt(low)}, {fmt(high)}]"
