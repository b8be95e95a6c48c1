"""Benchmarks: the full model, the bare numpy household floor (the model's arithmetic, and the
old monthly-per-household one) and a one-Agent-per-household Mesa version at 1e3..1e6
households, each measurement in a fresh subprocess.

    .venv/bin/python benchmarks/run.py            # full run (~2 min): writes results.json, README table, scaling.png
    .venv/bin/python benchmarks/run.py --quick    # 1e3 and 1e4 households, 2 years, one repeat (~15 s)

See benchmarks/README.md for what each line measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KINDS = ("model", "numpy", "naive")
SCHEDULE = ("MONTHLY", "YEAR_END", "MONTH_CLOSE", "EVOLVE", "DECIDE", "AFTER_POLICIES")  # model.py's schedule lists
# the phases of the model's year, by the module of each act in model.py's schedule lists
PHASES = {"labour": "labour market", "land": "land market", "demand": "business demand",
          "low_income": "low-income", "enterprises": "enterprises", "credit": "enterprises",
          "collective": "collectives", "collective_investment": "collectives",
          "household_income": "household payments", "visitors": "visitor market"}
# the acts whose work is per household (what the household floors do, less the wage clearing)
HOUSEHOLD_ACTS = {"health", "update_status", "set_allowances", "lease_land", "choose_jobs", "plan_business",
                  "receive"}


def phase_of(act) -> str:
    module = act.__module__.rsplit(".", 1)[-1]
    if module not in PHASES:
        raise SystemExit(f"benchmarks/run.py: name the phase of {act.__module__}.{act.__name__} in PHASES")
    return PHASES[module]


# --- child processes: one measurement each ---------------------------------------------------
def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child_model(households: int, years: int, policies: str) -> dict:
    """Build and run the full model; time its parts with wrappers around the economy's phases."""
    t0 = time.perf_counter()
    from cluster_sim import economy
    from cluster_sim.agents.households import Households
    from cluster_sim.ledger import Ledger
    from cluster_sim.model import ClusterModel
    from cluster_sim.outputs.records import YearRecorder
    from synthetic import make_county
    rss_import = peak_rss_mb()
    parts: dict[str, float] = {}  # phase -> seconds; the phases do not overlap
    nested: dict[str, float] = {"household": 0.0, "wage clearing": 0.0}

    def timed(owner, name, part, household=False):
        inner = getattr(owner, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent = time.perf_counter() - start
                if part is not None:
                    parts[part] = parts.get(part, 0.0) + spent
                if household:
                    nested["household"] += spent
        setattr(owner, name, wrapper)

    # every act of the schedule lists in model.py, by the market or actor it belongs to
    from cluster_sim import model as schedule
    from cluster_sim.economy import labour
    lists = {name for name, value in vars(schedule).items()
             if name.isupper() and isinstance(value, tuple) and value and all(map(callable, value))}
    if lists != set(SCHEDULE):
        raise SystemExit(f"benchmarks/run.py: model.py's schedule lists are {sorted(lists)}; update SCHEDULE")
    for tuple_name in SCHEDULE:
        acts = list(getattr(schedule, tuple_name))
        for k, act in enumerate(acts):
            holder = type("Holder", (), {"act": staticmethod(act)})
            timed(holder, "act", phase_of(act), household=act.__name__ in HOUSEHOLD_ACTS)
            acts[k] = holder.act
        setattr(schedule, tuple_name, tuple(acts))
    # the per-household payments: the year's bases, the flows from outside payers (household_income,
    # above), the once-a-year booking of every grouped household payment and the year close
    for owner, name in ((economy.HouseholdBases, "__init__"), (Ledger, "flush"), (Households, "close_year")):
        timed(owner, name, "household payments", household=True)
    timed(YearRecorder, "record", "records")
    # inside the labour market: the wage clearing, which the household floors take as an input
    clear_wages = labour.clear_wages

    def clearing(*args, **kwargs):
        start = time.perf_counter()
        try:
            return clear_wages(*args, **kwargs)
        finally:
            nested["wage clearing"] += time.perf_counter() - start
    labour.clear_wages = clearing

    t1, c1 = time.perf_counter(), time.process_time()
    model = ClusterModel(make_county(households, years=years, policies=None if policies == "none" else "all"), seed=1)
    build = time.perf_counter() - t1
    for policy in model.policies:
        for hook in ("on_month", "on_year_close", "after_decide"):
            timed(policy, hook, "policies")
    setup_parts, setup_nested = dict(parts), dict(nested)
    parts.clear()
    nested.update(household=0.0, **{"wage clearing": 0.0})
    year_times: list[float] = []
    last = [time.perf_counter()]

    def progress(done, total):
        now = time.perf_counter()
        year_times.append(now - last[0])
        last[0] = now

    t2 = time.perf_counter()
    model.run(progress=progress)
    run = time.perf_counter() - t2
    t3 = time.perf_counter()
    model.tables()
    tables = time.perf_counter() - t3
    simulated = len(year_times)
    return {
        "households": model.households.n, "villages": int((~model.villages.is_partner).sum()),
        "clusters": len(model.clusters), "enterprises": int(model.enterprises.n),
        "policies": [p.name or type(p).__module__.rsplit(".", 1)[-1] for p in model.policies],
        "years_simulated": simulated, "import_s": t1 - t0, "build_s": build, "run_s": run, "tables_s": tables,
        "total_s": time.perf_counter() - t1, "total_cpu_s": time.process_time() - c1, "per_year_s": run / simulated,
        "household_per_year_s": (nested["household"] - nested["wage clearing"]) / simulated,
        "wage_clearing_per_year_s": nested["wage clearing"] / simulated,
        "parts_per_year_s": {k: v / simulated for k, v in sorted(parts.items())},
        "build_parts_s": setup_parts, "build_wage_clearing_s": setup_nested["wage clearing"],
        "peak_rss_mb": peak_rss_mb(), "import_rss_mb": rss_import,
    }


def child_prepare(households: int, path: str) -> dict:
    from cluster_sim.model import ClusterModel
    from household_rules import inputs_from_model
    from synthetic import make_county
    model = ClusterModel(make_county(households, policies=None), seed=1)
    inputs_from_model(model).save(path)
    return {"households": model.households.n}


def stopwatch(fn, *args, **kwargs):
    """``(fn(*args, **kwargs), seconds it took)``."""
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def child_numpy(path: str, years: int) -> dict:
    """The floor (the model's arithmetic: yearly bases, monthly per-village rates, one booking a
    year), then the same flows the old way (every household, every month)."""
    from household_rules import HouseholdInputs, NumpyHouseholds, NumpyMonthlyHouseholds
    rss_import = peak_rss_mb()
    inputs = HouseholdInputs.load(path)
    floor, build = stopwatch(NumpyHouseholds, inputs)
    _, run = stopwatch(floor.run, years)
    monthly = NumpyMonthlyHouseholds(inputs)
    _, monthly_run = stopwatch(monthly.run, years)
    total = float(sum(a.sum() for a in floor.income.values()))
    monthly_total = float(sum(a.sum() for a in monthly.income.values()))
    assert abs(monthly_total / total - 1) < 1e-9, (monthly_total, total)
    return {"households": inputs.n, "years_simulated": years, "build_s": build, "run_s": run,
            "per_year_s": run / years, "monthly_per_year_s": monthly_run / years,
            "income_total_yuan": total, "peak_rss_mb": peak_rss_mb(), "import_rss_mb": rss_import}


def child_naive(path: str, years: int) -> dict:
    from household_rules import HouseholdInputs, NaiveHouseholdModel
    rss_import = peak_rss_mb()
    inputs = HouseholdInputs.load(path)
    model, build = stopwatch(NaiveHouseholdModel, inputs)
    _, run = stopwatch(model.run, years)
    income = model.income_by_source()
    return {"households": inputs.n, "years_simulated": years, "build_s": build, "run_s": run,
            "per_year_s": run / years, "income_total_yuan": float(sum(a.sum() for a in income.values())),
            "peak_rss_mb": peak_rss_mb(), "import_rss_mb": rss_import}


def child_main(argv: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    kind, args = argv[0], argv[1:]
    if kind == "model":
        out = child_model(int(args[0]), int(args[1]), args[2])
    elif kind == "prepare":
        out = child_prepare(int(args[0]), args[1])
    elif kind == "numpy":
        out = child_numpy(args[0], int(args[1]))
    elif kind == "naive":
        out = child_naive(args[0], int(args[1]))
    else:
        raise SystemExit(f"unknown child kind {kind!r}")
    print("RESULT " + json.dumps(out))


def in_child(*args) -> dict:
    """Run one measurement in a fresh interpreter and return what it reports."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


# --- the parent: sizes, repeats, summary ---------------------------------------------------------
def repeated(runs: list[dict]) -> dict:
    """Best and median of the timings over repeats; memory as the largest peak."""
    out = dict(runs[0])
    for key in ("per_year_s", "household_per_year_s", "wage_clearing_per_year_s", "monthly_per_year_s", "build_s",
                "total_s", "total_cpu_s", "run_s"):
        if key in out:
            values = [r[key] for r in runs]
            out[key] = min(values)
            out[key + "_median"] = statistics.median(values)
    if "parts_per_year_s" in out:
        out["parts_per_year_s"] = {k: min(r["parts_per_year_s"].get(k, 0.0) for r in runs) for k in out["parts_per_year_s"]}
    out["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    out["repeats"] = len(runs)
    return out


def measure(sizes: list[int], years: int, naive_years: int, naive_max: int, repeat: int,
            naive_repeat: int, policies: str, log) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="cluster-sim-bench-") as tmp:
        for n in sizes:
            row: dict = {"households": n}
            log(f"{n:>9,} households: model ({repeat}x {years} years + base year) ...")
            row["model"] = repeated([in_child("model", n, years, policies) for _ in range(repeat)])
            inputs = Path(tmp) / f"inputs_{n}.npz"
            in_child("prepare", n, inputs)
            log(f"{n:>9,} households: numpy floor ({repeat}x {years + 1} years) ...")
            row["numpy"] = repeated([in_child("numpy", inputs, years + 1) for _ in range(repeat)])
            if n <= naive_max:
                log(f"{n:>9,} households: one Mesa agent per household ({naive_repeat}x {naive_years} years) ...")
                row["naive"] = repeated([in_child("naive", inputs, naive_years) for _ in range(naive_repeat)])
                rel = abs(row["naive"]["income_total_yuan"] / (row["numpy"]["income_total_yuan"] * naive_years / (years + 1)) - 1)
                row["naive"]["note"] = f"income per year vs numpy differs by {rel:.1e} (growth makes later years larger)"
            rows.append(row)
            log("   " + summary_line(row))
    return rows


def summary_line(row: dict) -> str:
    m, f = row["model"], row["numpy"]
    text = (f"model {m['per_year_s']:.4f} s/yr (households {m['household_per_year_s']:.4f}, "
            f"wage clearing {m['wage_clearing_per_year_s']:.4f}), "
            f"{m['peak_rss_mb']:.0f} MB; numpy {f['per_year_s']:.4f} s/yr "
            f"(monthly per household {f['monthly_per_year_s']:.4f})")
    if "naive" in row:
        text += f"; naive Mesa {row['naive']['per_year_s']:.3f} s/yr"
    return text


def cli_end_to_end(repeat: int, *scenario: str) -> dict:
    """`cluster-sim run [SCENARIO] --out DIR`, wall time, CPU time (user + system) and peak
    memory of each run: on a shared machine the CPU time shows what the wall time would be alone."""
    exe = Path(sys.executable).with_name("cluster-sim")
    times, cpu, rss = [], [], []
    for _ in range(repeat):
        out = Path(tempfile.mkdtemp(prefix="cluster-sim-cli-"))
        shutil.rmtree(out)
        cmd = [str(exe), "run", *scenario, "--out", str(out)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # a fresh process per run, so that ru_maxrss of the children is this run's
        probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        proc = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        rss.append(int(proc.stdout.split()[-1]) / 1024)
        shutil.rmtree(out, ignore_errors=True)
    return {"best_s": min(times), "median_s": statistics.median(times), "runs": len(times), "wall_s": times,
            "cpu_s": cpu, "peak_rss_mb": max(rss), "command": "cluster-sim run " + " ".join([*scenario, "--out DIR"])}


def machine() -> dict:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip()
    import mesa
    import numpy
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "free_h": free, "python": platform.python_version(),
            "numpy": numpy.__version__, "mesa": mesa.__version__,
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "load_start": os.getloadavg()}


# --- the record: table and plot ------------------------------------------------------------------
def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:,.0f}×" if a and b else "–"


def fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def table(results: dict) -> str:
    head = ["households", "villages", "clusters", "enterprises", "model s/year (best / median)",
            "model household step s/year", "model wage clearing s/year", "numpy floor s/year", "numpy, monthly per household s/year",
            "naive Mesa s/year", "naive ÷ model", "naive ÷ model household step",
            "model household step ÷ numpy floor", "model ÷ numpy floor", "model build s",
            "model build + run + tables s (CPU s)", "peak MB model / numpy / naive"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in results["rows"]:
        m, f, nv = row["model"], row["numpy"], row.get("naive", {})
        naive = nv.get("per_year_s")
        cells = [f"{m['households']:,}", f"{m['villages']:,}", f"{m['clusters']:,}", f"{m['enterprises']:,}",
                 f"{fmt_s(m['per_year_s'])} / {fmt_s(m['per_year_s_median'])}", fmt_s(m["household_per_year_s"]),
                 fmt_s(m.get("wage_clearing_per_year_s")),
                 fmt_s(f["per_year_s"]), fmt_s(f["monthly_per_year_s"]),
                 fmt_s(naive) if naive else "not run", ratio(naive, m["per_year_s"]),
                 ratio(naive, m["household_per_year_s"]),
                 f"{m['household_per_year_s'] / f['per_year_s']:.1f}×",
                 f"{m['per_year_s'] / f['per_year_s']:.1f}×",
                 fmt_s(m["build_s"]), f"{fmt_s(m['total_s'])} ({fmt_s(m.get('total_cpu_s'))})",
                 f"{m['peak_rss_mb']:.0f} / {f['peak_rss_mb']:.0f} / " + (f"{nv['peak_rss_mb']:.0f}" if nv else "–")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parts_table(results: dict) -> str:
    names = sorted({k for row in results["rows"] for k in row["model"]["parts_per_year_s"]})
    lines = ["| households | " + " | ".join(names) + " | other |", "|---|" + "---|" * (len(names) + 1)]
    for row in results["rows"]:
        m = row["model"]
        parts = m["parts_per_year_s"]
        other = m["per_year_s"] - sum(parts.values())
        lines.append(f"| {m['households']:,} | " + " | ".join(fmt_s(parts.get(k, 0.0)) for k in names)
                     + f" | {fmt_s(max(other, 0.0))} |")
    return "\n".join(lines)


def load(mc: dict, key: str) -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` prints them."""
    return " / ".join(f"{x:.1f}" for x in mc[key]) if key in mc else "not recorded"


def record_markdown(results: dict) -> str:
    mc, cfg = results["machine"], results["config"]
    policies = ", ".join(results["rows"][-1]["model"]["policies"]) or "none (no policy modules registered)"
    text = [
        f"Measured {mc['date']} with `{cfg['command']}` — {mc['cpus']} CPUs ({mc['cpu_model']}), "
        f"Python {mc['python']}, numpy {mc['numpy']}, Mesa {mc['mesa']}; others were using the machine "
        f"(load average {load(mc, 'load_start')} at the start, {load(mc, 'load_end')} at the end), so "
        f"timings are the best (and median) of {cfg['repeat']} runs for the model and the numpy floor, "
        f"{cfg['naive_repeat']} for the naive Mesa version.",
        "",
        "```", f"$ nproc\n{mc['cpus']}\n$ free -h\n{mc['free_h']}", "```",
        "",
        f"Model: base year + {cfg['years']} years of monthly steps, policies on: {policies}. "
        f"Numpy floor (both ways): {cfg['years'] + 1} years. Naive Mesa: {cfg['naive_years']} years. "
        "Every column is per simulated year; \"model\" is the whole model (households, enterprises, "
        "collectives, policies, ledger, yearly records).",
        "",
        table(results),
        "",
        "Where the model's year goes (best run, s/year):",
        "",
        parts_table(results),
    ]
    for label, key in (("Pinghu (embedded scenario), 10 years", "pinghu"),
                       ("Province (`scenarios/synthetic_province.toml`: 1e6 households, every policy, 10 years)",
                        "province")):
        run = results.get(key)
        if run:
            text += ["", f"{label}, end to end from the CLI, writing results (`{run['command']}`): wall best "
                         f"{run['best_s']:.2f} s, median {run['median_s']:.2f} s over {run['runs']} runs "
                         f"(each: {', '.join(f'{t:.2f}' for t in run.get('wall_s', []))} s); CPU time "
                         f"{', '.join(f'{t:.2f}' for t in run.get('cpu_s', []))} s; peak memory "
                         f"{run.get('peak_rss_mb', 0):.0f} MB."]
    return "\n".join(text)


def write_readme(results: dict) -> None:
    path = HERE / "README.md"
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    text = path.read_text("utf-8") if path.exists() else f"# Benchmarks\n\n{start}\n{end}\n"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{record_markdown(results)}\n{end}{after}", "utf-8")


COLOURS = {"model": "tab:blue", "household": "tab:cyan", "numpy": "tab:green", "numpy_monthly": "tab:olive",
           "naive": "tab:red"}


def plot(results: dict, path: Path) -> Path:
    import matplotlib.pyplot as plt

    from cluster_sim.outputs.figures import setup_cjk_font
    setup_cjk_font()
    rows = results["rows"]
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11.5, 4.8), dpi=110)
    series = {  # label: (kind, key, colour, style)
        "模型（全部政策）whole model, all policies": ("model", "per_year_s", "model", "o-"),
        "模型农户步骤 model household step": ("model", "household_per_year_s", "household", "s--"),
        "numpy 下限 numpy floor (yearly bases × monthly village rates)": ("numpy", "per_year_s", "numpy", "^-"),
        "numpy 逐月逐户 numpy, monthly per household": ("numpy", "monthly_per_year_s", "numpy_monthly", "v:"),
        "每户一个 Mesa Agent naive Mesa, one Agent per household": ("naive", "per_year_s", "naive", "D-"),
    }
    for label, (kind, key, colour, style) in series.items():
        pts = [(r["households"], r[kind][key]) for r in rows if kind in r and key in r[kind]]
        if pts:
            ax_t.plot(*zip(*pts, strict=True), style, color=COLOURS[colour], label=label, ms=5)
    n = [r["households"] for r in rows]
    top = rows[-1]["model"]["per_year_s"]
    ax_t.plot(n, [top * x / n[-1] for x in n], ":", color="grey", lw=1, label="线性 linear (∝ households)")
    ax_t.set_title("每模拟年耗时 Wall time per simulated year")
    ax_t.set_ylabel("秒/年 seconds per year")
    for label, (kind, style) in {"模型 model": ("model", "o-"),
                                 "numpy 下限（两种写法，同一进程）numpy floors, both ways, one process": ("numpy", "^-"),
                                 "每户一个 Agent naive Mesa": ("naive", "D-")}.items():
        pts = [(r["households"], r[kind]["peak_rss_mb"]) for r in rows if kind in r]
        if pts:
            ax_m.plot(*zip(*pts, strict=True), style, color=COLOURS[kind], label=label, ms=5)
    ax_m.axhline(2048, color="red", lw=0.8, ls="--", label="目标 target 2 GiB")
    ax_m.set_title("峰值内存 Peak memory (RSS of the process, incl. ~150 MB imports)")
    ax_m.set_ylabel("MB")
    for ax in (ax_t, ax_m):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("农户数 households (villages ≈ households / 285)")
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=7)
    fig.suptitle(f"cluster-sim 规模测试 scaling — {results['machine']['cpus']} CPUs, {results['machine']['date'][:10]}")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        child_main(argv[1:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1e3 and 1e4 households, 2 years, one repeat; writes nothing unless --out")
    ap.add_argument("--sizes", default=None, help="comma-separated household counts (default 1e3,1e4,1e5,1e6)")
    ap.add_argument("--years", type=int, default=None, help="model years after the base year (default 10)")
    ap.add_argument("--naive-years", type=int, default=None, help="years of the naive Mesa version (default 2)")
    ap.add_argument("--naive-max", type=float, default=1e5, help="largest size run the naive way (default 1e5)")
    ap.add_argument("--repeat", type=int, default=None, help="runs of the model and the floor at each size (default 3)")
    ap.add_argument("--naive-repeat", type=int, default=None, help="runs of the naive version (default 2)")
    ap.add_argument("--policies", choices=("all", "none"), default="all")
    ap.add_argument("--no-pinghu", action="store_true", help="skip the Pinghu end-to-end CLI timing")
    ap.add_argument("--province-runs", type=int, default=None,
                    help="end-to-end CLI runs of the 1e6-household province (default 2; --quick: 0)")
    ap.add_argument("--out", default=None, help="results JSON (default benchmarks/results.json; --quick: none)")
    ap.add_argument("--from-json", default=None, help="measure nothing: redraw the plot and README table from a results JSON")
    args = ap.parse_args(argv)
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text("utf-8"))
        plot(results, Path(args.from_json).with_name("scaling.png"))
        if Path(args.from_json).resolve() == (HERE / "results.json").resolve():
            write_readme(results)
        return 0
    quick = args.quick
    sizes = [int(float(s)) for s in args.sizes.split(",")] if args.sizes else ([1000, 10_000] if quick else [1000, 10_000, 100_000, 1_000_000])
    years = args.years if args.years is not None else (2 if quick else 10)
    naive_years = args.naive_years if args.naive_years is not None else (1 if quick else 2)
    repeat = args.repeat or (1 if quick else 3)
    naive_repeat = args.naive_repeat or (1 if quick else 2)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    results = {"machine": machine(),
               "config": {"command": " ".join([".venv/bin/python benchmarks/run.py"] + argv), "sizes": sizes,
                          "years": years, "naive_years": naive_years, "repeat": repeat, "naive_repeat": naive_repeat,
                          "policies": args.policies}}
    results["rows"] = measure(sizes, years, naive_years, int(args.naive_max), repeat, naive_repeat, args.policies, log)
    if not args.no_pinghu:
        log("Pinghu end to end (cluster-sim run) ...")
        results["pinghu"] = cli_end_to_end(2 if quick else 5)
    province_runs = args.province_runs if args.province_runs is not None else (0 if quick else 2)
    if province_runs:
        log(f"province end to end ({province_runs}x cluster-sim run scenarios/synthetic_province.toml) ...")
        results["province"] = cli_end_to_end(province_runs, "scenarios/synthetic_province.toml")
    results["machine"]["load_end"] = os.getloadavg()
    print(record_markdown(results))
    out = args.out or (None if quick else str(HERE / "results.json"))
    if out:
        Path(out).write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
        plot(results, Path(out).with_name("scaling.png"))
        if Path(out).resolve() == (HERE / "results.json").resolve():
            write_readme(results)
        log(f"written: {out}, {Path(out).with_name('scaling.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
