"""docs/formation.md: which clusters Pinghu's villages would form themselves (formation.py), who
is left out and why, how that depends on the rule's assumed numbers, and whether formed clusters
lift weak villages more than the designated ones — designated vs formed under the same pairing
package, paired replications through compare's machinery (common random numbers)."""

from __future__ import annotations

import dataclasses
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from .provenance import page_header, timed_write

ROOT = Path(__file__).resolve().parents[3]
DESIGNATED = ROOT / "scenarios" / "pairing.toml"
FORMED = ROOT / "scenarios" / "formed_clusters.toml"
REGIONALISED = ROOT / "scenarios" / "regionalised_clusters.toml"
BASELINE = ROOT / "scenarios" / "baseline.toml"
PROVINCE = ROOT / "scenarios" / "synthetic_province.toml"
METRICS = ("weak_operating_mean_yuan", "strong_operating_mean_yuan", "strong_weak_gap_ratio", "collective_income_operating_mean_yuan",
           "farmer_income_per_capita_yuan", "low_income_income_per_capita_yuan", "gini_collective")
RATIOS = ("strong_weak_gap_ratio", "gini_collective")
ASSESSMENT = (0.0, 50_000.0, 100_000.0, 200_000.0)  # formation.leader_assessment_yuan, yuan/year
COORDINATION = (0.0, 500.0, 2_000.0)  # formation.coordination_cost_yuan_km
REACH = (8.0, 12.0, 16.0)  # formation.max_partner_km
REVISIT = 2  # formation.revisit_years of the stability run


@dataclasses.dataclass
class Study:
    model: object  # the formed Pinghu model, built (formation done), not run
    designated: np.ndarray  # each village's designated cluster
    regions: np.ndarray  # each village's planned region (SKATER)
    region_keys: np.ndarray  # the key village of each planned region (its strongest), as regions.py chose
    grid: pd.DataFrame  # formation alone over the assumed numbers
    comparison: pd.DataFrame  # compare's comparison table: formed (and baseline) against designated
    public_cost: pd.DataFrame
    reps: int
    years: int
    province_seconds: float | None  # CPU seconds of formation on the synthetic province
    seed: int  # the stability run's seed
    revisits: pd.DataFrame  # the moves of one formed run whose villages reconsider every REVISIT years


def study(reps: int | None = None, years: int | None = None, households: int | None = None,
          workers: int | None = None, province: bool = True) -> Study:
    from cluster_sim.evidence.measures import smaller_county
    from cluster_sim.model import ClusterModel
    from cluster_sim.report.compare import DEFAULT_REPS, DEFAULT_SEED, build_tables, load_all
    from cluster_sim.report.runs import plan, run_all
    from cluster_sim.report.tables import labels_for

    reps = DEFAULT_REPS if reps is None else reps
    with tempfile.TemporaryDirectory() as tmp:
        files = [smaller_county(f, households, Path(tmp)) if households else f
                 for f in (DESIGNATED, FORMED, REGIONALISED, BASELINE)]
        designated = ClusterModel(str(files[0]), seed=DEFAULT_SEED).villages.cluster.copy()
        model = ClusterModel(str(files[1]), seed=DEFAULT_SEED)
        planned = ClusterModel(str(files[2]), seed=DEFAULT_SEED).villages
        specs = load_all(files, years)
        names = list(specs)
        tables = build_tables(run_all(plan(specs, reps, DEFAULT_SEED), workers=workers), specs,
                              labels_for(specs, names[0]))
        stability = ClusterModel(str(files[1]), seed=DEFAULT_SEED, **{"formation.revisit_years": REVISIT})
        stability.run(years=years)
        revisits = pd.concat(stability.formation_moves[1:] or [stability.formation_moves[0].iloc[0:0]])
    return Study(model, designated, planned.cluster.copy(), planned.is_key.copy(), grid(model), tables["comparison"], tables["public_cost"], reps,
                 next(iter(specs.values())).data["simulation"]["years"], province_seconds() if province else None,
                 DEFAULT_SEED, revisits)


