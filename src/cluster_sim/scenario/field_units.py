"""A scenario key's unit, read from the end of its name (names carry their units, STYLE.md):
one table for the dashboard's controls and the report's settings."""

from __future__ import annotations

# Display units from the end of a field's name (names carry their units, see STYLE.md):
# (suffix, zh, en, scale) — the shown number is value / scale.
FIELD_UNITS = (
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


def field_unit(name: str) -> tuple[str, str, str, float]:
    """(suffix, Chinese unit, English unit, display scale) of a key; ("", "", "", 1.0) if none."""
    for suffix, zh, en, scale in FIELD_UNITS:
        if name.endswith(suffix):
            return suffix, zh, en, scale
    return "", "", "", 1.0
