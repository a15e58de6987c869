"""Schema ⇄ mapping ⇄ model: the data shape agrees with itself.

``journeybook.model.to_model`` declares, for every model dataclass, which schema
property feeds each field. These tests fail when

- a schema property (of any file kind, at any depth) is neither mapped to a
  model field nor listed as not carried into the model (with a reason);
- a model field is neither fed by a property nor listed as derived;
- a document that sets every property, each to its own value, does not arrive
  in the model with every value at the field the declaration names;
- an absent property is anything but absent in the model (None, or an empty
  list or mapping), except where the schema declares a ``default``.

The documents are fixed YAML below; the model comes from the real loader.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import write_tree
from journeybook import model
from journeybook.check import schema
from journeybook.model import to_model
from journeybook.model.shapes import Shape
from journeybook.read.project import Project
from journeybook.read.yamlpos import parse
from journeybook.resolve import load

Path_ = tuple[str, ...]


# --------------------------------------------------------------------------- walking schemas


def _branches(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The schemas a value at this place may follow: oneOf branches, list items."""
    if "oneOf" in node:
        for branch in node["oneOf"]:
            yield from _branches(branch)
    elif node.get("type") == "array":
        yield from _branches(node["items"])
    else:
        yield node


def property_paths(node: dict[str, Any], prefix: Path_ = ()) -> Iterator[Path_]:
    """Every property below ``node``, as a path of keys (``*``: any key of a mapping)."""
    for branch in _branches(node):
        if branch.get("type") != "object":
            continue
        for key, sub in branch.get("properties", {}).items():
            yield prefix + (key,)
            yield from property_paths(sub, prefix + (key,))
        extra = branch.get("additionalProperties")
        if isinstance(extra, dict):
            yield prefix + ("*",)
            yield from property_paths(extra, prefix + ("*",))


def objects_at(node: dict[str, Any], path: Path_) -> list[dict[str, Any]]:
    """The object schemas a value at ``path`` below ``node`` may follow."""
    found = [b for b in _branches(node) if b.get("type") == "object"]
    if not path:
        return found
    out = []
    for branch in found:
        sub = branch.get("additionalProperties") if path[0] == "*" else branch.get("properties", {}).get(path[0])
        if isinstance(sub, dict):
            out += objects_at(sub, path[1:])
    return out


def fed_paths(shape: Shape) -> dict[Path_, str]:
    """Property path -> the model field it feeds."""
    return {fed.path + fed.read.parts(): name for name, fed in shape.fields.items()}


SHAPES = list(to_model.all_shapes())
IDS = [s.model.__name__ for s in SHAPES]


# --------------------------------------------------------------------------- (a) every property is mapped


@pytest.mark.parametrize("shape", SHAPES, ids=IDS)
def test_every_schema_property_is_mapped_or_listed(shape: Shape) -> None:
    fed = set(fed_paths(shape))
    skipped = {tuple(p.split(".")) for p in shape.not_carried}
    known = set(property_paths(shape.schema))
    unmapped = []
    for path in known:
        covered = (
            path in fed or path in skipped
            or any(f[: len(path)] == path for f in fed | skipped)  # a container of mapped properties
            or any(path[: len(f)] == f for f in fed)  # inside a mapped value (a nested shape checks its own)
        )
        if not covered:
            unmapped.append(".".join(path))
    assert not unmapped, (f"{shape.model.__name__}: schema properties not mapped to a model field "
                          f"(map them in to_model, or list them in not_carried with a reason): {sorted(unmapped)}")
    stale = sorted(".".join(p) for p in fed | skipped if p not in known)
    assert not stale, f"{shape.model.__name__}: declared properties that the schema does not have: {stale}"
    assert all(reason.strip() for reason in shape.not_carried.values())


# A model field is named after the property that feeds it (``needs.latent`` -> ``needs_latent``),
# so that a mapping that swaps two properties cannot pass; these are the deliberate exceptions.
RENAMED = {("PhaseEntry", "persona_emotions"): "persona_notes"}


@pytest.mark.parametrize("shape", SHAPES, ids=IDS)
def test_fields_are_named_after_their_property(shape: Shape) -> None:
    for name, fed in shape.fields.items():
        expected = RENAMED.get((shape.model.__name__, name), name)
        assert "_".join(fed.path) == expected, (
            f"{shape.model.__name__}.{name} is fed by '{fed.source}': name the field after it, "
            "or add the pair to RENAMED")


@pytest.mark.parametrize("shape", SHAPES, ids=IDS)
def test_nested_shapes_sit_where_the_schema_has_them(shape: Shape) -> None:
    for name, fed in shape.fields.items():
        for nested in fed.read.shapes():
            found = objects_at(shape.schema, fed.path + fed.read.parts())
            assert any(nested.schema is o for o in found), (
                f"{shape.model.__name__}.{name}: {nested.model.__name__} is not the schema object at {fed.source}")


