"""``compare``: run scenarios with common random numbers and write the comparison report
(HTML in Chinese and English, CSV, Excel, PNG figures, manifest) into one folder, atomically."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..evidence.replications import recommended_replications
from ..experiments.seeds import replication_seeds
from ..outputs.manifest import manifest
from ..outputs.writer import claim_output, write_json, write_table
from ..scenario import Scenario, ScenarioError, load_scenario
from . import findings as findings_mod
from . import html as html_mod
from . import metrics as M
from .figures import write_figures
from .runs import plan, run_all
from .tables import Labels, comparison_table, labels_for, scenario_table, target_table, trajectory_table

LANGS = ("zh", "en")
# measured by `cluster-sim evidence replications` (docs/replications.md), stored in scenario/data/replications.json
DEFAULT_REPS = recommended_replications()
DEFAULT_SEED = 2024

# (CSV file stem, Excel sheet name — Chinese and English, at most 31 characters)
SHEETS = {
    "scenarios": "情景 Scenarios",
    "headline": "核心指标 Headline",
    "village_groups": "村组 Village groups",
    "inequality": "不平等 Inequality",
    "household_sources": "农民收入来源 Household sources",
    "collective_sources": "集体收入来源 Collective sources",
    "over_indebtedness": "过度负债 Over-indebtedness",
    "partner": "结对外县 Partner county",
    "target_check": "省定目标 Target check",
    "trajectories": "逐年轨迹 Trajectories",
    "tidy": "明细 Tidy runs",
}
SECTION_METRICS = {
    "headline": M.HEADLINE, "village_groups": M.VILLAGE_GROUPS, "inequality": M.INEQUALITY,
    "household_sources": M.HOUSEHOLD_SOURCE_METRICS, "collective_sources": M.COLLECTIVE_SOURCE_METRICS,
    "over_indebtedness": M.DEBT, "partner": M.PARTNER,
}

ScenarioRef = str | Path | dict | Scenario | None


@dataclass
class Comparison:
    """What ``compare`` produced: the folder, the tidy runs and every table of the report."""

    out: Path
    tidy: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    labels: Labels


def load_all(scenarios: Sequence[ScenarioRef], years: int | None = None) -> dict[str, Scenario]:
    """Validate every scenario before anything runs; key them by a unique name."""
    if not scenarios:
        raise ScenarioError("compare", "scenarios", "nothing to compare", "one or more scenario files")
    specs: dict[str, Scenario] = {}
    for ref in scenarios:
        spec = load_scenario(ref, {"simulation.years": int(years)} if years is not None else None)
        name = spec.name
        if name in specs and isinstance(ref, (str, Path)) and ref != "default":
            name = Path(ref).stem
        base, k = name, 2
        while name in specs:
            name, k = f"{base}_{k}", k + 1
        specs[name] = spec
    lengths = {s.data["simulation"]["years"] for s in specs.values()}
    starts = {s.data["simulation"]["start_year"] for s in specs.values()}
    if len(lengths) > 1 or len(starts) > 1:
        raise ScenarioError("compare", "simulation.years", "the scenarios simulate different periods "
                            f"(years {sorted(lengths)}, start years {sorted(starts)})", "the same period; pass --years")
    return specs


def resolve_baseline(specs: dict[str, Scenario], scenarios: Sequence[ScenarioRef], baseline: str | None) -> str:
    """The baseline by scenario name, file stem or path as given; default the first."""
    names = list(specs)
    if baseline is None:
        return names[0]
    for name, ref in zip(names, scenarios):
        if baseline in (name, str(ref)) or (isinstance(ref, (str, Path)) and baseline == Path(ref).stem):
            return name
    raise ScenarioError("--baseline", baseline, "not one of the compared scenarios", ", ".join(names))


def default_out(names: Sequence[str], seed: int) -> Path:
    stem = re.sub(r"[^\w.-]+", "_", "-".join(names))[:80]
    return Path("results") / f"compare_{stem}_seed{seed}"


def build_tables(tidy: pd.DataFrame, specs: dict[str, Scenario], labels: Labels) -> dict[str, pd.DataFrame]:
    """Every table of the report, from the tidy runs."""
    comparison = comparison_table(tidy, M.ALL, labels)
    tables = {"scenarios": scenario_table(specs, labels)}
    for key, metrics in SECTION_METRICS.items():
        tables[key] = comparison[comparison["metric"].isin([m.name for m in metrics])].reset_index(drop=True)
    tables["target_check"] = target_table(tidy, labels)
    tables["trajectories"] = trajectory_table(tidy, M.ALL, labels)
    tables["comparison"] = comparison
    return tables


def _write_excel(path: Path, tables: dict[str, pd.DataFrame], tidy: pd.DataFrame) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for key, sheet in SHEETS.items():
            df = tidy if key == "tidy" else tables[key]
            if not df.empty:
                df.to_excel(xl, sheet_name=sheet, index=False)


def compare(scenarios: Sequence[ScenarioRef], baseline: str | None = None, reps: int = DEFAULT_REPS,
            years: int | None = None, seed: int = DEFAULT_SEED, out: str | Path | None = None, lang: str = "zh",
            workers: int | None = None, progress: Callable[[int, int], None] | None = None,
            command: str | None = None, force: bool = False) -> Comparison:
    """Run each scenario ``reps`` times with common random numbers and write the report.

    ``report.html`` is in ``lang`` and the other language is written beside it
    (``report_en.html`` or ``report_zh.html``). Scenarios are validated before anything
    runs (``ScenarioError``); the folder appears only when complete. An existing ``out`` is
    replaced only if cluster-sim wrote it and ``force`` (``OutputError`` otherwise, before any run).
    """
    t0 = time.perf_counter()
    if lang not in LANGS:
        raise ScenarioError("--lang", str(lang), "unknown language", "zh or en")
    if reps < 1:
        raise ScenarioError("--reps", str(reps), "must be at least 1")
    specs = load_all(scenarios, years)
    base = resolve_baseline(specs, scenarios, baseline)
    labels = labels_for(specs, base)
    out = Path(out) if out is not None else default_out(list(specs), seed)
    claim = claim_output(out, force=force)  # checked and locked before anything runs; written below

    runs = plan(specs, reps, seed)
    tidy = run_all(runs, workers=workers, progress=progress)
    t_runs = time.perf_counter()
    tables = build_tables(tidy, specs, labels)
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with claim.write() as tmp:
        files = write_table(tmp, "tidy", tidy, parquet=False)
        for key in SHEETS:
            if key != "tidy" and not tables[key].empty:
                files += write_table(tmp, key, tables[key], parquet=False)
        _write_excel(tmp / "comparison.xlsx", tables, tidy)
        files.append("comparison.xlsx")
        figures = write_figures(tmp, tables["trajectories"], tables["comparison"], labels)
        files += [f.file for f in figures]
        other = {"zh": "en", "en": "zh"}[lang]
        pages = {lang: "report.html", other: f"report_{other}.html"}
        files += list(pages.values()) + ["manifest.json"]
        for page_lang, file in pages.items():
            data = html_mod.ReportData(
                labels=labels, scenarios=tables["scenarios"], comparison=tables["comparison"],
                target=tables["target_check"], findings=findings_mod.findings(
                    tables["comparison"], tables["target_check"], labels, reps, page_lang),
                figures=figures, reps=reps, seed=seed, created=created, files=files)
            other_file = pages["zh" if page_lang == "en" else "en"]
            (tmp / file).write_text(html_mod.render(tmp, data, page_lang, other_file), encoding="utf-8")
        timings = {"runs_s": t_runs - t0, "report_s": time.perf_counter() - t_runs}
        write_json(tmp / "manifest.json", manifest(
            command or "cluster_sim.report.compare", [s.source for s in specs.values()],
            {name: s.data for name, s in specs.items()},
            {"root": seed, "replications": replication_seeds(seed, reps)},
            timings, files, baseline=base, reps=reps, years=next(iter(specs.values())).data["simulation"]["years"],
            lang=lang, workers=workers, active_policies={n: s.active_policies() for n, s in specs.items()},
            overrides={n: s.overrides for n, s in specs.items()}))
    return Comparison(out=out, tidy=tidy, tables=tables, labels=labels)
