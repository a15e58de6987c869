"""The editor schemas derived from the one declaration of each file kind (:mod:`journeybook.check.schema`).

- an **overlay** (``clients/<id>/journeys/...`` over a base file of the same
  path) is partial: no key is required where mappings merge key by key, and a
  key that may be left out may be removed with ``null``. List items stay whole,
  since a list replaces the base list;
- a **translation** (``<name>.<lang>.yml`` beside ``<name>.yml``) has the same
  keys with text only: ids, references, numbers, colours, dates and fixed
  values are not translatable. Lists of mappings with an ``id`` merge by id, so
  their items keep ``id`` (required) to say which item they translate.

``journeybook schema`` writes them next to the file kinds' own schemas.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .schema import BASE_ID, DIALECT, SCHEMAS, X_KEYS, ident, is_text, json_schema

OVERLAY_KINDS = ("playbook", "persona", "touchpoint", "journey")  # what a client's journeys/ folder may hold
TRANSLATION_KINDS = ("playbook", "persona", "touchpoint", "journey")
REMOVE = {"type": "null", "description": "Removes the key from the base file."}


def overlay(node: dict[str, Any]) -> dict[str, Any]:
    """``node`` as an overlay may write it: merged mappings partial, removable keys nullable."""
    if "oneOf" in node:
        return {**node, "oneOf": [overlay(branch) for branch in node["oneOf"]]}
    if node.get("type") != "object":
        return node  # lists and scalars replace the base value whole
    out = {k: v for k, v in node.items() if k != "required"}
    required = set(node.get("required", ()))
    if "properties" in node:
        out["properties"] = {
            key: overlay(sub) if key in required else {"anyOf": [REMOVE, overlay(sub)]}
            for key, sub in node["properties"].items()
        }
    if isinstance(node.get("additionalProperties"), dict):
        out["additionalProperties"] = {"anyOf": [REMOVE, overlay(node["additionalProperties"])]}
    return out


def _translatable(node: dict[str, Any]) -> bool:
    return is_text(node) and not {"pattern", "enum", "x-ref", "format"} & set(node)


def translation(node: dict[str, Any], whole: bool = False) -> dict[str, Any] | None:
    """The text-only part of ``node`` (None: nothing to translate). ``whole``: an item of a list
    without ids, which replaces the base list and so keeps its required keys."""
    if _translatable(node):
        return node
    if "oneOf" in node:
        branches = [b for b in (translation(branch, whole) for branch in node["oneOf"]) if b is not None]
        if not branches:
            return None
        return branches[0] if len(branches) == 1 else {**node, "oneOf": branches}
    kind = node.get("type")
    if kind == "array":
        items = node["items"]
        if "id" in items.get("required", ()):  # (a KPI's id is optional: KPIs are translated item by item)
            item = translation(items)
            if item is None:
                return None
            item = {**item, "properties": {"id": ident("The id of the item this translates."), **item["properties"]},
                    "required": ["id"]}
        else:
            item = translation(items, whole=True)
        return None if item is None else {k: v for k, v in {**node, "items": item}.items() if k != "minItems"}
    if kind != "object":
        return None
    out: dict[str, Any] = {k: v for k, v in node.items() if k not in ("required", "properties", "additionalProperties")}
    props = {key: sub for key, sub in ((k, translation(v)) for k, v in node.get("properties", {}).items())
             if sub is not None}
    if "properties" in node:
        if not props:
            return None
        if "ref" in node["properties"]:  # a touchpoint use {ref, note}: translations merge it by its ref
            props = {"ref": node["properties"]["ref"], **props}
        out["properties"] = props
        out["additionalProperties"] = False
        kept = [key for key in node.get("required", ()) if key in props]
        if whole and kept:
            out["required"] = kept
        elif "ref" in props:
            out["required"] = ["ref"]
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        sub = translation(extra)
        if sub is None:
            return None
        out["additionalProperties"] = sub
    out.setdefault("patternProperties", X_KEYS)
    return out


def _document(kind: str, variant: str, body: dict[str, Any] | None, what: str) -> dict[str, Any]:
    assert body is not None, f"{kind} has nothing to {variant}"
    return {"$schema": DIALECT, "$id": f"{BASE_ID}{kind}.{variant}.json", "title": f"journeybook {kind} {variant}",
            **body, "description": what}


def documents() -> dict[str, dict[str, Any]]:
    """File name in ``schemas/`` -> JSON Schema, for every file kind and its variants."""
    out = {f"{kind}.schema.json": json_schema(kind) for kind in SCHEMAS}
    for kind in OVERLAY_KINDS:
        out[f"{kind}.overlay.schema.json"] = _document(
            kind, "overlay", overlay(SCHEMAS[kind]),
            f"A client's {kind} file over the base file of the same path: only what changes; null removes a key.")
    for kind in TRANSLATION_KINDS:
        out[f"{kind}.translation.schema.json"] = _document(
            kind, "translation", translation(SCHEMAS[kind]),
            f"<name>.<lang>.yml beside a {kind} file: its text in another language, nothing else.")
    return out



def modeline(path: Path, schemas_dir: Path, kind: str, variant: str = "") -> str:
    """The first line that points editors at the schema of the YAML file at ``path`` (relative to its folder)."""
    name = f"{kind}.{variant}.schema.json" if variant else f"{kind}.schema.json"
    target = os.path.relpath(schemas_dir / name, path.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={target}"


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def write_schemas(out_dir: Path, changed_only: bool = False) -> list[Path]:
    """Every file kind's schema and its overlay and translation variants, as ``journeybook schema`` writes them.

    ``changed_only``: leave the files that already hold this version's schema alone
    (what ``journeybook new`` does); the paths written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in documents().items():
        path = out_dir / name
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if changed_only and _holds(path, text):
            continue
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
