"""Reading the user's TOML files (scenarios, experiments, classroom files): one reader, so every
command gives the same clear error for a missing file, a folder, a file that is not UTF-8 (a
scenario saved as GBK by a Chinese editor is the common case) or bad TOML syntax."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import ScenarioError

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


def read_text(path: str | Path, what: str = "file") -> str:
    """The text of a user's file, or a ScenarioError naming the file and what is wrong."""
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(source, "(file)", "file not found", f"a path to a {what}") from None
    except IsADirectoryError:
        raise ScenarioError(source, "(file)", "is a folder, not a file", f"a path to a {what}") from None
    except PermissionError:
        raise ScenarioError(source, "(file)", "no permission to read it", "a readable file") from None
    except OSError as exc:
        raise ScenarioError(source, "(file)", f"cannot be read: {exc.strerror or exc}", f"a path to a {what}") from None
    return decode_utf8(data, source)


def read_toml(path: str | Path, what: str = "TOML file") -> dict:
    """Parse a user's TOML file; every failure is a ScenarioError naming the file."""
    text = read_text(path, what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(str(path), "(file)", f"not valid TOML: {exc}", "TOML syntax") from None
