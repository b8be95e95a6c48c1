"""The ``cluster-sim`` command: thin argument parsing over the package's functions."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from pathlib import Path

from .console import add_output_flags, emit_json, guarded, note, records
from .experiments.ordered import RunFailed
from .scenario import ScenarioError, check_param, check_seed, load_scenario, parse_set_args

# Other commands live beside the code they drive; each module exposes register(subparsers).
COMMAND_MODULES = ("cluster_sim.experiments.cli", "cluster_sim.report.cli", "cluster_sim.app.cli",
                   "cluster_sim.evidence.cli", "cluster_sim.optimize.cli")


def default_run_folder(spec, seed: int, years: int | None) -> Path:
    """``results/<name>_<hash of the resolved scenario and years>_seed<seed>``: one folder per
    distinct run, so a changed scenario never lands in another's folder."""
    from .scenario.identity import digest
    from .scenario.text import folder_name

    return Path("results") / f"{folder_name(spec.name)}_{digest(spec.data, years)}_seed{seed}"


def cmd_run(args: argparse.Namespace) -> int:
    from .outputs.figures import check_cjk_font
    from .outputs.folders import claim_output
    from .outputs.run_output import format_summary, policy_flows, summary_table, write_run
    from .progress import counting
    from .runner import simulate
    from .scenario.identity import named_for_overrides

    overrides = parse_set_args(args.set)
    spec = named_for_overrides(_load(args), overrides)  # file, --set, --years: validated before anything runs
    out = Path(args.out) if args.out else default_run_folder(spec, args.seed, args.years)
    with claim_output(out, force=args.force):  # refuse a folder we may not replace, before simulating
        check_cjk_font()  # warns now, not after the run, when figures will have to be skipped
        with counting("模拟进度 progress", "年 years", show=not args.quiet) as progress:
            result = simulate(spec, seed=args.seed, progress=progress)
        write_run(result, out, " ".join(["cluster-sim"] + sys.argv[1:]), force=args.force)
    title = spec.data["meta"]["title_zh"] or spec.name
    table, contributions = summary_table(result.county_year), policy_flows(result)
    if args.json:
        emit_json({"scenario": spec.name, "title": title, "seed": args.seed, "years": result.years,
                   "out": str(out), "summary": records(table), "policy_flows": records(contributions)})
        return 0
    print(f"{title}  (seed {args.seed}, {result.years} years after {spec.data['simulation']['start_year']})")
    print(format_summary(table))
    if len(contributions):
        print("\n各政策所用资金流（末年；含基准经济中的同类资金）"
              "Flows in the categories each active policy uses (final year; includes baseline flows of the same kind):")
        print(contributions.to_string(index=False, float_format=lambda x: f"{x:,.1f}"))
    note(args, f"结果已写入 results written to: {out}")
    return 0


def _load(args: argparse.Namespace):
    """The scenario as ``run`` and ``validate`` both see it: file, then ``--set``, then ``--years``."""
    spec = load_scenario(args.scenario, parse_set_args(args.set), origin="--set")
    if getattr(args, "years", None) is not None:
        spec = load_scenario(spec, {"simulation.years": args.years}, origin=f"--years {args.years}")
    return spec


def cmd_validate(args: argparse.Namespace) -> int:
    from .classroom.config import is_classroom_file

    if args.scenario and is_classroom_file(args.scenario):
        from .app.cli import cmd_check

        return cmd_check(argparse.Namespace(file=args.scenario))
    spec = _load(args)
    active = ", ".join(spec.active_policies()) or "none"
    print(f"OK: {spec.source} — scenario '{spec.name}', {spec.data['county']['villages']} villages, "
          f"{spec.data['county']['households']} households; policies on: {active}")
    return 0


def _checked(check):
    """An argparse type from one of the scenario checks, so the CLI refuses what the model would."""
    def parse(text: str):
        try:
            value = float(text) if "." in text or "e" in text.lower() else int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        try:
            return check(value)
        except ScenarioError as exc:
            raise argparse.ArgumentTypeError(f"{exc.problem} (allowed: {exc.allowed})") from None
    return parse


_years = _checked(lambda v: check_param("--years", "simulation.years", v))
_seed = _checked(lambda v: check_seed("--seed", v))


def package_version() -> str:
    """The installed distribution's version (the package's own when run from a source tree)."""
    from importlib import metadata

    try:
        return metadata.version("cluster-sim")
    except metadata.PackageNotFoundError:
        from . import __version__
        return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cluster-sim", description="乡村片区组团发展模拟 — village-cluster development simulation")
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run one scenario (default: embedded Pinghu) and write its results")
    run.add_argument("scenario", nargs="?", default=None, help="scenario TOML (default: embedded Pinghu)")
    run.add_argument("--years", type=_years, default=None, help="years after the base year (default: scenario's)")
    run.add_argument("--seed", type=_seed, default=2024, help="random seed, a whole number >= 0 (default 2024)")
    run.add_argument("--out", default=None, help="results folder (default results/<scenario>_<hash>_seed<seed>); "
                     "must be new, empty, or a results folder cluster-sim wrote (then with --force)")
    run.add_argument("--force", action="store_true",
                     help="replace an existing results folder that cluster-sim wrote (never anything else)")
    run.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a parameter, e.g. economy.wage_growth=0.06")
    add_output_flags(run)
    run.set_defaults(func=cmd_run)

    val = sub.add_parser("validate", help="check a scenario file and report what it sets")
    val.add_argument("scenario", nargs="?", default=None)
    val.add_argument("--set", action="append", metavar="KEY=VALUE")
    val.add_argument("--years", type=_years, default=None, help="check with this many years (as run --years)")
    val.set_defaults(func=cmd_validate)

    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(sub)
    return parser


def os_problem(exc: OSError) -> str:
    """What the operating system refused, naming the file, with what the user can do."""
    where = " → ".join(str(f) for f in (exc.filename, exc.filename2) if f is not None) or "(a file)"
    return (f"{where}: {exc.strerror or exc} — nothing was written there; check the folder's permissions "
            "and free space, or choose another --out")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return guarded(lambda: _dispatch(args))


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except ScenarioError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2
    except RunFailed as exc:  # a run of a comparison or a study: its traceback is the report
        print(f"错误 error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # a reader that stopped early: guarded() ends quietly
    except OSError as exc:  # permissions, a full disk, a read-only or immutable folder: a sentence, not a traceback
        print(f"错误 error: {os_problem(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
