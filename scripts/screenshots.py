"""Refresh the dashboard screenshots in docs/img (desktop and phone) from a real server.

Run explicitly (tests never write docs/img):
    .venv/bin/python scripts/screenshots.py [--out docs/img]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from cluster_sim.app import assets, server
from cluster_sim.app.chromium import launch_options

ROOT = Path(__file__).resolve().parents[1]
CLASSROOM = ROOT / "scenarios" / "classroom_weak_villages.toml"


def shoot(url: str, out: Path) -> list[Path]:
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options())
        for name, viewport in (("dashboard.png", {"width": 1500, "height": 1450}),
                               ("dashboard_phone.png", {"width": 390, "height": 844})):
            page = browser.new_page(viewport=viewport, device_scale_factor=2 if viewport["width"] < 700 else 1)
            page.goto(url)
            page.wait_for_selector(".chart-collective img", timeout=120_000)
            page.locator(".switch-flying_land input").click()
            page.locator(".policy-flying_land .v-expansion-panel-title").first.click()
            budget = page.locator(".policy-flying_land .control-budget_yuan input").first
            budget.fill("2000")
            budget.press("Enter")
            apply = page.locator(".apply-button")
            expect(apply).to_be_enabled(timeout=30_000)
            apply.click()
            expect(apply).to_be_disabled(timeout=120_000)
            page.locator(".run-button").click()
            expect(page.locator(".run-status")).to_contain_text("2029", timeout=120_000)
            if viewport["width"] >= 700:  # desktop: a village's accounts beside the map
                page.locator(".village polygon").first.click()
                page.wait_for_selector(".village-accounts", timeout=60_000)
            else:  # phone: the top of the page, where a group starts
                page.evaluate("() => { window.scrollTo(0, 0);"
                              " document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; }); }")
            page.wait_for_timeout(1500)
            path = out / name
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
            page.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    missing = assets.ensure_assets()
    if missing:
        raise SystemExit(f"browser files missing: {missing}; run `cluster-sim app --prepare`")
    port = server.free_port()
    with tempfile.TemporaryDirectory() as tmp:
        log = open(Path(tmp) / "server.log", "w")
        proc = server.start(port, env=server.server_env(classroom=str(CLASSROOM), lang="zh",
                                                        results=str(Path(tmp) / "results.csv")), log=log)
        try:
            server.wait_ready(f"http://127.0.0.1:{port}/", proc, timeout_s=120)
            args.out.mkdir(parents=True, exist_ok=True)
            for path in shoot(f"http://127.0.0.1:{port}/", args.out):
                print(f"wrote {path}")
        finally:
            server.stop(proc)


if __name__ == "__main__":
    main()
