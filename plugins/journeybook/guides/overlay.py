"""Client overlays: deep-merge a client's file over the base file, keeping locations.

Mappings merge key by key, lists and scalars replace, an explicit ``null``
removes the key. Every value keeps the file and position it was written at.
"""

from __future__ import annotations

import copy
from typing import Any

from ..read.yamlpos import Document, Pointer


def _drop_under(table: dict[Pointer, Any], prefix: Pointer) -> None:
    n = len(prefix)
    for key in [k for k in table if k[:n] == prefix]:
        del table[key]


def _copy_under(src: Document, dst: Document, prefix: Pointer) -> None:
    n = len(prefix)
    for table_name in ("positions", "key_positions"):
        src_table, dst_table = getattr(src, table_name), getattr(dst, table_name)
        for key, value in src_table.items():
            if key[:n] == prefix:
                dst_table[key] = value
    dst.origins[prefix] = src.path


def _merge_into(out: Document, target: dict[str, Any], over: Document, value: dict[str, Any], pointer: Pointer) -> None:
    for key, new in value.items():
        child = pointer + (key,)
        if new is None:
            target.pop(key, None)
            for table in (out.positions, out.key_positions, out.origins, out.removed):
                _drop_under(table, child)
            out.removed[child] = (over.path, over.key_pos(child))
            continue
        old = target.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            out.origins.setdefault(child, out.path_of(child))
            _merge_into(out, old, over, new, child)
            continue
        target[key] = copy.deepcopy(new)
        for table in (out.positions, out.key_positions, out.origins, out.removed):
            _drop_under(table, child)
        _copy_under(over, out, child)


def merge(base: Document, over: Document) -> Document:
    """A new document: ``over`` deep-merged onto ``base`` (neither is changed)."""
    out = Document(base.path, copy.deepcopy(base.data), dict(base.positions), dict(base.key_positions),
                   dict(base.origins), dict(base.removed))
    if isinstance(out.data, dict) and isinstance(over.data, dict):
        _merge_into(out, out.data, over, over.data, ())
        return out
    return Document(over.path, copy.deepcopy(over.data), dict(over.positions), dict(over.key_positions),
                    dict(over.origins), dict(over.removed))
