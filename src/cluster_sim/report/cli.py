"""The ``compare`` command; the main CLI registers it on its subparsers."""

from __future__ import annotations

import argparse
import sys

from ..console import add_output_flags, emit_json, note, records
from ..console import MAX_REPS, MAX_SEED, MAX_WORKERS, whole_number
from ..experiments.cli import add_backend_flags
from ..progress import counting
from .compare import DEFAULT_REPS, DEFAULT_SEED, LANGS, compare


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "compare", help="compare policy scenarios: paired replications, HTML/Excel report in Chinese and English",
        description="Run every scenario R times with common random numbers (replication k uses the same seed in "
                    "every scenario) and write report.html (self-contained; --lang picks its language, the other "
                    "language goes to report_en.html / report_zh.html), CSV tables, comparison.xlsx, PNG figures "
                    "and manifest.json. Exit status 2 when a scenario is invalid (nothing runs).")
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                   help="scenario TOML files ('default' = the embedded Pinghu)")
    p.add_argument("--baseline", metavar="NAME", help="scenario to compare against: name, file stem or path "
                   "(default: the first)")
    p.add_argument("--reps", type=whole_number(1, MAX_REPS), default=DEFAULT_REPS,
                   help=f"replications per scenario (default {DEFAULT_REPS}; 1 gives no intervals)")
    p.add_argument("--years", type=whole_number(1, 100), default=None, help="years after the base year (default: scenarios')")
    p.add_argument("--seed", type=whole_number(0, MAX_SEED), default=DEFAULT_SEED, help=f"root seed (default {DEFAULT_SEED})")
    p.add_argument("--out", metavar="DIR", help="report folder (default results/compare_<scenarios>_seed<seed>)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing report folder that cluster-sim wrote (never anything else)")
    p.add_argument("--lang", choices=LANGS, default="zh", help="language of report.html (default zh)")
    p.add_argument("--workers", type=whole_number(1, MAX_WORKERS), default=None, help="worker processes (default: CPU count)")
    add_backend_flags(p)
    add_output_flags(p)
    p.set_defaults(func=compare_command)
    return p


def compare_command(args: argparse.Namespace) -> int:
    # ScenarioError propagates to the main CLI, which prints it and exits 2
    with counting("比较进度 progress", "次运行 runs", show=not args.quiet) as progress:
        result = compare(args.scenarios, baseline=args.baseline, reps=args.reps, years=args.years, seed=args.seed,
                         out=args.out, lang=args.lang, workers=args.workers, progress=progress,
                         command=" ".join(["cluster-sim"] + sys.argv[1:]), force=args.force,
                         backend=args.backend, scheduler=args.scheduler)
    head = result.tables["headline"]
    texts = result.texts[args.lang]
    warnings = texts["interval_warnings"] + texts["target_warnings"]
    if args.json:
        emit_json({"out": str(result.out), "report": str(result.out / "report.html"), "headline": records(head),
                   "bottom_line": texts["bottom_line"], "warnings": warnings})
        return 0
    shown = head[["情景", "indicator", "final_value", "growth", "diff", "diff_low", "diff_high"]]
    print(shown.to_string(index=False, float_format=lambda x: f"{x:,.2f}"))
    print("\n" + texts["bottom_line"])
    for warning in warnings:  # kept under --quiet: they say how far to trust the numbers
        print(warning, file=sys.stderr)
    note(args, f"报告已写入 report written to: {result.out / 'report.html'}")
    return 0
