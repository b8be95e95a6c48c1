"""Refresh docs/img/report.png: the top of a real comparison report, photographed in
headless Chromium (the system /usr/bin/chromium through playwright).

    .venv/bin/python scripts/report_screenshot.py results/compare_demo/report.html docs/img/report.png

Run by hand after ``cluster-sim compare``; the tests never write into docs/.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from cluster_sim.app.chromium import launch_options



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="report.html to photograph")
    parser.add_argument("png", type=Path, help="where to write the screenshot")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1500, help="height of the clip from the top of the page")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_options())
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(args.report.resolve().as_uri())
        page.wait_for_load_state("load")
        page.screenshot(path=str(args.png), clip={"x": 0, "y": 0, "width": args.width, "height": args.height})
        browser.close()
    print(f"screenshot written: {args.png}")


if __name__ == "__main__":
    main()
