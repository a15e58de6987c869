"""Which texts a guide shows in another language than its own, and what its translations cover.

:func:`translate_guide` is the one step :mod:`journeybook.resolve` takes: it
notes every text written in another language than the guide's (before the
translations), applies the translations (:mod:`journeybook.translation.translate`) and
remembers which of those texts they replaced. Once the model is built,
:meth:`Translation.texts` keeps the texts the guide shows (a client guide
shows what its journeys reach), and :func:`untranslated_warnings` reports
every one still in the other language, located at the text itself
(``journeybook validate`` does; a build only says how many there are).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import model
from ..check.schema import SCHEMAS, walk
from ..errors import WARNING, Problem
from ..guides.used import only_used
from ..read.files import Documents, rel, translation_languages
from ..read.project import Project, Text
from ..read.yamlpos import Document, Pointer
from .translate import Applied, Languages, apply_all, free_map, item_key, translatable

PLAYBOOK_LISTS = ("phases", "categories", "channels", "sources")


def _segments(data: Any, schema: dict[str, Any], pointer: Pointer) -> tuple[list[Any], Pointer]:
    """The pointer with list items named by id where they have one; the pointer of the unit translated."""
    segments: list[Any] = []
    whole: Pointer | None = None
    node: dict[str, Any] = schema
    for depth, key in enumerate(pointer):
        if "oneOf" in node:
            node = next((b for b in node["oneOf"] if b.get("type") in ("object", "array")), node["oneOf"][0])
        if isinstance(data, list):
            name = item_key(node)
            if name is not None and isinstance(data[key], dict):
                segments.append({name: str(data[key].get(name))})
            else:
                segments.append({"at": key, "of": len(data)})
            if translatable(node.get("items", {})) and whole is None:
                whole = pointer[:depth]
            node = node.get("items", {})
        else:
            if free_map(node) and whole is None:
                whole = pointer[:depth]
            segments.append(key)
            extra = node.get("additionalProperties")
            node = node.get("properties", {}).get(key) or (extra if isinstance(extra, dict) else {})
        data = data[key]
    return segments, whole if whole is not None else pointer


def census(kind: str, doc_id: str, doc: Document, langs: Languages) -> Iterator[Text]:
    """Every text of ``doc`` that is written in another language than the build's."""
    seen: set[Pointer] = set()
    for pointer, node, value in walk(doc.data, SCHEMAS[kind]):
        if not isinstance(value, str) or pointer in seen or not translatable(node):
            continue
        seen.add(pointer)
        source = doc.path_of(pointer)
        if langs.speaks(langs.of(source)):
            continue
        segments, whole = _segments(doc.data, SCHEMAS[kind], pointer)
        text = f"{pointer[-1]}: {value}" if whole != pointer and isinstance(pointer[-1], str) else str(value)
        line, col = doc.pos(pointer)
        yield Text(kind, doc_id, pointer, source, line, col, text,
                   f"{source} {json.dumps(segments, ensure_ascii=False)}", whole, langs.of(source), langs.build)


Census = dict[tuple[object, ...], tuple[Document, tuple[Text, ...]]]  # by document and languages


def _census_once(kind: str, doc_id: str, doc: Document, langs: Languages, memo: Census | None) -> tuple[Text, ...]:
    """:func:`census`, kept in ``memo`` for the next guide in the same language: a base file that no client
    overlay wrote into says the same for every such guide."""
    if memo is None or langs.overlaid(doc):
        return tuple(census(kind, doc_id, doc, langs))
    key = (id(doc), kind, doc_id, langs.build, langs.base)
    hit = memo.get(key)
    if hit is None or hit[0] is not doc:
        hit = memo[key] = (doc, tuple(census(kind, doc_id, doc, langs)))
    return hit[1]


def _documents(files: Documents) -> Iterator[tuple[str, str, Document]]:
    if files.playbook is not None:
        yield "playbook", "playbook", files.playbook
    for kind in ("persona", "touchpoint", "journey"):
        for doc_id, doc in sorted(files.table(kind).items()):
            yield kind, doc_id, doc


def reached(playbook: model.Playbook) -> dict[str, set[str]]:
    """What a guide shows, by kind: for a client guide, what its journeys reach (:func:`used.only_used`); else
    everything."""
    shown = only_used(playbook) if playbook.client is not None else playbook
    return {"persona": set(shown.personas), "touchpoint": set(shown.touchpoints), "journey": set(shown.journeys),
            "phases": {p.id for p in shown.phases}, "categories": {c.id for c in shown.categories},
            "channels": {c.id for c in shown.channels}, "sources": {s.id for s in shown.sources}}


def _shown(text: Text, shown: dict[str, set[str]], files: Documents) -> bool:
    if text.kind != "playbook":
        return text.id in shown[text.kind]
    if text.pointer[0] not in PLAYBOOK_LISTS:
        return True
    doc = files.playbook
    item = doc.data[text.pointer[0]][text.pointer[1]] if doc is not None else None
    return isinstance(item, dict) and str(item.get("id")) in shown[str(text.pointer[0])]


