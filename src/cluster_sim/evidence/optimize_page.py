"""docs/optimize.md: the Pinghu policy-mix search (experiments/optimize_pinghu.toml), its front,
the cheapest mixes that meet the province target in most futures, and the futures where the
best of them fails — every number read from the search just run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

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
    from cluster_sim.optimize.outputs import report

    spec = result.spec
    lines = page_header("政策组合寻优：平湖 Policy-mix search: Pinghu", command, "experiments/optimize_pinghu.toml",
                        meta)
    lines += [f"Levers: {', '.join(f.key for f in spec.levers)}. Futures: {spec.futures} "
              f"(Latin hypercube over {', '.join(f.key for f in spec.uncertainties)}, the ranges of "
              "docs/sensitivity.md); each candidate's baseline (every package off) runs under the same future "
              "and seed. Objectives: " + ", ".join(f"{o.direction} {o.measure}" for o in spec.objectives)
              + "; constraints: " + (", ".join(f"{c.measure} {c.op} {c.value:g}" for c in spec.constraints) or "none")
              + ". NSGA-II (Platypus).", ""]
    body = report(result).splitlines()[2:]
    split = next(i for i, line in enumerate(body) if line.startswith("## 所选组合"))
    lines += body[:split]
    lines += ["![front](figures/optimize_front.png)", "", "![parallel](figures/optimize_parallel.png)", ""]
    lines += body[split:]
    lines += ["## 收敛 Convergence", "", "| 代 generation | 方案 candidates | 可行 feasible | 前沿 front | 超体积 hypervolume | ε-progress |",
              "|---|---|---|---|---|---|"]
    for row in result.convergence.itertuples(index=False):
        lines.append(f"| {row.generation} | {row.candidates} | {row.feasible} | {row.front} | "
                     f"{row.hypervolume:.4f} | {row.epsilon_progress} |")
    return "\n".join(lines) + "\n"
