"""Progress bars, one kind everywhere: tqdm.auto (a widget in Jupyter, text in a terminal).

Shown by default where someone is watching: a terminal on stderr, or a notebook (whose
stderr is no terminal, so tqdm's own "auto" would hide the bar and a sweep would look hung).
Bars go to stderr, so results on stdout stay clean for pipes.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from tqdm.auto import tqdm


def in_notebook() -> bool:
    """True inside a Jupyter kernel (IPython's ZMQ shell)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def watched() -> bool:
    """Whether a bar would be seen: stderr is a terminal, or this is a notebook."""
    return in_notebook() or bool(getattr(sys.stderr, "isatty", lambda: False)())


def bar(total: int | None, desc: str, unit: str, show: bool | None = None, initial: int = 0) -> tqdm:
    """A tqdm.auto bar on stderr; ``show`` None: when ``watched()``."""
    return tqdm(total=total, initial=initial, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True,
                disable=not (watched() if show is None else show))


@contextlib.contextmanager
def counting(desc: str, unit: str, show: bool | None = None) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback (as ``ClusterModel.run`` and ``compare`` take) drawing one
    bar, opened at the first call (when the total is known)."""
    shown: list[tqdm] = []

    def update(done: int, total: int) -> None:
        if not shown:
            shown.append(bar(total, desc, unit, show))
        shown[0].total = total
        shown[0].update(done - shown[0].n)
    try:
        yield update
    finally:
        for opened in shown:
            opened.close()
