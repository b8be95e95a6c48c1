"""Start the dashboard: a ``solara run`` server process for ``cluster_sim.app.page:Page``,
configured through environment variables, with Solara's browser files kept locally.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import assets
from .page import ENV_CLASSROOM, ENV_LANG, ENV_RESULTS, ENV_SCENARIO, ENV_SEED

PAGE = "cluster_sim.app.page:Page"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def server_env(*, scenario: str | None = None, classroom: str | None = None, seed: int | None = None,
               lang: str | None = None, results: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # Solara reports usage to a web service by default; a classroom tool sends nothing anywhere.
    env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    for name, value in ((ENV_SCENARIO, scenario), (ENV_CLASSROOM, classroom), (ENV_SEED, seed),
                        (ENV_LANG, lang), (ENV_RESULTS, results)):
        if value is None:
            env.pop(name, None)
        else:
            env[name] = str(Path(value).resolve()) if name in (ENV_SCENARIO, ENV_CLASSROOM, ENV_RESULTS) else str(value)
    return env


def command(port: int, host: str = "127.0.0.1") -> list[str]:
    return [sys.executable, "-m", "solara", "run", PAGE, "--host", host, "--port", str(port), "--production",
            "--no-open", "--log-level", "warning"]


def start(port: int, host: str = "127.0.0.1", env: dict | None = None, log=None) -> subprocess.Popen:
    """Start the server process (its own process group, so it can be stopped whole)."""
    missing = assets.ensure_assets(log=(lambda m: print(m, file=sys.stderr)))
    if missing:
        print(f"dashboard: still missing {', '.join(missing)}; the browser will fetch them online",
              file=sys.stderr)
    return subprocess.Popen(command(port, host), env=env or server_env(), stdout=log, stderr=subprocess.STDOUT
                            if log is not None else None, start_new_session=True)


def wait_ready(url: str, proc: subprocess.Popen, timeout_s: float = 60.0) -> None:
    """Block until the server answers, or raise (with the reason) if it died or timed out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dashboard server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    raise TimeoutError(f"dashboard server did not answer at {url} within {timeout_s:.0f} s")
