"""Text cells that a spreadsheet would evaluate are written with a leading quote (OWASP's rule).

A group name, scenario or village name typed by someone else reaches the CSV and Excel files
officials and teachers open; Excel runs a cell that begins with ``=``, ``+``, ``-`` or ``@``
(and tab or CR) as a formula. Only text is touched: numbers stay numbers (``-2.5`` is a number),
and so does a number shown with its sign and unit ("-0.4 万元", "+12.5%"), which nothing evaluates.
A cell that already begins with the quote gets one more, so ``unquote`` gives back exactly what
was written. Parquet files keep the raw text: nothing evaluates them.
"""

from __future__ import annotations

import re

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# a signed number as the program formats it: digits and separators, then at most a unit
SHOWN_NUMBER = re.compile(r"[-+]\d[\d,.]*(?: ?(?:%|[\u4e00-\u9fff]+|yuan|×10k yuan))?")


def quote_cell(value):
    """``value`` with a quote in front if it is text a spreadsheet would evaluate (or begins with the quote)."""
    if isinstance(value, str) and value.startswith((*TRIGGERS, QUOTE)) and not SHOWN_NUMBER.fullmatch(value):
        return QUOTE + value
    return value


def unquote_cell(value):
    """The text ``quote_cell`` was given back (for the one file cluster-sim reads back: the classroom results)."""
    if isinstance(value, str) and value.startswith(QUOTE):
        return value[1:]
    return value


def quote_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell and column name quoted; numeric columns untouched."""
    out = df.rename(columns=lambda c: quote_cell(c) if isinstance(c, str) else c)
    for col in out.columns[[not pd.api.types.is_numeric_dtype(t) for t in out.dtypes]]:
        out[col] = out[col].map(quote_cell)
    return out


def unquote_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The inverse of ``quote_frame`` on a table read back from CSV."""
    out = df.rename(columns=lambda c: unquote_cell(c) if isinstance(c, str) else c)
    for col in out.columns[[t == object or pd.api.types.is_string_dtype(t) for t in out.dtypes]]:
        out[col] = out[col].map(unquote_cell)
    return out


def write_csv(df: pd.DataFrame, path) -> None:
    """The one way a table becomes a CSV file: quoted cells, UTF-8 with a BOM so Excel reads Chinese."""
    quote_frame(df).to_csv(path, index=False, encoding="utf-8-sig")
