"""What a search leaves beside its runs: the tidy tables, two figures and a bilingual report.

Every file is written through a temporary sibling and renamed into place, so a kill leaves
either the old file or the new one. Money is shown in 万元 (10,000 yuan).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .discovery import chosen_mix, meeting
from .spec import COST, MEETS_SHARE, ROBUSTNESS
LISTED = 5  # mixes listed in the report


def _replace(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_outputs(result) -> list[str]:
    """Write candidates, front and convergence (CSV and Parquet), the figures and report.md."""
    out, files = Path(result.out), []
    for name, table in (("candidates", result.candidates), ("front", result.front),
                        ("convergence", result.convergence), ("futures", result.futures)):
        _replace(out / f"{name}.csv", lambda p, t=table: t.to_csv(p, index=False))
        _replace(out / f"{name}.parquet", lambda p, t=table: t.to_parquet(p, index=False))
        files += [f"{name}.csv", f"{name}.parquet"]
    if result.discovery is not None:
        _replace(out / "discovery.csv", lambda p: result.discovery.table.to_csv(p, index=False))
        files.append("discovery.csv")
    from cluster_sim.outputs.figures import check_cjk_font

    if check_cjk_font() and len(result.front):
        files += [front_figure(result), parallel_figure(result)]
    _replace(out / "report.md", lambda p: p.write_text(report(result), encoding="utf-8"))
    return files + ["report.md"]


def _words(result, measure: str, lang: int) -> str:
    return result.spec.measures.get(measure, (measure, measure))[lang]


def _axes(result) -> tuple[str, str]:
    """The cost-vs-effect plane: the cost objective (else the first) against the first other."""
    measures = [o.measure for o in result.spec.objectives]
    x = COST if COST in measures else measures[0]
    return x, next(m for m in measures if m != x)


def _scaled(measure: str, values):
    return values / 1e4 if measure.endswith("_yuan") else values


def front_figure(result) -> str:
    import matplotlib.pyplot as plt

    from cluster_sim.outputs.figures import setup_cjk_font

    setup_cjk_font()
    x, y = _axes(result)
    table = result.candidates
    unit = lambda m: "（万元 10k yuan）" if m.endswith("_yuan") else ""  # noqa: E731
    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=110)
    for rows, style in ((table[~table["feasible"]], dict(color="0.75", s=12, label="不可行 infeasible")),
                        (table[table["feasible"] & ~table["on_front"]], dict(color="tab:blue", s=14, alpha=0.6,
                                                                              label="可行 feasible")),
                        (result.front, dict(color="tab:red", s=30, label="帕累托前沿 Pareto front"))):
        if len(rows):
            ax.scatter(_scaled(x, rows[x]), _scaled(y, rows[y]), **style)
    ax.set_xlabel(f"{_words(result, x, 0)} {unit(x)}\n{_words(result, x, 1)}")
    ax.set_ylabel(f"{_words(result, y, 0)} {unit(y)}\n{_words(result, y, 1)}")
    ax.set_title(f"成本与效果 Cost and effect: {result.spec.name}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    _replace(Path(result.out) / "front.png", lambda p: fig.savefig(p, format="png"))
    plt.close(fig)
    return "front.png"


def parallel_figure(result) -> str:
    """Levers and objectives of the front, each axis scaled to its own range (parallel coordinates)."""
    import matplotlib.pyplot as plt

    from cluster_sim.outputs.figures import setup_cjk_font

    setup_cjk_font()
    columns = [f.key for f in result.spec.levers] + [o.measure for o in result.spec.objectives]
    front = result.front[columns].apply(lambda c: c.astype(float))
    span = (front.max() - front.min()).replace(0, 1.0)
    scaled = (front - front.min()) / span
    fig, ax = plt.subplots(figsize=(max(7.5, 1.2 * len(columns)), 4.8), dpi=110)
    for _, row in scaled.iterrows():
        ax.plot(range(len(columns)), row.to_numpy(), color="tab:red", alpha=0.5)
    labels = [(f.label_zh or f.key.split(".")[-2] + "." + f.key.split(".")[-1]) if "." in f.key else f.key
              for f in result.spec.levers] + [_words(result, o.measure, 0) for o in result.spec.objectives]
    ax.set_xticks(range(len(columns)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("各轴内的相对位置 position within each axis' range")
    ax.set_title("前沿方案的杠杆与目标 Levers and objectives of the front")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    _replace(Path(result.out) / "parallel.png", lambda p: fig.savefig(p, format="png"))
    plt.close(fig)
    return "parallel.png"


def _number(measure: str, value: float) -> str:
    if not math.isfinite(value):
        return "—"
    if measure.endswith("_yuan"):
        return f"{value / 1e4:,.1f} 万元"
    if "margin" in measure:  # a difference of growth rates
        return f"{100 * value:+.2f} 个百分点 pp"
    if "growth" in measure:
        return f"{100 * value:+.2f} %"
    return f"{value:.3g}"


def report(result) -> str:
    spec = result.spec
    lines = [f"# 政策组合寻优 Policy-mix search: {spec.name}", "",
             spec.description, "",
             f"- 模式 mode: {spec.mode}; 未来情景 futures: {spec.futures}; 每个未来的随机种子 seeds: {spec.replications}",
             f"- 种群 population {spec.population} × 代数 generations {spec.generations}: "
             f"{len(result.candidates)} 个不同方案 distinct candidates, 本次运行 runs this call: {result.runs_done}, "
             f"用时 wall {result.seconds:.0f} s (该文件夹各次合计 all calls on this folder: {result.folder_seconds:.0f} s)",
             f"- 前沿 front: {len(result.front)} 个方案 candidates; "
             f"最终超体积 final hypervolume: {result.convergence['hypervolume'].iloc[-1]:.4f}", ""]
    best = meeting(result.candidates, spec.mode).head(LISTED)
    share = f"≥ {MEETS_SHARE:.0%} 的未来 of futures" if spec.mode == "robust" else "参考未来 in the reference future"
    lines += [f"## 达到省定目标（{share}）的最省钱组合 The cheapest mixes that meet the target", ""]
    if best.empty:
        lines += ["没有方案达到目标。No candidate met the target.", ""]
        if "target_margin" in result.candidates and result.candidates["target_margin"].notna().any():
            closest = result.candidates.loc[result.candidates["target_margin"].idxmax()]
            lines += [f"最接近目标的组合 closest mix: {describe_mix(spec, closest)} — 平均余量 mean margin "
                      f"{_number('target_margin', closest['target_margin'])}，财政成本 public cost "
                      f"{_number(COST, closest[COST])}" if COST in closest else "", ""]
    else:
        measures = [m for m in (COST, "weak_growth", "surrounding_growth", "farmer_income_final_yuan",
                                "low_income_income_final_yuan", "over_indebted_share_max", ROBUSTNESS) if m in best]
        header = ["#"] + [f.label_zh or f.key for f in spec.levers] + [_words(result, m, 0) for m in measures]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for i, (_, row) in enumerate(best.iterrows(), 1):
            cells = [str(i)] + [_lever(row[f.key]) for f in spec.levers] + [_number(m, row[m]) for m in measures]
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", "谁受益、有何风险 Who gains and what it risks: 农民与低收入农户收入为期末人均；"
                  "债务红线一栏为各年超过红线的村的最高占比（0 = 无村超线）。"
                  "Farmer and low-income income are final-year per head; the red-line column is the highest share "
                  "of villages over the debt red line in any year (0 = none).", ""]
    lines += failure_lines(result)
    return "\n".join(lines) + "\n"


def describe_mix(spec, row) -> str:
    return "; ".join(f"{f.label_zh or f.key} {_lever(row[f.key])}" for f in spec.levers)


def failure_lines(result) -> list[str]:
    """Where the chosen mix (cheapest meeting the target, else the most robust) misses it: PRIM's
    box over the discovery futures when there is one, and failing against meeting futures' means."""
    spec = result.spec
    lines = ["## 所选组合在哪些未来未达目标 Where the chosen mix misses the target", ""]
    row = chosen_mix(result.candidates, spec.mode)
    if row is None or not spec.uncertainties:
        return lines + ["（无可分析的未来 no futures to analyse）", ""]
    found = result.discovery
    table = found.table if found is not None else \
        result.futures[result.futures["candidate"] == row["candidate"]].assign(
            failed=lambda d: ~(d["target_margin"] >= 0))
    fails = table["failed"]
    where = f"另抽 {len(table)} 个未来 over {len(table)} further futures" if found is not None else \
        f"寻优所用的 {len(table)} 个未来 over the search's {len(table)} futures"
    lines += [f"组合 mix: {describe_mix(spec, row)}", "",
              f"{where}：{int(fails.sum())} 个未达目标 miss the target ({fails.mean():.0%}).", ""]
    if found is not None and found.box is not None:
        lines += [f"PRIM（EMA Workbench）：未达目标的未来集中在下列范围（覆盖率 coverage {found.coverage:.0%}，"
                  f"密度 density {found.density:.0%}）。PRIM finds the misses concentrated where:", "",
                  "| 参数 parameter | 范围 box | 全部范围 full range |", "|---|---|---|"]
        for b in found.box.itertuples(index=False):
            lines.append(f"| {b.parameter} | [{b.low:.4g}, {b.high:.4g}] | [{b.range_low:.4g}, {b.range_high:.4g}] |")
        lines.append("")
    elif found is not None:
        lines += [f"PRIM: {found.note}", ""]
    if fails.any() and (~fails).any():
        lines += ["| 不确定参数 uncertain parameter | 未达目标的未来（均值） missing (mean) | 达到的未来（均值） meeting (mean) |",
                  "|---|---|---|"]
        for f in spec.uncertainties:
            lines.append(f"| {f.key} | {table.loc[fails, f.key].mean():.4g} | {table.loc[~fails, f.key].mean():.4g} |")
        lines.append("")
    return lines


def _lever(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "开 on" if value else "关 off"
    if isinstance(value, float):
        return f"{value / 1e4:,.0f} 万" if abs(value) >= 1e5 else f"{value:.3g}"
    return str(value)
