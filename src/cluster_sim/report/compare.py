"""``compare``: run scenarios with common random numbers and write the comparison report
(HTML in Chinese and English, CSV, Excel, PNG figures, manifest) into one folder, atomically."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..experiments.seeds import replication_seeds
from ..outputs.figures import check_cjk_font
from ..outputs.manifest import manifest
from ..outputs.writer import claim_output, write_manifest, write_table
from ..scenario import Scenario, ScenarioError, load_scenario
from ..scenario.text import folder_name
from .. import reprs
from . import explain
from . import findings as findings_mod
from . import html as html_mod
from . import metrics as M
from .cost import cost_by_category, public_cost_table
from .excel import write_workbook
from .figures import write_figures
from .policy_effects import POLICY_TABLES, policy_tables
from ..experiments.ordered import default_backend
from .runs import plan, run_all
from .tables import (Labels, comparison_table, labels_for, scenario_table, settings_table, target_table,
                     trajectory_table)

LANGS = ("zh", "en")
# measured by `cluster-sim dev evidence replications` (docs/replications.md): the number the intervals
# need, below which the report warns (explain.MIN_REPS)
DEFAULT_REPS = explain.MIN_REPS
DEFAULT_SEED = 2024

# (CSV file stem, Excel sheet name — Chinese and English, at most 31 characters)
SHEETS = {
    "scenarios": "情景 Scenarios",
    "settings": "情景设置 Settings",
    "public_cost": "财政成本 Public cost",
    "public_cost_by_category": "财政成本分项 Cost by category",
    "headline": "核心指标 Headline",
    "village_groups": "村组 Village groups",
    "inequality": "不平等 Inequality",
    "household_sources": "农民收入来源 Household sources",
    "collective_sources": "集体收入来源 Collective sources",
    "over_indebtedness": "过度负债 Over-indebtedness",
    "partner": "结对外县 Partner county",
    "effect_split": "效应分解 Effect split",
    "growth_change": "建设期后增速 Growth change",
    "inequality_pair": "两个不平等指标 Inequality pair",
    "target_check": "省定目标 Target check",
    "trajectories": "逐年轨迹 Trajectories",
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
    texts: dict[str, dict] | None = None  # per language: bottom line, target and interval explanations

    def _summary(self) -> dict:
        return {"out": str(self.out), "scenarios": ",".join(map(str, self.tidy["scenario"].unique())),
                "replications": self.tidy["replication"].nunique(), "tables": len(self.tables)}

    def __repr__(self) -> str:
        return reprs.short(type(self).__name__, self._summary())

    def _repr_html_(self) -> str:
        head = self.tables.get("headline", pd.DataFrame())
        shown = head[[c for c in ("情景", "indicator", "final_value", "diff", "diff_low", "diff_high") if c in head]]
        note = ((self.texts or {}).get("en") or {}).get("bottom_line", "")
        return reprs.html(type(self).__name__, self._summary(), shown, note)


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
    stem = folder_name("-".join(names))
    return Path("results") / f"compare_{stem}_seed{seed}"


def build_tables(tidy: pd.DataFrame, specs: dict[str, Scenario], labels: Labels) -> dict[str, pd.DataFrame]:
    """Every table of the report, from the tidy runs."""
    comparison = comparison_table(tidy, M.ALL, labels)
    tables = {"scenarios": scenario_table(specs, labels), "settings": settings_table(specs, labels),
              "public_cost": public_cost_table(tidy, labels), "public_cost_by_category": cost_by_category(tidy, labels)}
    for key, metrics in SECTION_METRICS.items():
        tables[key] = comparison[comparison["metric"].isin([m.name for m in metrics])].reset_index(drop=True)
    tables.update(policy_tables(tidy, comparison, labels))
    tables["target_check"] = target_table(tidy, labels)
    tables["trajectories"] = trajectory_table(tidy, M.ALL, labels)
    tables["comparison"] = comparison
    return tables


def explanations(tables: dict[str, pd.DataFrame], labels: Labels, reps: int, start_year: int, years: int,
                 lang: str) -> dict[str, object]:
    """The bottom line, and the target and interval explanations with their warnings, in ``lang``."""
    comparison = tables["comparison"]
    y0, y1 = int(comparison["base_year"].iloc[0]), int(comparison["final_year"].iloc[0])
    target_text, target_warnings = explain.target_explanation(tables["target_check"], start_year, years, lang)
    name, category = ("指标", "类别") if lang == "zh" else ("indicator", "category_en")
    interval_text, interval_warnings = explain.interval_explanation(
        [comparison, tables["public_cost_by_category"]], [name, category], reps, lang)
    sentences = explain.bottom_line_sentences(tables["public_cost"], tables["target_check"], labels, reps, (y0, y1),
                                              lang, tables.get("growth_change"))
    return {"bottom_line": ("" if lang == "zh" else " ").join(sentences), "bottom_line_sentences": sentences,
            "target_text": target_text, "target_warnings": target_warnings,
            "interval_text": interval_text, "interval_warnings": interval_warnings}


def _about(zh: dict, en: dict, reps: int) -> list[tuple[str, str]]:
    """The workbook's first sheet: the bottom line and how to read it, in both languages."""
    rows = [("结论", zh["bottom_line"]), ("Bottom line", en["bottom_line"])]
    for head_zh, head_en, key in (("区间怎么读", "Intervals", "interval"), ("省定目标怎么检查", "Province target", "target")):
        rows += [(head_zh, p) for p in zh[f"{key}_warnings"] + zh[f"{key}_text"]]
        rows += [(head_en, p) for p in en[f"{key}_warnings"] + en[f"{key}_text"]]
    rows.append(("逐次运行明细 Every run", "每次重复的逐年数字见 tidy.csv。Every replication's yearly numbers are in tidy.csv."))
    return rows


