"""The ``compare`` command; the main CLI registers it on its subparsers."""

from __future__ import annotations

import argparse
import sys

from ..experiments.cli import _positive_int
from .compare import DEFAULT_REPS, DEFAULT_SEED, LANGS, compare


def _progress(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    end = "\n" if done == total else ""
    print(f"\r比较进度 progress [{'#' * filled}{'.' * (width - filled)}] {done}/{total} 次运行 runs", end=end,
          file=sys.stderr, flush=True)


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
    p.add_argument("--reps", type=_positive_int, default=DEFAULT_REPS,
                   help=f"replications per scenario (default {DEFAULT_REPS}; 1 gives no intervals)")
    p.add_argument("--years", type=_positive_int, default=None, help="years after the base year (default: scenarios')")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"root seed (default {DEFAULT_SEED})")
    p.add_argument("--out", metavar="DIR", help="report folder (default results/compare_<scenarios>_seed<seed>)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing report folder that cluster-sim wrote (never anything else)")
    p.add_argument("--lang", choices=LANGS, default="zh", help="language of report.html (default zh)")
    p.add_argument("--workers", type=_positive_int, default=None, help="worker processes (default: CPU count)")
    p.set_defaults(func=compare_command)
    return p


def compare_command(args: argparse.Namespace) -> int:
    # ScenarioError propagates to the main CLI, which prints it and exits 2
    result = compare(args.scenarios, baseline=args.baseline, reps=args.reps, years=args.years, seed=args.seed,
                     out=args.out, lang=args.lang, workers=args.workers, progress=_progress,
                     command=" ".join(["cluster-sim"] + sys.argv[1:]), force=args.force)
    head = result.tables["headline"]
    shown = head[["情景", "indicator", "final_value", "growth", "diff", "diff_low", "diff_high"]]
    print(shown.to_string(index=False, float_format=lambda x: f"{x:,.2f}"))
    texts = result.texts[args.lang]
    print("\n" + texts["bottom_line"])
    for warning in texts["interval_warnings"] + texts["target_warnings"]:
        print(warning, file=sys.stderr)
    print(f"\n报告已写入 report written to: {result.out / 'report.html'}")
    return 0