@dataclass
class Translation:
    """What translating one guide did: the texts in another language, the files read, the problems."""

    langs: Languages
    pending: list[Text] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: Documents | None = None

    def texts(self, playbook: model.Playbook) -> list[Text]:
        """The texts the guide shows that were written in another language, each marked translated or not."""
        if self.files is None:
            return []
        shown = reached(playbook)
        out = []
        for text in self.pending:
            if not _shown(text, shown, self.files):
                continue
            doc = self.files.playbook if text.kind == "playbook" else self.files.table(text.kind)[text.id]
            done = doc is not None and self.langs.speaks(self.langs.of(doc.path_of(text.pointer)))
            out.append(replace(text, translated=done))
        return out



def untranslated_warnings(texts: list[Text]) -> list[Problem]:
    """A warning at each text a guide shows in another language than its own (``journeybook validate``)."""
    return [Problem(t.source, t.line, t.col, WARNING,
                    f"untranslated: the guide in '{t.build}' shows this text in '{t.language}' "
                    f"(translate it in {translation_name(t.source, t.build)})")
            for t in texts if not t.translated]


def coverage_lines(texts: list[Text]) -> list[str]:
    """Per file: how many of the texts the guide shows from it are translated; then the total."""
    by_file: dict[str, list[Text]] = {}
    for text in texts:
        by_file.setdefault(text.source, []).append(text)
    lines = []
    for path, found in sorted(by_file.items()):
        done = sum(1 for t in found if t.translated)
        lines.append(f"{path}: {done} of {len(found)} translated" + (
            f", {len(found) - done} untranslated" if done < len(found) else ""))
    done = sum(1 for t in texts if t.translated)
    lines.append(f"{done} of {len(texts)} texts translated, {len(texts) - done} untranslated.")
    return lines


def translation_name(path: str, lang: str) -> str:
    """``journeys/x.yml`` -> ``journeys/x.<lang>.yml``."""
    folder, _, name = path.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    return f"{folder + '/' if folder else ''}{stem}.{lang}.{suffix}"


def languages(project: Project, files: Documents, client_doc: Document | None, build: str) -> Languages:
    own = files.playbook.data.get("language") if files.playbook is not None and isinstance(
        files.playbook.data, dict) else None
    base = str(own or project.base_language or project.language)
    client = client_doc.data.get("language") if client_doc is not None and isinstance(client_doc.data, dict) else None
    prefix = None
    if project.client:
        prefix = rel(project.path(project.clients_dir) / project.client, project.root) + "/"
    return Languages(build=build, base=base, client=str(client or base), overlay_prefix=prefix)


def translate_guide(project: Project, files: Documents, client_doc: Document | None, build: str,
                    applied: Applied | None = None, counted: Census | None = None) -> Translation:
    """Apply the translations into ``build`` to ``files``: the base's, then the client overlay's
    (``applied``: translations made before, see :func:`journeybook.translation.translate.apply_all`; ``counted``: the
    texts found in another language before, see :func:`_census_once`)."""
    langs = languages(project, files, client_doc, build)
    job = Translation(langs, files=files)
    client = project.client is not None and client_doc is not None
    if langs.build != langs.base or langs.build != langs.client:
        job.pending = [text for kind, doc_id, doc in _documents(files)
                       for text in _census_once(kind, doc_id, doc, langs, counted)]
        read, found = apply_all(files, project.path(project.data_dir), project.root, langs, langs.base, applied)
        job.read += read
        job.problems += found
    if client:  # a client's translations apply in its guide whatever language its overlay is in
        overlay = project.path(project.clients_dir) / str(project.client) / "journeys"
        read, found = apply_all(files, overlay, project.root, langs, None, applied)
        job.read += read
        job.problems += found + unapplied_warnings(project, overlay, client_doc, langs)
    return job


def unapplied_warnings(project: Project, overlay: Path, client_doc: Document | None, langs: Languages) -> list[Problem]:
    """A warning at each of a client's translation files that no build of its guide applies: its language is not
    the guide's (``nl`` or ``nl-BE`` in an ``nl-BE`` guide). Every build of a guide is in the client's
    ``language:``; a client without one follows the site, and on a mkdocs-static-i18n site (whose languages a
    load does not know) its guide is built in each of the site's languages, so nothing is said there."""
    own = client_doc.data.get("language") if client_doc is not None and isinstance(client_doc.data, dict) else None
    if own is None and project.base_language is not None:
        return []
    names = " or ".join(f"<name>.{lang}.yml" for lang in langs.chain)
    return [Problem(rel(path, project.root), 1, 1, WARNING,
                    f"no build applies this translation into '{lang}': the guide of client '{project.client}' is "
                    f"in '{langs.build}' (its translations are named {names})")
            for lang, path in translation_languages(overlay) if not langs.speaks(lang)]
