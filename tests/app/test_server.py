"""``cluster-sim app`` as a teacher starts it: offline after one prepare, a clear refusal when the
browser files or the port are missing, every LAN address printed, and no ghost server left
behind when the terminal closes."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cluster_sim.app import server
from cluster_sim.app.chromium import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE_REGISTRY = "http://127.0.0.1:9/"  # discard port: nothing answers


def _can_unshare_network() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _cli(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cluster_sim.cli", "app", *args], env=env or os.environ.copy(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _read_until(stream, needle: str, timeout_s: float = 120) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        lines.append(line)
        if needle in line:
            return lines
    raise AssertionError(f"{needle!r} never printed; got:\n{''.join(lines)}")


def _wait_port_free(port: int, timeout_s: float = 20) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not server.port_in_use(port, "0.0.0.0"):
            return True
        time.sleep(0.2)
    return False


def test_missing_browser_files_and_no_registry_refuse_to_start(tmp_path):
    env = {**os.environ, "SOLARA_ASSETS_PROXY_CACHE_DIR": str(tmp_path / "empty-cache"),
           "npm_config_registry": UNREACHABLE_REGISTRY}
    proc = _cli("--port", "0", "--no-browser", env=env)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, out + err
    assert "dashboard running" not in out
    assert "cluster-sim app --prepare" in err and "solara-vuetify" in err and str(tmp_path / "empty-cache") in err


def test_taken_port_is_refused_with_a_clear_message():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        proc = _cli("--port", str(port), "--no-browser")
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert f"端口 {port} 已被占用" in err and "--port 0" in err
    assert "dashboard running" not in out


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGKILL])
def test_no_ghost_server_when_the_terminal_closes(sig):
    """SIGHUP (terminal closed), SIGTERM and even SIGKILL of the CLI take its server down."""
    port = server.free_port("0.0.0.0")
    proc = _cli("--host", "0.0.0.0", "--port", str(port), "--no-browser")
    try:
        lines = _read_until(proc.stdout, "dashboard running")
        if sig == signal.SIGHUP:  # bound to all interfaces: every LAN address is printed
            rest = [proc.stdout.readline() for _ in range(1 + len(server.lan_addresses()))]
            for ip in server.lan_addresses():
                assert any(f"http://{ip}:{port}/" in line for line in rest), rest
        assert server.port_in_use(port, "0.0.0.0")
        proc.send_signal(sig)
        proc.wait(timeout=30)
        assert _wait_port_free(port), f"a server still holds port {port} after {sig.name} of the CLI"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    # the next start on the same port is a fresh server
    again = _cli("--port", str(port), "--no-browser")
    try:
        _read_until(again.stdout, "dashboard running")
    finally:
        again.terminate()
        again.communicate(timeout=30)


def test_readiness_ignores_someone_elses_server():
    """Something else answering on the port is not our server: our failed child is reported."""
    import http.server
    import threading

    other = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    port = other.server_address[1]
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(TimeoutError):
            server.wait_ready(f"http://127.0.0.1:{port}/", child, timeout_s=2)
    finally:
        other.shutdown()
        child.kill()
        child.wait()


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (bootstrap --test)")
@pytest.mark.skipif(not _can_unshare_network(), reason="needs `unshare -n` (root) for a machine without network")
def test_first_start_offline_after_prepare_shows_the_dashboard(tmp_path):
    cache = tmp_path / "assets"
    env = {**os.environ, "SOLARA_ASSETS_PROXY_CACHE_DIR": str(cache)}
    prepared = subprocess.run([sys.executable, "-m", "cluster_sim.cli", "app", "--prepare"], env=env,
                              capture_output=True, text=True, timeout=300)
    assert prepared.returncode == 0, prepared.stderr
    # a new network namespace has only loopback: no registry, no CDN, nothing
    probe = subprocess.run(["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', sys.executable,
                            str(ROOT / "tests" / "app" / "offline_probe.py"), "8765"],
                           env=env, capture_output=True, text=True, timeout=400, cwd=ROOT)
    line = [x for x in probe.stdout.splitlines() if x.startswith("PROBE ")]
    assert line, probe.stdout + probe.stderr
    seen = json.loads(line[0][len("PROBE "):])
    assert seen["internet"] is False
    assert seen["started"], seen["cli_output"]
    assert seen["run_button"].startswith("运行"), seen
    assert not [e for e in seen["console_errors"] + seen["page_errors"] if "not defined" in e], seen
    assert not [f for f in seen["failed"] if "/_solara/cdn" in f], seen["failed"]
