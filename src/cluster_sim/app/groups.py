"""Which browser holds which classroom group, across all tabs the server has open.

A group name is held by one browser (its Solara session cookie, the same across reloads and
tabs of that browser); another browser asking for it is refused, so two laptops cannot both
submit as 第二组. The page keeps the name in the URL (``?group=...``) so a reload comes back
as the same group, and gives it up when the tab closes.
"""

from __future__ import annotations

import threading


class GroupClaims:
    def __init__(self):
        self._lock = threading.Lock()
        self._holders: dict[tuple[str, str], tuple[str, int]] = {}  # (classroom, group) -> (browser, tabs)

    def claim(self, classroom: str, group: str, browser: str) -> bool:
        """Take ``group`` for ``browser`` (one more tab if it already holds it); False if another holds it."""
        with self._lock:
            holder, tabs = self._holders.get((classroom, group), (browser, 0))
            if holder != browser:
                return False
            self._holders[(classroom, group)] = (browser, tabs + 1)
            return True

    def release(self, classroom: str, group: str, browser: str) -> None:
        with self._lock:
            holder, tabs = self._holders.get((classroom, group), (None, 0))
            if holder != browser:
                return
            if tabs <= 1:
                del self._holders[(classroom, group)]
            else:
                self._holders[(classroom, group)] = (browser, tabs - 1)

    def free(self, classroom: str, groups: list[str], browser: str) -> list[str]:
        """The groups ``browser`` may take, in the teacher's order."""
        with self._lock:
            return [g for g in groups if self._holders.get((classroom, g), (browser, 0))[0] == browser]


CLAIMS = GroupClaims()
