"""``cluster-sim calibrate`` and ``cluster-sim evidence {sensitivity,replications,validation}``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from cluster_sim.scenario.errors import ScenarioError

from .provenance import command_line


def register(subparsers: argparse._SubParsersAction) -> None:
    cal = subparsers.add_parser(
        "calibrate", help="fit base-year level parameters by simulated method of moments (writes calibration.json)",
        description="Fit a few base-year level parameters to the DOMAIN.md base-year moments across common seeds "
                    "(scipy.optimize Nelder-Mead), refit each seed for the spread, and write "
                    "src/cluster_sim/scenario/data/calibration.json and docs/calibration_fit.md. "
                    "With --apply the embedded default scenario uses the fitted values.")
    cal.add_argument("--param", action="append", metavar="PATH",
                     help="registry parameter to fit (repeatable; default: the four level parameters)")
    cal.add_argument("--seeds", type=int, default=10, help="common seeds (default 10)")
    cal.add_argument("--max-evaluations", type=int, default=80, help="objective evaluations of the pooled fit")
    cal.add_argument("--refit-evaluations", type=int, default=25,
                     help="evaluations of each per-seed refit (0: no spread)")
    cal.add_argument("--households", type=int, default=None, help="a smaller county (default: the scenario's)")
    cal.add_argument("--workers", type=int, default=2, help="processes across seeds (default 2)")
    cal.add_argument("--json", default=None, help="output JSON (default src/cluster_sim/scenario/data/calibration.json)")
    cal.add_argument("--doc", default="docs/calibration_fit.md", help="output page (default docs/calibration_fit.md)")
    cal.add_argument("--apply", action="store_true",
                     help="the embedded default scenario takes the fitted values (else the priors stay)")
    cal.set_defaults(func=calibrate_command)

    ev = subparsers.add_parser("evidence", help="regenerate docs/sensitivity.md, docs/replications.md, "
                               "docs/validation.md")
    sub = ev.add_subparsers(dest="study", required=True)
    sens = sub.add_parser("sensitivity", help="Morris, Sobol and policy-ranking robustness → docs/sensitivity.md")
    sens.add_argument("--small", action="store_true", help="the CI version (small county, few parameters)")
    sens.add_argument("--workdir", default=None, help="with --small: folder for files, results and the page")
    sens.add_argument("--workers", type=int, default=None, help="worker processes (default: CPU count)")
    sens.set_defaults(func=sensitivity_command)
    rep = sub.add_parser("replications", help="paired-difference SD → replications needed → docs/replications.md")
    rep.add_argument("--pilot", type=int, default=10, help="seeds measured (default 10)")
    rep.add_argument("--years", type=int, default=5, help="years simulated (default 5)")
    rep.add_argument("--workers", type=int, default=None)
    rep.set_defaults(func=replications_command)
    val = sub.add_parser("validation", help="measure every validation pattern → docs/validation.md")
    val.add_argument("--seeds", type=int, default=None, help="seeds per pattern (default 10, or $CLUSTER_SIM_VALIDATION_SEEDS)")
    val.add_argument("--doc", default="docs/validation.md")
    val.set_defaults(func=validation_command)


def calibrate_command(args: argparse.Namespace) -> int:
    from .calibrate import DATA, DEFAULT_PARAMETERS, calibrate

    try:
        result = calibrate(tuple(args.param or DEFAULT_PARAMETERS), seeds=args.seeds, households=args.households,
                           max_evaluations=args.max_evaluations, refit_evaluations=args.refit_evaluations,
                           workers=args.workers, data=Path(args.json) if args.json else DATA, doc=Path(args.doc),
                           command=command_line(), apply=args.apply)
    except KeyError as err:
        print(f"error: {err.args[0]}", file=sys.stderr)
        return 2
    print(f"objective {result['objective']:.4g} (defaults {result['objective_at_defaults']:.4g}); "
          f"written: {args.json or DATA}, {args.doc}")
    return 0


def sensitivity_command(args: argparse.Namespace) -> int:
    from .sensitivity_study import FULL, SMALL, Paths, run_study

    if args.small and not args.workdir:
        print("error: --small needs --workdir (a folder for its files; the full study writes docs/)", file=sys.stderr)
        return 2
    paths = Paths.under(Path(args.workdir)) if args.workdir else Paths.full()
    try:
        result = run_study(SMALL if args.small else FULL, paths, workers=args.workers, command=command_line())
    except (ScenarioError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"written: {result.paths.doc}")
    return 0


def replications_command(args: argparse.Namespace) -> int:
    from .replications import Plan, measure

    table = measure(replace(Plan(), pilot=args.pilot, years=args.years), workers=args.workers, command=command_line())
    print(table.to_string(index=False))
    return 0


def validation_command(args: argparse.Namespace) -> int:
    from .patterns import write_document

    path, failed = write_document(Path(args.doc), seeds=args.seeds, command=command_line())
    print(f"written: {path}; patterns missed: {failed}")
    return 0
