"""Translations beside the text they translate: ``<name>.<lang>.yml`` next to ``<name>.yml``.

A translation holds the keys of the file it translates, with text in its
language. Only text is translatable (what the schema declares as free text:
no ids, references, numbers, colours, URLs or paths); such a value may be
repeated as written, any other value is a located error. Lists of mappings
with an ``id`` merge by id (a translation lists only the items it
translates; a journey's ``{ref, note}`` touchpoint uses merge by ``ref``),
lists of text are replaced whole, other lists (KPIs) go item by item and
must be as long as the base list (``null`` leaves an item as it is). A mapping of free labels to text (a persona's
demographics) is text as a whole and is replaced whole.

A translation only replaces text written in another language than its own:
a base file's translation does not overwrite what a client overlay wrote in
the guide's language. A client's translation also replaces what the base's
translations wrote: in a client guide, later wins, the base file, the base's
translations (``nl``, then ``nl-BE``), the client's translations (the same),
the client's overlay.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check.schema import SCHEMAS, is_text
from ..check.validate import as_int
from ..errors import ERROR, WARNING, Problem
from ..model.ids import quoted
from ..read.files import TRANSLATION_NAME, Documents, read_document, rel, translation_files
from ..read.yamlpos import Document, Pointer

NOT_TEXT = ("pattern", "enum", "format", "x-ref")


def translatable(node: dict[str, Any]) -> bool:
    """Whether values of the schema ``node`` are free text a translation may replace."""
    return is_text(node) and not any(key in node for key in NOT_TEXT)


def free_map(node: dict[str, Any]) -> bool:
    """A mapping of free labels to text (demographics): translated as a whole."""
    extra = node.get("additionalProperties")
    return (node.get("type") == "object" and isinstance(extra, dict) and translatable(extra)
            and "propertyNames" not in node and not node.get("properties"))


def fits(value: Any, node: dict[str, Any]) -> bool:
    kind = node.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "oneOf" in node:
        return any(fits(value, branch) for branch in node["oneOf"])
    if isinstance(value, dict):
        return "object" in kinds
    if isinstance(value, list):
        return "array" in kinds
    if value is None:
        return "null" in kinds
    if "enum" in node:
        return value in node["enum"]
    return is_text(node) or ("integer" in kinds and as_int(value) is not None) or kind is None


def branch(value: Any, node: dict[str, Any]) -> dict[str, Any]:
    """The branch of a ``oneOf`` the base value follows (the node itself without one)."""
    if "oneOf" not in node:
        return node
    for sub in node["oneOf"]:
        if fits(value, sub):
            return branch(value, sub)
    return dict(node["oneOf"][0])


def item_key(node: dict[str, Any]) -> str | None:
    """The key that names the items of a list of mappings: ``id``, or the ``ref`` of a touchpoint use."""
    items = node.get("items", {})
    for sub in items.get("oneOf", [items]):
        props = sub.get("properties", {}) if sub.get("type") == "object" else {}
        if "id" in props and "id" in sub.get("required", ()):  # (a KPI's id is optional: KPIs go item by item)
            return "id"
        if "x-ref" in props.get("ref", {}):
            return "ref"
    return None


def _what(node: dict[str, Any]) -> str:
    if "x-ref" in node:
        return f"a reference to a {node['x-ref']}"
    if node.get("pattern") == r"^#[0-9a-fA-F]{6}$":
        return "a colour"
    if "pattern" in node and "id" in node.get("description", "").lower():
        return "an id"
    if "enum" in node:
        return "one of " + ", ".join(str(v) for v in node["enum"])
    if node.get("type") == "integer":
        return "a number"
    if "format" in node:
        return "a path"
    return "not text" if "pattern" not in node else "an address or id"


@dataclass
class _Apply:
    """Applies one translation file to a copy of the document it translates."""

    out: Document
    tr: Document
    may_replace: Callable[[str], bool]  # whether text written in that file may be replaced
    problems: list[Problem] = field(default_factory=list)

    def error(self, pointer: Pointer, message: str, key: bool = False) -> None:
        line, col = self.tr.key_pos(pointer) if key else self.tr.pos(pointer)
        self.problems.append(Problem(self.tr.path, line, col, ERROR, message))

    def replace(self, out_ptr: Pointer, tr_ptr: Pointer, value: Any, container: Any, key: Any) -> None:
        if not self.may_replace(self.out.path_of(out_ptr)):
            return
        container[key] = copy.deepcopy(value)
        n, m = len(out_ptr), len(tr_ptr)
        for table_name in ("positions", "key_positions", "origins", "removed"):
            table = getattr(self.out, table_name)
            for old in [k for k in table if k[:n] == out_ptr]:
                del table[old]
        for table_name in ("positions", "key_positions"):
            for src_key, pos in getattr(self.tr, table_name).items():
                if src_key[:m] == tr_ptr:
                    getattr(self.out, table_name)[out_ptr + src_key[m:]] = pos
        self.out.origins[out_ptr] = self.tr.path

    def node(self, base: Any, value: Any, schema: dict[str, Any], out_ptr: Pointer, tr_ptr: Pointer,
             container: Any, key: Any) -> None:
        if value is None:
            return
        node = branch(base, schema)
        if translatable(node) and not isinstance(base, (dict, list)):
            if isinstance(value, (dict, list)):
                self.error(tr_ptr, "expected the translated text here, not a list or mapping")
            else:
                self.replace(out_ptr, tr_ptr, value, container, key)
        elif free_map(node) and isinstance(value, dict):
            self.replace(out_ptr, tr_ptr, value, container, key)
        elif node.get("type") == "object" or isinstance(base, dict):
            self.mapping(base, value, node, out_ptr, tr_ptr)
        elif node.get("type") == "array" or isinstance(base, list):
            self.array(base, value, node, out_ptr, tr_ptr, container, key)
        elif str(value) != str(base):
            where = ".".join(str(p) for p in out_ptr)
            self.error(tr_ptr, f"'{where}' is not translatable ({_what(node)}): keep it as in "
                               f"{self.out.path_of(out_ptr)} ({quoted(str(base))}) or leave it out")

    def mapping(self, base: Any, value: Any, node: dict[str, Any], out_ptr: Pointer, tr_ptr: Pointer) -> None:
        if not isinstance(value, dict) or not isinstance(base, dict):
            self.error(tr_ptr, "expected a mapping (key: value pairs), as in the file it translates")
            return
        props, extra = node.get("properties", {}), node.get("additionalProperties")
        for k, sub in value.items():
            sub_schema = props.get(k) or (extra if isinstance(extra, dict) else None)
            if str(k).startswith("x-"):
                continue
            if sub_schema is None:
                self.error(tr_ptr + (k,), f"unknown key {quoted(str(k))}", key=True)
            elif k not in base:
                self.error(tr_ptr + (k,), f"{quoted(str(k))} is not in {self.out.path_of(out_ptr)}: "
                                          "a translation translates only what is there", key=True)
            else:
                self.node(base[k], sub, sub_schema, out_ptr + (k,), tr_ptr + (k,), base, k)

    def array(self, base: Any, value: Any, node: dict[str, Any], out_ptr: Pointer, tr_ptr: Pointer,
              container: Any, key: Any) -> None:
        if not isinstance(value, list) or not isinstance(base, list):
            self.error(tr_ptr, "expected a list, as in the file it translates")
            return
        items = node.get("items", {})
        if translatable(items):
            self.replace(out_ptr, tr_ptr, value, container, key)
        elif (name := item_key(node)) is not None:
            by_key = {str(item.get(name)): i for i, item in enumerate(base) if isinstance(item, dict)}
            for j, item in enumerate(value):
                if not isinstance(item, dict) or item.get(name) is None:
                    self.error(tr_ptr + (j,), f"a translated list item names the item it translates by its '{name}'")
                elif str(item[name]) not in by_key:
                    self.error(tr_ptr + (j, name), f"no item with {name} {quoted(str(item[name]))} in "
                                                   f"{self.out.path_of(out_ptr)} (or it is not a mapping there); "
                                                   "a translation translates only what is there")
                else:
                    i = by_key[str(item[name])]
                    self.node(base[i], item, items, out_ptr + (i,), tr_ptr + (j,), base, i)
        elif len(value) != len(base):
            self.error(tr_ptr, f"this list has {len(value)} items and the list it translates {len(base)}: a list "
                               "without ids is translated item by item (null leaves an item as it is)")
        else:
            for i, item in enumerate(value):
                self.node(base[i], item, items, out_ptr + (i,), tr_ptr + (i,), base, i)


def apply(base: Document, tr: Document, kind: str,
          may_replace: Callable[[str], bool] = lambda _path: True) -> tuple[Document, list[Problem]]:
    """A new document: ``base`` with the text of ``tr`` (neither is changed), and the problems found."""
    out = Document(base.path, copy.deepcopy(base.data), dict(base.positions), dict(base.key_positions),
                   dict(base.origins), dict(base.removed))
    job = _Apply(out, tr, may_replace)
    job.mapping(out.data, tr.data, SCHEMAS[kind], (), ())
    return out, job.problems


# --------------------------------------------------------------------------- the languages of a guide


@dataclass(frozen=True)
class Languages:
    """The language of a build and of the files it reads."""

    build: str  # the language the guide is in
    base: str  # the language the base playbook is written in
    client: str  # the language a client's overlay is written in (its guide's language)
    overlay_prefix: str | None = None  # the client's overlay folder, relative to the root, with a final slash

    def of(self, path: str) -> str:
        """The language the text written in the file ``path`` is in."""
        found = TRANSLATION_NAME.match(path.rsplit("/", 1)[-1])
        if found:
            return found["lang"]
        if self.overlay_prefix and path.startswith(self.overlay_prefix):
            return self.client
        return self.base

    @property
    def chain(self) -> tuple[str, ...]:
        """The languages whose translations a build applies, general first: ``nl-BE`` takes ``nl``, then its own."""
        general = self.build.split("-", 1)[0]
        return (general, self.build) if general != self.build else (self.build,)

    def overlaid(self, doc: Document) -> bool:
        """Whether the client's overlay wrote any of ``doc`` (its own file, or values merged into a base file)."""
        prefix = self.overlay_prefix
        return prefix is not None and any(path.startswith(prefix) for path in [doc.path, *doc.origins.values()])

    def speaks(self, lang: str) -> bool:
        """Whether text in ``lang`` is in the build's language (``nl`` text counts in an ``nl-BE`` guide)."""
        return lang in self.chain


