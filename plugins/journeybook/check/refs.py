"""Checks across files: references resolve, ids are unique in their lists, paths stay inside.

Which values are references comes from the ``x-ref`` / ``x-ref-keys``
annotations of the schemas; an unknown id names the nearest existing one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ERROR, WARNING, Problem
from ..model.ids import RESERVED_IDS, is_valid_id, quoted
from ..read.files import Documents
from ..read.project import Project
from ..read.yamlpos import Document, Pointer
from ..translation import i18n
from .schema import SCHEMAS, walk
from .validate import check, did_you_mean, label

Reference = tuple[str, str, Pointer, bool]  # (target kind, id, pointer, at_key)


def references(doc: Document, kind: str) -> Iterator[Reference]:
    """(target kind, id, pointer, at_key) for every reference in a document."""
    for pointer, schema, value in walk(doc.data, SCHEMAS[kind]):
        if "x-ref" in schema and isinstance(value, str):
            yield schema["x-ref"], value, pointer, False
        if "x-ref-keys" in schema and isinstance(value, dict):
            for key in value:
                yield schema["x-ref-keys"], key, pointer + (key,), True


def duplicate_ids(doc: Document, kind: str) -> Iterator[Problem]:
    """Ids inside lists (phases, checklist items, steps, ...) are unique in their list."""
    for pointer, schema, value in walk(doc.data, SCHEMAS[kind]):
        if schema.get("type") != "array" or "id" not in schema["items"].get("properties", {}):
            continue
        first: dict[str, int] = {}
        for index, item in enumerate(value):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                if item["id"] in first:
                    line, col = doc.pos(pointer + (index, "id"))
                    at = doc.pos(pointer + (first[item["id"]], "id"))[0]
                    yield Problem(doc.path_of(pointer + (index, "id")), line, col, ERROR,
                                  f"duplicate id {quoted(item['id'])} in {label(pointer)} (first at line {at})")
                else:
                    first[item["id"]] = index

def known_ids(files: Documents, language: str) -> dict[str, list[str] | None]:
    """Ids per kind; ``None`` where they cannot be known (their file did not load)."""
    data = files.playbook.data if files.playbook is not None and isinstance(files.playbook.data, dict) else {}

    def ids(key: str) -> list[str]:
        items = data.get(key)
        if not isinstance(items, list):
            return []
        found = [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)]
        return list(dict.fromkeys(found))  # a duplicate id is reported where it is written; listed once

    # an empty or unreadable phase list is reported where it is written, not at every journey that uses a phase
    phases = ids("phases") or (None if data.get("phases") else list(i18n.default_phase_names(language)))
    categories = ids("categories") + [c for c in i18n.default_category_names(language) if c not in ids("categories")]
    known: dict[str, list[str] | None] = {
        "phase": phases,
        "category": categories,
        "channel": ids("channels"),
        "source": ids("sources"),
        "persona": sorted(files.personas),
        "touchpoint": sorted(files.touchpoints),
        "journey": sorted(files.journeys),
    }
    if ("playbook", "playbook") in files.broken:  # its problem is reported; do not add one per reference
        known.update(phase=None, category=None, channel=None, source=None)
    for kind, broken_id in files.broken:
        have = known.get(kind)
        if kind in ("persona", "touchpoint", "journey") and have is not None and broken_id not in have:
            known[kind] = sorted([*have, broken_id])
    return known


_PLURALS = {"category": "categories"}


def _unknown(target: str, ref_id: str, known: list[str]) -> str:
    """"unknown persona 'x' (did you mean 'y'?)", or the known ids when none is close."""
    hint = did_you_mean(ref_id, known)
    plural = _PLURALS.get(target, target + "s")
    shown = [k for k in known if is_valid_id(k)]  # a malformed id is reported where it is written
    if not hint and not shown:
        hint = f"; no {plural} are defined" + (" (add them to playbook.yml)" if target in ("channel", "source") else "")
    elif not hint:
        hint = f"; known {plural}: " + ", ".join(shown[:10]) + (", ..." if len(shown) > 10 else "")
    return f"unknown {target} {quoted(ref_id)}{hint}"


@dataclass(frozen=True)
class DocFacts:
    """What can be said of one document on its own: schema problems, its references, duplicate ids."""

    schema: tuple[Problem, ...]
    references: tuple[Reference, ...]
    duplicates: tuple[Problem, ...]


def doc_facts(doc: Document, kind: str) -> DocFacts:
    return DocFacts(tuple(check(doc, kind)), tuple(references(doc, kind)), tuple(duplicate_ids(doc, kind)))


_LISTS = {"phase": "phases", "category": "categories", "channel": "channels", "source": "sources"}


def _undefined(files: Documents) -> set[str]:
    """Kinds whose definitions list is missing: every kind of playbook.yml when it is missing, else the
    lists it leaves out that have no defaults (channels, sources)."""
    if files.playbook is None:  # phases and categories have defaults; channels and sources do not
        return set() if ("playbook", "playbook") in files.broken else {"channel", "source"}
    data = files.playbook.data if isinstance(files.playbook.data, dict) else {}
    return {kind for kind in ("channel", "source") if not data.get(_LISTS[kind])}


def _undefined_once(unresolved: dict[str, list[tuple[str, int, int, str]]], files: Documents,
                    playbook_path: str) -> list[Problem]:
    """One problem for references that cannot resolve because their definitions are missing: at playbook.yml,
    or at the first reference (in the data dir first, so a client's guide says it where the base does)
    when playbook.yml is missing."""
    if not unresolved:
        return []
    base = playbook_path.rpartition("/")[0] + "/"
    groups = {kind: sorted(refs, key=lambda r: (not r[0].startswith(base), r)) for kind, refs in unresolved.items()}
    if files.playbook is None:
        found = sorted((r for refs in groups.values() for r in refs), key=lambda r: (not r[0].startswith(base), r))
        kinds = ", ".join(_LISTS[k] for k in _LISTS if k in groups)
        path, line, col, _ = found[0]
        return [Problem(path, line, col, ERROR,
                        f"{playbook_path} not found, so {_count(found)} to {kinds} cannot resolve "
                        f"({_first_here(found)}); create it with those lists")]
    return [Problem(files.playbook.path, 1, 1, ERROR,
                    f"no '{_LISTS[kind]}' list, but {_count(refs)} name{'s' if len(refs) == 1 else ''} "
                    f"{_LISTS[kind] if len(refs) != 1 else 'a ' + kind} ({_first(refs)}); add the list")
            for kind, refs in sorted(groups.items())]


def _count(refs: list[tuple[str, int, int, str]]) -> str:
    return f"{len(refs)} reference{'s' if len(refs) != 1 else ''}"


def _first(refs: list[tuple[str, int, int, str]]) -> str:
    path, line, col, ref_id = refs[0]
    return f"{'the first: ' if len(refs) > 1 else ''}{quoted(ref_id)} at {path}:{line}:{col}"


def _first_here(refs: list[tuple[str, int, int, str]]) -> str:
    return f"{'the first: ' if len(refs) > 1 else ''}{quoted(refs[0][3])}, here"


def check_references(files: Documents, known: dict[str, list[str] | None], client_doc: Document | None,
                     facts: Callable[[Document, str], DocFacts] = doc_facts,
                     playbook_path: str = "journeys/playbook.yml") -> list[Problem]:
    problems = []
    docs = list(files.all()) + ([("client", client_doc)] if client_doc is not None else [])
    undefined = _undefined(files)
    unresolved: dict[str, list[tuple[str, int, int, str]]] = {}
    for kind, doc in docs:
        found = facts(doc, kind)
        for target, ref_id, pointer, at_key in found.references:
            ids = known[target]
            if ids is None or ref_id in ids:
                continue
            line, col = doc.key_pos(pointer) if at_key else doc.pos(pointer)
            if target in undefined:  # said once, not once per reference
                unresolved.setdefault(target, []).append((doc.path_of(pointer), line, col, ref_id))
                continue
            problems.append(Problem(doc.path_of(pointer), line, col, ERROR, _unknown(target, ref_id, ids)))
        problems += found.duplicates
    problems += _undefined_once(unresolved, files, playbook_path)
    for doc in files.journeys.values():
        problems += _persona_notes(doc, known["persona"] or [])
    if files.playbook is not None:
        problems += _reserved_phase_ids(files.playbook)
    return problems


def _reserved_phase_ids(doc: Document) -> list[Problem]:
    phases = doc.data.get("phases") if isinstance(doc.data, dict) else None
    problems = []
    for index, phase in enumerate(phases if isinstance(phases, list) else []):
        if isinstance(phase, dict) and phase.get("id") in RESERVED_IDS:
            pointer = ("phases", index, "id")
            line, col = doc.pos(pointer)
            problems.append(Problem(doc.path_of(pointer), line, col, ERROR,
                                    f"the phase id '{phase['id']}' is reserved (it names the journey map page)"))
    return problems


def _persona_notes(doc: Document, personas: list[str]) -> list[Problem]:
    """persona_notes name personas who travel the journey (unknown personas are reported as such)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    travellers, phases = data.get("personas"), data.get("phases")
    travellers = travellers if isinstance(travellers, list) else []
    phases = phases if isinstance(phases, dict) else {}
    problems = []
    for phase_id, entry in phases.items():
        notes = entry.get("persona_notes") if isinstance(entry, dict) else None
        if not isinstance(notes, dict):
            continue
        for persona in notes:
            pointer = ("phases", phase_id, "persona_notes", persona)
            if persona not in travellers and persona in personas:
                line, col = doc.key_pos(pointer)
                problems.append(Problem(doc.path_of(pointer), line, col, ERROR,
                                        f"persona {quoted(persona)} has a note but is not in this journey's personas"))
    return problems


def check_avatars(files: Documents, project: Project) -> list[Problem]:
    problems = []
    docs_dir = project.path(project.docs_dir)
    for doc in files.personas.values():
        avatar = doc.data.get("avatar") if isinstance(doc.data, dict) else None
        if isinstance(avatar, str):
            problems += check_inside(doc, ("avatar",), avatar, docs_dir, f"the docs dir '{project.docs_dir}'")
    return problems


def check_inside(doc: Document, pointer: Pointer, value: str, base: Path, what: str) -> list[Problem]:
    """A path in a document (an avatar, a logo) names a file inside ``base``; else a located error."""
    line, col = doc.pos(pointer)
    norm = posixpath.normpath(value.replace("\\", "/"))
    if value.startswith(("/", "\\")) or ":" in value or norm == ".." or norm.startswith("../"):
        return [Problem(doc.path_of(pointer), line, col, ERROR,
                        f"'{label(pointer)}' must be a path inside {what}, got {quoted(value)}")]
    target = base / norm
    try:
        inside = target.resolve().is_relative_to(base.resolve())
    except (OSError, ValueError, RuntimeError):  # unreadable, NUL in the name, symlink loop
        inside = False
    if not inside:
        return [Problem(doc.path_of(pointer), line, col, ERROR,
                        f"'{label(pointer)}' points outside {what}: {quoted(value)}")]
    if not target.is_file():
        return [Problem(doc.path_of(pointer), line, col, ERROR,
                        f"'{label(pointer)}' file not found: {quoted(value)} in {what}")]
    return []


def unused_warnings(files: Documents, facts: Callable[[Document, str], DocFacts] = doc_facts) -> list[Problem]:
    """Personas no journey names and touchpoints no phase uses: warnings, not errors.

    Read from the documents, so that they are printed along with errors; not said while a journey
    file is unreadable or breaks its schema (what it uses is not known for sure).
    """
    if any(kind == "journey" for kind, _ in files.broken) or any(
            facts(doc, "journey").schema for doc in files.journeys.values()):
        return []
    used = {(target, ref_id) for doc in files.journeys.values()
            for target, ref_id, _, _ in facts(doc, "journey").references}
    problems = []
    for pid, doc in sorted(files.personas.items()):
        if ("persona", pid) not in used:
            problems.append(Problem(doc.path, 1, 1, WARNING, f"persona '{pid}' is not in any journey"))
    for tid, doc in sorted(files.touchpoints.items()):
        if ("touchpoint", tid) not in used:
            problems.append(Problem(doc.path, 1, 1, WARNING, f"touchpoint '{tid}' is not used in any journey phase"))
    return problems