def test_every_file_kind_has_its_shape() -> None:
    assert set(to_model.SHAPES) == set(schema.SCHEMAS)
    for kind, shape in to_model.SHAPES.items():
        assert shape.schema is schema.SCHEMAS[kind], kind


# --------------------------------------------------------------------------- (b) every model field is fed


def test_every_model_dataclass_has_one_shape() -> None:
    classes = {cls for _, cls in inspect.getmembers(model, inspect.isclass)
               if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__}
    declared = [s.model for s in SHAPES]
    not_from_yaml = {"Series"}  # a KPI's measurements: read from the metrics CSV files (journeybook.metrics)
    assert sorted(c.__name__ for c in classes if c.__name__ not in not_from_yaml) == sorted(
        c.__name__ for c in declared)


@pytest.mark.parametrize("shape", SHAPES, ids=IDS)
def test_every_model_field_is_fed_or_derived(shape: Shape) -> None:
    names = {f.name for f in dataclasses.fields(shape.model)}
    fed, derived = set(shape.fields), set(shape.derived)
    assert not fed & derived, f"{shape.model.__name__}: both fed and derived: {sorted(fed & derived)}"
    assert names - fed - derived == set(), (
        f"{shape.model.__name__}: model fields no property feeds (map them in to_model, or list them in "
        f"derived with where their value comes from): {sorted(names - fed - derived)}")
    assert fed | derived <= names, (
        f"{shape.model.__name__}: declared fields the model does not have: {sorted((fed | derived) - names)}")


@pytest.mark.parametrize("shape", SHAPES, ids=IDS)
def test_model_defaults_agree_with_the_schema(shape: Shape) -> None:
    """A model default is the schema's ``default``, or absent (None, empty): never a value of its own."""
    for f in dataclasses.fields(shape.model):
        if f.name not in shape.fields or f.default is dataclasses.MISSING:
            continue
        declared = shape.default(shape.fields[f.name].path)
        expected = [declared] if declared is not None else [None, ()]
        assert f.default in expected, (f"{shape.model.__name__}.{f.name}: default {f.default!r}, "
                                       f"schema says {declared!r}")


# --------------------------------------------------------------------------- (c) every value arrives


MKDOCS = "site_name: Shape site\ndocs_dir: content\n"

FULL: dict[str, str | bytes] = {
    "mkdocs.yml": MKDOCS,
    "content/img/ann.png": b"\x89PNG\r\n\x1a\n",
    "clients/acme/logo.png": b"\x89PNG\r\n\x1a\n",
    "clients/acme/icon.png": b"\x89PNG\r\n\x1a\n",
    "journeys/playbook.yml": """\
title: Playbook title value
language: en
phases:
  - id: look
    name: Phase look name
    summary: Phase look summary
    question: Phase look question
  - id: buy
    name: Phase buy name
categories:
  - id: cat-own
    name: Category own name
    description: Category own description
channels:
  - id: web
    name: Channel web name
    type: online
    description: Channel web description
sources:
  - id: study
    claim: Source study claim
    value: Source study value
    publisher: Source study publisher
    url: https://example.org/source-study-url
    year: 2021
review_every: 180
metrics_stale_after: 45
""",
    "journeys/personas/ann.yml": """\
name: Persona name value
role: Persona role value
segment: b2c
avatar: img/ann.png
quote: Persona quote value
about: Persona about value
demographics:
  age: Demographic age value
  town: Demographic town value
goals: [Persona goal value]
frustrations: [Persona frustration value]
needs:
  latent: [Persona latent need value]
  concrete: [Persona concrete need value]
triggers: [Persona trigger value]
channels: [web]
decision_drivers: [Persona driver value]
owner: Persona owner value
last_reviewed: 2026-01-15
""",
    "journeys/personas/bob.yml": """\
name: Persona bob name
role: Persona bob role
""",
    "journeys/touchpoints/shop.yml": """\
name: Touchpoint name value
category: cat-own
channel: web
contact: direct
owner: Touchpoint owner value
last_reviewed: "2026-02-16"
summary: Touchpoint summary value
checklist:
  - id: item-one
    text: Checklist text value
    detail: Checklist detail value
    priority: must
    evidence: [study]
kpis:
  - name: Touchpoint kpi name
    target: Touchpoint kpi target
    id: tp-kpi
    min: 11.5
    max: 12.5
    unit: Touchpoint kpi unit
pitfalls: [Touchpoint pitfall value]
evidence: [study]
""",
    "journeys/trip.yml": """\
title: Journey title value
personas: [ann, bob]
summary: Journey summary value
goal: Journey goal value
trigger: Journey trigger value
owner: Journey owner value
last_reviewed: 2025-12-17
state: future
improves: today
phases:
  look:
    goal: Entry goal value
    actions: [Entry action value]
    questions: [Entry question value]
    emotion: 2
    steps:
      - id: step-one
        action: Step action value
        touchpoints: [shop]
        emotion: {score: 4, note: Step emotion note value}
        thought: Step thought value
    touchpoints:
      - shop
      - {ref: shop, note: Use note value}
    pain_points: [Entry pain value]
    opportunities: [Entry opportunity value]
    moments_of_truth: [Entry moment value]
    kpis:
      - name: Entry kpi name
        target: Entry kpi target
        id: entry-kpi
        min: 21.5
        max: 22.5
        unit: Entry kpi unit
    evidence: [study]
    persona_notes:
      ann: Persona note ann value
      bob: {note: Persona note bob value, emotion: 5}
  buy:
    emotion: {score: 1, note: Entry emotion note value}
    persona_notes:
      ann: {emotion: {score: 3, note: Persona emotion note value}}
""",
    "journeys/today.yml": "title: Today's journey title value\npersonas: [ann]\nphases:\n  look:\n    goal: Today\n",
    "clients/acme/client.yml": """\
name: Client name value
copyright: Client copyright value
language: nl
logo: logo.png
favicon: icon.png
repo_url: https://example.org/client-repo-value
edit_uri: edit/client-edit-uri-value/
edit_links: true
colors: {primary: '#112233', accent: '#445566'}
journeys: [trip]
vars: {slogan: Client var value}
""",
}

