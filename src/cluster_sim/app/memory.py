"""Memory the dashboard gives back: a worker's dropped model, a closed tab's page in the server.

A closed tab's page is a web of reference cycles (Solara's widgets, reacton's render tree, the
tab's kernel), freed by a garbage collection after its kernel has closed — not while its
cleanups run — and glibc keeps freed heap at its high-water mark unless asked to trim it.

``CLUSTER_SIM_APP_MEMORY_LOG=1`` makes the server print, after each such give-back, how many tab
kernels, pages, sessions, shared results and workers are still alive and its resident memory
(the leak test and the classroom benchmark read this line; a product server does not print it).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import sys
import threading
import time

ENV_MEMORY_LOG = "CLUSTER_SIM_APP_MEMORY_LOG"
LOG_PREFIX = "cluster-sim memory:"
GIVE_BACK_DELAY_S = 3.0  # after Solara's own collection 1 s after a kernel closes
_lock = threading.Lock()
_scheduled = False


def give_back_memory() -> None:
    """Collect what was dropped and hand the freed heap back to the system."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


def give_back_memory_soon() -> None:
    """``give_back_memory`` a few seconds from now, once for all tabs closing together: called from
    a closing tab's cleanup, when its page is still referenced (a trim then would find nothing freed)."""
    global _scheduled
    with _lock:
        if _scheduled:
            return
        _scheduled = True

    def later():
        global _scheduled
        time.sleep(GIVE_BACK_DELAY_S)
        with _lock:
            _scheduled = False
        if no_tab_open():
            let_class_go()
        give_back_memory()
        if os.environ.get(ENV_MEMORY_LOG):
            print(f"{LOG_PREFIX} {counts_line()}", file=sys.stderr, flush=True)

    with outside_kernel():
        threading.Thread(target=later, name="cluster-sim-give-back-memory", daemon=True).start()


def outside_kernel():
    """Run the block outside Solara's kernel context of the current tab, if any.

    In the server Solara hands every thread started in a tab's context (``threading.Thread`` is
    patched) that context, and the thread keeps it as long as it runs. The worker pool's manager
    and queue-feeder threads, started by whichever tab submitted first and living as long as the
    pool, kept that tab's whole page (widgets, session, snapshots) after the tab had closed."""
    kernel_context = sys.modules.get("solara.server.kernel_context")
    if kernel_context is not None and kernel_context.has_current_context():
        return kernel_context.without_context()
    return contextlib.nullcontext()


def no_tab_open() -> bool:
    kernel_context = sys.modules.get("solara.server.kernel_context")
    return kernel_context is not None and not kernel_context.contexts


def let_class_go() -> None:
    """Forget the results sessions shared and stop the workers: a next tab computes them again."""
    from . import session, worker

    for shared in (session.BASELINES, session.RUNS, session.CHARTS):
        shared.clear()
    worker.stop_pool()


def live_counts() -> dict[str, int]:
    """Tab kernels Solara holds open, pages (render trees) and sessions still in memory, results
    kept for sharing between sessions, and worker processes."""
    from reacton.core import _RenderContext
    from solara.server import kernel_context

    from . import session, worker

    objects = gc.get_objects()
    return {"kernels": len(kernel_context.contexts),
            "pages": sum(isinstance(o, _RenderContext) for o in objects),
            "sessions": sum(isinstance(o, session.Session) for o in objects),
            "shared_results": sum(map(len, (session.BASELINES, session.RUNS, session.CHARTS))),
            "workers": len(worker.pool_pids())}


def counts_line() -> str:
    import psutil  # installed with Dask distributed

    rss = psutil.Process().memory_info().rss / 2**20
    return " ".join(f"{k}={v}" for k, v in live_counts().items()) + f" rss_mb={rss:.0f}"


def parse_line(line: str) -> dict[str, float] | None:
    """The numbers of one ``counts_line`` in a server log line, or None if it is not one."""
    if not line.startswith(LOG_PREFIX):
        return None
    return {k: float(v) for k, v in (kv.split("=") for kv in line[len(LOG_PREFIX):].split())}
