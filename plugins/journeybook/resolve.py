"""Load, check and resolve a whole playbook (optionally a client's guide) into the model.

Every problem is collected, not just the first: parse errors, schema errors,
unknown references ("did you mean ...?"), duplicate ids, brand variables.
The reference rules come from the ``x-ref`` annotations of the schemas.
"""

from __future__ import annotations

import copy
import dataclasses

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from . import i18n, model
from .errors import ERROR, WARNING, Problem, has_errors
from .loader import RESERVED_IDS, Document, ParseCache, RawFile, parse_cache, hidden_yaml_warning, is_valid_id, load_dir, quoted, read_document, rel
from .overlay import merge
from .schema import SCHEMAS, is_text
from .validate import as_int, check, did_you_mean, label

MAX_TEMPLATE_OUTPUT = 10_000


@dataclass(frozen=True)
class Project:
    """Where a playbook lives. Paths are relative to ``root`` unless absolute."""

    root: Path
    data_dir: str = "journeys"
    clients_dir: str = "clients"
    docs_dir: str = "content"
    site_name: str = "Playbook"
    language: str = "en"
    client: str | None = None

    def path(self, name: str) -> Path:
        return (self.root / name).resolve() if not Path(name).is_absolute() else Path(name)


@dataclass
class Result:
    playbook: model.Playbook | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, relative to the root

    @property
    def ok(self) -> bool:
        return self.playbook is not None and not has_errors(self.problems)


# --------------------------------------------------------------------------- walking the schema


def walk(value: Any, schema: dict[str, Any], pointer: tuple = ()) -> Iterator[tuple[tuple, dict[str, Any], Any]]:
    """(pointer, schema, value) for every value whose type fits its schema."""
    if "oneOf" in schema:
        for branch in schema["oneOf"]:
            yield from walk(value, branch, pointer)
        return
    kind = schema.get("type")
    if kind == "object" and isinstance(value, dict):
        yield pointer, schema, value
        props, extra = schema.get("properties", {}), schema.get("additionalProperties")
        for key, sub in value.items():
            sub_schema = props.get(key) or (extra if isinstance(extra, dict) else None)
            if sub_schema:
                yield from walk(sub, sub_schema, pointer + (key,))
    elif kind == "array" and isinstance(value, list):
        yield pointer, schema, value
        for index, sub in enumerate(value):
            yield from walk(sub, schema["items"], pointer + (index,))
    elif isinstance(value, str) and (kind is None or is_text(schema)):
        yield pointer, schema, value


def references(doc: Document, kind: str) -> Iterator[tuple[str, str, tuple, bool]]:
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


# --------------------------------------------------------------------------- brand variables