def grid(model) -> pd.DataFrame:
    """Formation alone (no simulation) over the rule's assumed numbers, the rest at the defaults."""
    from cluster_sim.formation import Terms, endowments, form

    e, base = endowments(model), Terms.from_params(model.params)
    weak = model.villages.is_weak & e.candidate
    rows = []
    for reach in REACH:
        for assessment in ASSESSMENT:
            for coordination in COORDINATION:
                f = form(e, dataclasses.replace(base, max_partner_km=reach, leader_assessment_yuan=assessment,
                                                coordination_cost_yuan_km=coordination))
                sizes = np.bincount(f.cluster[f.cluster >= 0])
                rows.append({"max_partner_km": reach, "leader_assessment_yuan": assessment,
                             "coordination_cost_yuan_km": coordination,
                             "joined_share": float((f.cluster[e.candidate] >= 0).mean()),
                             "weak_joined_share": float((f.cluster[weak] >= 0).mean()),
                             "mean_villages": float(sizes.mean()), "largest": int(sizes.max()),
                             "rounds": f.rounds, "settled": f.settled})
    return pd.DataFrame(rows)


def province_seconds() -> float:
    """CPU seconds formation takes on the synthetic province (3,500 villages), model built once."""
    from cluster_sim.formation import Terms, endowments, form
    from cluster_sim.model import ClusterModel

    model = ClusterModel(str(PROVINCE), seed=1)
    e, t = endowments(model), Terms.from_params(model.params)
    start = time.process_time()
    form(e, t)
    return time.process_time() - start


def left_out(model) -> pd.DataFrame:
    """Each weak village outside every formed cluster, and why: no key village within reach, no
    cluster that would pay it, or the key villages that would refuse it."""
    from cluster_sim.formation import Game, Terms, endowments

    e, t, v, f = endowments(model), Terms.from_params(model.params), model.villages, model.formation
    game = Game(e, t)
    aggregates = game.aggregates(f.cluster[game.village] == game.cluster)
    leader = game.leader_gain(*aggregates)
    rows = []
    for village in np.flatnonzero(v.is_weak & e.candidate & (f.cluster < 0)):
        pairs = np.flatnonzero(game.village == village)
        if len(pairs) == 0:
            reason, best = "no_key_in_reach", float("nan")
        else:
            gain, accepted = game.joining(pairs, aggregates, leader)
            best = float(gain.max())
            reason = ("does_not_pay" if best <= 0 else "refused" if not accepted[gain > 0].any() else "left_before")
        rows.append({"village": v.name[village], "operating_yuan": float(v.operating_income_last[village]),
                     "governance": float(v.governance[village]), "reason": reason, "best_gain_yuan": best})
    return pd.DataFrame(rows, columns=["village", "operating_yuan", "governance", "reason", "best_gain_yuan"])


REASONS = {"no_key_in_reach": "无重点村在距离内 no key village within reach",
           "does_not_pay": "加入任何片区都不划算 no cluster would pay it",
           "refused": "划算，但重点村不接收（会亏） it would gain, but every key village would lose by taking it",
           "left_before": "曾加入后退出或被请出，不再回去 it left (or was let go) and does not return"}


def draw_map(model, designated: np.ndarray, regions: np.ndarray, region_keys: np.ndarray, path: Path) -> Path:
    """Designated, formed and planned clusters side by side: colour = cluster, grey = none, triangle = weak."""
    from cluster_sim.outputs.figures import setup_cjk_font

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    setup_cjk_font()
    v = model.villages
    home = ~v.is_partner
    fig, axes = plt.subplots(1, 3, figsize=(16, 5.6), sharex=True, sharey=True)
    palette = [plt.get_cmap("tab10")(i) for i in range(10) if i != 7]  # tab10's grey would read as "none"
    for ax, cluster, title in ((axes[0], designated, "划定的片区 designated clusters"),
                               (axes[1], v.cluster, "自组团片区 self-formed clusters"),
                               (axes[2], regions, "规划片区 planned regions (SKATER)")):
        colours = [palette[int(c) % len(palette)] if c >= 0 else (0.75, 0.75, 0.75, 1.0) for c in cluster[home]]
        key = (v.is_key if cluster is not regions else region_keys)[home]
        for marker, mask in (("o", ~v.is_weak[home] & ~key), ("^", v.is_weak[home] & ~key), ("*", key)):
            idx = np.flatnonzero(mask)
            ax.scatter(v.x_km[home][idx], v.y_km[home][idx], c=[colours[i] for i in idx], marker=marker,
                       s=160 if marker == "*" else 45, edgecolors="black", linewidths=0.4)
        ax.set_title(title)
        ax.set_xlabel("km")
        ax.set_aspect("equal")
    axes[0].set_ylabel("km")
    fig.suptitle("颜色=片区，灰色=未入片区，三角=薄弱村，星=重点村 colour = cluster, grey = none, triangle = weak, star = key")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    tmp.replace(path)
    return path


