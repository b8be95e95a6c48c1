"""Figures with Chinese and English labels. Chinese glyphs need a CJK font: we look for
Noto Sans CJK (Debian's fonts-noto-cjk, installed by scripts/bootstrap.sh) or any other CJK
font matplotlib can see. Without one, figures are skipped with a warning given before any
simulation starts (``check_cjk_font``) rather than drawn with empty boxes; tables are
written either way. No font is shipped with the package (a CJK font is 10–20 MB).
"""

from __future__ import annotations

import sys
from pathlib import Path

# No matplotlib.use() here: importing this module must not switch a notebook's backend;
# without a display matplotlib picks the Agg backend by itself.
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ticker import MaxNLocator

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC")
CJK_FILE_GLOBS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/*CJK*",
                  "/usr/share/fonts/**/wqy*")


class MissingCJKFont(RuntimeError):
    pass


MISSING_FONT_WARNING = (
    "警告 warning: 未找到中文字体（CJK），本次不画图，表格照常写出；安装 fonts-noto-cjk（scripts/bootstrap.sh 会安装）"
    "后重新运行即有图。No CJK font found: figures are skipped, tables are still written; install Debian's "
    "fonts-noto-cjk (scripts/bootstrap.sh does) and run again to get the figures.")


def find_cjk_font() -> str | None:
    """The CJK font family matplotlib can use (registering an installed file if needed), or None."""
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in known:
            return family
    try:
        return _register_from_files()
    except MissingCJKFont:
        return None


def check_cjk_font(stream=None) -> bool:
    """Call before any simulation: True when figures can be drawn; otherwise print the
    warning (to stderr) so the user knows at once that only tables will be written."""
    if find_cjk_font() is not None:
        return True
    print(MISSING_FONT_WARNING, file=stream or sys.stderr, flush=True)
    return False


def setup_cjk_font() -> str:
    """Make matplotlib draw Chinese; returns the family used. Raises when none is installed."""
    family = find_cjk_font()
    if family is None:
        raise MissingCJKFont("no CJK font found: install Debian's fonts-noto-cjk (scripts/bootstrap.sh does)")
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return family


def _register_from_files() -> str:
    import glob
    for pattern in CJK_FILE_GLOBS:
        for path in sorted(glob.glob(pattern, recursive=True)):
            try:
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError):
                continue
    raise MissingCJKFont("no CJK font found: install Debian's fonts-noto-cjk (scripts/bootstrap.sh does)")


def yuan_to_wan(values):
    return values / 1e4


def line_chart(path: Path, x, series: dict[str, object], title: str, ylabel: str, bands: dict | None = None) -> Path:
    """A labelled line chart (optionally with uncertainty bands: {label: (low, high)})."""
    setup_cjk_font()
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    for label, y in series.items():
        line, = ax.plot(x, y, marker="o", ms=3, label=label)
        if bands and label in bands:
            lo, hi = bands[label]
            ax.fill_between(x, lo, hi, color=line.get_color(), alpha=0.2)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("年份 Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole years, also on short runs
    ax.grid(alpha=0.3)
    if len(series) > 4:  # many lines (e.g. a comparison of many scenarios): legend below, off the data
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)
    else:
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight" if len(series) > 4 else None)
    plt.close(fig)
    return path


def stacked_bars(path: Path, x, parts: dict[str, object], title: str, ylabel: str) -> Path:
    setup_cjk_font()
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    bottom = None
    for label, y in parts.items():
        ax.bar(x, y, bottom=bottom, label=label)
        bottom = y if bottom is None else bottom + y
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("年份 Year")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
