"""The county as a picture: villages at their positions, road links, clusters outlined, coloured
by collective operating income; strong villages as squares, weak ones as red-edged triangles.
Partner-county villages (far away, e.g. 265 Qingtian villages) become one summary box.

``map_data`` turns a model into plain data for ``county_map.vue``, an SVG drawn in the
browser, so a click on a village reaches Python as its index.
"""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_hex

from .i18n import tr, wan

WIDTH, HEIGHT, MARGIN = 560, 520, 34
CLUSTER_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                   "#9c755f", "#bab0ac")
NO_DATA = "#d0d0d0"
CMAP = colormaps["YlGnBu"]


def colour_scale(operating_yuan: np.ndarray) -> tuple[float, float]:
    """A fixed log10 range (of yuan) for the colours, from the base year's spread."""
    positive = operating_yuan[operating_yuan > 0]
    if len(positive) == 0:
        return 5.0, 7.0
    lo, hi = np.log10(np.percentile(positive, [5, 95]))
    return float(lo), float(max(hi, lo + 0.5))


def _colour(value: float, scale: tuple[float, float]) -> str:
    if value <= 0:
        return NO_DATA
    lo, hi = scale
    return to_hex(CMAP(0.15 + 0.85 * np.clip((np.log10(value) - lo) / (hi - lo), 0, 1)))


def _turn(o, a, b) -> float:
    """z of the cross product (a - o) x (b - o): > 0 for a left turn."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull (monotone chain) of 2-D points, counter-clockwise."""
    pts = sorted(map(tuple, points))
    if len(pts) <= 2:
        return np.array(pts)

    def half(seq):
        out: list = []
        for p in seq:
            while len(out) >= 2 and _turn(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out[:-1]

    return np.array(half(pts) + half(reversed(pts)))


def _outline(points: np.ndarray, pad: float) -> str:
    """SVG points of a padded outline around a cluster's villages."""
    if len(points) == 1:
        points = points + np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * 1e-3
    hull = _hull(points)
    centre = hull.mean(axis=0)
    ring = []
    for p in hull:
        d = p - centre
        n = np.linalg.norm(d)
        ring.append(p + (d / n * pad if n > 0 else 0))
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in ring)


def map_data(model, lang: str, scale: tuple[float, float], selected: int = -1,
             partner_baseline_yuan: float | None = None) -> dict:
    v = model.villages
    home = np.flatnonzero(~v.is_partner)
    x, y = v.x_km[home], v.y_km[home]
    span = max(float(x.max() - x.min()), float(y.max() - y.min()), 1.0)
    size = min(WIDTH, HEIGHT) - 2 * MARGIN
    sx = MARGIN + (x - x.min()) / span * size
    sy = HEIGHT - MARGIN - (y - y.min()) / span * size  # north up
    pos = {int(i): (float(a), float(b)) for i, a, b in zip(home, sx, sy, strict=True)}
    op = v.operating_income_last
    closed = len(model.recorder.county_rows) > 0
    names = model.clusters["name"].to_numpy(dtype=object)
    en_names = model.clusters["name_en"].to_numpy(dtype=object) if "name_en" in model.clusters else names
    villages = []
    for i in home:
        shape = "square" if v.is_strong[i] else "triangle" if v.is_weak[i] else "circle"
        c = int(v.cluster[i])
        cluster = (names[c] if lang == "zh" or not en_names[c] else en_names[c]) if c >= 0 else tr("unclustered", lang)
        status = [tr(k, lang) for k, flag in (("key", v.is_key[i]), ("strong", v.is_strong[i]),
                                                 ("weak", v.is_weak[i])) if flag]
        income = f"{tr('operating', lang)} {wan(op[i])} {tr('colour_scale', lang)}" if closed else tr("no_year_closed", lang)
        villages.append({
            "halo": CLUSTER_COLOURS[c % len(CLUSTER_COLOURS)] if c >= 0 else "",
            "i": int(i), "x": round(pos[int(i)][0], 1), "y": round(pos[int(i)][1], 1), "shape": shape,
            "fill": _colour(float(op[i]), scale) if closed else NO_DATA, "key": bool(v.is_key[i]),
            "weak": bool(v.is_weak[i]), "selected": int(i) == selected,
            "label": str(v.name[i]) if v.is_key[i] else "",
            "tip": f"{v.name[i]}（{cluster}{'，' + '、'.join(status) if status else ''}）{income}",
        })
    edges = [{"x1": pos[a][0], "y1": pos[a][1], "x2": pos[b][0], "y2": pos[b][1]}
             for a, b, _ in model.layout.edges if a in pos and b in pos]
    clusters = []
    for c in range(len(names)):
        members = [pos[int(i)] for i in home if v.cluster[i] == c]
        if not members:
            continue
        pts = np.array(members)
        top = pts[np.argmin(pts[:, 1])]
        clusters.append({"points": _outline(pts, 14.0), "colour": CLUSTER_COLOURS[c % len(CLUSTER_COLOURS)],
                         "name": str(names[c] if lang == "zh" or not en_names[c] else en_names[c]),
                         "lx": round(float(top[0]), 1), "ly": round(float(top[1]) - 16, 1)})
    legend = [{"colour": _colour(10 ** (scale[0] + f * (scale[1] - scale[0])), scale),
               "text": wan(10 ** (scale[0] + f * (scale[1] - scale[0])), 0)} for f in (0, 0.25, 0.5, 0.75, 1)]
    return {"width": WIDTH, "height": HEIGHT, "villages": villages, "edges": edges, "clusters": clusters,
            "legend": legend, "legend_unit": tr("colour_scale", lang), "title": tr("map_title", lang),
            "shapes": [tr("map_strong", lang), tr("map_weak", lang), tr("map_other", lang), tr("map_key", lang)],
            "hint": tr("map_click", lang), "partner": partner_summary(model, lang, partner_baseline_yuan)}


def partner_summary(model, lang: str, baseline_yuan: float | None) -> str:
    v = model.villages
    if not v.is_partner.any():
        return ""
    partner = v.is_partner
    name = model.layout.partner_name or tr("partner", lang)
    if not model.recorder.county_rows:
        return f"{name}：{int(partner.sum())} {'个村' if lang == 'zh' else 'villages'} — {tr('no_year_closed', lang)}"
    op = float(v.operating_income_last[partner].mean())
    total = float(v.total_income_last[partner].mean())
    base = wan(baseline_yuan) if baseline_yuan is not None and baseline_yuan == baseline_yuan else "—"
    return tr("partner_summary", lang, name=name, n=int(partner.sum()), op=wan(op), base=base, tot=wan(total))
