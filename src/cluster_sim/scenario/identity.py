"""Who a scenario is: a name and titles of its own, so two different scenarios never share a
results folder or a label in a report.

A file that extends another and does not name itself is named after its file and titled by
what it changes (never with its parent's title); a scenario changed by ``--set`` gets a name
and titles that say so. ``digest`` tells resolved scenarios apart in default folder names.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import Scenario


def digest(*parts: Any, length: int = 8) -> str:
    """A short stable hash of resolved scenario data (and anything else that changes a run)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_") or "scenario"


def _leaves(table: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in table.items():
        path = f"{prefix}{key}"
        out += _leaves(value, path + ".") if isinstance(value, dict) else [path]
    return out


def _changes(own: dict) -> tuple[list[str], list[str]]:
    """What a file changes, in Chinese and English: policies it switches on by their titles,
    other keys by their dotted paths."""
    from ..policies import registry

    modules = registry()
    zh, en, keys = [], [], []
    for section, table in own.items():
        if section == "meta" or not isinstance(table, dict):
            continue
        if section == "policies":
            for name, policy in table.items():
                if name in modules and isinstance(policy, dict) and policy.get("enabled") is True:
                    zh.append(f"开启{modules[name].TITLE_ZH}")
                    en.append(f"{modules[name].TITLE_EN} on")
                elif isinstance(policy, dict):
                    keys += _leaves(policy, f"policies.{name}.")
            continue
        keys += _leaves(table, f"{section}.")
    if keys:
        shown = ", ".join(keys[:3]) + (f" … (+{len(keys) - 3})" if len(keys) > 3 else "")
        zh.append(f"修改 {shown}")
        en.append(f"{shown} changed")
    return zh or ["未改参数"], en or ["no changes"]


def name_derived(merged: dict, own: dict, parent: dict | None, path: Path) -> dict:
    """``merged`` (the file over its parent) with ``meta.name`` and titles the file did not set
    derived from the file's name and what it changes, instead of inherited from the parent."""
    own_meta = own.get("meta", {})
    if not isinstance(own_meta, dict) or not isinstance(merged.get("meta", {}), dict):
        return merged  # validation names the bad meta
    meta = dict(merged.get("meta", {}))
    if "name" not in own_meta:
        meta["name"] = _slug(Path(path).stem)
    if parent is not None and not ("title_zh" in own_meta and "title_en" in own_meta):
        parent_meta = parent.get("meta", {}) if isinstance(parent.get("meta", {}), dict) else {}
        base = str(parent_meta.get("name", "default"))
        zh, en = _changes(own)
        meta.setdefault("title_zh", "")
        meta.setdefault("title_en", "")
        if "title_zh" not in own_meta:
            meta["title_zh"] = f"{meta['name']}（基于 {base}：{'；'.join(zh)}）"
        if "title_en" not in own_meta:
            meta["title_en"] = f"{meta['name']} (from {base}: {'; '.join(en)})"
    return {**merged, "meta": meta}


def named_for_overrides(spec: Scenario, overrides: dict[str, Any]) -> Scenario:
    """``spec`` renamed and retitled for the ``--set`` overrides it carries (unless they set the
    name themselves), so such a run never takes the unchanged scenario's name or folder."""
    changed = {k: v for k, v in overrides.items() if not k.startswith("meta.")}
    if not changed or "meta.name" in overrides:
        return spec
    meta = spec.data["meta"]
    said = ", ".join(f"{k}={v}" for k, v in sorted(changed.items()))
    new_meta = {**meta, "name": f"{meta['name']}-set{digest(changed, length=6)}",
                "title_zh": f"{meta['title_zh'] or meta['name']}（改：{said}）",
                "title_en": f"{meta['title_en'] or meta['name']} (changed: {said})"}
    # the file's tables carry the new name too, so re-loading with more overrides keeps it
    raw_meta = spec.raw.get("meta", {}) if isinstance(spec.raw.get("meta", {}), dict) else {}
    renamed = {k: new_meta[k] for k in ("name", "title_zh", "title_en")}
    return dataclasses.replace(spec, data={**spec.data, "meta": new_meta},
                               raw={**spec.raw, "meta": {**raw_meta, **renamed}} if spec.raw else spec.raw)
