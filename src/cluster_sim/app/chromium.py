"""The system Chromium as the project's browser tools drive it (the browser tests, the
classroom benchmark, the screenshot scripts): Debian's /usr/bin/chromium, installed by
``scripts/bootstrap.sh --test`` — playwright's own browser download is not reachable — headless
and making no requests of its own, so every request a page shows is the page's."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run")


def launch_options() -> dict:
    """Keyword arguments for playwright's ``chromium.launch`` (sync or async)."""
    return {"executable_path": CHROMIUM, "args": list(ARGS)}