def page_text(s: Study, meta: dict, command: str, households: int | None) -> str:
    m, v = s.model, s.model.villages
    f = m.formation
    home = np.flatnonzero(~v.is_partner)
    candidate = home[~v.is_key[home]]
    weak = candidate[v.is_weak[candidate]]
    lines = page_header("自组团片区 Clusters that form themselves", command,
                        "scenarios/formed_clusters.toml and scenarios/pairing.toml", meta, households)
    lines += ["Formation (`county.cluster_formation = \"formed\"`; rule and equations: docs/ODD.md §7.13, "
              "`src/cluster_sim/formation.py`) runs once, before the first year: each designated key village "
              "seeds a cluster; villages join by the gain pairing's mechanisms give them and key villages accept "
              "them only when leading them does not cost them. Nobody is forced in, and pairing leads no village "
              "outside every cluster. The designated and formed counties run the same pairing package "
              "(scenarios/pairing.toml).", "",
              f"- 稳定 settled: {f.settled} after {f.rounds} rounds, {len(f.moves)} moves",
              f"- 入片区的村 villages in a cluster (key villages excluded): designated "
              f"{int((s.designated[candidate] >= 0).sum())} of {len(candidate)}, formed "
              f"{int((f.cluster[candidate] >= 0).sum())}",
              f"- 入片区的薄弱村 weak villages in a cluster: designated {int((s.designated[weak] >= 0).sum())} of "
              f"{len(weak)}, formed {int((f.cluster[weak] >= 0).sum())}",
              f"- 换了片区的村 villages whose cluster changed: "
              f"{int((s.designated[candidate] != f.cluster[candidate]).sum())}", ""]
    if s.province_seconds is not None:
        lines += [f"- 合成省 synthetic province (3,500 villages): formation takes {s.province_seconds:.2f} CPU-s "
                  "(budget 2 s)", ""]
    lines += ["![map](figures/formation_map.png)", "",
              "## 各片区 Each cluster", "",
              "| 片区 cluster | 重点村 key village | 划定成员 designated members | 自组团成员 formed members | "
              "其中薄弱村 weak (designated → formed) | 重点村预期收益 key village's expected gain (万元/年) |",
              "|---|---|---|---|---|---|"]
    for k, row in m.clusters.reset_index(drop=True).iterrows():
        d, g = candidate[s.designated[candidate] == k], candidate[f.cluster[candidate] == k]
        lines.append(f"| {row['name']} | {v.name[int(row['key_index'])]} | {len(d)} | {len(g)} | "
                     f"{int(v.is_weak[d].sum())} → {int(v.is_weak[g].sum())} | {f.leader_gain[k] / 1e4:,.1f} |")
    out = left_out(m)
    lines += ["", "## 谁被落下 Weak villages left out", "",
              f"{len(out)} of {len(weak)} weak villages join no cluster. Why (the gain each would expect from its best "
              "cluster, as formation left the others):", "",
              "| 原因 reason | 村数 villages |", "|---|---|"]
    for reason, words in REASONS.items():
        lines.append(f"| {words} | {int((out['reason'] == reason).sum())} |")
    if len(out):
        lines += ["", "| 村 village | 基期经营性收入 base-year operating income (万元) | 治理 governance | 原因 reason | "
                  "最佳预期收益 best expected gain (万元/年) |", "|---|---|---|---|---|"]
        for r in out.itertuples(index=False):
            best = "—" if np.isnan(r.best_gain_yuan) else f"{r.best_gain_yuan / 1e4:,.1f}"
            lines.append(f"| {r.village} | {r.operating_yuan / 1e4:,.1f} | {r.governance:.2f} | {r.reason} | {best} |")
    lines += ["", "## 形成结果取决于哪些假设 What formation depends on", "",
              "Formation alone (no simulation) with each assumed number of the rule varied, the others at their "
              "defaults (`formation.max_partner_km` 12, `leader_assessment_yuan` 100,000, "
              "`coordination_cost_yuan_km` 500). No source gives any of the three (registry: NO_PUBLIC_FIGURE).", "",
              "| 最远距离 reach (km) | 带村激励 leader's credit (元/村/年) | 协调成本 coordination (元/村/km/年) | "
              "入片区比例 share joined | 薄弱村入片区比例 weak joined | 平均村数 mean villages | 最大 largest |",
              "|---|---|---|---|---|---|---|"]
    for r in s.grid.itertuples(index=False):
        lines.append(f"| {r.max_partner_km:g} | {r.leader_assessment_yuan:,.0f} | {r.coordination_cost_yuan_km:,.0f} | "
                     f"{r.joined_share:.0%} | {r.weak_joined_share:.0%} | {r.mean_villages:.1f} | {r.largest} |")
    no_credit = s.grid[s.grid["leader_assessment_yuan"] == 0]
    lines += ["", f"Without the leader's non-money credit at most {no_credit['joined_share'].max():.0%} of villages "
              "join: at pairing's default numbers a joint project's profit share does not pay a key village back "
              "the return its share of the capital would earn elsewhere, so formation by money alone leaves the "
              "weak villages on their own. That is the model's reading of why clusters are organised around "
              "the Party's assessment of leading villages (党建联建), and it rests on an assumed number.", ""]
    lines += _revisit_lines(s)
    lines += _comparison_lines(s)
    return "\n".join(lines) + "\n"


