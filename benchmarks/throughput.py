"""Sweep throughput: how many Pinghu runs with every package on a researcher gets per core-minute,
through ``cluster-sim sweep`` (local worker processes) and through ``evaluate()`` in one process.

    .venv/bin/python benchmarks/throughput.py                  # 40 sweep runs on 2 workers, 5 evaluates
    .venv/bin/python benchmarks/throughput.py --runs 100 --workers 2 --evaluates 10

The sweep is a Latin hypercube over three economy parameters of ``scenarios/full_cluster.toml``
(10 years, one outcome), written to a temporary folder; its CPU time is the children's user +
system time (``RUSAGE_CHILDREN``), so it includes the workers' start and imports, as a real sweep
does. ``evaluate()`` is timed after one warm-up call (imports and the layout kept by the
process), CPU time of this process. The result is appended to ``benchmarks/throughput.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "full_cluster.toml"
EXPERIMENT = """name = "throughput"
description = "sweep throughput benchmark"
scenario = "{scenario}"
years = 10
replications = 1
root_seed = 7
design = "lhs"
samples = {runs}

[uncertainties."economy.wage_growth"]
low = 0.03
high = 0.07

[uncertainties."economy.business_growth"]
low = 0.03
high = 0.07

[uncertainties."economy.land_rent_yuan_mu_year"]
low = 750.0
high = 1250.0

[[outcomes]]
name = "farmer_income"
column = "farmer_income_per_capita_yuan"
at = "final"
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sweep(runs: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        experiment = Path(tmp) / "throughput.toml"
        experiment.write_text(EXPERIMENT.format(scenario=SCENARIO.as_posix(), runs=runs), "utf-8")
        cli = Path(sys.executable).with_name("cluster-sim")
        cpu0, wall0 = children_cpu(), time.perf_counter()
        subprocess.run([str(cli), "sweep", str(experiment), "--out", str(Path(tmp) / "out"),
                        "--workers", str(workers), "--quiet"], check=True)
        wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
    return {"runs": runs, "workers": workers, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "runs_per_core_minute": round(runs / (wall * workers / 60), 1),
            "runs_per_cpu_minute": round(runs / (cpu / 60), 1),
            "wall_min_for_10000_runs": round(10_000 / runs * wall / 60, 1)}


def evaluates(n: int) -> dict:
    from cluster_sim import evaluate

    evaluate(scenario=SCENARIO, seed=0, outcomes=["farmer_income_per_capita_yuan"])  # warm-up
    times = []
    for seed in range(1, n + 1):
        t = time.process_time()
        evaluate(scenario=SCENARIO, seed=seed, outcomes=["farmer_income_per_capita_yuan"])
        times.append(time.process_time() - t)
    times.sort()
    return {"runs": n, "cpu_s_best": round(times[0], 3), "cpu_s_median": round(times[len(times) // 2], 3),
            "runs_per_cpu_minute": round(60 / times[len(times) // 2], 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="sweep runs (default 40)")
    parser.add_argument("--workers", type=int, default=2, help="sweep worker processes (default 2)")
    parser.add_argument("--evaluates", type=int, default=5, help="evaluate() calls timed (default 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "throughput.json")
    args = parser.parse_args(argv)
    record = {"measured": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
              "load_start": [round(x, 2) for x in os.getloadavg()]}
    record["evaluate"] = evaluates(args.evaluates)
    record["sweep"] = sweep(args.runs, args.workers)
    record["load_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(record, ensure_ascii=False, indent=1))
    history = json.loads(args.out.read_text("utf-8")) if args.out.exists() else []
    args.out.write_text(json.dumps([*history, record], ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
