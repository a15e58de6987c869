"""Map checked documents into the model's dataclasses (:mod:`journeybook.model`)."""

from __future__ import annotations

from typing import Any

from . import i18n, model
from .files import Documents, rel
from .project import Project
from .validate import as_int
from .yamlpos import Document


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


def build_model(files: Documents, project: Project, client_doc: Document | None, language: str) -> model.Playbook:
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

