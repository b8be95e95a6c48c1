"""``cluster-sim dev calibrate`` and ``cluster-sim dev evidence {sensitivity,replications,validation,scenarios,baseline,pairing}``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from cluster_sim.console import MAX_REPS, MAX_SEED, MAX_WORKERS, whole_number
from cluster_sim.scenario.errors import ScenarioError

from .provenance import command_line


def register(subparsers: argparse._SubParsersAction) -> None:
    """The developer commands, under ``cluster-sim dev``: a user's ``cluster-sim --help`` lists
    what a user runs; these regenerate files of the source tree (docs/, the embedded data)."""
    dev = subparsers.add_parser(
        "dev", help="developer commands: refit the calibration, regenerate the evidence pages (they write into "
                    "the source tree, docs/ and src/cluster_sim/scenario/data/)",
        description="Commands for the model's developers. They regenerate committed files of a source checkout: "
                    "calibrate --json/--doc, evidence validation --doc, evidence baseline/scenarios --out and "
                    "evidence sensitivity --small --workdir write elsewhere when told; the full sensitivity and "
                    "replications studies write the checkout's docs/ and experiments/.")
    dev_commands = dev.add_subparsers(dest="dev_command", required=True)
    cal = dev_commands.add_parser(
        "calibrate", help="fit base-year level parameters by simulated method of moments (writes calibration.json)",
        description="Fit a few base-year level parameters to the DOMAIN.md base-year moments across common seeds "
                    "(scipy.optimize Nelder-Mead), refit each seed for the spread, and write "
                    "src/cluster_sim/scenario/data/calibration.json and docs/calibration_fit.md. "
                    "With --apply the embedded default scenario uses the fitted values.")
    cal.add_argument("--param", action="append", metavar="PATH",
                     help="registry parameter to fit (repeatable; default: the four level parameters)")
    cal.add_argument("--seeds", type=whole_number(1, MAX_REPS), default=10, help="common seeds (default 10)")
    cal.add_argument("--max-evaluations", type=whole_number(1, 100_000), default=80, help="objective evaluations of the pooled fit")
    cal.add_argument("--refit-evaluations", type=whole_number(0, 100_000), default=25,
                     help="evaluations of each per-seed refit (0: no spread)")
    cal.add_argument("--households", type=whole_number(1, 10_000_000), default=None, help="a smaller county (default: the scenario's)")
    cal.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=2, help="processes across seeds (default 2)")
    cal.add_argument("--json", default=None, help="output JSON (default src/cluster_sim/scenario/data/calibration.json)")
    cal.add_argument("--doc", default="docs/calibration_fit.md", help="output page (default docs/calibration_fit.md)")
    cal.add_argument("--apply", action="store_true",
                     help="the embedded default scenario takes the fitted values (else the priors stay)")
    cal.set_defaults(func=calibrate_command)

    ev = dev_commands.add_parser("evidence", help="regenerate docs/sensitivity.md, docs/replications.md, "
                               "docs/validation.md, docs/scenarios.md, docs/baseline.md")
    sub = ev.add_subparsers(dest="study", required=True)
    sens = sub.add_parser("sensitivity", help="Morris, Sobol and policy-ranking robustness → docs/sensitivity.md")
    sens.add_argument("--small", action="store_true", help="the CI version (small county, few parameters)")
    sens.add_argument("--workdir", default=None, help="with --small: folder for files, results and the page")
    sens.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None, help="worker processes (default: CPU count)")
    sens.set_defaults(func=sensitivity_command)
    rep = sub.add_parser("replications", help="paired-difference SD → replications needed → docs/replications.md")
    rep.add_argument("--pilot", type=whole_number(2, MAX_REPS), default=10, help="seeds measured (default 10)")
    rep.add_argument("--years", type=whole_number(1, 100), default=5, help="years simulated (default 5)")
    rep.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None)
    rep.set_defaults(func=replications_command)
    val = sub.add_parser("validation", help="measure every validation pattern → docs/validation.md")
    val.add_argument("--seeds", type=whole_number(1, MAX_REPS), default=None, help="seeds per pattern (default 10, or $CLUSTER_SIM_VALIDATION_SEEDS)")
    val.add_argument("--doc", default="docs/validation.md")
    val.set_defaults(func=validation_command)
    base = sub.add_parser("baseline", help="decompose the baseline's growth by source, switch its assumptions off, "
                          "check the province target per package → docs/baseline.md")
    base.add_argument("--out", default="docs/baseline.md", help="page to write (default docs/baseline.md)")
    base.add_argument("--households", type=whole_number(1, 10_000_000), default=None, help="a smaller county (the CI version)")
    base.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None, help="worker processes (default 2)")
    base.set_defaults(func=baseline_command)
    pair = sub.add_parser("pairing", help="when pairing narrows the strong/weak gap: channels, one mechanism off at a "
                          "time, sampled futures → docs/pairing.md")
    pair.add_argument("--out", default="docs/pairing.md", help="page to write (default docs/pairing.md)")
    pair.add_argument("--futures", type=whole_number(2, 10_000), default=40, help="sampled futures (default 40)")
    pair.add_argument("--years", type=whole_number(1, 100), default=10, help="years simulated (default 10)")
    pair.add_argument("--households", type=whole_number(1, 10_000_000), default=None, help="a smaller county (the CI version)")
    pair.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None, help="worker processes (default 2)")
    pair.set_defaults(func=pairing_command)
    opt = sub.add_parser("optimize", help="the Pinghu policy-mix search (experiments/optimize_pinghu.toml) "
                         "→ docs/optimize.md")
    opt.add_argument("--out", default="docs/optimize.md", help="page to write (default docs/optimize.md)")
    opt.add_argument("--workdir", default=None, help="folder for the search's runs (resumed when it holds them; "
                     "default: a temporary folder)")
    opt.add_argument("--small", action="store_true", help="the file's [small] sizes (the CI version)")
    opt.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None, help="worker processes (default: CPU count)")
    opt.set_defaults(func=optimize_command)
    form = sub.add_parser("formation", help="clusters the villages form themselves against the designated ones, "
                          "who is left out and why → docs/formation.md")
    form.add_argument("--out", default="docs/formation.md", help="page to write (default docs/formation.md)")
    form.add_argument("--reps", type=whole_number(1, MAX_REPS), default=None, help="paired replications (default: compare's)")
    form.add_argument("--years", type=whole_number(1, 100), default=None, help="years simulated (default: the scenarios')")
    form.add_argument("--households", type=whole_number(1, 10_000_000), default=None, help="a smaller county (the CI version)")
    form.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None, help="worker processes (default: CPU count)")
    form.add_argument("--no-province", action="store_true", help="skip timing formation on the synthetic province")
    form.set_defaults(func=formation_command)
    sce = sub.add_parser("scenarios", help="answer every scenario's question against the baseline → docs/scenarios.md")
    scenario_arguments(sce)
    sce.set_defaults(func=scenarios_command)


def scenario_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``evidence scenarios`` (also ``python -m cluster_sim.docs.scenarios``)."""
    p.add_argument("--scenarios", default="scenarios", help="folder of scenario files (default scenarios/)")
    p.add_argument("--out", default="docs/scenarios.md", help="page to write (default docs/scenarios.md)")
    p.add_argument("--reps", type=whole_number(1, MAX_REPS), default=None, help="replications (default: compare's, docs/replications.md)")
    p.add_argument("--seed", type=whole_number(0, MAX_SEED), default=None, help="root seed (default: compare's)")
    p.add_argument("--years", type=whole_number(1, 100), default=None, help="years simulated (default: the scenarios')")
    p.add_argument("--households", type=whole_number(1, 10_000_000), default=None, help="a smaller county (the CI version)")
    p.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None, help="worker processes (default: CPU count)")


