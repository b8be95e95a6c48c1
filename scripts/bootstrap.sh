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

# --- apt: wait for the dpkg lock (a fresh cloud VM often runs unattended-upgrades) --------
apt_lock_held() {  # true while another process holds apt's or dpkg's lock (fcntl locks, as apt takes them)
  "$PY" - <<'EOF' 2>/dev/null
import fcntl, sys
for path in ("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock", "/var/lib/apt/lists/lock"):
    try:
        f = open(path, "a")
    except OSError:  # no such lock, or not ours to take
        continue
    try:
        fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released at once when f closes
    except OSError:  # EAGAIN or EACCES: someone holds it
        sys.exit(0)
    finally:
        f.close()
sys.exit(1)
EOF
}

wait_for_apt_lock() {
  local waited=0
  while apt_lock_held; do
    if [[ $waited -eq 0 ]]; then
      echo "bootstrap: waiting for the apt lock held by another process (up to 5 min)..." >&2
    fi
    if [[ $waited -ge 300 ]]; then
      echo "bootstrap: the apt lock is still held after 5 min; run this script again once it is free" >&2
      return 1
    fi
    sleep 5; waited=$((waited + 5))
  done
}

apt_install() {  # apt_install PACKAGE... : installs the missing ones, if we can
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bootstrap: apt-get install ${missing[*]}"
    wait_for_apt_lock || exit 1
    local apt=(apt-get -o DPkg::Lock::Timeout=300 -qq)  # and wait, should another process take it meanwhile
    if ! "${apt[@]}" update >/dev/null || ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y "${missing[@]}" >/dev/null; then
      echo "bootstrap: apt-get could not install ${missing[*]}; install them yourself and run this script again" >&2
      exit 1
    fi
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
  .venv/bin/python -m pip install -q -e ".[test,regions]"
else
  .venv/bin/python -m pip install -q -e .
fi

if command -v dpkg >/dev/null; then
  apt_install fonts-noto-cjk
  [[ $want_test -eq 1 ]] && apt_install chromium chromium-driver
  # the dashboard tests fetch Solara's browser files from the npm registry with npm (app/assets.py)
  if [[ $want_test -eq 1 ]] && ! command -v npm >/dev/null; then apt_install npm; fi
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
