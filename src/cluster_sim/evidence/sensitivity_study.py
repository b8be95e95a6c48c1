"""Published sensitivity: Morris screening over every uncertain registry parameter, Sobol on the
most influential ones, and how robust the ranking of policy packages is across the uncertainty.

Everything runs through the project's own sweep (``run_experiment``, local processes) and
``sensitivity`` (SALib); this module writes the experiment files, chains the three studies and
renders docs/sensitivity.md. Rerun with ``cluster-sim dev evidence sensitivity`` (full, tens of
minutes on 2 cores) or ``--small`` (the CI version, a small county, a minute or so).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from cluster_sim.experiments import load_experiment, run_experiment, sensitivity

from . import ranking
from ..outputs.indicators import outcome_words
from .measures import smaller_county
from .provenance import provenance, provenance_lines, results_folder, write_atomic
from .uncertain import GROWTH_ABSOLUTE, RELATIVE, UTILITY_ABSOLUTE, Range, uncertain_ranges, uncertainties_toml

ROOT = Path(__file__).resolve().parents[3]
RUNNER = "cluster-sim-evidence"
BASELINE = "baseline"
PACKAGES = ("flying_land", "pairing", "common_prosperity", "land_consolidation", "tourism", "credit")

# (name, column, at, over): what the screening and Sobol studies measure; their words come from
# the indicator catalogue (``Outcome.label``)
OUTCOMES = (
    ("operating_growth", "collective_income_operating_yuan", "growth", ""),
    ("farmer_income_growth", "farmer_income_per_capita_yuan", "growth", ""),
    ("low_income_growth_ratio", "low_income_income_per_capita_yuan", "growth", "farmer_income_per_capita_yuan"),
    ("gini_villages_final", "gini_collective", "final", ""),
)
# what the policy-ranking study reads from each run (gains are taken against the baseline)
RANKING_OUTCOMES = (
    ("weak_operating_cum", "weak_operating_cum_yuan", "final", ""),
    ("public_money_cum", "public_money_cum_yuan", "final", ""),
    ("farmer_income_final", "farmer_income_per_capita_yuan", "final", ""),
)


@dataclass(frozen=True)
class Profile:
    """How big a study is. ``households``: a smaller county (None: the scenario's own)."""

    name: str
    years: int
    replications: int
    morris_trajectories: int
    sobol_samples: int
    top: int
    lhs_samples: int
    households: int | None = None
    parameters: tuple[str, ...] | None = None  # a subset of the uncertain parameters (None: all)
    root_seed: int = 2026

    def ranges(self) -> list[Range]:
        ranges = uncertain_ranges()
        return ranges if self.parameters is None else [r for r in ranges if r.path in self.parameters]


FULL = Profile("full", years=5, replications=2, morris_trajectories=6, sobol_samples=64, top=10, lhs_samples=48)
# CI's version: the whole chain on a small county, a few parameters, one seed (about a minute).
SMALL = Profile("small", years=1, replications=1, morris_trajectories=2, sobol_samples=4, top=3, lhs_samples=3,
                households=800, parameters=("economy.wage_commute_yuan_month", "economy.business_growth",
                                            "economy.outside_market_yuan_person_year", "collective.investment_return",
                                            "collective.subsidy_base_yuan_year", "economy.wage_growth"))


@dataclass(frozen=True)
class Paths:
    experiments: Path  # experiment files (and, for a small county, its scenario files)
    results: Path  # one sweep folder per study beneath
    doc: Path
    images: Path

    @classmethod
    def full(cls) -> Paths:
        return cls(ROOT / "experiments", ROOT / "results", ROOT / "docs" / "sensitivity.md", ROOT / "docs" / "img")

    @classmethod
    def under(cls, folder: Path) -> Paths:
        folder = Path(folder)
        return cls(folder / "experiments", folder / "results", folder / "sensitivity.md", folder / "img")


def experiment_name(profile: Profile, study: str) -> str:
    return f"evidence_{study}" + ("" if profile.name == "full" else f"_{profile.name}")


def _outcomes_toml(outcomes) -> str:
    blocks = []
    for name, column, at, over in outcomes:
        lines = ["[[outcomes]]", f'name = "{name}"', f'column = "{column}"', f'at = "{at}"']
        lines += [f'over = "{over}"'] if over else []
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _header(profile: Profile, study: str, question: str, design: str, extra: str) -> str:
    return (f"# {question}\n# Written by `cluster-sim dev evidence sensitivity` ({profile.name} profile); "
            f"rerun that command rather than editing.\n"
            f'name = "{experiment_name(profile, study)}"\ndescription = "{question}"\n'
            f'runner = "{RUNNER}"\nyears = {profile.years}\nreplications = {profile.replications}\n'
            f'root_seed = {profile.root_seed}\ndesign = "{design}"\n{extra}\n')


def scenario_file(profile: Profile, paths: Paths, name: str) -> str:
    """The scenario as the experiment file refers to it: the project's own file, or for a
    smaller county a file beside the experiments that extends it."""
    source = ROOT / "scenarios" / f"{name}.toml"
    if profile.households is None:
        return Path("..", "scenarios", f"{name}.toml").as_posix() if paths.experiments == ROOT / "experiments" \
            else str(source)
    return smaller_county(source, profile.households, paths.experiments).relative_to(paths.experiments).as_posix()


def write_morris(profile: Profile, paths: Paths, ranges: list[Range]) -> Path:
    extra = f"samples = {profile.morris_trajectories}\nlevels = 4\n" \
            f'scenario = "{scenario_file(profile, paths, BASELINE)}"\n'
    text = _header(profile, "morris", "Morris screening of every uncertain registry parameter", "morris", extra)
    return write_atomic(paths.experiments / f"{experiment_name(profile, 'morris')}.toml",
                        text + uncertainties_toml(ranges) + "\n" + _outcomes_toml(OUTCOMES))


def write_sobol(profile: Profile, paths: Paths, ranges: list[Range]) -> Path:
    extra = f"samples = {profile.sobol_samples}\n" f'scenario = "{scenario_file(profile, paths, BASELINE)}"\n'
    text = _header(profile, "sobol", f"Sobol indices of the {len(ranges)} parameters Morris ranked highest",
                   "sobol", extra)
    return write_atomic(paths.experiments / f"{experiment_name(profile, 'sobol')}.toml",
                        text + uncertainties_toml(ranges) + "\n" + _outcomes_toml(OUTCOMES))


def write_ranking(profile: Profile, paths: Paths, ranges: list[Range]) -> Path:
    scenarios = ", ".join(f'"{scenario_file(profile, paths, s)}"' for s in (BASELINE, *PACKAGES))
    extra = f"samples = {profile.lhs_samples}\n\n[levers.scenario]\nscenarios = [{scenarios}]\n" \
            'label_zh = "政策情景"\nlabel = "policy scenario"\n'
    text = _header(profile, "ranking", "Policy-ranking robustness: every single-policy scenario and the baseline "
                   "under the same Latin-hypercube futures and seeds", "lhs", extra)
    return write_atomic(paths.experiments / f"{experiment_name(profile, 'ranking')}.toml",
                        text + uncertainties_toml(ranges) + "\n" + _outcomes_toml(RANKING_OUTCOMES))


def top_factors(morris: pd.DataFrame, k: int) -> list[str]:
    """The k parameters with the largest mu* relative to the largest in each outcome, taking
    for each parameter its highest across outcomes."""
    table = morris.copy()
    table["relative"] = table["mu_star"] / table.groupby("outcome")["mu_star"].transform("max")
    score = table.groupby("factor", sort=False)["relative"].max().sort_values(ascending=False, kind="stable")
    return list(score.index[:k])


@dataclass
class StudyResult:
    profile: Profile
    paths: Paths
    ranges: list[Range]
    morris: pd.DataFrame
    sobol: pd.DataFrame
    top: list[str]
    ranks: ranking.RankingResult
    files: dict[str, Path]
    seconds: dict[str, float]


def run_study(profile: Profile = FULL, paths: Paths | None = None, workers: int | None = None,
              command: str = "cluster-sim dev evidence sensitivity") -> StudyResult:
    """Run the three studies (resuming any finished runs) and write the document."""
    paths = paths or Paths.full()
    ranges = profile.ranges()
    by_path = {r.path: r for r in ranges}
    seconds: dict[str, float] = {}
    files = {"morris": write_morris(profile, paths, ranges)}

    def sweep(study: str) -> Path:
        start = time.perf_counter()
        exp = load_experiment(files[study])
        out = results_folder(paths.results, exp.name)
        run_experiment(exp, backend="local", workers=workers, resume=True, out=out, progress=False)
        seconds[study] = time.perf_counter() - start
        return out

    morris_out = sweep("morris")
    morris = sensitivity(load_experiment(files["morris"]), out=morris_out)
    top = top_factors(morris, profile.top)
    files["sobol"] = write_sobol(profile, paths, [by_path[p] for p in top])
    sobol_out = sweep("sobol")
    sobol = sensitivity(load_experiment(files["sobol"]), out=sobol_out)
    files["ranking"] = write_ranking(profile, paths, ranges)
    ranking_out = sweep("ranking")
    ranking_exp = load_experiment(files["ranking"])
    ranks = ranking.analyse(ranking_exp, ranking_out)
    result = StudyResult(profile, paths, ranges, morris, sobol, top, ranks, files, seconds)
    paths.images.mkdir(parents=True, exist_ok=True)
    suffix = "" if profile.name == "full" else f"_{profile.name}"
    images = {"morris": paths.images / f"sensitivity_morris{suffix}.png",
              "sobol": paths.images / f"sensitivity_sobol{suffix}.png",
              "ranking": paths.images / f"sensitivity_ranking{suffix}.png"}
    shutil.copyfile(morris_out / "sensitivity.png", images["morris"])
    shutil.copyfile(sobol_out / "sensitivity.png", images["sobol"])
    ranking.plot(ranks, images["ranking"])
    meta = provenance(command, sum(seconds.values()))
    write_atomic(paths.doc, render(result, images, meta))
    return result


# --- the document ----------------------------------------------------------------------------
SECTIONS = ("## 1. 如何重跑 How to rerun", "## 2. 不确定参数 Uncertain parameters",
            "## 3. Morris 筛选 Morris screening", "## 4. Sobol 指数 Sobol indices",
            "## 5. 政策排序稳健性 Policy-ranking robustness", "## 6. 读法与局限 Reading and limits")


def _rel(path: Path, doc: Path) -> str:
    """``path`` relative to the folder of ``doc`` (a file in that folder)."""
    try:
        return path.resolve().relative_to(doc.parent.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _pivot(table: pd.DataFrame, column: str, factors: list[str]) -> pd.DataFrame:
    wide = table.pivot_table(index="factor", columns="outcome", values=column, sort=False)
    return wide.reindex(factors)[[o[0] for o in OUTCOMES]]


def _markdown(frame: pd.DataFrame, fmt: str = "{:.3g}") -> list[str]:
    head = "| " + " | ".join([frame.index.name or "", *map(str, frame.columns)]) + " |"
    lines = [head, "|" + "---|" * (len(frame.columns) + 1)]
    for index, row in frame.iterrows():
        cells = [fmt.format(v) if isinstance(v, (float, np.floating)) and np.isfinite(v) else
                 ("—" if isinstance(v, (float, np.floating)) else str(v)) for v in row]
        lines.append(f"| {index} | " + " | ".join(cells) + " |")
    return lines


def render(result: StudyResult, images: dict[str, Path], meta: dict) -> str:
    p, doc = result.profile, result.paths.doc
    # commands are typed from the project root (full study) or the work folder (small study)
    base = ROOT / "docs" if result.paths.experiments == ROOT / "experiments" else doc
    exp_files = {k: _rel(v, base) for k, v in result.files.items()}
    n_morris = (len(result.ranges) + 1) * p.morris_trajectories
    n_sobol = p.sobol_samples * (len(result.top) + 2)
    n_rank = p.lhs_samples * (len(PACKAGES) + 1)
    small = "" if p.households is None else f", a county of {p.households:,} households"
    lines = [
        "# 敏感性分析 Published sensitivity", "",
        f"Generated by `{meta['command']}` ({p.name} profile: {p.years} years, {p.replications} seed(s) per "
        f"design point{small}). Do not edit by hand; rerun the command.", "",
        *provenance_lines(meta), "",
        "Wall time by study: " + ", ".join(f"{k} {v:.0f} s" for k, v in result.seconds.items())
        + " (this invocation; runs an earlier, interrupted invocation left on disk are reused, not timed).", "",
        SECTIONS[0], "",
        "All in one (writes the experiment files, runs the sweeps through the project's own local-process "
        "backend, resuming finished runs, and writes this page):", "",
        "```", "cluster-sim dev evidence sensitivity" + ("" if p.name == "full" else " --small --workdir DIR"), "```", "",
        "Or step by step, with the experiment files it wrote:", "", "```",
    ]
    for study in ("morris", "sobol"):
        lines += [f"cluster-sim sweep {exp_files[study]} --resume --out results/{experiment_name(p, study)}",
                  f"cluster-sim sensitivity {exp_files[study]} --out results/{experiment_name(p, study)}"]
    lines += [f"cluster-sim sweep {exp_files['ranking']} --resume --out results/{experiment_name(p, 'ranking')}",
              "```", "",
              "(The all-in-one command keeps results in a folder per commit, `results/<name>_<commit>`: a sweep "
              "resumes by run id, which does not know the model's code. Step by step, use a fresh `--out` after "
              "the model changes.)", "",
              f"Runs: Morris {n_morris} design points, Sobol {n_sobol}, ranking {n_rank}; each × {p.replications} "
              f"seed(s), common across design points (common random numbers). Outcomes are averaged over seeds "
              f"before the indices are computed.", "",
              SECTIONS[1], "",
              f"{len(result.ranges)} numeric parameters of the registry (src/cluster_sim/scenario/registry.py). "
              f"The registry's low/high are what the model accepts, not what is plausible, so each is varied by one "
              f"stated rule around its default: growth rates ± {GROWTH_ABSOLUTE:g} a year, logit constants "
              f"± {UTILITY_ABSOLUTE:g}, everything else ± {RELATIVE:.0%}, clipped to the allowed range. Left out: "
              "`simulation.*` (horizon, start year and the lines that define the outcomes), text choices and "
              "parameters whose default is 0 (src/cluster_sim/evidence/uncertain.py).", "",
              "| parameter | low | high | rule |", "|---|---|---|---|"]
    lines += [f"| `{r.path}` | {r.low:g} | {r.high:g} | {r.rule} |" for r in result.ranges]
    outcome_rows = [f"| `{name}` | {outcome_words(column, at, over)} | `{column}`{' / `' + over + '`' if over else ''} "
                    f"({at}) |" for name, column, at, over in OUTCOMES]
    lines += ["", "Outcomes:", "", "| outcome | 含义 | column (how) |", "|---|---|---|", *outcome_rows, ""]
    morris_order = top_factors(result.morris, len(result.ranges))
    relative = result.morris.assign(
        mu_star=result.morris["mu_star"] / result.morris.groupby("outcome")["mu_star"].transform("max"))
    lines += [SECTIONS[2], "",
              f"μ* relative to the largest μ* of each outcome (1 = most influential), {min(20, len(morris_order))} "
              "highest shown; the full table is `sensitivity.csv` in the sweep folder.", ""]
    lines += _markdown(_pivot(relative, "mu_star", morris_order[:20]).rename_axis("parameter"), "{:.2f}")
    lines += ["", f"![Morris]({_rel(images['morris'], doc)})", "",
              f"Sobol is run on the {len(result.top)} highest: " + ", ".join(f"`{t}`" for t in result.top) + ".", "",
              SECTIONS[3], "",
              f"Total-order indices ST (first-order S1 in brackets), Saltelli design with N = {p.sobol_samples}. "
              "With small N the confidence intervals (in `sensitivity.csv`) are wide: read the order, not the "
              "second digit.", ""]
    st = _pivot(result.sobol, "ST", result.top)
    s1 = _pivot(result.sobol, "S1", result.top)
    both = pd.DataFrame({c: [f"{a:.2f} ({b:.2f})" if np.isfinite(a) else "—" for a, b in zip(st[c], s1[c])]
                         for c in st.columns}, index=st.index).rename_axis("parameter")
    lines += _markdown(both)
    lines += ["", f"![Sobol]({_rel(images['sobol'], doc)})", "", SECTIONS[4], ""]
    lines += ranking.render(result.ranks, p)
    lines += ["", f"![ranking]({_rel(images['ranking'], doc)})", "", SECTIONS[5], "",
              "- The indices describe *this* model over *these* ranges; a parameter that does not matter here may "
              "matter over a wider range.",
              "- Growth outcomes over a short horizon mix the build-up of the base year's state with the "
              "trend; longer horizons change the weights.",
              "- The ranking study fixes each package's own settings at its scenario file's values; only the "
              "economy's parameters vary.", ""]
    return "\n".join(lines)


def small(workdir: Path, workers: int | None = None) -> StudyResult:
    """The CI version: everything under ``workdir``."""
    return run_study(SMALL, Paths.under(workdir), workers=workers,
                     command=f"cluster-sim dev evidence sensitivity --small --workdir {workdir}")


def profile_named(name: str, **changes) -> Profile:
    return replace({"full": FULL, "small": SMALL}[name], **changes)
