"""A class on one laptop: N groups in N real Chromium tabs against one real dashboard server.

Each tab is its own browser context (its own session cookie, so its own group), opened with
``?group=G01`` etc. on a classroom file with the Pinghu scenario. A "click" is "运行 5 年"
from the start (base year + 5 years), timed in the browser's tab from the click until the
status shows the final year and the busy sign is gone. Two ways to click:

* ``--same``: every tab clicks at the same moment;
* ``--spread S``: the clicks are spread evenly over S seconds.

With ``--distinct`` every group first switches on its own set of policy packages and applies
it (one group after another, as groups finish choosing; not timed, its duration is reported as
``choose_all_s``), so no two groups ask for the same run. The server computes a run once however
many groups ask for it, so the default (every group runs the untouched scenario, as a class does
first) measures the shared case and ``--distinct`` the case where every click is a new run. The
server starts a group's next run as soon as it applies its settings (``Session._prefetch_next_click``),
so in ``--distinct`` part of the work is done while the other groups are still choosing.

Memory (RSS of the server process and of its worker processes) is read with all tabs open and
again after they close; the CPU seconds per click of the server and of the workers are measured too (wall-clock times on a shared
machine depend on its other load; the CPU a click costs hardly does). Results go to benchmarks/classroom.json; the README's table is written by hand from it.

    .venv/bin/python benchmarks/classroom.py --groups 10 --same [--distinct]
    .venv/bin/python benchmarks/classroom.py --groups 30 --spread 60 [--distinct]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.async_api import async_playwright

from cluster_sim.app import memory, server
from cluster_sim.app.chromium import launch_options
from cluster_sim.app.page import CLICK_LOG_PREFIX, ENV_CLICK_LOG
from cluster_sim.policies import registry as policy_registry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def classroom_file(folder: Path, groups: int) -> Path:
    names = ", ".join(f'"G{i:02d}"' for i in range(1, groups + 1))
    path = folder / "bench_class.toml"
    path.write_text(f'''scenario = "default"
[classroom]
name = "bench"
seed = 2024
years = 5
groups = [{names}]
''', encoding="utf-8")
    return path


def cpu_s(proc) -> tuple[float, float]:
    """CPU seconds (user + system) used by the server process and by its worker processes: per
    click, numbers the machine's other load hardly changes, unlike the wall-clock times."""
    p = psutil.Process(proc.pid)

    def used(q) -> float:
        try:
            t = q.cpu_times()
            return t.user + t.system
        except psutil.NoSuchProcess:
            return 0.0

    return used(p), sum(used(c) for c in p.children(recursive=True))


def browser_processes(server) -> list[psutil.Process]:
    """This benchmark's own Chromium: every process under this one but the server's."""
    ours = {p.pid for p in [psutil.Process(server.pid), *psutil.Process(server.pid).children(recursive=True)]}
    return [p for p in psutil.Process().children(recursive=True) if p.pid not in ours]


def browser_cpu_s(server) -> float:
    """CPU seconds of this benchmark's own Chromium: in a class the browsers run on the students'
    devices, here on the same 2 cores."""
    total = 0.0
    for p in browser_processes(server):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def rss_mb(proc) -> tuple[float, float, float]:
    """Resident memory (MB) of the server process, of its worker processes together, and of all
    of them as proportional set size (pages the forked workers share counted once, not per process)."""
    p = psutil.Process(proc.pid)
    children = p.children(recursive=True)
    pss = sum(q.memory_full_info().pss for q in [p, *children]) / 2**20
    return p.memory_info().rss / 2**20, sum(c.memory_info().rss for c in children) / 2**20, pss


