"""Closed tabs leave nothing behind in the server: after groups open the classroom in real
Chromium, run, and close their tabs, Solara culls their kernels and the server holds no page
(render tree) and no session of theirs, and with no tab left no shared result and no worker
process — the memory a class used is given back, round after round (the second round starts
the workers again).

The counts come from the server's own opt-in log line (``app/memory.py``), written after each
give-back; RSS is too noisy to assert on (benchmarks/classroom.py measures it).
"""

import time
from pathlib import Path
from urllib.parse import quote

import pytest

from cluster_sim.app import memory

pytestmark = pytest.mark.slow
WEAK = Path(__file__).resolve().parents[2] / "scenarios" / "classroom_weak_villages.toml"
GROUPS = ("第一组", "第二组", "第三组")


def count_lines(log: Path) -> list[dict]:
    return [c for c in map(memory.parse_line, log.read_text(encoding="utf-8").splitlines()) if c is not None]


def counts_after_close(log: Path, seen: int, timeout_s: float = 90) -> dict:
    """The first count line written after the first ``seen`` ones that finds no tab kernel open."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        closed = [c for c in count_lines(log)[seen:] if c["kernels"] == 0]
        if closed:
            return closed[0]
        time.sleep(0.5)
    raise AssertionError(f"no count line with every tab kernel closed within {timeout_s:.0f} s:\n"
                         + log.read_text(encoding="utf-8")[-3000:])


def test_closed_tabs_leave_no_page_or_session_in_the_server(browser, start_dashboard, tmp_path, monkeypatch):
    from playwright.sync_api import expect

    monkeypatch.setenv("SOLARA_KERNEL_CULL_TIMEOUT", "2s")  # a closed tab's kernel goes 2 s after it disconnects
    monkeypatch.setenv(memory.ENV_MEMORY_LOG, "1")
    dashboard = start_dashboard(classroom=str(WEAK), lang="zh", results=str(tmp_path / "class.csv"))
    for round_ in range(2):
        seen = len(count_lines(dashboard.log))
        tabs = []
        for group in GROUPS:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{dashboard.url}?group={quote(group)}")
            page.wait_for_selector(".chart-collective img", timeout=120_000)
            tabs.append((context, page))
        for _, page in tabs:
            page.locator(".run-button").click()
        for _, page in tabs:
            expect(page.locator(".run-status")).to_contain_text("2029", timeout=120_000)
        for context, _ in tabs:
            context.close()
        counts = counts_after_close(dashboard.log, seen)
        assert (counts["pages"], counts["sessions"]) == (0, 0), f"round {round_ + 1}: {counts}"
        # with no tab open the shared results and the workers (a live model each) go too
        assert (counts["shared_results"], counts["workers"]) == (0, 0), f"round {round_ + 1}: {counts}"
