"""Worker processes end with the process that started them.

A sweep or comparison killed with ``kill -9`` cannot shut its pool down, and its worker
processes would go on holding hundreds of MiB each, forever. Each worker therefore watches
its parent: a daemon thread polls ``os.getppid()`` and ends the worker once the parent is
gone (the worker has then been handed to another parent). Standard library only, any POSIX.
Multiprocessing's resource tracker ends by itself once the parent and every worker are gone.
"""

from __future__ import annotations

import os
import threading
import time

POLL_SECONDS = 0.5


def exit_with_parent(parent: int, poll: float = POLL_SECONDS) -> None:
    """Pool ``initializer`` (``initargs=(os.getpid(),)``): end this worker when ``parent`` dies."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(1)  # no cleanup to wait for: the parent that would collect results is gone

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def pool_options() -> dict:
    """Keyword arguments for a ``ProcessPoolExecutor`` whose workers end with this process."""
    return {"initializer": exit_with_parent, "initargs": (os.getpid(),)}
