"""Exclusive lock files that work on every platform a user has (filelock, not ``fcntl``).

``fcntl`` does not exist on Windows, the usual laptop of a party-school teacher, so locking
goes through ``filelock``: ``flock`` on Linux and macOS, ``msvcrt`` on Windows, an
exclusively created file elsewhere. The lock file records its holder's pid (for the message
"another process (pid N)…") and is removed when the lock goes, so no ``.lock`` file outlives a
writer. Because an flock-ed file can be removed while a waiter has it open, a lock counts only
when the file locked is still the one at the path (checked by inode), else it is taken again.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

import filelock


class LockBusy(Exception):
    """Another process holds the lock; ``holder`` is its pid as text, or "?"."""

    def __init__(self, holder: str):
        super().__init__(holder)
        self.holder = holder


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def _holder(path: Path) -> str:
    with contextlib.suppress(OSError):
        match = re.match(r"\s*(\d+)", path.read_text(errors="replace")[:64])
        if match:
            return match[1]
    return "?"


def _is_flock(lock: filelock.BaseFileLock) -> bool:
    return isinstance(lock, filelock.UnixFileLock)


def acquire(lock_path: str | Path, wait: bool = False) -> filelock.BaseFileLock:
    """Hold ``lock_path`` exclusively; without ``wait`` raise ``LockBusy`` when it is held."""
    lock_path = Path(lock_path)
    while True:
        before = _inode(lock_path)
        lock = filelock.FileLock(lock_path, timeout=-1 if wait else 0)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise LockBusy(_holder(lock_path)) from None
        if not _is_flock(lock):
            return lock  # the file's existence (soft) or the OS (Windows) is the lock: no stale inode
        if before is not None and _inode(lock_path) == before:
            with contextlib.suppress(OSError):
                lock_path.write_text(f"{os.getpid()}\n")
            return lock
        lock.release()  # the file locked was removed by its last holder, or is new: look again
        if before is None:
            with contextlib.suppress(OSError):
                lock_path.touch()
        time.sleep(0)


def release(lock_path: str | Path, lock: filelock.BaseFileLock) -> None:
    """Let the lock go and remove its file (a waiter holding the old file takes the lock again)."""
    if _is_flock(lock):
        with contextlib.suppress(OSError):
            os.unlink(lock_path)  # before unlocking, so a new holder's file is never removed
    lock.release()