def compare(scenarios: Sequence[ScenarioRef], baseline: str | None = None, reps: int = DEFAULT_REPS,
            years: int | None = None, seed: int = DEFAULT_SEED, out: str | Path | None = None, lang: str = "zh",
            workers: int | None = None, progress: Callable[[int, int], None] | None = None,
            command: str | None = None, force: bool = False, backend: str | None = None,
            scheduler: str | None = None) -> Comparison:
    """Run each scenario ``reps`` times with common random numbers and write the report.

    ``report.html`` is in ``lang`` and the other language is written beside it
    (``report_en.html`` or ``report_zh.html``). Scenarios are validated before anything
    runs (``ScenarioError``); the folder appears only when complete. An existing ``out`` is
    replaced only if cluster-sim wrote it and ``force`` (``OutputError`` otherwise, before any run).
    Runs go through the sweep's backends: ``backend`` "serial", "local" (processes, the
    default) or "dask" (a LocalCluster, or the scheduler at ``scheduler``); the report is the
    same on each.
    """
    t0 = time.perf_counter()
    if lang not in LANGS:
        raise ScenarioError("--lang", str(lang), "unknown language", "zh or en")
    if reps < 1:
        raise ScenarioError("--reps", str(reps), "must be at least 1")
    backend = default_backend(backend, scheduler)  # a bad pair of flags is refused before anything is made
    specs = load_all(scenarios, years)
    base = resolve_baseline(specs, scenarios, baseline)
    labels = labels_for(specs, base)
    out = Path(out) if out is not None else default_out(list(specs), seed)
    claim = claim_output(out, force=force)  # checked and locked before anything runs; written below
    draw = check_cjk_font()  # before any simulation: say now that figures will be skipped

    runs = plan(specs, reps, seed)
    tidy = run_all(runs, workers=workers, progress=progress, backend=backend, scheduler=scheduler)
    t_runs = time.perf_counter()
    tables = build_tables(tidy, specs, labels)
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    sim = next(iter(specs.values())).data["simulation"]
    texts = {lang_: explanations(tables, labels, reps, sim["start_year"], sim["years"], lang_) for lang_ in LANGS}
    with claim.write() as tmp:
        files = write_table(tmp, "tidy", tidy, parquet=False)
        for key in SHEETS:
            if not tables[key].empty:
                files += write_table(tmp, key, tables[key], parquet=False)
        write_workbook(tmp / "comparison.xlsx", SHEETS, tables, _about(texts["zh"], texts["en"], reps))
        files.append("comparison.xlsx")
        figures = write_figures(tmp, tables["trajectories"], tables["comparison"], labels) if draw else []
        files += [f.file for f in figures]
        other = {"zh": "en", "en": "zh"}[lang]
        pages = {lang: "report.html", other: f"report_{other}.html"}
        files += list(pages.values()) + ["manifest.json"]
        for page_lang, file in pages.items():
            data = html_mod.ReportData(
                labels=labels, scenarios=tables["scenarios"], comparison=tables["comparison"],
                target=tables["target_check"], findings=findings_mod.findings(
                    tables["comparison"], tables["target_check"], labels, reps, page_lang, tables["public_cost"],
                    {key: tables[key] for key in POLICY_TABLES}),
                figures=figures, reps=reps, seed=seed, created=created, files=files, cost=tables["public_cost"],
                cost_by_category=tables["public_cost_by_category"], texts=texts[page_lang], figures_skipped=not draw,
                policy={key: tables[key] for key in POLICY_TABLES})
            other_file = pages["zh" if page_lang == "en" else "en"]
            (tmp / file).write_text(html_mod.render(tmp, data, page_lang, other_file), encoding="utf-8")
        timings = {"runs_s": t_runs - t0, "report_s": time.perf_counter() - t_runs}
        write_manifest(tmp, manifest(
            command or "cluster_sim.report.compare", [s.source for s in specs.values()],
            {name: s.data for name, s in specs.items()},
            {"root": seed, "replications": replication_seeds(seed, reps)},
            timings, files, baseline=base, reps=reps, years=next(iter(specs.values())).data["simulation"]["years"],
            lang=lang, workers=workers, active_policies={n: s.active_policies() for n, s in specs.items()},
            overrides={n: s.overrides for n, s in specs.items()}))
    return Comparison(out=out, tidy=tidy, tables=tables, labels=labels, texts=texts)
