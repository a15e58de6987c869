"""The YAML reference for editors, as a Markdown page, generated from :mod:`journeybook.check.schema`.

Every key of every file kind gets a row: its type, whether it is required
(within its parent), the values it allows, its description and an example.
The examples are the first values a project's own files give (the sample
playbook's, for the published reference), so they are real data; a key no file
uses shows its default or first allowed value, or no example. MkDocs-free;
``journeybook reference --out FILE`` writes the page and a test keeps the
sample's copy current.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check import schema
from ..read.files import load_dir, read_document
from ..read.project import Project
from ..read.yamlpos import Plain

ANY_KEY = "*"  # a path segment standing for any key of a mapping
ITEM = "[]"  # a path segment standing for any item of a list
EXAMPLE_MAX = 60

WHERE = {
    "playbook": "`journeys/playbook.yml` (optional)",
    "persona": "`journeys/personas/<persona-id>.yml`",
    "touchpoint": "`journeys/touchpoints/<touchpoint-id>.yml`",
    "journey": "`journeys/<journey-id>.yml`",
    "client": "`clients/<client-id>/client.yml`",
}
PATTERNS = {
    schema.ID_PATTERN: "lower-case letters, digits and single hyphens",
    schema.HTTPS_PATTERN: "a link starting with `https://`",
    schema.COLOR_PATTERN: "a colour as `#rrggbb`",
    r"^[a-z]{2}(-[A-Za-z]{2})?$": "a language code such as `en`, `nl` or `nl-BE`",
}
INTRO = """\
---
render_macros: false  # mkdocs-macros: the page shows {{ brand.<key> }} as written
---

# YAML reference

Every key journeybook reads, file by file: what kind of value it takes,
what it is for, the values it allows and an example. **Required** keys must
be there when their parent is (a key under a list item is required in each
item); all other keys may be left out. A key written `checklist[].id` is the `id` of each
item in the `checklist` list; `<phase-id>` stands for a key you choose from a
list of ids. Any key starting with `x-` is yours: journeybook ignores it.