KIND_FILES = {
    "playbook": "journeys/playbook.yml", "persona": "journeys/personas/ann.yml",
    "touchpoint": "journeys/touchpoints/shop.yml", "journey": "journeys/trip.yml", "client": "clients/acme/client.yml",
}


def _leaves(value: Any) -> Iterator[str]:
    """Every scalar in data or in model values (mapping keys too), as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _leaves(getattr(value, f.name))
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield str(key)
            yield from _leaves(sub)
    elif isinstance(value, (list, tuple)):
        for sub in value:
            yield from _leaves(sub)
    elif isinstance(value, bool):  # the model's True is YAML's true
        yield str(value).lower()
    elif value is not None:
        yield str(value)


def _at(data: Any, path: Path_, shorthand: str | None) -> Any:
    """The value at ``path`` (``*``: a mapping of every key to its value further down)."""
    for index, key in enumerate(path):
        if key == "*":
            rest = path[index + 1 :]
            subs = {k: (v if isinstance(v, dict) or not rest else {shorthand: v}) for k, v in (data or {}).items()}
            found = {k: _at(v, rest, shorthand) for k, v in subs.items()}
            return {k: v for k, v in found.items() if v is not None}
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _pairs(data: Any, got: Any) -> Iterator[tuple[Any, Any]]:
    """Document objects with the model objects built from them."""
    if isinstance(data, dict) and isinstance(got, dict):
        assert set(data) == set(got)
        yield from ((data[k], got[k]) for k in data)
    elif isinstance(data, dict) and isinstance(got, list):  # journey phases: in the playbook's order, as written
        assert len(got) == len(data)
        yield from zip(data.values(), got, strict=True)
    elif isinstance(data, list):
        assert len(got) >= len(data)  # the playbook's categories are followed by the default ones
        yield from zip(data, got, strict=False)
    else:
        yield data, got


def arrives(shape: Shape, data: Any, obj: Any, where: str) -> Iterator[str]:
    """Where a value of ``data`` did not arrive at the model field the declaration names."""
    assert isinstance(obj, shape.model), where
    if not isinstance(data, dict):
        data = {shape.shorthand: data}
    for name, fed in shape.fields.items():
        value = _at(data, fed.path + fed.read.parts(), getattr(fed.read, "shorthand", None))
        got = getattr(obj, name)
        here = f"{where}.{name}"
        if value is None:  # test_the_fixture_sets_every_property sees that each is set somewhere
            continue
        nested = fed.read.shapes()
        if nested:
            for sub_data, sub_obj in _pairs(value, got):
                yield from arrives(nested[0], sub_data, sub_obj, here)
            continue
        model_leaves = set(_leaves(got))
        for leaf in _leaves(value):
            if not any(m == leaf or m.endswith("/" + leaf) for m in model_leaves):
                yield f"{here}: {leaf!r} (from {fed.source}) is not there; it holds {got!r}"


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, model.Playbook]:
    root = tmp_path_factory.mktemp("shape")
    write_tree(root, FULL)
    result = load(Project(root=root, client="acme", site_name="Shape site"))
    assert result.ok, [str(p) for p in result.problems]
    assert result.playbook is not None
    return root, result.playbook


def _model_of(kind: str, playbook: model.Playbook) -> Any:
    return {"playbook": playbook, "persona": playbook.personas["ann"], "touchpoint": playbook.touchpoints["shop"],
            "journey": playbook.journeys["trip"], "client": playbook.client}[kind]


@pytest.mark.parametrize("kind", sorted(KIND_FILES))
def test_the_fixture_sets_every_property(kind: str) -> None:
    data = parse(str(FULL[KIND_FILES[kind]])).data
    missing = [".".join(p) for p in property_paths(schema.SCHEMAS[kind]) if not _present(data, p)]
    assert not missing, f"{KIND_FILES[kind]}: set these properties too, each to its own value: {missing}"


def _present(data: Any, path: Path_) -> bool:
    if not path:
        return data is not None
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict):
            subs = list(item.values()) if path[0] == "*" else [item.get(path[0])]
            if any(_present(s, path[1:]) for s in subs if s is not None):
                return True
    return False


def test_the_fixture_values_are_distinct() -> None:
    """So that a value arriving at the wrong field cannot pass for the right one."""
    texts: list[str] = []
    for kind, name in KIND_FILES.items():
        data = parse(str(FULL[name])).data
        texts += [str(v) for _, node, v in schema.walk(data, schema.SCHEMAS[kind])
                  if isinstance(v, str) and "x-ref" not in node and node.get("pattern") != schema.ID_PATTERN
                  and "enum" not in node]
    assert len(texts) == len(set(texts)), sorted(t for t in texts if texts.count(t) > 1)


@pytest.mark.parametrize("kind", sorted(KIND_FILES))
def test_every_value_arrives_at_its_field(kind: str, full: tuple[Path, model.Playbook]) -> None:
    _root, playbook = full
    data = parse(str(FULL[KIND_FILES[kind]])).data
    problems = list(arrives(to_model.SHAPES[kind], data, _model_of(kind, playbook), kind))
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- (d) absent is absent


MINIMAL: dict[str, str | bytes] = {
    "mkdocs.yml": MKDOCS,
    "clients/acme/client.yml": "name: Client name value\n",
    "journeys/personas/ann.yml": "name: Ann\nrole: Parent\n",
    "journeys/touchpoints/shop.yml": "name: Shop\ncategory: seo\nchecklist:\n  - id: one\n    text: Check\n",
    "journeys/trip.yml": "title: Trip\npersonas: [ann]\nphases:\n  awareness:\n    touchpoints: [shop]\n",
}


def _absent(shape: Shape, obj: Any, where: str) -> Iterator[str]:
    for name, fed in shape.fields.items():
        got = getattr(obj, name)
        declared = shape.default(fed.path)
        if declared is not None:
            if got != declared:
                yield f"{where}.{name}: absent, so the schema's default {declared!r} is expected, got {got!r}"
        elif got not in (None, [], {}, ()):
            yield f"{where}.{name}: absent in the document, but {got!r} in the model"


def test_absent_values_stay_absent(tmp_path: Path) -> None:
    write_tree(tmp_path, MINIMAL)
    result = load(Project(root=tmp_path, client="acme", site_name="Minimal site"))
    assert result.ok and result.playbook is not None, [str(p) for p in result.problems]
    playbook = result.playbook
    touchpoint, journey = playbook.touchpoints["shop"], playbook.journeys["trip"]
    entry = journey.phases[0]
    problems: list[str] = []
    fed_by_document = {"name", "role", "title", "personas", "category", "checklist", "id", "text", "phases",
                       "touchpoints", "ref"}  # the properties MINIMAL sets
    for shape, obj, where in [
        (to_model.PERSONA, playbook.personas["ann"], "persona"),
        (to_model.TOUCHPOINT, touchpoint, "touchpoint"),
        (to_model.CHECKLIST_ITEM, touchpoint.checklist[0], "checklist item"),
        (to_model.JOURNEY, journey, "journey"),
        (to_model.PHASE_ENTRY, entry, "phase entry"),
        (to_model.TOUCHPOINT_USE, entry.touchpoints[0], "touchpoint use"),
        (to_model.CLIENT, playbook.client, "client"),
    ]:
        trimmed = dataclasses.replace(shape, fields={k: v for k, v in shape.fields.items()
                                                     if v.source not in fed_by_document})
        problems += _absent(trimmed, obj, where)
    assert not problems, "\n".join(problems)
    assert touchpoint.checklist[0].priority == "should"  # the data model's default, declared in the schema
    assert playbook.client is not None and playbook.client.journeys is None  # absent: every journey
    # the playbook-wide defaults the data model defines
    assert playbook.title == "Minimal site"
    assert [p.id for p in playbook.phases] == list(schema.PHASE_IDS)
    assert [c.id for c in playbook.categories] == list(schema.CATEGORY_IDS)
    assert playbook.channels == [] and playbook.sources == []
