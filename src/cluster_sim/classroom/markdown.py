"""Markdown tables without extra dependencies (teacher summaries, the exercise pack)."""

from __future__ import annotations

import pandas as pd


def markdown_table(df: pd.DataFrame, right: tuple[str, ...] | None = None) -> str:
    """A GitHub-style table; numeric columns (or those named in ``right``) right-aligned."""
    cols = list(df.columns)
    right = set(right) if right is not None else {c for c in cols if pd.api.types.is_numeric_dtype(df[c])}
    head = "| " + " | ".join(str(c) for c in cols) + " |"
    rule = "|" + "|".join("---:" if c in right else "---" for c in cols) + "|"
    body = ["| " + " | ".join(str(v).replace("|", "/") for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])
