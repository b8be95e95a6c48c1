"""Text that arrives in other people's files (scenario, village, group names): refuse the
characters that rewrite a terminal (ANSI escapes, other control characters) or reorder what a
reader sees (bidi overrides), and turn a name into a folder name that can never choose a place.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode's explicit directional formatting characters (UAX #9): a right-to-left override makes
# "gpj.exe" read as "exe.jpg"; the marks are invisible in a terminal and in Excel.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NAME_CHARACTERS = "letters, digits, spaces and punctuation; no control or direction-changing characters"
FOLDER_NAME_LENGTH = 80  # characters of a name kept in a folder name (well under NAME_MAX 255 bytes in UTF-8)


def unsafe_character(text: str, multiline: bool = False) -> str | None:
    """A description of the first character a name may not hold, or None. ``multiline``
    texts (a brief, a question) may hold line breaks and tabs."""
    for position, ch in enumerate(text):
        if multiline and ch in "\n\t":
            continue
        kind = unicodedata.category(ch)
        if ch in BIDI_CONTROLS:
            what = "a direction-changing (bidi) character"
        elif kind == "Cc":
            what = "an escape character (ANSI terminal code)" if ch == "\x1b" else "a control character"
        elif kind in ("Zl", "Zp"):
            what = "a line separator"
        else:
            continue
        return f"holds {what} U+{ord(ch):04X} at position {position}"
    return None


def folder_name(text: str, fallback: str = "scenario") -> str:
    """``text`` as one path component: no separators, no ``..``, no control or hidden-file
    names, at most FOLDER_NAME_LENGTH characters; ``fallback`` when nothing is left."""
    slug = re.sub(r"[^\w.-]+", "_", text)  # \w keeps Chinese; '/', '\\', ':' and spaces go
    slug = re.sub(r"\.{2,}", "_", slug).strip("._-")[:FOLDER_NAME_LENGTH].strip("._-")
    return slug or fallback