def _revisit_lines(s: Study) -> list[str]:
    """Stability: the same formed county when its villages reconsider every REVISIT years."""
    r, names = s.revisits, s.model.villages.name
    lines = ["## 组团稳不稳 Do formed clusters hold?", "",
             f"One run of scenarios/formed_clusters.toml with `formation.revisit_years = {REVISIT}` (seed "
             f"{s.seed}, {s.years} years): at each revisit the villages play the rule again with the governance "
             "mentoring brought and last year's income; pairing ends the pair of a village that leaves and pairs "
             "a weak village that joins.", ""]
    if r.empty:
        return lines + ["没有村改变片区。No village changed cluster at any revisit.", ""]
    lines += [f"{r['village'].nunique()} villages moved {len(r)} times:", "",
              "| 年 year | 村 village | 从 from | 到 to | 之前预期收益 gain before (万元/年) | 之后 after (万元/年) |",
              "|---|---|---|---|---|---|"]
    clusters = s.model.clusters["name"].to_numpy(dtype=object)
    where = lambda c: clusters[c] if c >= 0 else "—"  # noqa: E731
    for m in r.itertuples(index=False):
        lines.append(f"| {m.year} | {names[m.village]} | {where(m.from_cluster)} | {where(m.to_cluster)} | "
                     f"{m.gain_before_yuan / 1e4:,.1f} | {m.gain_after_yuan / 1e4:,.1f} |")
    return lines + [""]


def _comparison_lines(s: Study) -> list[str]:
    comp = s.comparison
    names = list(comp["scenario"].unique())  # designated, formed, regionalised, no-policy baseline
    lines = ["## 三种片区的比较 Designated, self-formed and planned clusters", "",
             f"{s.reps} paired replications (common random numbers), {s.years} years; intervals are 95 % intervals "
             "of the paired differences against the designated clusters with the same pairing package "
             "(compare's machinery: `cluster-sim compare scenarios/pairing.toml scenarios/formed_clusters.toml "
             "scenarios/regionalised_clusters.toml scenarios/baseline.toml`).", "",
             *answer_lines(s, names[1], "自组团片区", "self-formed clusters", _formed_note(s)), "",
             *answer_lines(s, names[2], "规划片区", "planned regions", _regions_note(s)), "",
             "| 指标 indicator | 划定片区 designated (末年) | 自组团 formed (末年) | 之差 difference (95%区间) | "
             "规划片区 planned (末年) | 之差 difference (95%区间) | 无政策基准 no-policy baseline (末年) |",
             "|---|---|---|---|---|---|---|"]
    for metric in METRICS:
        rows = comp[comp["metric"] == metric].set_index("scenario")
        if rows.empty:
            continue
        digits = 3 if metric in RATIOS else 1
        base = rows.loc[names[0]]
        unit = f" ({base['单位']})" if isinstance(base["单位"], str) and base["单位"] else ""
        cells = [f"{base['指标']} {base['indicator']}{unit}", f"{base['final_value']:,.{digits}f}"]
        for name in names[1:3]:
            r = rows.loc[name]
            cells += [f"{r['final_value']:,.{digits}f}",
                      f"{r['diff']:+,.{digits}f} [{r['diff_low']:+,.{digits}f}, {r['diff_high']:+,.{digits}f}]"]
        cells.append(f"{rows.loc[names[3], 'final_value']:,.{digits}f}")
        lines.append("| " + " | ".join(cells) + " |")
    cost = s.public_cost.set_index("scenario")
    for name, words in ((names[1], "自组团 formed"), (names[2], "规划片区 planned")):
        if name in cost.index:
            c = cost.loc[name]
            lines += ["", f"多花财政资金 extra public money against the designated clusters, {words} "
                      f"({c['from_year']}–{c['to_year']}): {c['extra']:+,.1f} 万元 [{c['extra_low']:+,.1f}, "
                      f"{c['extra_high']:+,.1f}]."]
    return lines + [""]


