"""Policy-ranking robustness: across sampled futures, how often each package ranks first, and
which parameters decide it.

Each sampled future runs the baseline and every single-policy scenario with the same seeds, so
a package's gain in that future is a paired difference. Which parameter "decides" the ranking
is measured by Cramér's V between the winning package and the parameter's quintile: 0 when the
winner does not depend on it, 1 when its quintile alone tells the winner. (EMA Workbench's PRIM
would give boxes instead; V needs nothing beyond numpy and ranks all parameters at once.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from cluster_sim.experiments import Experiment, load_results

WAN = 1e4
MIN_PUBLIC_YUAN = WAN  # below 1 万元 of extra public money a gain per 万元 is not defined
QUANTILES = 5

CRITERIA = {
    "weak_per_wan": ("薄弱村经营性收入增量 / 新增财政支出（元/万元）",
                     "weak villages' extra operating income (summed over the years) per 万元 of extra public money"),
    "farmer_gain": ("农民人均可支配收入增量（末年，元）", "farmer income per capita gain in the final year (yuan)"),
}


@dataclass
class RankingResult:
    packages: list[str]
    gains: pd.DataFrame  # one row per (sample, package): criteria columns
    winners: pd.DataFrame  # one row per sample: winner per criterion
    parameters: pd.DataFrame  # one row per sample: uncertainty values
    first_share: pd.DataFrame  # package × criterion: share of samples ranked first
    deciders: dict[str, pd.Series]  # criterion → Cramér's V per parameter, highest first


def package_names(exp: Experiment) -> list[str]:
    """Scenario names in lever order (file stems, without a small county's suffix)."""
    return [Path(s).stem for s in exp.scenario_factor.values]


def gains_table(exp: Experiment, results: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per (sample, package) gains against the baseline of the same sample; and the samples' parameters."""
    ok = results[results["status"] == "ok"]
    n = exp.plan.n_samples
    names = package_names(exp)
    means = ok.groupby("design_point")[["weak_operating_cum", "public_money_cum", "farmer_income_final"]].mean()
    means["sample"], means["package"] = means.index % n, [names[i] for i in means.index // n]
    base = means[means["package"] == names[0]].set_index("sample")
    rows = means[means["package"] != names[0]].copy()
    b = base.reindex(rows["sample"])
    public = rows["public_money_cum"].to_numpy() - b["public_money_cum"].to_numpy()
    weak = rows["weak_operating_cum"].to_numpy() - b["weak_operating_cum"].to_numpy()
    rows["public_extra_wan"] = public / WAN
    rows["weak_per_wan"] = np.where(public >= MIN_PUBLIC_YUAN, weak / np.maximum(public, MIN_PUBLIC_YUAN) * WAN, np.nan)
    rows["farmer_gain"] = rows["farmer_income_final"].to_numpy() - b["farmer_income_final"].to_numpy()
    keys = [f.key for f in exp.uncertainties]
    params = ok[ok["design_point"] < n].groupby("design_point")[keys].first()
    params.index = params.index % n
    return rows.reset_index(drop=True), params


def cramers_v(labels: np.ndarray, values: np.ndarray, bins: int = QUANTILES) -> float:
    """Association between a categorical outcome and a number cut into quantile bins."""
    if len(np.unique(labels)) < 2 or len(np.unique(values)) < 2:
        return 0.0
    edges = np.unique(np.quantile(values, np.linspace(0, 1, bins + 1)[1:-1]))
    binned = np.searchsorted(edges, values, side="right")
    table = pd.crosstab(labels, binned).to_numpy(dtype=float)
    expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
    chi2 = float(((table - expected) ** 2 / expected).sum())
    k = min(table.shape) - 1
    return float(np.sqrt(chi2 / (table.sum() * k))) if k > 0 else 0.0


def analyse(exp: Experiment, out: Path) -> RankingResult:
    """Read the ranking sweep in ``out`` and rank the packages in each sampled future."""
    gains, params = gains_table(exp, load_results(exp, out))
    packages = package_names(exp)[1:]
    winners = pd.DataFrame(index=params.index)
    first = pd.DataFrame(0.0, index=packages, columns=list(CRITERIA))
    deciders = {}
    for criterion in CRITERIA:
        wide = gains.pivot(index="sample", columns="package", values=criterion).reindex(columns=packages)
        defined = wide.notna().any(axis=1)
        winner = wide[defined].idxmax(axis=1)
        winners[criterion] = winner
        first[criterion] = winner.value_counts(normalize=True).reindex(packages, fill_value=0.0)
        labels = winner.to_numpy()
        deciders[criterion] = pd.Series({k: cramers_v(labels, params.loc[winner.index, k].to_numpy(dtype=float))
                                         for k in params.columns}).sort_values(ascending=False, kind="stable")
    return RankingResult(packages, gains, winners, params, first, deciders)


def render(result: RankingResult, profile) -> list[str]:
    """The ranking section's Markdown lines."""
    n = len(result.parameters)
    lines = [f"{n} Latin-hypercube futures over the same parameters and ranges as section 2; in each, the "
             f"baseline and the {len(result.packages)} single-policy scenarios run with the same "
             f"{profile.replications} seed(s). Gains are paired differences against that future's baseline.", "",
             "Criteria:", ""]
    lines += [f"- `{k}`: {zh} — {en}" for k, (zh, en) in CRITERIA.items()]
    lines += ["", "Share of futures in which each package ranks first, and its median gain (range over futures):", "",
              "| package | " + " | ".join(f"first: `{k}`" for k in CRITERIA) + " | "
              + " | ".join(f"median `{k}` [min, max]" for k in CRITERIA) + " | extra public money 万元 (median) |",
              "|---|" + "---|" * (2 * len(CRITERIA) + 1)]
    for package in result.packages:
        rows = result.gains[result.gains["package"] == package]
        shares = " | ".join(f"{result.first_share.loc[package, k]:.0%}" for k in CRITERIA)
        spreads = " | ".join(_spread(rows[k]) for k in CRITERIA)
        lines.append(f"| {package} | {shares} | {spreads} | {rows['public_extra_wan'].median():,.0f} |")
    lines += ["", "A gain per 万元 is left undefined (—) for a package that adds less than 1 万元 of public money "
              "over the horizon; such a package cannot rank first on that criterion.", "",
              "Which parameters decide the winner (Cramér's V between the winning package and the parameter's "
              f"quintile; 0 = no association, 1 = decides it; with {n} futures values below about "
              f"{_noise_level(n, len(result.packages)):.2f} are indistinguishable from chance):", "",
              "| criterion | parameter | V |", "|---|---|---|"]
    for criterion, v in result.deciders.items():
        for key, value in v.head(5).items():
            lines.append(f"| `{criterion}` | `{key}` | {value:.2f} |")
    return lines


def _spread(values: pd.Series) -> str:
    values = values.dropna()
    if values.empty:
        return "—"
    return f"{values.median():,.0f} [{values.min():,.0f}, {values.max():,.0f}]"


def _noise_level(n: int, packages: int) -> float:
    """The 95th percentile of V between a random winner and a random parameter, by simulation."""
    rng = np.random.default_rng(0)
    draws = [cramers_v(rng.integers(packages, size=n), rng.random(n)) for _ in range(200)]
    return float(np.quantile(draws, 0.95))


def plot(result: RankingResult, path: Path) -> Path:
    """Bars: share of futures each package ranks first, per criterion."""
    from matplotlib.figure import Figure

    from cluster_sim.experiments.sensitivity import _setup_cjk_font

    _setup_cjk_font()
    fig = Figure(figsize=(7.5, 3.2), layout="constrained")
    ax = fig.subplots()
    x = np.arange(len(result.packages))
    width = 0.8 / len(CRITERIA)
    for i, (criterion, (zh, _)) in enumerate(CRITERIA.items()):
        ax.bar(x + (i - (len(CRITERIA) - 1) / 2) * width, result.first_share[criterion], width, label=zh)
    ax.set_xticks(x, result.packages, fontsize=8)
    ax.set_ylabel("排名第一的比例 share ranked first")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7)
    ax.set_title("政策排序稳健性 Policy-ranking robustness", fontsize=10)
    fig.savefig(path, dpi=120)
    return path
