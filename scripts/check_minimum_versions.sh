#!/usr/bin/env bash
# Install the lowest dependency versions pyproject.toml allows (constraints/minimum.txt) into a
# throw-away venv and run the quick tests of the run, sweep, compare and output paths there.
# About 1.5 min (59 s install + 27 s tests measured on 2 cores); CI runs it after the main suite.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)/minver"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python="$(.venv/bin/python -c 'import sys; print(sys._base_executable)')"  # the Python .venv was made from
"$python" -m venv "$venv"
"$venv/bin/pip" install -q -c constraints/minimum.txt -e . pytest hypothesis
"$venv/bin/python" -m pytest -q -p no:cacheprovider -m "not slow" tests/test_model_api.py tests/test_cli_run.py \
    tests/test_output_folders.py tests/experiments/test_cli.py tests/report/test_compare_report.py \
    tests/optimize/test_optimize.py
