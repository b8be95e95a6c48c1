"""What the commands print, and where: results on stdout, messages and progress on stderr.

``--json`` makes stdout one JSON object (for scripts; NaN becomes null); ``--quiet`` drops the
progress bar and the messages, never an error or a warning. Ctrl-C and a closed pipe end a command
cleanly (exit 130 with one line; a reader such as ``head`` that stops early: silence).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

import pandas as pd

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as `yes | head -1` leaves `yes`


def add_output_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print the result as one JSON object on stdout (messages stay on stderr)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress bar and no messages on stderr (errors are still printed)")


def note(args: argparse.Namespace, *lines: str) -> None:
    """A message for the person at the terminal (stderr), unless ``--quiet``."""
    if not getattr(args, "quiet", False):
        print(*lines, sep="\n", file=sys.stderr, flush=True)


def records(frame: pd.DataFrame) -> list[dict]:
    """A table as JSON-ready rows (NaN as None, numpy numbers as Python's)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False, double_precision=15))


def emit_json(result: dict) -> None:
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))


def guarded(command: Callable[[], int]) -> int:
    """Run ``command``; Ctrl-C exits 130 with one line, a closed stdout exits quietly."""
    try:
        result = command()
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit with a traceback
        return result
    except KeyboardInterrupt:
        print("\n已中断 interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (`| head -1`): point stdout at devnull so the final flush is silent
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


MAX_WORKERS = 256  # processes on one machine; more is a typo (Dask clusters are given by address)
MAX_REPS = 1000  # replications a scenario: far past where the paired SD stops shrinking (docs/replications.md)
MAX_SEED = 2**63 - 1  # numpy's SeedSequence takes any whole number >= 0; this bounds what a typo can be


def whole_number(low: int, high: int, what: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number in [low, high], refused with what is allowed (one rule for
    --seed, --reps, --workers, --years ... so a typo such as ``--reps 1000000`` never starts a run)."""
    def parse(text: str) -> int:
        try:
            value = int(text.strip().replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r} (allowed: {low} to {high})") from None
        if not low <= value <= high:
            why = f"; {what}" if what else ""
            raise argparse.ArgumentTypeError(f"{value} is out of range (allowed: {low} to {high}{why})")
        return value
    parse.__name__ = "whole number"  # argparse names the type in its message
    return parse
