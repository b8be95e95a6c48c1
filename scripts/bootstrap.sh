#!/usr/bin/env bash
# Sets up cluster-sim from scratch: a Python >= 3.12 virtualenv in .venv with the package,
# and the system packages it needs (a CJK font for figures; with --test also Chromium for
# the browser tests). Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

find_python() {
  local c
  for c in python3.13 python3.12 python3; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  # pyenv keeps interpreters outside PATH unless selected
  for c in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 /usr/bin/python3.1[2-9]; do
    if [[ -x "$c" ]]; then echo "$c"; return 0; fi
  done
  return 1
}

apt_install() {  # apt_install PACKAGE... : installs the missing ones, if we can
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bootstrap: apt-get install ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install ${missing[*]} (needs root)" >&2
  fi
}

PY=$(find_python) || { echo "bootstrap: no Python >= 3.12 found (try pyenv install 3.12)" >&2; exit 1; }
if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  rm -rf .venv
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [[ $want_test -eq 1 ]]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi

if command -v dpkg >/dev/null; then
  apt_install fonts-noto-cjk
  [[ $want_test -eq 1 ]] && apt_install chromium chromium-driver
fi
# --- dashboard browser files (asset prefetch) -------------------------------------------------
# Fetched once into the user's cache (not .venv), so the classroom dashboard starts offline.
if command -v npm >/dev/null 2>&1 || { apt_install npm && command -v npm >/dev/null 2>&1; }; then
  .venv/bin/cluster-sim app --prepare || echo "bootstrap: dashboard browser files not fetched; run '.venv/bin/cluster-sim app --prepare' with internet access" >&2
else
  echo "bootstrap: npm missing: the dashboard needs 'cluster-sim app --prepare' (with npm) before its first start" >&2
fi
# --- end of asset prefetch -----------------------------------------------------------------------
echo "bootstrap: ready ($(.venv/bin/python --version))"
