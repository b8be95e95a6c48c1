"""The ``optimize`` command; the main CLI registers it on its subparsers."""

from __future__ import annotations

import argparse
import sys

from cluster_sim.console import MAX_WORKERS, add_output_flags, emit_json, note, records, whole_number
from cluster_sim.experiments.cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, add_backend_flags
from cluster_sim.experiments.ordered import default_backend
from cluster_sim.experiments.sweep import ResultsExist
from cluster_sim.outputs.folders import OutputError
from cluster_sim.scenario.errors import ScenarioError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "optimize", help="search policy mixes (NSGA-II): the cheapest that meet the province target",
        description="Search an optimisation file's levers for the Pareto front of its objectives under its "
                    "constraints, over one reference future or robustly over many. Runs go to "
                    "results/<name>/runs; candidates, front and convergence (CSV, Parquet), front.png, "
                    "parallel.png and report.md beside them. Exit status: 0 done, 2 bad input, 130 interrupted "
                    "(run again with --resume).")
    p.add_argument("experiment", help="optimisation file (experiments/*.toml, e.g. optimize_pinghu.toml)")
    add_backend_flags(p)
    p.add_argument("--workers", type=whole_number(1, MAX_WORKERS), metavar="N", help="worker processes (default: CPU count)")
    p.add_argument("--resume", action="store_true", help="continue a search in --out: finished runs are not run again")
    p.add_argument("--small", action="store_true", help="the file's [small] sizes (a quick check, as CI runs it)")
    p.add_argument("--out", metavar="DIR", help="results folder (default: results/<name>)")
    add_output_flags(p)
    p.set_defaults(func=optimize_command)


def optimize_command(args: argparse.Namespace) -> int:
    from .run import optimize

    try:
        result = optimize(args.experiment, out=args.out, backend=default_backend(args.backend, args.scheduler),
                          workers=args.workers, scheduler=args.scheduler, resume=args.resume,
                          progress=False if args.quiet else None, small=args.small)
    except (ScenarioError, ResultsExist, OutputError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted: finished runs are saved; run again with --resume to continue the search", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.json:
        emit_json({"experiment": str(args.experiment), "out": str(result.out), "candidates": len(result.candidates),
                   "runs": result.runs_done, "front": records(result.front)})
    else:
        print(f"{len(result.candidates)} candidates, {len(result.front)} on the front, "
              f"{result.runs_done} runs this time ({result.seconds:.0f} s)")
    note(args, f"results: {result.out} (front.csv, candidates.csv, convergence.csv, report.md)")
    return EXIT_OK