Text may be written without quotes unless it starts with a character YAML
reads as syntax (`-`, `[`, `{`, `*`, `&`, `!`, `|`, `>`, `'`, `"`, `%`, `@`,
`` ` ``) or holds `: ` or ` #`; then put it in double quotes. Values marked
*Markdown* may hold links, **bold** and lists; write longer ones as a block
after `|`.

A client's own `journeys/` files (`clients/<client-id>/journeys/...`) use the
same keys, all optional: they change only what they name.

The [editors' guide](index.md) shows how to add each kind of file. This page
is generated from journeybook's schemas (`journeybook reference`); do not edit
it by hand.
"""


@dataclass(frozen=True)
class Row:
    path: tuple[str, ...]
    kind: str
    required: bool
    allowed: str
    description: str
    default: Any = None
    enum: tuple[Any, ...] = ()
    nested: bool = False  # keys inside its value have rows of their own


# --------------------------------------------------------------------------- from the schema


def _type_name(sub: dict[str, Any]) -> str:
    """What a value of ``sub`` is, in words."""
    if "oneOf" in sub:
        names = [_type_name(branch) for branch in sub["oneOf"]]
        return " or ".join(dict.fromkeys(names))
    if "enum" in sub:
        return "one of the values"  # listed under Allowed
    if "x-ref" in sub:
        return f"{sub['x-ref']} id"
    kind = sub.get("type")
    if kind == "null":
        return "empty"
    if kind == "integer":
        return "whole number"
    if kind == "array":
        return f"list of {_plural(_type_name(sub['items']))}"
    if kind == "object":
        if "properties" in sub:
            return "mapping"
        return f"mapping: {_key_name(sub)} → {_type_name(sub['additionalProperties'])}"
    if sub.get("pattern") == schema.ID_PATTERN:
        return "id"
    return "Markdown" if sub.get("x-markdown") else "text"


def _plural(name: str) -> str:
    """``name`` of each branch in the plural: 'touchpoint id or mapping' -> 'touchpoint ids or mappings'."""
    words = {"text": "texts", "Markdown": "Markdown texts", "mapping": "mappings",
             "whole number": "whole numbers", "one of the values": "values from a fixed set"}
    return " or ".join(words.get(part, part + "s") for part in name.split(" or "))


def _key_name(sub: dict[str, Any]) -> str:
    kind = sub.get("x-ref-keys")
    return f"<{kind}-id>" if kind else "<name>"


def _allowed(sub: dict[str, Any]) -> str:
    """The values ``sub`` allows beyond its type, in words ('' when anything of the type goes)."""
    parts: list[str] = []
    if "enum" in sub:
        parts.append(", ".join(f"`{v}`" + (" (default)" if v == sub.get("default") else "") for v in sub["enum"]))
    if "minimum" in sub and "maximum" in sub:
        parts.append(f"{sub['minimum']} to {sub['maximum']}")
    pattern = sub.get("pattern")
    if pattern in PATTERNS:
        parts.append(PATTERNS[pattern] + (f", at most {sub['maxLength']} characters" if "maxLength" in sub else ""))
    elif pattern:
        parts.append(f"matching `{pattern}`")
    if sub.get("minItems"):
        parts.append(f"at least {sub['minItems']} item" + ("s" if sub["minItems"] != 1 else ""))
    if sub.get("type") == "object" and "propertyNames" in sub and "x-ref-keys" not in sub:
        parts.append(f"keys matching `{sub['propertyNames']['pattern']}`")
    if "oneOf" in sub:
        parts.extend(a for a in (_allowed(b) for b in sub["oneOf"] if b.get("type") != "object") if a)
    return "; ".join(dict.fromkeys(parts))


def _has_keys(sub: dict[str, Any]) -> bool:
    """Whether a value of ``sub`` may be a mapping with declared keys."""
    return any(b.get("type") == "object" and "properties" in b for b in sub.get("oneOf", [sub]))


def rows(sub: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[Row]:
    """A row for every key below the object schema ``sub``, depth first, in declaration order."""
    for branch in sub.get("oneOf", [sub]):
        if branch.get("type") != "object":
            continue
        required = set(branch.get("required", ()))
        for key, prop in branch.get("properties", {}).items():
            inner = list(_inner_rows(prop, path + (key,)))
            yield Row(path + (key,), _type_name(prop), key in required, _allowed(prop), _description(prop),
                      prop.get("default"), tuple(prop.get("enum", ())), bool(inner))
            yield from inner


def _inner_rows(prop: dict[str, Any], path: tuple[str, ...]) -> Iterator[Row]:
    """Rows of the keys inside ``prop``'s value: its own keys, its list items', its mapping values'."""
    for branch in prop.get("oneOf", [prop]):
        if branch.get("type") == "object" and "properties" in branch:
            yield from rows(branch, path)
        elif branch.get("type") == "array" and _has_keys(branch["items"]):
            yield from rows(branch["items"], path + (ITEM,))
        elif branch.get("type") == "object" and "properties" not in branch:
            extra = branch.get("additionalProperties")
            if isinstance(extra, dict) and _has_keys(extra):
                yield from rows(extra, path + (_key_name(branch),))


def _description(sub: dict[str, Any]) -> str:
    found = sub.get("description", "")
    if not found:
        for branch in sub.get("oneOf", []):
            found = found or branch.get("description", "")
    return str(found)


# --------------------------------------------------------------------------- examples from the project


def project_documents(project: Project) -> dict[str, list[Any]]:
    """The data of every readable file of the project, by kind, in file-name order."""
    found: dict[str, list[Any]] = {kind: [] for kind in schema.SCHEMAS}
    raw_files, _ = load_dir(project.path(project.data_dir), project.root)
    for raw in raw_files:
        found[raw.kind].append(raw.doc.data)
    clients = project.path(project.clients_dir)
    for path in sorted(clients.glob("*/client.yml")) if clients.is_dir() else []:
        doc, _ = read_document(path, project.root, clients)
        if doc is not None:
            found["client"].append(doc.data)
    return found


def _values_at(data: Any, path: tuple[str, ...]) -> Iterator[Any]:
    if not path:
        yield data
        return
    head, rest = path[0], path[1:]
    if head == ITEM:
        for item in data if isinstance(data, list) else []:
            yield from _values_at(item, rest)
    elif isinstance(data, dict):
        if head.startswith("<") or head == ANY_KEY:
            for value in data.values():
                yield from _values_at(value, rest)
        elif head in data:
            yield from _values_at(data[head], rest)


def _written(value: Any) -> str | None:
    """``value`` as an editor would write it on one line, or None for a mapping or an empty value."""
    if isinstance(value, Plain):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' if _needs_quotes(value) else value
    if isinstance(value, dict):
        pairs = [(k, _written(v)) for k, v in list(value.items())[:3]]
        if not pairs or any(v is None or isinstance(v, str) and v.startswith(("[", "{")) for _, v in pairs):
            return None
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + (", …}" if len(value) > 3 else "}")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, list):
        items = [_written(v) for v in value[:3]]
        if not items or None in items:
            return None
        return "[" + ", ".join(str(i) for i in items) + (", …]" if len(value) > 3 else "]")
    return str(value)


def _needs_quotes(value: str) -> bool:
    return not value or value[0] in "-[]{}*&!|>'\"%@`#,?:" or ": " in value or " #" in value or "\n" in value


def example(row: Row, documents: list[Any]) -> str | None:
    """``key: value`` for the row's first value in ``documents``, else its default or first allowed value."""
    key = row.path[-1]
    if key == ITEM:
        key = row.path[-2]
    for doc in documents:
        for value in _values_at(doc, row.path):
            if row.nested and (isinstance(value, dict) or isinstance(value, list) and any(isinstance(v, dict)
                                                                                      for v in value)):
                continue
            if isinstance(value, str) and "\n" in value.strip():  # a block: its first line
                return _shorten(f"{key}: {value.strip().splitlines()[0]} …")
            shown = _written(value)
            if shown is not None:
                return _shorten(f"{key}: {shown}")
    fallback = row.default if row.default is not None else (row.enum[0] if row.enum else None)
    return f"{key}: {fallback}" if fallback is not None else None


def _shorten(text: str) -> str:
    return text if len(text) <= EXAMPLE_MAX else text[: EXAMPLE_MAX - 1].rstrip() + "…"


# --------------------------------------------------------------------------- the page


def _code(text: str) -> str:
    """``text`` as inline code."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text(text: str) -> str:
    """Plain text on one line, its ``<`` not read as an HTML tag."""
    return " ".join(text.split()).replace("<", "&lt;")


def key_entry(row: Row, documents: list[Any]) -> str:
    """One list entry: the key, its type, whether required; its description, allowed values and example."""
    path = ".".join(row.path).replace(".[]", "[]")
    head = f"- {_code(path)} ({_text(row.kind)}{', **required**' if row.required else ''}): "
    details = [_text(row.description)]
    if row.allowed:
        details.append(f"Allowed: {_text(row.allowed)}.")
    shown = example(row, documents)
    if shown is not None:
        details.append(f"Example: {_code(shown)}")
    return head + " ".join(details)


def kind_section(kind: str, documents: list[Any]) -> str:
    sub = schema.SCHEMAS[kind]
    about = _text(sub.get("description", "").split(": ", 1)[-1])
    lines = [f"## {kind.capitalize()}", "", f"File: {WHERE[kind]}. {about[:1].upper()}{about[1:]}", ""]
    lines += [key_entry(row, documents) for row in rows(sub)]
    return "\n".join(lines) + "\n"


def reference_page(project: Project) -> str:
    """The whole reference page, its examples taken from ``project``'s files."""
    documents = project_documents(project)
    sections = [kind_section(kind, documents[kind]) for kind in schema.SCHEMAS]
    return INTRO + "\n" + "\n".join(sections)


def write_reference(project: Project, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(reference_page(project), encoding="utf-8")
    return out
