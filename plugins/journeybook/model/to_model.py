"""Map checked documents into the model's dataclasses (:mod:`journeybook.model`).

The mapping is declared as data (the mechanism is :mod:`journeybook.model.shapes`):
one :class:`Shape` per model dataclass names, for each of its fields, the schema
property that feeds it and how the value is read (:class:`Read`). Fields that
no property feeds are listed in ``derived`` with where their value comes from;
properties the model does not hold would be listed in ``not_carried`` with the
reason. ``tests/test_model_shape.py`` checks
these declarations against :mod:`journeybook.check.schema` and the dataclasses, so a
property, a field and its mapping cannot drift apart.

Documents arrive here valid (schema-checked, references resolved), so readers
do not check again. An absent value is absent in the model: None, or an empty
list or mapping. The only defaults are the ones the schemas declare
(``"default"``, e.g. a checklist item's priority) and the playbook-wide ones
the data model defines (title, phases and categories).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import model
from ..check import schema
from ..check.validate import as_bool, as_int, yaml12_number
from ..read.files import Documents, rel
from ..read.project import Project
from ..read.yamlpos import Document
from ..translation import i18n
from .shapes import Context, Field, Read, Shape, build, read_fields

# --------------------------------------------------------------------------- readers


class _Text(Read):
    def __call__(self, value: Any, ctx: Context) -> str | None:
        return None if value is None else str(value)


class _Int(Read):
    def __call__(self, value: Any, ctx: Context) -> int | None:
        return None if value is None else as_int(value)


class _Date(Read):
    def __call__(self, value: Any, ctx: Context) -> datetime.date | None:
        return None if value is None else datetime.date.fromisoformat(str(value))


class _Texts(Read):
    def __call__(self, value: Any, ctx: Context) -> list[str]:
        return [str(v) for v in value or []]


class _TextTuple(Read):
    def __call__(self, value: Any, ctx: Context) -> tuple[str, ...]:
        return tuple(str(v) for v in value or [])


class _Selection(Read):
    """A list where absent means "all": None, not an empty tuple."""

    def __call__(self, value: Any, ctx: Context) -> tuple[str, ...] | None:
        return None if value is None else tuple(str(v) for v in value)


class _TextMap(Read):
    def __call__(self, value: Any, ctx: Context) -> dict[str, str]:
        return {str(k): str(v) for k, v in (value or {}).items() if v is not None}


class _Flag(Read):
    def __call__(self, value: Any, ctx: Context) -> bool | None:
        return as_bool(value)


class _ClientFile(Read):
    """A path inside the client folder, made relative to the project root."""

    def __call__(self, value: Any, ctx: Context) -> str | None:
        if value is None:
            return None
        project = ctx.project
        return rel(project.path(project.clients_dir) / str(project.client) / str(value), project.root)


TEXT, INT, TEXTS, TEXT_TUPLE, SELECTION, TEXT_MAP = _Text(), _Int(), _Texts(), _TextTuple(), _Selection(), _TextMap()
DATE = _Date()
FLAG = _Flag()


@dataclass(frozen=True)
class Many(Read):
    """A list of objects of one shape."""

    shape: Shape

    def __call__(self, value: Any, ctx: Context) -> list[Any]:
        return [build(self.shape, item, ctx) for item in value or []]

    def shapes(self) -> tuple[Shape, ...]:
        return (self.shape,)


@dataclass(frozen=True)
class One(Read):
    """One object of a shape (or its shorthand)."""

    shape: Shape

    def __call__(self, value: Any, ctx: Context) -> Any:
        return None if value is None else build(self.shape, value, ctx)

    def shapes(self) -> tuple[Shape, ...]:
        return (self.shape,)


@dataclass(frozen=True)
class ByPersona(Read):
    """One part of each persona note (text, or ``{note, emotion}``), by persona id, sorted."""

    part: str
    read: Read
    shorthand = "note"  # a note written as text is ``{note: text}``

    def __call__(self, value: Any, ctx: Context) -> dict[str, Any]:
        out = {}
        for persona, note in sorted((value or {}).items()):
            if not isinstance(note, dict):
                note = {self.shorthand: note}
            found = note.get(self.part)
            if found is not None:
                out[str(persona)] = self.read(found, ctx)
        return out

    def shapes(self) -> tuple[Shape, ...]:
        return self.read.shapes()

    def parts(self) -> tuple[str, ...]:
        return ("*", self.part)


@dataclass(frozen=True)
class _JourneyPhases(Read):
    """phase id -> entry, as a list in the playbook's phase order (left-out phases are absent)."""

    shape: Shape

    def __call__(self, value: Any, ctx: Context) -> list[Any]:
        phases = value or {}
        return [build(self.shape, phases[p], ctx, phase=p) for p in ctx.phase_order if p in phases]

    def shapes(self) -> tuple[Shape, ...]:
        return (self.shape,)

    def parts(self) -> tuple[str, ...]:
        return ("*",)


