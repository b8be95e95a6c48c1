"""The command ends cleanly: Ctrl-C exits 130 with one line and leaves no folder or temporary
folder behind; a reader that stops early (``| head -1``) gets no traceback; ``python -m
cluster_sim`` is the same command."""

import os
import signal
import subprocess
import sys
import time

import pytest

CLI = [sys.executable, "-m", "cluster_sim"]


def test_python_dash_m_is_the_command():
    res = subprocess.run([*CLI, "--version"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stdout.startswith("cluster-sim ")


def _wait_for(proc: subprocess.Popen, text: bytes, timeout: float = 120) -> bytes:
    seen, deadline = b"", time.monotonic() + timeout
    while text not in seen and time.monotonic() < deadline and proc.poll() is None:
        seen += os.read(proc.stderr.fileno(), 1)
    assert text in seen, seen.decode(errors="replace")
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("when", [b"progress", b"100%"])  # while simulating; while writing the folder
def test_ctrl_c_on_run_exits_130_and_leaves_nothing(tmp_path, when):
    proc = subprocess.Popen([*CLI, "run", "--years", "3", "--out", "run"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = _wait_for(proc, when)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    err = (seen + err).decode()
    assert proc.returncode == 130, err
    assert "interrupted" in err.splitlines()[-1] and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no results folder, no .run.tmp-*, no .run.lock


def test_a_closed_stdout_ends_the_run_quietly(tmp_path, small_scenario):
    proc = subprocess.Popen([*CLI, "run", str(small_scenario), "--years", "1", "--out", "run", "-q"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # as `| head -1` does once it has its line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and "Traceback" not in err and "Error" not in err, err
    assert (tmp_path / "run" / "manifest.json").exists()  # the results were written before printing