def _tables(files: Documents) -> Iterator[tuple[str, dict[str, Document]]]:
    yield "persona", files.personas
    yield "touchpoint", files.touchpoints
    yield "journey", files.journeys


Applied = dict[tuple[object, ...], tuple[Document, Document, Document, list[Problem]]]


def _key(target: Document, doc: Document, kind: str, langs: Languages) -> tuple[object, ...]:
    """What the translation of ``target`` by ``doc`` depends on: the two documents, and the languages of the
    files ``target``'s text comes from (a client's overlay folder only when it wrote some of that text)."""
    overlaid = langs.overlaid(target)
    return (id(target), id(doc), kind, langs.build, langs.base, langs.client if overlaid else None,
            langs.overlay_prefix if overlaid else None)


def apply_all(files: Documents, data_dir: Path, root: Path, langs: Languages,
              source_lang: str | None, applied: Applied | None = None) -> tuple[list[str], list[Problem]]:
    """Apply the ``<name>.<lang>.yml`` of ``data_dir`` (whose own files are in ``source_lang``) to ``files``,
    for each language of the build's chain (``nl``, then ``nl-BE``) that is not ``source_lang``.

    ``source_lang`` None: ``data_dir`` is the client's overlay folder, whose translations apply in every
    language of the chain and replace any text the base wrote (its files and their translations); only what
    the client wrote in that language or a more specific one stays (see :func:`client_may_replace`).

    With ``applied`` (a load cache's), the translation of a document that was
    translated before, by the same file into the same language, is taken from it:
    guides in one language share their translated base files.
    """
    read: list[str] = []
    problems: list[Problem] = []
    passes = [] if source_lang == langs.build else [lang for lang in langs.chain if lang != source_lang]
    for lang in passes:
        later = langs.chain[langs.chain.index(lang):]  # text in these stays: it is as specific or more
        if source_lang is None:
            may_replace, beside = client_may_replace(langs, later), "in the base playbook or beside it"
        else:
            may_replace, beside = base_may_replace(langs, later), "beside it"
        found_r, found_p = _apply_lang(files, data_dir, root, langs, lang, may_replace, beside, applied)
        read += found_r
        problems += found_p
    return read, problems


