"""The ``sweep`` and ``sensitivity`` commands; the main CLI registers them on its subparsers."""

from __future__ import annotations

import argparse
import sys

from cluster_sim.console import MAX_WORKERS, add_output_flags, emit_json, note, records, whole_number
from cluster_sim.scenario.errors import ScenarioError

from .evaluators import BACKENDS
from .experiment import load_experiment
from .ordered import default_backend
from .sweep import DEFAULT_RESULTS, ResultsExist, run_experiment, summary

EXIT_OK, EXIT_RUNS_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_backend_flags(p: argparse.ArgumentParser) -> None:
    """--backend and --scheduler, the same for every command that runs many runs."""
    p.add_argument("--backend", choices=BACKENDS, default=None,
                   help="where runs execute (default: local processes; dask when --scheduler is given)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="address of a running Dask scheduler, e.g. tcp://host:8786")


def add_sweep_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "sweep", help="run an experiment (design × replications) and store its results",
        description="Run every run of an experiment file and write results/<name>/runs/*.parquet. "
                    "Exit status: 0 all runs ok, 1 some runs failed (listed), 2 bad input, 130 interrupted.")
    p.add_argument("experiment", help="experiment file (experiments/*.toml)")
    add_backend_flags(p)
    p.add_argument("--workers", type=whole_number(1, MAX_WORKERS), metavar="N", help="worker processes (default: CPU count)")
    p.add_argument("--resume", action="store_true", help="keep the runs already in --out and run only the rest")
    p.add_argument("--retry-failed", action="store_true",
                   help="with --resume: also run again the runs that failed (their failure rows are dropped)")
    p.add_argument("--out", metavar="DIR", help=f"results folder (default: {DEFAULT_RESULTS}/<experiment name>)")
    add_output_flags(p)
    p.set_defaults(func=sweep_command)
    return p


def add_sensitivity_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "sensitivity", help="Sobol or Morris indices from a finished sweep",
        description="Read a sweep's results and write sensitivity.csv and sensitivity.png beside them.")
    p.add_argument("experiment", help="experiment file (design = 'sobol' or 'morris')")
    p.add_argument("--out", metavar="DIR", help=f"results folder of the sweep (default: {DEFAULT_RESULTS}/<name>)")
    p.set_defaults(func=sensitivity_command)
    return p


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``sweep`` and ``sensitivity`` to the main ``cluster-sim`` command."""
    add_sweep_parser(subparsers)
    add_sensitivity_parser(subparsers)


def sweep_command(args: argparse.Namespace) -> int:
    backend = default_backend(args.backend, args.scheduler)
    try:
        results = run_experiment(args.experiment, backend=backend, workers=args.workers,
                                 scheduler=args.scheduler, resume=args.resume, out=args.out,
                                 retry_failed=args.retry_failed, progress=False if args.quiet else None)
    except (ScenarioError, ResultsExist, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted: finished runs are saved; run again with --resume to complete the sweep",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    out = args.out or DEFAULT_RESULTS / load_experiment(args.experiment).name
    if args.json:
        failed = results[results["status"] != "ok"]
        emit_json({"experiment": str(args.experiment), "out": str(out), "runs": len(results),
                   "ok": len(results) - len(failed), "failed": len(failed),
                   "failures": records(failed)})
    else:
        print(summary(results))
    note(args, f"results: {out}/runs (load with cluster_sim.experiments.store or pandas.read_parquet)")
    return EXIT_RUNS_FAILED if (results["status"] != "ok").any() else EXIT_OK


def sensitivity_command(args: argparse.Namespace) -> int:
    from .sensitivity import sensitivity

    try:
        experiment = load_experiment(args.experiment)
        out = args.out or DEFAULT_RESULTS / experiment.name
        table = sensitivity(experiment, out=out)
    except (ScenarioError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(table.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    print(f"written: {out}/sensitivity.csv, {out}/sensitivity.png", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m cluster_sim.experiments.cli``), for use before the main CLI wires these in."""
    parser = argparse.ArgumentParser(prog="cluster-sim")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
