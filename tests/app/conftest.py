import subprocess
from pathlib import Path

import pytest

from cluster_sim.app.chromium import CHROMIUM, launch_options

ROOT = Path(__file__).resolve().parents[2]


class Dashboard:
    def __init__(self, url: str, proc: subprocess.Popen, log: Path):
        self.url, self.proc, self.log = url, proc, log

    def stop(self) -> None:
        from cluster_sim.app import server

        server.stop(self.proc)


def _start_dashboard(tmp: Path, **env_args) -> Dashboard:
    from cluster_sim.app import assets, server

    missing = assets.ensure_assets()
    assert not missing, f"browser files missing ({missing}): run `cluster-sim app --prepare` online"
    port = server.free_port()
    log_path = tmp / "server.log"
    log = open(log_path, "w")
    proc = server.start(port, env=server.server_env(**env_args), log=log)
    url = f"http://127.0.0.1:{port}/"
    try:
        server.wait_ready(url, proc, timeout_s=90)
    except Exception:
        Dashboard(url, proc, log_path).stop()
        raise AssertionError("dashboard did not start:\n" + log_path.read_text()[-4000:])
    return Dashboard(url, proc, log_path)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/bootstrap.sh --test installs it)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(**launch_options())
        yield b
        b.close()


@pytest.fixture
def start_dashboard(tmp_path):
    """Start a dashboard server (stopped after the test): ``start_dashboard(lang="zh", ...)``."""
    started = []

    def start(**env_args) -> Dashboard:
        started.append(_start_dashboard(tmp_path, **env_args))
        return started[-1]

    yield start
    for dashboard in started:
        dashboard.stop()