class _BrandEnvironment(ImmutableSandboxedEnvironment):
    """Text can read ``brand.<key>`` and nothing else: no operators, filters, tests or calls
    (``brand.name.center(10**9)`` would otherwise allocate gigabytes)."""

    intercepted_binops = frozenset({"*", "**", "+", "-", "/", "//", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"the operator '{operator}' is not allowed")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        raise SecurityError("calls are not allowed")


_ENV = _BrandEnvironment(undefined=StrictUndefined, autoescape=False)
_ENV.globals.clear()
_ENV.filters.clear()
_ENV.tests.clear()
_ONLY_BRAND = "only {{ brand.<key> }} can be used in text"


def _template_message(exc: Exception, brand: dict[str, str]) -> str:
    known = ", ".join(f"brand.{k}" for k in sorted(brand))
    if isinstance(exc, UndefinedError):
        attribute = re.search(r"has no attribute '([^']*)'", str(exc))
        if attribute:
            name = f"brand.{attribute.group(1)}"
            hint = did_you_mean(name, [f"brand.{k}" for k in brand])
            return f"unknown variable {quoted(name)}{hint}; known variables: {known}"
        undefined = re.search(r"'([^']*)' is undefined", str(exc))
        if undefined:
            return f"unknown variable {quoted(undefined.group(1))}: {_ONLY_BRAND}; known variables: {known}"
    reason = " ".join(str(getattr(exc, "message", None) or exc).split()).rstrip(".")
    if isinstance(exc, TemplateSyntaxError) and reason.startswith("No filter named"):
        reason = "filters such as '|upper' are not allowed"
    elif isinstance(exc, TemplateSyntaxError):
        reason = f"cannot read the '{{{{ ... }}}}' in this text: {reason}"
    return f"{_ONLY_BRAND} ({reason}); known variables: {known}"


def render_brand(doc: Document, kind: str, brand: dict[str, str]) -> tuple[Document, list[Problem]]:
    """``{{ brand.<key> }}`` filled in: a new document when any text had variables, else ``doc``."""
    problems: list[Problem] = []
    filled: list[tuple[tuple, str]] = []
    for pointer, _schema, value in list(walk(doc.data, SCHEMAS[kind])):
        if not isinstance(value, str) or ("{{" not in value and "{%" not in value and "{#" not in value):
            continue
        line, col = doc.pos(pointer)
        where = doc.path_of(pointer)
        if "{%" in value:
            problems.append(Problem(where, line, col, ERROR, "only {{ brand.<key> }} is allowed in text, not {% ... %}"))
            continue
        try:
            out = _ENV.from_string(value).render(brand=brand)
        except (TemplateError, SecurityError, TypeError, ValueError, OverflowError, RecursionError) as exc:
            problems.append(Problem(where, line, col, ERROR, _template_message(exc, brand)))
            continue
        if len(out) > MAX_TEMPLATE_OUTPUT:
            problems.append(Problem(where, line, col, ERROR, "text with variables filled in is too long"))
            continue
        filled.append((pointer, type(value)(out)))
    if not filled:
        return doc, problems
    new = dataclasses.replace(doc, data=copy.deepcopy(doc.data))
    for pointer, value in filled:
        _set(new.data, pointer, value)
    return new, problems


def _set(data: Any, pointer: tuple, value: Any) -> None:
    for part in pointer[:-1]:
        data = data[part]
    data[pointer[-1]] = value


# --------------------------------------------------------------------------- loading


@dataclass
class _Files:
    playbook: Document | None = None
    personas: dict[str, Document] = field(default_factory=dict)
    touchpoints: dict[str, Document] = field(default_factory=dict)
    journeys: dict[str, Document] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of files that exist but did not load

    def table(self, kind: str) -> dict[str, Document]:
        return {"persona": self.personas, "touchpoint": self.touchpoints, "journey": self.journeys}[kind]

    def put(self, kind: str, old: Document, new: Document) -> None:
        if kind == "playbook":
            self.playbook = new
            return
        table = self.table(kind)
        for key, doc in table.items():
            if doc is old:
                table[key] = new

    def all(self) -> Iterator[tuple[str, Document]]:
        if self.playbook is not None:
            yield "playbook", self.playbook
        for kind in ("persona", "touchpoint", "journey"):
            for _id, doc in sorted(self.table(kind).items()):
                yield kind, doc


def _add(files: _Files, raw: RawFile, client_overlay: bool) -> None:
    if raw.kind == "playbook":
        files.playbook = merge(files.playbook, raw.doc) if client_overlay and files.playbook else raw.doc
        return
    table = files.table(raw.kind)
    if client_overlay and raw.id in table:
        table[raw.id] = merge(table[raw.id], raw.doc)
    else:
        table[raw.id] = raw.doc


def load_client(project: Project) -> tuple[Document | None, list[Problem]]:
    client_dir = project.path(project.clients_dir) / str(project.client)
    path = client_dir / "client.yml"
    if not is_valid_id(str(project.client)) or not path.is_file():
        known = sorted(p.name for p in project.path(project.clients_dir).glob("*") if (p / "client.yml").is_file())
        shown = rel(path, project.root)
        return None, [Problem(shown, 1, 1, ERROR, f"unknown client '{project.client}'" + did_you_mean(str(project.client), known)
                              + (f"; clients: {', '.join(known)}" if known else ""))]
    doc, problems = read_document(path, project.root)
    if doc is not None:
        problems += check(doc, "client")
        logo = doc.data.get("logo") if isinstance(doc.data, dict) else None
        if isinstance(logo, str):
            problems += _inside(doc, ("logo",), logo, client_dir, project.root, "the client folder")
    return doc, problems


def _inside(doc: Document, pointer: tuple, value: str, base: Path, root: Path, what: str) -> list[Problem]:
    line, col = doc.pos(pointer)
    norm = posixpath.normpath(value.replace("\\", "/"))
    if value.startswith(("/", "\\")) or ":" in value or norm == ".." or norm.startswith("../"):
        return [Problem(doc.path_of(pointer), line, col, ERROR, f"'{label(pointer)}' must be a path inside {what}, got {quoted(value)}")]
    target = base / norm
    try:
        inside = target.resolve().is_relative_to(base.resolve())
    except (OSError, ValueError, RuntimeError):  # unreadable, NUL in the name, symlink loop
        inside = False
    if not inside:
        return [Problem(doc.path_of(pointer), line, col, ERROR, f"'{label(pointer)}' points outside {what}: {quoted(value)}")]
    if not target.is_file():
        return [Problem(doc.path_of(pointer), line, col, ERROR, f"'{label(pointer)}' file not found: {quoted(value)} in {what}")]
    return []


def _read_all(project: Project) -> tuple[_Files, Document | None, list[Problem], list[str]]:
    files = _Files()
    data_dir = project.path(project.data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        return files, None, [Problem(project.data_dir, 1, 1, ERROR, f"data dir '{project.data_dir}' not found")], []
    raws, found = load_dir(data_dir, project.root, files.broken)
    problems += found + hidden_yaml_warning(data_dir, project.root)
    for raw in raws:
        _add(files, raw, client_overlay=False)
    read = [raw.doc.path for raw in raws]
    client_doc = None
    if project.client:
        client_doc, found = load_client(project)
        problems += found
        overlay_dir = project.path(project.clients_dir) / project.client / "journeys"
        if client_doc is not None and overlay_dir.is_dir():
            raws, found = load_dir(overlay_dir, project.root, files.broken)
            problems += found
            for raw in raws:
                _add(files, raw, client_overlay=True)
            read += [raw.doc.path for raw in raws]
        if client_doc is not None:
            read.append(client_doc.path)
    return files, client_doc, problems, read


# --------------------------------------------------------------------------- ids and references


def _known_ids(files: _Files, language: str) -> dict[str, list[str] | None]:
    """Ids per kind; ``None`` where they cannot be known (their file did not load)."""
    data = files.playbook.data if files.playbook is not None and isinstance(files.playbook.data, dict) else {}

    def ids(key: str) -> list[str]:
        items = data.get(key)
        return [i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)] if isinstance(items, list) else []

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
        if kind in ("persona", "touchpoint", "journey") and broken_id not in known[kind]:
            known[kind] = sorted([*known[kind], broken_id])
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
    references: tuple[tuple[str, str, tuple, bool], ...]
    duplicates: tuple[Problem, ...]


def doc_facts(doc: Document, kind: str) -> DocFacts:
    return DocFacts(tuple(check(doc, kind)), tuple(references(doc, kind)), tuple(duplicate_ids(doc, kind)))


def check_references(files: _Files, known: dict[str, list[str]], client_doc: Document | None,
                     facts: Any = doc_facts) -> list[Problem]:
    problems = []
    docs = list(files.all()) + ([("client", client_doc)] if client_doc is not None else [])
    for kind, doc in docs:
        found = facts(doc, kind)
        for target, ref_id, pointer, at_key in found.references:
            ids = known[target]
            if ids is None or ref_id in ids:
                continue
            line, col = doc.key_pos(pointer) if at_key else doc.pos(pointer)
            problems.append(Problem(doc.path_of(pointer), line, col, ERROR, _unknown(target, ref_id, ids)))
        problems += found.duplicates
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
    travellers = data.get("personas") if isinstance(data.get("personas"), list) else []
    phases = data.get("phases") if isinstance(data.get("phases"), dict) else {}
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


def check_avatars(files: _Files, project: Project) -> list[Problem]:
    problems = []
    docs_dir = project.path(project.docs_dir)
    for doc in files.personas.values():
        avatar = doc.data.get("avatar") if isinstance(doc.data, dict) else None
        if isinstance(avatar, str):
            problems += _inside(doc, ("avatar",), avatar, docs_dir, project.root, f"the docs dir '{project.docs_dir}'")
    return problems


def unused_warnings(playbook: model.Playbook, files: _Files) -> list[Problem]:
    used_personas = {p for j in playbook.journeys.values() for p in j.personas}
    used_touchpoints = {
        ref
        for j in playbook.journeys.values()
        for e in j.phases
        for ref in [u.ref for u in e.touchpoints] + [t for s in e.steps for t in s.touchpoints]
    }
    problems = []
    for pid, persona in playbook.personas.items():
        if pid not in used_personas:
            problems.append(Problem(persona.source_path, 1, 1, WARNING, f"persona '{pid}' is not in any journey"))
    for tid, touchpoint in playbook.touchpoints.items():
        if tid not in used_touchpoints:
            problems.append(Problem(touchpoint.source_path, 1, 1, WARNING, f"touchpoint '{tid}' is not used in any journey phase"))
    return problems


# --------------------------------------------------------------------------- building the model


def _emotion(value: Any) -> model.Emotion | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return model.Emotion(as_int(value["score"]) or 3, value.get("note"))
    return model.Emotion(as_int(value) or 3)


def _kpis(items: list[dict[str, Any]] | None) -> list[model.Kpi]:
    return [model.Kpi(str(k["name"]), k.get("target")) for k in items or []]


def _texts(value: list[Any] | None) -> list[str]:
    return [str(v) for v in value or []]


def _persona(pid: str, doc: Document) -> model.Persona:
    d = doc.data
    needs = d.get("needs") or {}
    return model.Persona(
        id=pid, source_path=doc.path, name=d["name"], role=d["role"], segment=d.get("segment"),
        avatar=d.get("avatar"), quote=d.get("quote"), about=d.get("about"),
        demographics={str(k): str(v) for k, v in (d.get("demographics") or {}).items() if v is not None},
        goals=_texts(d.get("goals")), frustrations=_texts(d.get("frustrations")),
        needs_latent=_texts(needs.get("latent")), needs_concrete=_texts(needs.get("concrete")),
        triggers=_texts(d.get("triggers")), channels=_texts(d.get("channels")),
        decision_drivers=_texts(d.get("decision_drivers")),
    )


def _touchpoint(tid: str, doc: Document) -> model.Touchpoint:
    d = doc.data
    checklist = [
        model.ChecklistItem(i["id"], i["text"], i.get("detail"), i.get("priority") or "should", tuple(_texts(i.get("evidence"))))
        for i in d["checklist"]
    ]
    return model.Touchpoint(
        id=tid, source_path=doc.path, name=d["name"], category=d["category"], checklist=checklist,
        channel=d.get("channel"), contact=d.get("contact"), owner=d.get("owner"), summary=d.get("summary"),
        kpis=_kpis(d.get("kpis")), pitfalls=_texts(d.get("pitfalls")), evidence=_texts(d.get("evidence")),
    )


def _notes(notes: dict[str, Any] | None) -> dict[str, str]:
    """persona id -> the note's Markdown (a note may be text or {note, emotion})."""
    out = {}
    for pid, value in sorted((notes or {}).items()):
        text = value.get("note") if isinstance(value, dict) else value
        if text:
            out[str(pid)] = str(text)
    return out


def _persona_emotions(notes: dict[str, Any] | None) -> dict[str, model.Emotion]:
    out = {}
    for pid, value in sorted((notes or {}).items()):
        if isinstance(value, dict) and value.get("emotion") is not None:
            out[str(pid)] = _emotion(value["emotion"])
    return out


def _use(value: Any) -> model.TouchpointUse:
    return model.TouchpointUse(value["ref"], value.get("note")) if isinstance(value, dict) else model.TouchpointUse(str(value))


def _phase_entry(phase_id: str, e: dict[str, Any]) -> model.PhaseEntry:
    e = e or {}
    return model.PhaseEntry(
        phase=phase_id, goal=e.get("goal"), actions=_texts(e.get("actions")), questions=_texts(e.get("questions")),
        emotion=_emotion(e.get("emotion")),
        steps=[model.Step(s["id"], s["action"], _texts(s.get("touchpoints")), _emotion(s.get("emotion")), s.get("thought"))
               for s in e.get("steps") or []],
        touchpoints=[_use(t) for t in e.get("touchpoints") or []],
        pain_points=_texts(e.get("pain_points")), opportunities=_texts(e.get("opportunities")),
        moments_of_truth=_texts(e.get("moments_of_truth")), kpis=_kpis(e.get("kpis")),
        evidence=_texts(e.get("evidence")), persona_notes=_notes(e.get("persona_notes")),
        persona_emotions=_persona_emotions(e.get("persona_notes")),
    )


def _journey(jid: str, doc: Document, phase_order: list[str]) -> model.Journey:
    d = doc.data
    phases = d.get("phases") or {}
    return model.Journey(
        id=jid, source_path=doc.path, title=d["title"], personas=_texts(d["personas"]),
        phases=[_phase_entry(p, phases[p]) for p in phase_order if p in phases],
        summary=d.get("summary"), goal=d.get("goal"), trigger=d.get("trigger"),
    )


def _playbook_lists(data: dict[str, Any], language: str) -> tuple[list, list, list, list]:
    names = i18n.default_phase_names(language)
    phases = [model.Phase(p["id"], p["name"], p.get("summary"), p.get("question")) for p in data.get("phases") or []] or [
        model.Phase(pid, name) for pid, name in names.items()
    ]
    own = [model.Category(c["id"], c["name"], c.get("description")) for c in data.get("categories") or []]
    own_ids = {c.id for c in own}
    categories = own + [model.Category(cid, name) for cid, name in i18n.default_category_names(language).items() if cid not in own_ids]
    channels = [model.Channel(c["id"], c["name"], c["type"], c.get("description")) for c in data.get("channels") or []]
    sources = [
        model.Source(s["id"], s["claim"], s.get("value"), s.get("publisher"), s.get("url"), as_int(s.get("year")))
        for s in data.get("sources") or []
    ]
    return phases, categories, channels, sources


def _client(project: Project, doc: Document) -> model.Client:
    d = doc.data
    logo = d.get("logo")
    logo_path = rel(project.path(project.clients_dir) / str(project.client) / logo, project.root) if logo else None
    return model.Client(
        id=str(project.client), name=d["name"], language=d.get("language"), logo=logo_path,
        colors=dict(d.get("colors") or {}), journeys=tuple(d["journeys"]) if d.get("journeys") is not None else None,
        vars={str(k): str(v) for k, v in (d.get("vars") or {}).items()},
    )


def build_model(files: _Files, project: Project, client_doc: Document | None, language: str) -> model.Playbook:
    pdata = files.playbook.data if files.playbook is not None else {}
    phases, categories, channels, sources = _playbook_lists(pdata, language)
    order = [p.id for p in phases]
    client = _client(project, client_doc) if client_doc is not None else None
    journeys = {jid: _journey(jid, doc, order) for jid, doc in sorted(files.journeys.items())}
    if client is not None and client.journeys is not None:
        journeys = {jid: j for jid, j in journeys.items() if jid in client.journeys}
    return model.Playbook(
        title=str(pdata.get("title") or project.site_name),
        language=language,
        phases=phases,
        categories=categories,
        channels=channels,
        sources=sources,
        personas={pid: _persona(pid, doc) for pid, doc in sorted(files.personas.items())},
        touchpoints={tid: _touchpoint(tid, doc) for tid, doc in sorted(files.touchpoints.items())},
        journeys=journeys,
        playbook_path=files.playbook.path if files.playbook is not None else None,
        client=client,
    )


def language_of(project: Project, client_doc: Document | None) -> str:
    if client_doc is not None and isinstance(client_doc.data, dict) and isinstance(client_doc.data.get("language"), str):
        return client_doc.data["language"]
    return project.language


def brand_of(project: Project, files: _Files, client_doc: Document | None) -> dict[str, str]:
    pdata = files.playbook.data if files.playbook is not None and isinstance(files.playbook.data, dict) else {}
    brand = {"name": str(pdata.get("title") or project.site_name)}
    if client_doc is not None and isinstance(client_doc.data, dict):
        cdata = client_doc.data
        if isinstance(cdata.get("vars"), dict):
            brand.update({str(k): str(v) for k, v in cdata["vars"].items() if isinstance(v, str)})
        if isinstance(cdata.get("name"), str):
            brand["name"] = cdata["name"]
    return brand


class LoadCache:
    """What ``serve`` keeps across rebuilds: parsed files and what each says on its own."""

    def __init__(self) -> None:
        self.parsed = ParseCache()
        self.checked: dict[int, tuple[Document, DocFacts]] = {}

    def facts(self, doc: Document, kind: str) -> DocFacts:
        hit = self.checked.get(id(doc))
        if hit is None or hit[0] is not doc:
            hit = (doc, doc_facts(doc, kind))
            self.checked[id(doc)] = hit
        return hit[1]


def load(project: Project, cache: LoadCache | None = None) -> Result:
    """Read, check and resolve the playbook of ``project``. Never raises for bad input.

    A ``cache`` (kept by ``serve``) skips parsing and checking files that did not change.
    """
    with parse_cache(cache.parsed if cache is not None else None):
        files, client_doc, problems, read = _read_all(project)
    language = language_of(project, client_doc)
    facts = (cache if cache is not None else LoadCache()).facts  # each document is checked once
    for kind, doc in files.all():
        problems += facts(doc, kind).schema
    if cache is not None:  # forget documents that are gone (ids may be reused)
        live = {id(doc) for _, doc in files.all()}
        cache.checked = {k: v for k, v in cache.checked.items() if k in live}
    brand = brand_of(project, files, client_doc)
    for kind, doc in list(files.all()):
        filled, found = render_brand(doc, kind, brand)
        problems += found
        if filled is not doc:
            files.put(kind, doc, filled)
    known = _known_ids(files, language)
    problems += check_references(files, known, client_doc, facts)
    problems += check_avatars(files, project)
    if has_errors(problems):
        return Result(None, sorted(set(problems)), sorted(read))
    playbook = build_model(files, project, client_doc, language)
    if project.client is None:  # a client's selection of journeys leaves base items unused on purpose
        problems += unused_warnings(playbook, files)
    return Result(playbook, sorted(set(problems)), sorted(read))