def base_may_replace(langs: Languages, keep: tuple[str, ...]) -> Callable[[str], bool]:
    """A base translation replaces text not written in ``keep`` (its language or a more specific one)."""
    return lambda origin: langs.of(origin) not in keep


def client_may_replace(langs: Languages, keep: tuple[str, ...]) -> Callable[[str], bool]:
    """A client's translation replaces any text of the base (a base file or its translation), and the client's
    own text unless that is written in ``keep`` (its language or a more specific one)."""
    prefix = langs.overlay_prefix or ""
    return lambda origin: not origin.startswith(prefix) or langs.of(origin) not in keep


def _apply_lang(files: Documents, data_dir: Path, root: Path, langs: Languages, lang: str,
                may_replace: Callable[[str], bool], beside: str,
                applied: Applied | None) -> tuple[list[str], list[Problem]]:
    """Apply the ``<name>.<lang>.yml`` of ``data_dir`` to ``files``, over the text ``may_replace`` allows."""
    read: list[str] = []
    problems: list[Problem] = []
    for kind, stem, path in translation_files(data_dir, lang):
        shown = rel(path, root)
        target = files.playbook if kind == "playbook" else dict(_tables(files))[kind].get(stem)
        if target is None:
            problems.append(Problem(shown, 1, 1, WARNING, f"translates nothing: there is no {kind} '{stem}' "
                                                          f"{beside}"))
            continue
        doc, found = read_document(path, root, data_dir)
        problems += found
        if doc is None:
            continue
        read.append(shown)
        key = _key(target, doc, kind, langs)
        known = applied.get(key) if applied is not None else None
        if known is not None and known[0] is target and known[1] is doc:
            out, found = known[2], known[3]
        else:
            out, found = apply(target, doc, kind, may_replace)
            if applied is not None:
                applied[key] = (target, doc, out, found)
        problems += found
        files.put(kind, target, out)
    return read, problems
