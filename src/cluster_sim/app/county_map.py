"""The county as a picture: villages at their positions, road links, clusters outlined, coloured
by collective operating income; strong villages as squares, weak ones as red-edged triangles.
Partner-county villages (far away, e.g. 265 Qingtian villages) become one summary box.

``map_data`` turns a model (or a worker's snapshot of one) into plain data for ``county_map.vue``, an SVG drawn in the
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


def text_width(text: str, size: float) -> float:
    """Rough SVG text width: a CJK character is one em, other characters about 0.6 em."""
    return sum(size if ord(ch) > 0x2E80 else 0.6 * size for ch in text)


def place_labels(groups: list[np.ndarray], names: list[str], markers: np.ndarray, size: float = 12) -> list[tuple]:
    """Label positions (x, y of the text's baseline centre) for each group of points, chosen
    greedily among spots above, below, left and right of the group, so no two labels overlap,
    none leaves the map, and as few village markers as possible are covered."""
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for pts, name in zip(groups, names, strict=True):
        w, h = text_width(name, size), size + 2
        (x0, y0), (x1, y1) = pts.min(axis=0), pts.max(axis=0)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        spots = [(cx, y0 - 18), (cx, y1 + 26), (x0 - 16 - w / 2, cy + 4), (x1 + 16 + w / 2, cy + 4),
                 (cx, y0 - 34), (cx, y1 + 42), (cx, cy + 4)]

        def box(spot):
            x, y = spot
            return x - w / 2 - 2, y - h + 2, x + w / 2 + 2, y + 4

        def cost(k):
            b = box(spots[k])
            outside = b[0] < 0 or b[2] > WIDTH or b[1] < 0 or b[3] > HEIGHT
            clash = sum(overlaps(b, other) for other in placed)
            covered = int(((markers[:, 0] > b[0] - 6) & (markers[:, 0] < b[2] + 6) &
                           (markers[:, 1] > b[1] - 6) & (markers[:, 1] < b[3] + 6)).sum())
            return 100 * clash + 50 * outside + covered, k

        best = min(range(len(spots)), key=cost)
        placed.append(box(spots[best]))
        out.append((round(spots[best][0], 1), round(spots[best][1], 1)))
    return out


def overlaps(a: tuple, b: tuple) -> bool:
    """Do two boxes (x0, y0, x1, y1) overlap?"""
    return not (a[2] <= b[0] or a[0] >= b[2] or a[3] <= b[1] or a[1] >= b[3])


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
    closed = bool(model.county)
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
    clusters, groups = [], []
    for c in range(len(names)):
        members = [pos[int(i)] for i in home if v.cluster[i] == c]
        if not members:
            continue
        groups.append(np.array(members))
        clusters.append({"points": _outline(groups[-1], 14.0), "colour": CLUSTER_COLOURS[c % len(CLUSTER_COLOURS)],
                         "name": str(names[c] if lang == "zh" or not en_names[c] else en_names[c])})
    markers = np.array(list(pos.values())) if pos else np.zeros((0, 2))
    for cl, (lx, ly) in zip(clusters, place_labels(groups, [cl["name"] for cl in clusters], markers), strict=True):
        cl["lx"], cl["ly"] = lx, ly
    legend = [{"colour": _colour(10 ** (scale[0] + f * (scale[1] - scale[0])), scale),
               "text": wan(10 ** (scale[0] + f * (scale[1] - scale[0])), 0)} for f in (0, 0.25, 0.5, 0.75, 1)]
    return {"width": WIDTH, "height": HEIGHT, "villages": villages, "edges": edges, "clusters": clusters,
            "legend": legend, "legend_unit": tr("colour_scale", lang), "title": tr("map_title", lang),
            "shapes": [tr("map_strong", lang), tr("map_weak", lang), tr("map_other", lang), tr("map_key", lang)],
            "legend_col2": round(max(text_width(tr(k, lang), 12) for k in ("map_strong", "map_weak")) + 40),
            "hint": tr("map_click", lang), "partner": partner_summary(model, lang, partner_baseline_yuan)}


def partner_summary(model, lang: str, baseline_yuan: float | None) -> str:
    v = model.villages
    if not v.is_partner.any():
        return ""
    partner = v.is_partner
    name = model.layout.partner_name or tr("partner", lang)
    if not model.county:
        return f"{name}：{int(partner.sum())} {'个村' if lang == 'zh' else 'villages'} — {tr('no_year_closed', lang)}"
    op = float(v.operating_income_last[partner].mean())
    total = float(v.total_income_last[partner].mean())
    base = wan(baseline_yuan) if baseline_yuan is not None and baseline_yuan == baseline_yuan else "—"
    return tr("partner_summary", lang, name=name, n=int(partner.sum()), op=wan(op), base=base, tot=wan(total))
