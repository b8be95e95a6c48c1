"""Keep the dashboard's browser files on this machine, so it works without internet access.

Solara's page loads its JavaScript, CSS and fonts through the server's CDN proxy
(``/_solara/cdn/...``), which fills a cache folder from a public CDN on first use. A
party-school classroom (and CI) often cannot reach that CDN, so ``ensure_assets`` fills the
cache from the npm registry with ``npm pack`` once (``scripts/bootstrap.sh`` and
``cluster-sim app --prepare`` do it ahead of class): the proxy then finds every file locally.
The cache lives in the user's cache folder, not in ``.venv``, so re-creating the virtualenv
keeps it. Which packages are needed is read from Solara's own page template, so an upgrade of
Solara asks for the versions it wants.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from importlib import resources
from pathlib import Path

_CDN_REF = re.compile(r"\{\{\s*cdn\s*\}\}/((?:@[\w.-]+/)?[\w.-]+@[\w.-]+)/")


ENV_CACHE = "SOLARA_ASSETS_PROXY_CACHE_DIR"  # Solara's own setting; the server is started with it


def cache_dir() -> Path:
    """Where the browser files are kept: ``$SOLARA_ASSETS_PROXY_CACHE_DIR`` if set, else
    ``$XDG_CACHE_HOME/cluster-sim/solara-assets`` (``~/.cache/...`` by default)."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cluster-sim" / "solara-assets"


def required_packages() -> list[str]:
    """``name@version`` of every npm package the Solara page loads in this environment."""
    import ipyvue
    from solara.server import settings

    template = resources.files("solara.server").joinpath("templates", "solara.html.j2").read_text("utf-8")
    wanted = set(_CDN_REF.findall(template))
    vue3 = ipyvue.__version__.startswith("3")
    # the template holds both app builds; only the one matching ipyvue is loaded
    unused = "@widgetti/solara-vuetify-app@" if vue3 else "@widgetti/solara-vuetify3-app@"
    wanted = {p for p in wanted if not p.startswith(unused)}
    if settings.assets.fontawesome_enabled:
        wanted.add(settings.assets.fontawesome_path.strip("/").split("/")[0])
    return sorted(wanted)


def missing_packages(root: Path | None = None) -> list[str]:
    root = root or cache_dir()
    return [p for p in required_packages() if not (root / p / "package.json").is_file()]


def ensure_assets(root: Path | None = None, log=print, timeout_s: float = 300) -> list[str]:
    """Fetch the missing packages into the proxy cache; returns what is still missing.

    Never raises: the caller decides (``cluster-sim app`` refuses to start with a message
    naming the fix, since a page without these files is blank).
    """
    root = root or cache_dir()
    missing = missing_packages(root)
    if not missing:
        return []
    npm = shutil.which("npm")
    if npm is None:
        log("dashboard: npm not found; the browser will need internet access for Solara's files")
        return missing
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix=".fetch-") as tmp:
        log(f"dashboard: fetching {', '.join(missing)} from the npm registry (once)")
        try:
            # no retries: offline, npm would otherwise wait a minute or more before failing
            subprocess.run([npm, "pack", "--silent", "--fetch-retries=0", "--fetch-timeout=20000", *missing],
                           cwd=tmp, check=True, timeout=timeout_s, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except (subprocess.SubprocessError, OSError) as exc:
            reason = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] if getattr(exc, "stderr", None) else []
            log(f"dashboard: npm pack failed ({(reason or [type(exc).__name__])[0]})")
            return missing_packages(root)
        for spec in missing:
            _unpack(Path(tmp), spec, root)
    return missing_packages(root)


def _unpack(tmp: Path, spec: str, root: Path) -> None:
    """Unpack ``npm pack``'s tarball of ``spec`` into ``root/spec`` (renamed into place whole)."""
    name, version = spec.rsplit("@", 1)
    tarball = tmp / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.is_file():
        return
    staging = tmp / f"unpacked-{tarball.stem}"
    with tarfile.open(tarball) as tar:
        tar.extractall(staging, filter="data")
    target = root / spec
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():  # a half-filled folder from an older, interrupted layout
        shutil.rmtree(target)
    (staging / "package").rename(target)
