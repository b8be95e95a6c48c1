"""Run inside a network namespace with only loopback (see test_offline.py): start
``cluster-sim app`` from the prepared asset cache, load the page in Chromium and print, as
JSON, what the browser saw. A script, not a test: it must run in the namespace whole."""

import json
import os
import subprocess
import sys
import time
import urllib.request

from playwright.sync_api import sync_playwright

from cluster_sim.app.chromium import launch_options



def main() -> None:
    port = int(sys.argv[1])
    out = {"internet": True, "started": False, "console_errors": [], "failed": [], "page_errors": []}
    try:
        urllib.request.urlopen("https://registry.npmjs.org/", timeout=5)
    except OSError:
        out["internet"] = False
    cli = subprocess.Popen([sys.executable, "-m", "cluster_sim.cli", "app", "--port", str(port), "--no-browser"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "dashboard running" not in line:
            line = cli.stdout.readline()
            if not line and cli.poll() is not None:
                break
        out["started"] = "dashboard running" in line
        if out["started"]:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(**launch_options())
                page = browser.new_page()
                page.on("console", lambda m: m.type == "error" and out["console_errors"].append(m.text))
                page.on("pageerror", lambda e: out["page_errors"].append(str(e)))
                page.on("response", lambda r: r.status >= 400 and out["failed"].append(f"{r.status} {r.url}"))
                page.goto(f"http://127.0.0.1:{port}/")
                try:
                    page.wait_for_selector(".run-button", timeout=90_000)
                    out["run_button"] = page.locator(".run-button").inner_text()
                except Exception as exc:  # reported, the test asserts on it
                    out["run_button"] = ""
                    out["wait_error"] = str(exc)[:500]
                browser.close()
    finally:
        cli.terminate()
        try:
            rest, _ = cli.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            cli.kill()
            rest, _ = cli.communicate()
        out["cli_output"] = (line + (rest or ""))[-3000:]
    print("PROBE " + json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
