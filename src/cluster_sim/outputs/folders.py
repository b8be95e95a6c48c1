"""Claim an output folder without ever losing a user's file.

A results folder is written into a hidden sibling (``.NAME.tmp-PID-TOKEN``) and moved into
place when complete. What may sit at the target beforehand: nothing, an empty folder, or a
results folder this program wrote (its ``manifest.json`` carries ``"generator":
"cluster-sim"`` and lists every file) — the last only with ``force``. Anything else (a file,
a link, a folder holding files we did not write) is refused before anything runs, and
nothing is changed. A lock file beside the target (``.NAME.lock``, ``cluster_sim.locks``) keeps two
writers apart, from the check before simulating until the folder is in place. Temporary
folders left by a killed writer are removed by the next writer once their PID is dead.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import json
import os
import re
import secrets
import shutil
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import filelock

from .. import locks
from ..scenario.errors import ScenarioError

GENERATOR = "cluster-sim"  # the marker in every manifest.json this program writes
MANIFEST_SCHEMA = 1
MANIFEST = "manifest.json"
ALLOWED = "a new path, an empty folder, or a results folder cluster-sim wrote (replaced only with --force)"


class OutputError(ScenarioError):
    """An output folder this program may not write, and why; nothing was changed."""

    def __init__(self, target: Path, problem: str, allowed: str | None = ALLOWED):
        super().__init__("--out", str(target), problem, allowed)
        # the folder may be a default one the user never typed: say "results folder", not "--out"
        self.args = (f"results folder {target}: {problem}" + (f" (allowed: {allowed})" if allowed else ""),)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (how a manifest vouches for the files it lists)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def listed_hashes(folder: Path, files: list[str]) -> dict[str, str]:
    """``{file: sha256}`` for every listed file but the manifest itself (for ``manifest.json``)."""
    return {name: file_sha256(Path(folder) / name) for name in sorted(files) if name != MANIFEST}


def _vouched(folder: Path, data: dict) -> str | None:
    """Why the manifest does not vouch for the folder (None: every listed file is a plain file
    in the folder whose bytes match the recorded hash, and the manifest lists itself)."""
    files, hashes = data.get("files"), data.get("sha256")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return "its manifest.json has no list of files"
    if not isinstance(hashes, dict):
        return "its manifest.json records no file hashes (written by hand or by an older cluster-sim)"
    for name in files:
        if name == MANIFEST:
            continue
        path = folder / name
        if "/" in name or "\\" in name or name in ("", ".", "..") or not isinstance(hashes.get(name), str):
            return f"its manifest.json lists {name!r} without a hash it can check"
        if path.is_symlink() or not path.is_file():
            return f"{name} is not the plain file its manifest.json lists"
        if file_sha256(path) != hashes[name]:
            return f"{name} was changed after cluster-sim wrote it"
    return None


def own_manifest(folder: Path, problem: list[str] | None = None) -> dict | None:
    """The manifest of a results folder this program wrote, or None for anything else.

    A ``manifest.json`` anyone could write is not enough: it must carry the marker and the
    SHA-256 of every file it lists, and each listed file must be a plain file with those bytes.
    ``problem`` (a list) receives why a marked manifest was not trusted.
    """
    path = Path(folder) / MANIFEST
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("generator") != GENERATOR:
        return None
    why = _vouched(Path(folder), data)
    if why is not None:
        if problem is not None:
            problem.append(why)
        return None
    return data


def _entries(folder: Path) -> list[str]:
    return sorted(p.name + ("/" if p.is_dir() and not p.is_symlink() else "") for p in folder.iterdir())


def _listing(names: list[str], shown: int = 6) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def check_target(target: Path, force: bool = False) -> None:
    """Raise ``OutputError`` unless writing ``target`` can lose nothing of the user's."""
    target = Path(target)
    resolved, cwd = target.resolve(), Path.cwd().resolve()
    if resolved == cwd or resolved in cwd.parents:
        raise OutputError(target, "is the current folder or one of its parents", "a new folder, e.g. results/my_run")
    if target.is_symlink():
        raise OutputError(target, "is a symbolic link; cluster-sim does not replace links")
    if target.exists():
        if not target.is_dir():
            raise OutputError(target, "is an existing file; it is left as it is")
        entries = _entries(target)
        if entries:
            distrust: list[str] = []
            manifest = own_manifest(target, distrust)
            if manifest is None:
                why = f" ({distrust[0]})" if distrust else ""
                raise OutputError(target, f"holds files cluster-sim did not write ({_listing(entries)}){why}; "
                                  "nothing was changed")
            foreign = [e for e in entries if e.rstrip("/") not in set(manifest["files"])]
            if foreign:
                raise OutputError(target, "is a cluster-sim results folder, but also holds other files "
                                  f"({_listing(foreign)}); move them out first, even --force keeps them")
            if not force:
                made = manifest.get("created_utc", "?")
                raise OutputError(target, f"already holds results (written {made} by: "
                                  f"{manifest.get('command', '?')})", "--force to replace them, or another --out")
    parent = next(p for p in [resolved.parent, *resolved.parent.parents] if p.exists())
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(target, f"cannot be written: no write permission in {parent}",
                          "a folder you can write to")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?:tmp|old)-(?P<pid>\d+)-[0-9a-f]+$")