class _Title(Read):
    """The playbook title; the data model's default is the site name."""

    def __call__(self, value: Any, ctx: Context) -> str:
        return str(value) if value is not None else ctx.project.site_name


@dataclass(frozen=True)
class _Phases(Read):
    """The playbook's phases; the data model's default is the five phases, named in the language."""

    shape: Shape

    def __call__(self, value: Any, ctx: Context) -> list[model.Phase]:
        own = [build(self.shape, item, ctx) for item in value or []]
        return own or [model.Phase(pid, name) for pid, name in i18n.default_phase_names(ctx.language).items()]

    def shapes(self) -> tuple[Shape, ...]:
        return (self.shape,)


@dataclass(frozen=True)
class _Categories(Read):
    """The playbook's own categories, then the default ones it does not define."""

    shape: Shape

    def __call__(self, value: Any, ctx: Context) -> list[model.Category]:
        own = [build(self.shape, item, ctx) for item in value or []]
        ids = {c.id for c in own}
        defaults = i18n.default_category_names(ctx.language).items()
        return own + [model.Category(cid, name) for cid, name in defaults if cid not in ids]

    def shapes(self) -> tuple[Shape, ...]:
        return (self.shape,)


# --------------------------------------------------------------------------- the declarations


def same(read: Read, *names: str) -> dict[str, Field]:
    """Fields fed by the property of the same name."""
    return {name: Field(name, read) for name in names}


FILE_ID = "the file name without its extension"
FILE_PATH = "the file that was read, relative to the project root"

class _Number(Read):
    def __call__(self, value: Any, ctx: Context) -> float | None:
        number = yaml12_number(value)
        return None if number is None else float(number)


KPI = Shape(model.Kpi, schema.KPI, {**same(TEXT, "name", "target", "id", "unit"), **same(_Number(), "min", "max")})
SOURCE = Shape(model.Source, schema.SOURCE, {**same(TEXT, "id", "claim", "value", "publisher", "url"),
                                             "year": Field("year", INT)})
PHASE = Shape(model.Phase, schema.PHASE, same(TEXT, "id", "name", "summary", "question"))
CHANNEL = Shape(model.Channel, schema.CHANNEL, same(TEXT, "id", "name", "type", "description"))
CATEGORY = Shape(model.Category, schema.CATEGORY, same(TEXT, "id", "name", "description"))
CHECKLIST_ITEM = Shape(model.ChecklistItem, schema.CHECKLIST_ITEM,
                       {**same(TEXT, "id", "text", "detail", "priority"), "evidence": Field("evidence", TEXT_TUPLE)})
EMOTION = Shape(model.Emotion, schema.EMOTION["oneOf"][1], {"score": Field("score", INT), "note": Field("note", TEXT)},
                shorthand="score")
TOUCHPOINT_USE = Shape(model.TouchpointUse, schema.TOUCHPOINT_USE["oneOf"][1], same(TEXT, "ref", "note"),
                       shorthand="ref")
STEP = Shape(model.Step, schema.STEP, {**same(TEXT, "id", "action", "thought"),
                                       "touchpoints": Field("touchpoints", TEXTS),
                                       "emotion": Field("emotion", One(EMOTION))})
PHASE_ENTRY = Shape(
    model.PhaseEntry, schema.PHASE_ENTRY,
    {
        "goal": Field("goal", TEXT),
        **same(TEXTS, "actions", "questions", "pain_points", "opportunities", "moments_of_truth", "evidence"),
        "emotion": Field("emotion", One(EMOTION)),
        "steps": Field("steps", Many(STEP)),
        "touchpoints": Field("touchpoints", Many(TOUCHPOINT_USE)),
        "kpis": Field("kpis", Many(KPI)),
        "persona_notes": Field("persona_notes", ByPersona("note", TEXT)),
        "persona_emotions": Field("persona_notes", ByPersona("emotion", One(EMOTION))),
    },
    derived={"phase": "the key of the entry in the journey's phases"},
)

