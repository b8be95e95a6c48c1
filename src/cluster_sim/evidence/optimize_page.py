"""docs/optimize.md: the Pinghu policy-mix search (experiments/optimize_pinghu.toml), its front,
the cheapest mixes that meet the province target in most futures, and the futures where the
best of them fails — every number read from the search just run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .provenance import page_header, timed_write

ROOT = Path(__file__).resolve().parents[3]
EXPERIMENT = ROOT / "experiments" / "optimize_pinghu.toml"
FIGURES = ("front.png", "parallel.png")


def write(page: Path, workdir: Path | None = None, small: bool = False, workers: int | None = None,
          command: str = "cluster-sim dev evidence optimize") -> Path:
    """Run the search into ``workdir`` (default: a temporary folder; resumed when it holds the
    same search) and write ``page`` with its figures in ``page``'s folder/figures."""
    from cluster_sim.optimize import optimize

    def study():
        folder = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="optimize_"))
        return optimize(EXPERIMENT, out=folder, resume=True, small=small, workers=workers, progress=False)

    def render(result, meta) -> str:
        figures = Path(page).parent / "figures"
        figures.mkdir(parents=True, exist_ok=True)
        for name in FIGURES:
            if (result.out / name).is_file():
                tmp = figures / f".optimize_{name}.tmp"
                shutil.copyfile(result.out / name, tmp)
                tmp.replace(figures / f"optimize_{name}")
        return page_text(result, meta, command)

    return timed_write(page, study, render, command)


def page_text(result, meta: dict, command: str) -> str:
    from cluster_sim.optimize.outputs import MEETS_SHARE, _number, meeting, report

    spec = result.spec
    lines = page_header("政策组合寻优：平湖 Policy-mix search: Pinghu", command, "experiments/optimize_pinghu.toml",
                        meta)
    lines += [f"Levers: {', '.join(f.key for f in spec.levers)}. Futures: {spec.futures} "
              f"(Latin hypercube over {', '.join(f.key for f in spec.uncertainties)}, the ranges of "
              "docs/sensitivity.md); each candidate's baseline (every package off) runs under the same future "
              "and seed. Objectives: " + ", ".join(f"{o.direction} {o.measure}" for o in spec.objectives)
              + "; constraints: " + (", ".join(f"{c.measure} {c.op} {c.value:g}" for c in spec.constraints) or "none")
              + ". NSGA-II (Platypus).", ""]
    lines += report(result).splitlines()[2:]
    lines += ["![front](figures/optimize_front.png)", "", "![parallel](figures/optimize_parallel.png)", ""]
    lines += ["## 收敛 Convergence", "", "| 代 generation | 方案 candidates | 可行 feasible | 前沿 front | 超体积 hypervolume | ε-progress |",
              "|---|---|---|---|---|---|"]
    for row in result.convergence.itertuples(index=False):
        lines.append(f"| {row.generation} | {row.candidates} | {row.feasible} | {row.front} | "
                     f"{row.hypervolume:.4f} | {row.epsilon_progress} |")
    lines += [""] + failure_section(result, meeting(result), MEETS_SHARE, _number)
    return "\n".join(lines) + "\n"


def describe_mix(spec, row) -> str:
    from cluster_sim.optimize.outputs import _lever

    return "; ".join(f"{f.label_zh or f.key} {_lever(row[f.key])}" for f in spec.levers)


def failure_section(result, meeting: pd.DataFrame, share: float, number) -> list[str]:
    """Where the cheapest robust mix fails: its futures below the target against those it meets,
    uncertainty by uncertainty (mean value in each group)."""
    lines = ["## 最省钱的稳健组合在哪些未来失败 Where the cheapest robust mix fails", ""]
    if meeting.empty or result.spec.mode != "robust":
        candidates = result.candidates
        if "robustness" not in candidates or candidates.empty:
            return lines + ["（无稳健寻优结果 no robust search）", ""]
        best = candidates.sort_values(["robustness", "public_cost_pv_yuan"], ascending=[False, True]).iloc[0]
        lines += [f"没有方案在 ≥ {share:.0%} 的未来达到目标；最稳健的方案在 {best['robustness']:.0%} 的未来达到。"
                  f"No mix met the target in ≥ {share:.0%} of futures; the most robust met it in "
                  f"{best['robustness']:.0%}.", ""]
    else:
        best = meeting.iloc[0]
    futures = result.futures[result.futures["candidate"] == best["candidate"]]
    fails = futures["target_margin"] < 0
    lines += [f"方案 mix: {describe_mix(result.spec, best)} — 在 {int(fails.sum())} / {len(futures)} 个未来未达目标 "
              f"fails in {int(fails.sum())} of {len(futures)} futures.", ""]
    if fails.any() and (~fails).any():
        lines += ["| 不确定参数 uncertain parameter | 失败的未来（均值） failing futures (mean) | 达到的未来（均值） meeting futures (mean) |",
                  "|---|---|---|"]
        for f in result.spec.uncertainties:
            lines.append(f"| {f.key} | {futures.loc[fails, f.key].mean():.4g} | {futures.loc[~fails, f.key].mean():.4g} |")
        lines.append("")
    lines += ["| 未来 future | " + " | ".join(f.key for f in result.spec.uncertainties) + " | 目标余量 margin |",
              "|---|" + "---|" * (len(result.spec.uncertainties) + 1)]
    for _, row in futures.iterrows():
        lines.append(f"| {row['future']} | " + " | ".join(f"{row[f.key]:.4g}" for f in result.spec.uncertainties)
                     + f" | {number('target_margin', row['target_margin'])} |")
    return lines + [""]
