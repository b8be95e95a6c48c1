"""Reading the user's TOML files (scenarios, experiments, classroom files): one reader, so every
command gives the same clear error for a missing file, a folder, a special file (a FIFO or a
device would hang or never end), a file too large, a file that is not UTF-8 (a scenario
saved as GBK by a Chinese editor is the common case), bad TOML syntax or nesting deeper than
any scenario needs (which would otherwise exhaust Python's recursion)."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

from .errors import ScenarioError

MAX_TOML_BYTES = 4 * 2**20  # the embedded Pinghu scenario is 10 kB; a county of 2,000 named villages ~1 MB
MAX_TEXT_BYTES = 256 * 2**20  # other text files (a classroom's results CSV: ~1 kB a submission)
MAX_DEPTH = 12  # tables and arrays inside each other; the deepest scenario key needs 5
UTF8_FIX = "save it as UTF-8 (in your editor: 另存为 / Save As → 编码 Encoding: UTF-8)"


def decode_utf8(data: bytes, source: str) -> str:
    """UTF-8 text (a BOM is allowed); anything else is refused with the fix."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = ""
        try:
            data.decode("gb18030")
            guess = "; it looks like GBK/GB18030 (a common Chinese encoding)"
        except UnicodeDecodeError:
            pass
        raise ScenarioError(source, "(file)", f"not UTF-8 text (byte {data[exc.start]:#04x} at position "
                            f"{exc.start}){guess}", UTF8_FIX) from None


def read_text(path: str | Path, what: str = "file", limit: int = MAX_TEXT_BYTES) -> str:
    """The text of a user's file, or a ScenarioError naming the file and what is wrong."""
    path = Path(path)
    source = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise ScenarioError(source, "(file)", "is a special file (a pipe, socket or device), not a saved file",
                                f"a path to a {what}")
        if info.st_size > limit:
            raise ScenarioError(source, "(file)", f"is {info.st_size / 2**20:,.1f} MiB; files of this kind are "
                                f"at most {limit / 2**20:,.0f} MiB", f"a {what} of a sensible size")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ScenarioError(source, "(file)", "file not found", f"a path to a {what}") from None
    except IsADirectoryError:
        raise ScenarioError(source, "(file)", "is a folder, not a file", f"a path to a {what}") from None
    except PermissionError:
        raise ScenarioError(source, "(file)", "no permission to read it", "a readable file") from None
    except OSError as exc:
        raise ScenarioError(source, "(file)", f"cannot be read: {exc.strerror or exc}", f"a path to a {what}") from None
    if len(data) > limit:  # grew while we read
        raise ScenarioError(source, "(file)", f"is larger than {limit / 2**20:,.0f} MiB", f"a {what} of a sensible size")
    return decode_utf8(data, source)


def nesting_depth(value: object) -> int:
    """How deeply tables and arrays nest in a parsed document (iterative: any depth is safe)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def read_toml(path: str | Path, what: str = "TOML file") -> dict:
    """Parse a user's TOML file; every failure is a ScenarioError naming the file."""
    text = read_text(path, what, MAX_TOML_BYTES)
    too_deep = f"tables and arrays nested more than {MAX_DEPTH} levels deep"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(str(path), "(file)", f"not valid TOML: {exc}", "TOML syntax") from None
    except RecursionError:
        raise ScenarioError(str(path), "(file)", too_deep, f"at most {MAX_DEPTH} levels") from None
    if nesting_depth(data) > MAX_DEPTH:
        raise ScenarioError(str(path), "(file)", too_deep, f"at most {MAX_DEPTH} levels") from None
    return data