PERSONA = Shape(
    model.Persona, schema.PERSONA,
    {
        **same(TEXT, "name", "role", "segment", "avatar", "quote", "about"),
        "demographics": Field("demographics", TEXT_MAP),
        **same(TEXTS, "goals", "frustrations", "triggers", "channels", "decision_drivers"),
        "owner": Field("owner", TEXT),
        "last_reviewed": Field("last_reviewed", DATE),
        "needs_latent": Field("needs.latent", TEXTS),
        "needs_concrete": Field("needs.concrete", TEXTS),
    },
    derived={"id": FILE_ID, "source_path": FILE_PATH},
)
TOUCHPOINT = Shape(
    model.Touchpoint, schema.TOUCHPOINT,
    {
        **same(TEXT, "name", "category", "channel", "contact", "owner", "summary"),
        "last_reviewed": Field("last_reviewed", DATE),
        "checklist": Field("checklist", Many(CHECKLIST_ITEM)),
        "kpis": Field("kpis", Many(KPI)),
        **same(TEXTS, "pitfalls", "evidence"),
    },
    derived={"id": FILE_ID, "source_path": FILE_PATH},
)
JOURNEY = Shape(
    model.Journey, schema.JOURNEY,
    {
        **same(TEXT, "title", "summary", "goal", "trigger", "owner", "state", "improves"),
        "last_reviewed": Field("last_reviewed", DATE),
        "personas": Field("personas", TEXTS),
        "phases": Field("phases", _JourneyPhases(PHASE_ENTRY)),
    },
    derived={"id": FILE_ID, "source_path": FILE_PATH},
)
CLIENT = Shape(
    model.Client, schema.CLIENT,
    {
        **same(TEXT, "name", "language", "copyright", "repo_url", "edit_uri"),
        "logo": Field("logo", _ClientFile()),
        "favicon": Field("favicon", _ClientFile()),
        "edit_links": Field("edit_links", FLAG),
        **same(TEXT_MAP, "colors", "vars"),
        "journeys": Field("journeys", SELECTION),
    },
    derived={"id": "the client folder's name (the client being built)"},
)
PLAYBOOK = Shape(
    model.Playbook, schema.PLAYBOOK,
    {
        "title": Field("title", _Title()),
        "phases": Field("phases", _Phases(PHASE)),
        "categories": Field("categories", _Categories(CATEGORY)),
        "channels": Field("channels", Many(CHANNEL)),
        "sources": Field("sources", Many(SOURCE)),
        "review_every": Field("review_every", INT),
        "metrics_stale_after": Field("metrics_stale_after", INT),
    },
    not_carried={"language": "the language the base is written in: journeybook.translation.coverage reads it to pick "
                             "the translations; the model holds the guide's language"},
    derived={
        "language": "the client's language, else the site's",
        "personas": "the files in personas/",
        "touchpoints": "the files in touchpoints/",
        "journeys": "the journey files (a client's selection when it has one)",
        "playbook_path": "playbook.yml, when there is one",
        "client": "client.yml of the client being built",
        "metrics": "the CSV files in metrics/ (a client's own in a guide)",
    },
)

SHAPES: dict[str, Shape] = {
    "playbook": PLAYBOOK, "persona": PERSONA, "touchpoint": TOUCHPOINT, "journey": JOURNEY, "client": CLIENT,
}


def all_shapes() -> Iterator[Shape]:
    """Every shape, each once: the file kinds' and the ones nested in them."""
    seen: list[Shape] = []
    todo = list(SHAPES.values())
    while todo:
        shape = todo.pop(0)
        if any(shape is s for s in seen):
            continue
        seen.append(shape)
        yield shape
        for fed in shape.fields.values():
            todo.extend(fed.read.shapes())


# --------------------------------------------------------------------------- the whole playbook


def build_model(files: Documents, project: Project, client_doc: Document | None, language: str) -> model.Playbook:
    ctx = Context(project, language)
    own = read_fields(PLAYBOOK, files.playbook.data if files.playbook is not None else {}, ctx)
    ctx = dataclasses.replace(ctx, phase_order=tuple(p.id for p in own["phases"]))
    client = build(CLIENT, client_doc.data, ctx, id=str(project.client)) if client_doc is not None else None
    journeys = {jid: build(JOURNEY, doc.data, ctx, id=jid, source_path=doc.path)
                for jid, doc in sorted(files.journeys.items())}
    if client is not None and client.journeys is not None:
        journeys = {jid: j for jid, j in journeys.items() if jid in client.journeys}
    return model.Playbook(
        **own,
        language=language,
        personas={pid: build(PERSONA, doc.data, ctx, id=pid, source_path=doc.path)
                  for pid, doc in sorted(files.personas.items())},
        touchpoints={tid: build(TOUCHPOINT, doc.data, ctx, id=tid, source_path=doc.path)
                     for tid, doc in sorted(files.touchpoints.items())},
        journeys=journeys,
        playbook_path=files.playbook.path if files.playbook is not None else None,
        client=client,
    )