def clean_stale(target: Path) -> list[Path]:
    """Remove the hidden temporary folders of ``target`` whose writer process is dead."""
    removed, name = [], Path(target).name
    for path in Path(target).parent.iterdir():
        match = _LEFTOVER.match(path.name)
        if (match and match["name"] == name and path.is_dir() and not path.is_symlink()
                and not _pid_alive(int(match["pid"]))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def _lock(lock_path: Path, target: Path) -> filelock.BaseFileLock:
    """Hold ``lock_path`` exclusively, or raise OutputError naming the holder."""
    try:
        return locks.acquire(lock_path)
    except locks.LockBusy as busy:
        raise OutputError(target, f"another cluster-sim process (pid {busy.holder}) is writing this folder now",
                          "wait until it has finished, or choose another --out") from None


@contextlib.contextmanager
def writer_lock(target: str | Path, check: Callable[[Path], None]) -> Iterator[Path]:
    """Hold the lock beside ``target`` while a writer adds to it in place (a sweep); ``check``
    raises ``OutputError`` for a target that writer may not touch (called before and after
    locking). The parent folders are created; the lock file goes when the lock does."""
    target = Path(target)
    check(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock_path = target.with_name(f".{target.name}.lock")
        lock = _lock(lock_path, target)
    except OSError as err:
        raise OutputError(target, f"cannot be written: {err.strerror}", "a folder you can write to") from None
    try:
        check(target)
        yield target
    finally:
        locks.release(lock_path, lock)


_HELD: weakref.WeakValueDictionary[Path, OutputClaim] = weakref.WeakValueDictionary()


class OutputClaim:
    """The right to write one results folder, checked and locked before the work starts.

    Use as a context manager around the simulation; ``write()`` then yields the temporary
    folder and moves it into place. The lock is released on leaving, after ``write()``,
    or when the claim is garbage-collected.
    """

    def __init__(self, target: str | Path, force: bool = False):
        self.target, self.force = Path(target), force
        check_target(self.target, force)  # before creating anything
        self._made = [p for p in [self.target.parent, *self.target.parent.parents] if not p.exists()]
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(self.target, f"cannot be created: {err.strerror}", "a folder you can write to") from None
        self._lock_path = self.target.with_name(f".{self.target.name}.lock")
        try:
            lock = _lock(self._lock_path, self.target)
        except OSError as err:
            self._remove_made()
            raise OutputError(self.target, f"cannot be written: {err.strerror}", "a folder you can write to") from None
        self._release = weakref.finalize(self, locks.release, self._lock_path, lock)
        self._key = self.target.resolve()
        _HELD[self._key] = self
        clean_stale(self.target)
        self.written = False

    def __enter__(self) -> OutputClaim:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        if self._release.alive:
            _HELD.pop(self._key, None)
            self._release()
            if not self.written:
                self._remove_made()

    def _remove_made(self) -> None:
        for folder in self._made:  # parents we created for a folder that never came
            with contextlib.suppress(OSError):
                folder.rmdir()

    @contextlib.contextmanager
    def write(self) -> Iterator[Path]:
        """Yield a fresh temporary folder; on success it becomes the target, on error it vanishes."""
        if not self._release.alive:
            raise RuntimeError(f"the claim on {self.target} was already released")
        tmp = _sibling(self.target, "tmp")
        # A Ctrl-C can land between two bytecodes of contextlib's own __enter__, where no except
        # clause runs and the generator is never resumed: the exit hook removes the folder then.
        # After success the folder has become the target, so the hook finds nothing to remove.
        remove_tmp = functools.partial(shutil.rmtree, tmp, ignore_errors=True)
        atexit.register(remove_tmp)
        try:
            os.mkdir(tmp, 0o777)  # normal permissions under the user's umask (mkdtemp would make 0700)
            yield tmp
            check_target(self.target, self.force)  # again, in case something arrived meanwhile
            self._replace(tmp)
            self.written = True
        except BaseException:
            remove_tmp()
            raise
        finally:
            atexit.unregister(remove_tmp)
            self.release()

    def _replace(self, tmp: Path) -> None:
        old = None
        if self.target.exists() and own_manifest(self.target) is not None:
            old = _sibling(self.target, "old")
            os.replace(self.target, old)
        os.replace(tmp, self.target)  # rename(2) also replaces an empty folder
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def claim_output(target: str | Path, force: bool = False) -> OutputClaim:
    """Check and lock ``target`` for writing (``OutputError`` if that could lose a user's file)."""
    held = _HELD.get(Path(target).resolve())
    return held if held is not None else OutputClaim(target, force)


@contextlib.contextmanager
def atomic_folder(target: str | Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``target`` only when complete (see ``OutputClaim``)."""
    with claim_output(target, force).write() as tmp:
        yield tmp