async def open_tab(browser, url: str, group: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(f"{url}?group={group}", timeout=600_000)
    await page.wait_for_selector(".chart-collective img", timeout=600_000)
    return context, page


def package_sets(groups: int) -> list[tuple[str, ...]]:
    """A different set of policy packages for each group: each package alone, then pairs, …"""
    names = list(policy_registry())
    sets = (c for k in range(1, len(names) + 1) for c in itertools.combinations(names, k))
    return list(itertools.islice(sets, groups))


async def choose_packages(page, names: tuple[str, ...]) -> None:
    """Switch these packages on and apply (before the timed click)."""
    for name in names:
        await page.locator(f".switch-{name} input").click(timeout=600_000)
    apply = page.locator(".apply-button")
    await apply.click(timeout=600_000)
    await page.wait_for_function("() => document.querySelector('.apply-button')?.disabled"
                                 " && !document.querySelector('.busy-sign')", timeout=600_000, polling=100)


# Resolves when the run has reached the final year and the busy sign is gone, checked at each
# change of the page (a MutationObserver), not by polling: ten tabs polling every 50 ms would
# add their own load to the 2 cores being measured.
WATCH = """() => { window.__runDone = new Promise(resolve => {
  const done = () => (document.querySelector('.run-status') || {}).innerText?.includes('2029')
                     && !document.querySelector('.busy-sign');
  const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(true); } });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}); }"""


async def click_run(page, delay_s: float) -> float:
    await asyncio.sleep(delay_s)
    await page.evaluate(WATCH)  # observing before the click
    t0 = time.perf_counter()
    await page.locator(".run-button").click(timeout=600_000)
    await page.evaluate("() => window.__runDone")
    return time.perf_counter() - t0


def nice_browsers(server) -> None:
    """Lowest CPU priority for this benchmark's Chromium: the server and its workers then get the
    cores whenever they want them, as if the browsers ran on the students' devices, and
    ``server_click_s`` shows what that leaves."""
    for p in browser_processes(server):
        try:
            p.nice(19)
        except psutil.NoSuchProcess:
            pass


def server_click_times(log: Path, skip: int) -> list[float]:
    """How long the server took per click (its opt-in click log), after the first ``skip`` lines."""
    return [float(t) for t in re.findall(re.escape(CLICK_LOG_PREFIX) + r" ([0-9.]+)\n", log.read_text())][skip:]


def spread_of(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"median": round(statistics.median(times), 2),
            "p95": round(times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 2),
            "max": round(times[-1], 2)}


async def measure(groups: int, spread_s: float, settle_s: float = 150, distinct: bool = False,
                  nice: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        port = server.free_port()
        log = open(tmp / "server.log", "w")
        env = server.server_env(classroom=str(classroom_file(tmp, groups)), lang="zh", results=str(tmp / "r.csv"))
        env[memory.ENV_MEMORY_LOG] = "1"  # the server counts what closed tabs left behind
        env[ENV_CLICK_LOG] = "1"  # and says how long each click took it
        proc = server.start(port, env=env, log=log)
        url = f"http://127.0.0.1:{port}/"
        try:
            server.wait_ready(url, proc, timeout_s=120)
            rss_idle = rss_mb(proc)
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(**launch_options())
                t0 = time.perf_counter()
                tabs = []
                for i in range(groups):  # opened one after another, as students arrive
                    tabs.append(await open_tab(browser, url, f"G{i + 1:02d}"))
                    if nice:
                        nice_browsers(proc)
                open_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                if distinct:
                    for (_, page), names in zip(tabs, package_sets(groups), strict=True):
                        await choose_packages(page, names)
                choose_s = time.perf_counter() - t0
                rss_open = rss_mb(proc)
                delays = [spread_s * i / max(groups - 1, 1) for i in range(groups)] if spread_s else [0.0] * groups
                cpu0, browser0 = cpu_s(proc), browser_cpu_s(proc)
                before = len(server_click_times(tmp / "server.log", 0))
                times = await asyncio.gather(*(click_run(page, d) for (_, page), d in zip(tabs, delays)))
                cpu1, browser1 = cpu_s(proc), browser_cpu_s(proc)
                await asyncio.sleep(1)
                server_times = server_click_times(tmp / "server.log", before)
                cpu_per_click = [(b - a) / groups for a, b in zip(cpu0, cpu1, strict=True)]
                rss_after_clicks = rss_mb(proc)
                for context, _ in tabs:
                    await context.close()
                await browser.close()
            await asyncio.sleep(settle_s)  # the server drops closed tabs' sessions (2 min after they go)
            rss_closed = rss_mb(proc)
            left = [c for c in map(memory.parse_line, (tmp / "server.log").read_text().splitlines()) if c]
        finally:
            server.stop(proc)
    return {"groups": groups, "spread_s": spread_s, "distinct_runs": distinct, "browsers_niced": nice,
            "open_all_s": round(open_s, 1), "choose_all_s": round(choose_s, 1),
            "click_s": spread_of(times),  # in the tab: from the click until the result shows
            "server_click_s": spread_of(server_times) if len(server_times) == groups else None,
            "cpu_s_per_click": {"server": round(cpu_per_click[0], 2), "workers": round(cpu_per_click[1], 2),
                                "browser": round((browser1 - browser0) / groups, 2)},
            "rss_mb": {when: {"server": round(mb[0]), "workers": round(mb[1]), "all_pss": round(mb[2])} for when, mb in
                       (("idle", rss_idle), ("tabs_open", rss_open), ("after_clicks", rss_after_clicks),
                        ("tabs_closed", rss_closed))},
            # tab kernels, pages and sessions still in the server at its last give-back after the tabs closed
            "left_after_close": {k: int(v) for k, v in left[-1].items()} if left else None,
            "cpus": psutil.cpu_count(), "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=10)
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--same", action="store_true", help="all tabs click at the same moment (default)")
    how.add_argument("--spread", type=float, default=0.0, help="spread the clicks over this many seconds")
    parser.add_argument("--distinct", action="store_true",
                        help="every group first switches on its own packages, so no two clicks ask for the same run")
    parser.add_argument("--nice-browsers", action="store_true",
                        help="run the benchmark's Chromium at the lowest CPU priority (browsers elsewhere)")
    parser.add_argument("--settle", type=float, default=150, help="seconds to wait after the tabs close")
    parser.add_argument("--out", type=Path, default=HERE / "classroom.json")
    args = parser.parse_args()
    before = [round(x, 1) for x in psutil.getloadavg()]
    result = asyncio.run(measure(args.groups, 0.0 if args.same else args.spread, args.settle, args.distinct,
                                 args.nice_browsers))
    result["load_average_before"] = before
    result["load_average"] = [round(x, 1) for x in psutil.getloadavg()]
    print(json.dumps(result, ensure_ascii=False))
    old = json.loads(args.out.read_text()) if args.out.exists() else []
    args.out.write_text(json.dumps([*old, result], ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
