"""Short reprs and notebook HTML for the model, a run and a comparison.

A notebook shows an object's repr whenever a cell ends with it; dataclass reprs of whole
tables ran to tens of thousands of characters. These say what the object is in one line
(at most ``MAX_REPR`` characters) and, in HTML, add its headline table.
"""

from __future__ import annotations

from html import escape

import pandas as pd

MAX_REPR = 300


def short(kind: str, fields: dict) -> str:
    """``Kind(key=value, …)``, cut to fit ``MAX_REPR``."""
    text = f"{kind}({', '.join(f'{k}={v}' for k, v in fields.items())})"
    return text if len(text) <= MAX_REPR else text[:MAX_REPR - 4] + "…)"


def html(kind: str, fields: dict, table: pd.DataFrame | None = None, note: str = "") -> str:
    """A small HTML card: the fields, then (optionally) a table of at most 12 rows and a note."""
    rows = "".join(f"<tr><th style='text-align:left'>{escape(str(k))}</th><td style='text-align:left'>"
                   f"{escape(str(v))}</td></tr>" for k, v in fields.items())
    shown = table.to_html(max_rows=12, max_cols=10, border=0, float_format=lambda x: f"{x:,.2f}") \
        if table is not None and len(table) else ""
    extra = f"<p>{escape(note)}</p>" if note else ""
    return f"<div><strong>{escape(kind)}</strong><table>{rows}</table>{shown}{extra}</div>"
