"""Start the dashboard: a ``solara run`` server process for ``cluster_sim.app.page:Page``,
configured through environment variables, with Solara's browser files kept locally.

The server is a child the CLI owns: it is started in its own process group (stopped whole),
asked by the kernel to die with its parent (``PR_SET_PDEATHSIG`` on Linux, so closing the
terminal cannot leave a ghost server holding the port), and counted ready only once that
child itself listens on the port and answers.
"""

from __future__ import annotations

import ctypes
import ipaddress
import os
import signal
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
# Solara warns on every page load over plain http on a LAN (its cookie falls back to
# samesite=lax, which is what a classroom wants): 15 lines of noise per start.
_QUIET_WARNINGS = "ignore:Cookies with samesite=none require https:UserWarning"


def host_problem(host: str) -> str | None:
    """Why the dashboard cannot listen on ``host`` (not an address, or not one of this computer's),
    or None: checked before anything starts, so a typo is a sentence, not a socket traceback."""
    try:
        infos = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, ValueError):
        return f"--host {host!r} is not an address or a name this computer can look up"
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind(address[:2] if family == socket.AF_INET else address)
        except OSError as exc:
            return f"--host {host!r} is not an address of this computer ({exc.strerror or exc})"
    return None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True when something already listens on ``host:port`` (a bind as the server would do fails)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn: TIME_WAIT is not "in use"
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other computers can reach (loopback and link-local left out)."""
    import psutil  # installed with Dask distributed

    out = []
    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if a.family != socket.AF_INET:
                continue
            ip = ipaddress.ip_address(a.address)
            if not (ip.is_loopback or ip.is_link_local) and a.address not in out:
                out.append(a.address)
    return out


def server_env(*, scenario: str | None = None, classroom: str | None = None, seed: int | None = None,
               lang: str | None = None, results: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # Solara reports usage to a web service by default; a classroom tool sends nothing anywhere.
    env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    env["SOLARA_THEME_SHOW_BANNER"] = "False"  # "This website runs on Solara" over the page
    # a closed tab's session (its runs, ~20-70 MB, and its group name) is dropped two minutes
    # after its browser disconnects, not after Solara's default 24 h
    env.setdefault("SOLARA_KERNEL_CULL_TIMEOUT", "2m")
    env[assets.ENV_CACHE] = str(assets.cache_dir())
    env["PYTHONWARNINGS"] = ",".join(w for w in (env.get("PYTHONWARNINGS"), _QUIET_WARNINGS) if w)
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


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the parent dies (Linux; elsewhere nothing)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start(port: int, host: str = "127.0.0.1", env: dict | None = None, log=None) -> subprocess.Popen:
    """Start the server process (its own process group, dying with its parent)."""
    return subprocess.Popen(command(port, host), env=env or server_env(), stdout=log,
                            stderr=subprocess.STDOUT if log is not None else None,
                            start_new_session=True, preexec_fn=_die_with_parent if os.name == "posix" else None)


def stop(proc: subprocess.Popen, timeout_s: float = 15) -> None:
    """Stop the server's whole process group: SIGTERM, then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        proc.wait()


def listens(proc: subprocess.Popen, port: int) -> bool:
    """Does this very process listen on ``port``? (Not just anyone answering there.)"""
    import psutil

    try:
        conns = psutil.Process(proc.pid).net_connections(kind="inet")
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    return any(c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port for c in conns)


def wait_ready(url: str, proc: subprocess.Popen, timeout_s: float = 60.0) -> None:
    """Block until our child listens on the URL's port and answers, or raise (with the reason)."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dashboard server exited with code {proc.returncode}")
        if listens(proc, port):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(0.25)
    raise TimeoutError(f"dashboard server did not answer at {url} within {timeout_s:.0f} s")