def optimize_command(args: argparse.Namespace) -> int:
    from .optimize_page import write

    path = write(Path(args.out), workdir=Path(args.workdir) if args.workdir else None, small=args.small,
                 workers=args.workers, command=command_line())
    print(f"written: {path}")
    return 0


def formation_command(args: argparse.Namespace) -> int:
    from .formation_page import write

    path = write(Path(args.out), args.reps, args.years, args.households, args.workers,
                 province=not args.no_province, command=command_line())
    print(f"written: {path}")
    return 0


def scenarios_command(args: argparse.Namespace) -> int:
    from cluster_sim.docs.scenarios import write
    from cluster_sim.report.compare import DEFAULT_REPS, DEFAULT_SEED

    reps = DEFAULT_REPS if args.reps is None else args.reps
    if reps < 1 or (args.years is not None and args.years < 1) or (args.households is not None and args.households < 1):
        print("error: --reps, --years and --households must be at least 1", file=sys.stderr)
        return 2
    try:
        path = write(Path(args.scenarios), Path(args.out), reps, DEFAULT_SEED if args.seed is None else args.seed,
                     args.years, args.households, args.workers, command_line())
    except ScenarioError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"written: {path}")
    return 0


def baseline_command(args: argparse.Namespace) -> int:
    from .baseline import write

    if args.households is not None and args.households < 1:
        print("error: --households must be at least 1", file=sys.stderr)
        return 2
    path = write(Path(args.out), households=args.households, workers=args.workers, command=command_line())
    print(f"written: {path}")
    return 0


def pairing_command(args: argparse.Namespace) -> int:
    from .pairing_conditions import write

    path = write(Path(args.out), years=args.years, futures=args.futures, households=args.households,
                 workers=args.workers, command=command_line())
    print(f"written: {path}")
    return 0


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
