"""Rank the groups' saved results and chart them for the discussion.

Each group's latest submission counts. Groups are ranked by the number of goal conditions
met, then by the classroom's ``rank_by`` indicator (in its better direction).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..outputs.cells import write_csv  # noqa: E402
from ..outputs.figures import setup_cjk_font  # noqa: E402
from ..outputs.folders import GENERATOR, MANIFEST  # noqa: E402
from ..outputs.writer import atomic_folder, write_manifest  # noqa: E402
from .markdown import markdown_table  # noqa: E402
from .metrics import METRICS  # noqa: E402
from .results import read_results  # noqa: E402

SHOWN = ("weak_operating_min_yuan", "weak_operating_mean_yuan", "strong_weak_gap_ratio",
         "farmer_income_per_capita_yuan", "low_income_income_per_capita_yuan", "villages_over_indebted",
         "extra_public_spending_yuan")


def rank(results: pd.DataFrame) -> pd.DataFrame:
    """One row per group (its latest submission), best first, with a ``rank`` column."""
    if results.empty:
        raise ValueError("no results in the file yet")
    results = results.assign(group=results["group"].fillna("—"))  # a row without a name is the page's "—", not dropped
    latest = (results.sort_values("submitted_at").groupby("group", sort=False).tail(1).reset_index(drop=True))
    rank_by = str(latest["rank_by"].dropna().iloc[0]) if latest["rank_by"].notna().any() else ""
    keys, ascending = ["conditions_met"], [False]
    if rank_by and f"m_{rank_by}" in latest:
        keys.append(f"m_{rank_by}")
        ascending.append(not METRICS[rank_by].higher_is_better)
    ranked = latest.sort_values(keys, ascending=ascending, kind="stable").reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return ranked


def table(ranked: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The ranking as people read it: group, choices, goals met and the key indicators."""
    zh = lang == "zh"
    out = pd.DataFrame({
        "名次" if zh else "rank": ranked["rank"],
        "小组" if zh else "group": ranked["group"],
        "目标达成" if zh else "goals met": [f"{m}/{n}" for m, n in zip(ranked["conditions_met"], ranked["conditions"],
                                                                      strict=True)],
        "政策选择" if zh else "choices": ranked["choices"],
    })
    for name in SHOWN:
        col = f"m_{name}"
        if col in ranked:
            out[METRICS[name].label(lang)] = [METRICS[name].format(v, lang) for v in ranked[col]]
    return out


def chart(ranked: pd.DataFrame, path: Path) -> Path:
    """Bars per group: the ranking indicator, and the extra public money each spent."""
    setup_cjk_font()
    rank_by = str(ranked["rank_by"].iloc[0]) if "rank_by" in ranked and isinstance(ranked["rank_by"].iloc[0], str) else ""
    panels = [m for m in (rank_by, "extra_public_spending_yuan") if m and f"m_{m}" in ranked]
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 0.5 * len(ranked) + 2.2), dpi=110,
                             squeeze=False)
    labels = [f"{r}. {g}" for r, g in zip(ranked["rank"], ranked["group"], strict=True)]
    colours = ["#2ca02c" if bool(s) else "#d62728" for s in ranked["success"]]
    for ax, name in zip(axes[0], panels, strict=True):
        m = METRICS[name]
        ax.barh(labels[::-1], ranked[f"m_{name}"].to_numpy()[::-1] / m.metric.divisor, color=colours[::-1])
        unit = m.metric.unit
        ax.set_title(f"{m.zh}\n{m.en}", fontsize=10)
        ax.set_xlabel(f"{unit}" if unit else "")
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle("各组结果（绿色 = 目标全部达成）  Groups' results (green = every goal met)", fontsize=11)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def summarize(csv_path: str | Path, out: str | Path | None = None, lang: str = "zh",
              force: bool = False) -> dict[str, Path]:
    """Write ranking.csv, ranking.md and ranking.png into ``out`` (default: a folder
    ``<csv name>_summary`` beside the results), as one folder put in place when complete.
    Like every results folder it is never written over a user's files; an earlier summary is
    replaced only with ``force`` (``OutputError`` otherwise, before anything is written)."""
    csv_path = Path(csv_path)
    out = Path(out) if out else csv_path.parent / f"{csv_path.stem}_summary"
    ranked = rank(read_results(csv_path))  # before claiming the folder: a bad file leaves nothing behind
    readable = table(ranked, lang)
    names = {"csv": "ranking.csv", "md": "ranking.md", "png": "ranking.png"}
    with atomic_folder(out, force=force) as tmp:
        write_csv(readable, tmp / names["csv"])
        (tmp / names["md"]).write_text(markdown_table(readable, right=()) + "\n", encoding="utf-8")
        chart(ranked, tmp / names["png"])
        write_manifest(tmp, {"generator": GENERATOR, "command": f"cluster-sim classroom summarize {csv_path}",
                             "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                             "results_csv": str(csv_path), "lang": lang,
                             "files": sorted([*names.values(), MANIFEST])})
    return {kind: out / name for kind, name in names.items()}