def _formed_note(s: Study) -> tuple[str, str]:
    v, f = s.model.villages, s.model.formation
    out = int((f.cluster[v.is_weak & ~v.is_partner & ~v.is_key] < 0).sum())
    return (f"{out} 个薄弱村不在任何自组团片区，强村带弱村不再带它们（不搞拉郎配）。",
            f"{out} weak villages are in no self-formed cluster, and pairing no longer leads them (nobody is "
            "forced in); with the designated clusters pairing leads every weak village (an unclustered one by "
            "the nearest key village).")


def _regions_note(s: Study) -> tuple[str, str]:
    v = s.model.villages
    weak_keys = int((s.region_keys & v.is_weak).sum())
    sizes = np.bincount(s.regions[s.regions >= 0])
    return (f"规划片区 {len(sizes)} 个，每片 {sizes.min()}–{sizes.max()} 个村，全部村都在片区内，由片区内最强村带；"
            f"{weak_keys} 个片区的最强村本身是薄弱村。",
            f"{len(sizes)} planned regions of {sizes.min()}–{sizes.max()} villages hold every village, each led by its "
            f"strongest; in {weak_keys} of them the strongest village is itself weak.")


def answer_lines(s: Study, name: str, zh_name: str, en_name: str, note: tuple[str, str]) -> list[str]:
    """Whether clusters drawn this way lift weak villages more than the designated ones, from the
    weak villages' paired difference."""
    comp = s.comparison
    row = comp[(comp["metric"] == "weak_operating_mean_yuan") & (comp["scenario"] == name)].iloc[0]
    span = f"{row['diff']:+,.1f} 万元 [{row['diff_low']:+,.1f}, {row['diff_high']:+,.1f}]"
    if row["diff_high"] < 0:
        zh = f"否：{zh_name}的薄弱村经营性收入（村均）比划定片区低，末年之差 {span}。"
        en = f"No: weak villages' operating income (mean) is lower with {en_name}, {span} in the final year."
    elif row["diff_low"] > 0:
        zh = f"是：{zh_name}的薄弱村经营性收入（村均）比划定片区高，末年之差 {span}。"
        en = f"Yes: weak villages' operating income (mean) is higher with {en_name}, {span} in the final year."
    else:
        zh = f"{zh_name}：不能下结论，末年之差 {span} 的区间包含0。"
        en = f"{en_name.capitalize()}: no claim can be made, the final-year difference {span} has an interval that includes 0."
    gap = comp[(comp["metric"] == "strong_weak_gap_ratio") & (comp["scenario"] == name)].iloc[0]
    ratio = f"{gap['diff']:+.3f} [{gap['diff_low']:+.3f}, {gap['diff_high']:+.3f}]"
    return [f"**答案（{zh_name}）：** {zh}强弱村经营性收入比之差 {ratio} 倍。{note[0]}", "",
            f"**Answer ({en_name}):** {en} The strong/weak ratio differs by {ratio}. {note[1]}"]


def write(page: Path, reps: int | None = None, years: int | None = None, households: int | None = None,
          workers: int | None = None, province: bool = True,
          command: str = "cluster-sim dev evidence formation") -> Path:
    """Run the study and write ``page`` (and figures/formation_map.png beside it)."""

    def render(result: Study, meta: dict) -> str:
        draw_map(result.model, result.designated, result.regions, result.region_keys, Path(page).parent / "figures" / "formation_map.png")
        return page_text(result, meta, command, households)

    return timed_write(page, lambda: study(reps, years, households, workers, province), render, command)
