"""The JSON Schemas of every playbook file kind: the one source of truth.

Validation (:mod:`journeybook.check.validate`) checks files against these schemas and
``journeybook schema`` writes them out for editors (draft 2020-12), so the two
can never disagree. Cross-file rules (references, unique ids in lists) are in
:mod:`journeybook.check.refs`, which reads key names from here too (:func:`walk`), and
:mod:`journeybook.model.to_model` declares where each property goes in the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://journeybook.dev/schema/"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
HTTPS_PATTERN = r"^https://[^\s/$.?#][^\s]*$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Za-z]{2})?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TEXT_TYPES = ["string", "number", "boolean"]  # free text: what YAML 1.2 reads as a number or boolean is text here
X_KEYS = {"^x-": {"description": "Your team's own metadata; ignored by journeybook."}}

PHASE_IDS = ("awareness", "consideration", "purchase", "service", "loyalty")
CATEGORY_IDS = (
    "seo", "sea", "social", "content", "display", "retargeting", "email", "comparison",
    "reviews", "customer-service", "webcare", "events", "checkout", "delivery", "after-sales", "loyalty",
)


def text(description: str, **extra: Any) -> dict[str, Any]:
    """Free text. journeybook reads every unquoted value as the text written, so
    for editors (which read YAML 1.2) a number or boolean such as ``target: 70`` or
    ``quote: true`` is text too; patterned text (URLs, colours, dates) stays strictly text."""
    kind: str | list[str] = "string" if "pattern" in extra else list(TEXT_TYPES)
    return {"type": kind, "minLength": 1, "description": description, **extra}


def is_text(schema: dict[str, Any]) -> bool:
    """Whether values of ``schema`` are text (``type`` string, or string among others)."""
    kind = schema.get("type")
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


def walk(value: Any, schema: dict[str, Any],
         pointer: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, Any], Any]]:
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


def md(description: str) -> dict[str, Any]:
    return text(description + " Markdown.", **{"x-markdown": True})


def ident(description: str) -> dict[str, Any]:
    """An id. Written as digits (``id: 42``) it is the id of those digits, which YAML 1.2 reads as a number."""
    return {"type": ["string", "integer"], "pattern": ID_PATTERN, "maxLength": 64, "minimum": 0,
            "description": description}


def date(description: str) -> dict[str, Any]:
    """A calendar date written ``2026-03-01``, quoted or not."""
    return text(description + " Written YYYY-MM-DD.", pattern=DATE_PATTERN, format="date")


def ref(kind: str, description: str) -> dict[str, Any]:
    """An id that must resolve to an item of ``kind`` (checked by resolve)."""
    return {**ident(description), "x-ref": kind}


def list_of(item: dict[str, Any], description: str, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": item, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def obj(properties: dict[str, Any], required: tuple[str, ...] = (), description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "patternProperties": X_KEYS,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def texts(description: str) -> dict[str, Any]:
    return list_of(text("One entry."), description)


KPI = obj({"name": text("What is measured."), "target": text("The value to reach, as text (e.g. '< 2 h')."),
           "id": ident("Names the KPI in metrics CSV rows (<touchpoint>/<id> or <journey>/<phase>/<id>); "
                       "unique in its list."),
           "min": {"type": "number", "description": "The target as a number: met when the latest value is at least "
                                                    "this."},
           "max": {"type": "number", "description": "The target as a number: met when the latest value is at most "
                                                    "this."},
           "unit": text("Shown after values: %, s, days, EUR.")},
          ("name",), "A key performance indicator.")
SOURCE = obj(
    {
        "id": ident("Id that pages cite in 'evidence'."),
        "claim": text("The figure or finding, in a sentence."),
        "value": text("The figure itself, e.g. '90%'."),
        "publisher": text("Who published it."),
        "url": text("Where it was published; https only.", pattern=HTTPS_PATTERN),
        "year": {"type": "integer", "minimum": 1900, "maximum": 2100, "description": "Year of publication."},
    },
    ("id", "claim"),
    "Evidence that pages cite.",
)
PHASE = obj(
    {"id": ident("Phase id, used as a key in journeys."), "name": text("Display name."),
     "summary": md("What happens in this phase."),
     "question": text("The guiding question, e.g. 'How do they find us?'.")},
    ("id", "name"),
)
CHANNEL = obj(
    {"id": ident("Channel id."), "name": text("Display name."),
     "type": {"enum": ["online", "offline", "hybrid"], "description": "online, offline or hybrid."},
     "description": text("What the channel is.")},
    ("id", "name", "type"),
)
CATEGORY = obj({"id": ident("Category id."), "name": text("Display name."), "description": text("What belongs here.")},
               ("id", "name"))
OWNER = text("Team or role responsible.")
LAST_REVIEWED = date("When someone last checked this against reality.")
REVIEW_EVERY: dict[str, Any] = {"type": "integer", "minimum": 1,
                                "description": "Days after a review that the next one is due; default: never."}
EVIDENCE = list_of(ref("source", "A source id from playbook.yml."), "Sources that back this up.")

PLAYBOOK = obj(
    {
        "title": text("Playbook title; defaults to site_name."),
        "phases": list_of(
            PHASE, "The phase model journeys use; default: awareness, consideration, purchase, service, loyalty.", 1
        ),
        "categories": list_of(CATEGORY, "Touchpoint categories.", 1),
        "channels": list_of(CHANNEL, "Where contact happens."),
        "sources": list_of(SOURCE, "Figures with where they come from."),
        "review_every": REVIEW_EVERY,
        "metrics_stale_after": {"type": "integer", "minimum": 1,
                                "description": "Days after which a KPI's latest measurement is stale (a warning); "
                                               "default: never."},
        "language": {"type": "string", "pattern": LANGUAGE_PATTERN,
                     "description": "The language the playbook's texts are written in; default: the site's "
                                    "theme.language. A guide in another language shows <name>.<lang>.yml "
                                    "translations."},
    },
    description="journeys/playbook.yml: phases, categories, channels and sources.",
)

PERSONA = obj(
    {
        "name": text("Display name."),
        "role": text("One line: who they are."),
        "segment": {"enum": ["b2b", "b2c"], "description": "b2b or b2c."},
        "avatar": text("Image path relative to the docs dir.", format="uri-reference"),
        "quote": text("A sentence in their words."),
        "about": md("Life style, a day in their life."),
        "demographics": {"type": "object", "additionalProperties": text("A value."),
                         "description": "Age, location, household, ..."},
        "goals": texts("What they want to achieve."),
        "frustrations": texts("What annoys them."),
        "needs": obj({"latent": texts("Unconscious needs."), "concrete": texts("Needs triggered by a moment.")},
                     description="Latent and concrete needs."),
        "triggers": texts("Moments that turn a latent need concrete."),
        "channels": list_of(ref("channel", "A channel id."), "Where this persona can be found."),
        "decision_drivers": texts("Price, service, reputation, experiences, ..."),
        "owner": OWNER,
        "last_reviewed": LAST_REVIEWED,
    },
    ("name", "role"),
    "personas/<id>.yml: one persona.",
)

CHECKLIST_ITEM = obj(
    {
        "id": ident("Keys the reader's saved tick; keep it when the text changes."),
        "text": text("What to check."),
        "detail": md("Why and how."),
        "priority": {"enum": ["must", "should", "could"], "default": "should",
                     "description": "must, should (default) or could."},
        "evidence": EVIDENCE,
    },
    ("id", "text"),
)
TOUCHPOINT = obj(
    {
        "name": text("Display name."),
        "category": ref("category", "A category id."),
        "channel": ref("channel", "A channel id."),
        "contact": {"enum": ["direct", "indirect"],
                    "description": "direct: with the brand; indirect: reviews, press, word of mouth."},
        "owner": OWNER,
        "last_reviewed": LAST_REVIEWED,
        "summary": md("What this touchpoint is for."),
        "checklist": list_of(CHECKLIST_ITEM, "What to check; at least one item.", 1),
        "kpis": list_of(KPI, "How success is measured."),
        "pitfalls": texts("What goes wrong, e.g. 'retargeting too often irritates'."),
        "evidence": EVIDENCE,
    },
    ("name", "category", "checklist"),
    "touchpoints/<id>.yml: one touchpoint and its checklist.",
)

SCORE: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": 5,
                         "description": "1 very negative, 3 neutral, 5 very positive."}
EMOTION: dict[str, Any] = {
    "oneOf": [SCORE, obj({"score": SCORE, "note": text("Why they feel this way.")}, ("score",))],
    "description": "1–5, or {score, note}.",
}
TOUCHPOINT_USE: dict[str, Any] = {
    "oneOf": [
        ref("touchpoint", "A touchpoint id."),
        obj({"ref": ref("touchpoint", "A touchpoint id."), "note": md("How it is used here.")}, ("ref",)),
    ],
    "description": "A touchpoint id, or {ref, note}.",
}
PERSONA_NOTE: dict[str, Any] = {
    "oneOf": [
        md("How this persona differs here."),
        obj({"note": md("How this persona differs here."), "emotion": EMOTION},
            description="A note and this persona's own emotion, drawn as its own line on the emotion curve."),
    ],
    "description": "Markdown, or {note, emotion} when this persona feels differently here.",
}
STEP = obj(
    {
        "id": ident("Step id, unique in the phase."),
        "action": text("What the customer does."),
        "touchpoints": list_of(ref("touchpoint", "A touchpoint id."), "Touchpoints of this step."),
        "emotion": EMOTION,
        "thought": text("What they think."),
    },
    ("id", "action"),
)
PHASE_ENTRY = obj(
    {
        "goal": text("What the customer wants in this phase."),
        "actions": texts("What the customer does."),
        "questions": texts("What the customer asks or thinks."),
        "emotion": EMOTION,
        "steps": list_of(STEP, "Finer grain; the emotion curve plots steps where given."),
        "touchpoints": list_of(TOUCHPOINT_USE, "The touchpoints used in this phase."),
        "pain_points": texts("What hurts."),
        "opportunities": texts("Where to do better."),
        "moments_of_truth": texts("Where the brand must make the difference."),
        "kpis": list_of(KPI, "How this phase is measured."),
        "evidence": EVIDENCE,
        "persona_notes": {"type": "object", "additionalProperties": PERSONA_NOTE,
                          "propertyNames": {"pattern": ID_PATTERN}, "x-ref-keys": "persona",
                          "description": "persona id → how that persona differs here."},
    },
)
JOURNEY = obj(
    {
        "title": text("Journey title."),
        "personas": list_of(ref("persona", "A persona id."), "Who travels this journey.", 1),
        "summary": md("What this journey is about."),
        "goal": text("What the business wants from it."),
        "trigger": text("What starts it."),
        "phases": {"type": "object", "additionalProperties": {"oneOf": [{"type": "null"}, PHASE_ENTRY],
                                                              "description": "A phase entry; may be left empty."},
                   "propertyNames": {"pattern": ID_PATTERN}, "x-ref-keys": "phase",
                   "description": "phase id → phase entry, in any order; a phase may be left out."},
        "owner": OWNER,
        "last_reviewed": LAST_REVIEWED,
        "state": {"enum": ["current", "future"], "default": "current",
                  "description": "current (default): the journey as customers live it today; future: as it is "
                                 "planned."},
        "improves": ref("journey", "Only on a future journey: the current journey it improves, drawn beside it."),
    },
    ("title", "personas", "phases"),
    "<journey-id>.yml: one journey through the phases.",
)

CLIENT = obj(
    {
        "name": text("Client brand name, shown in the site title."),
        "language": {"type": "string", "pattern": LANGUAGE_PATTERN,
                     "description": "The guide's language (labels and translations): en, nl, ..."},
        "logo": text("Logo path inside the client folder."),
        "favicon": text("Favicon path inside the client folder."),
        "copyright": text("The guide's footer line (default: the base site's copyright)."),
        "repo_url": text("The repository the guide links to and edits in (default: the base site's repo_url)."),
        "edit_uri": text("The path of 'Edit this page' links inside repo_url (default: the base site's)."),
        "edit_links": {"type": "boolean", "description": "false: the guide has no 'Edit this page' links."},
        "colors": obj({"primary": text("#rrggbb", pattern=COLOR_PATTERN),
                       "accent": text("#rrggbb", pattern=COLOR_PATTERN)},
                      description="Brand colours."),
        "journeys": list_of(ref("journey", "A journey id."), "Only these journeys (default: all)."),
        "vars": {"type": "object", "additionalProperties": text("A value."),
                 "propertyNames": {"pattern": r"^[a-z_][a-z0-9_]*$"},
                 "description": "Values for {{ brand.<key> }} in text."},
    },
    ("name",),
    "clients/<id>/client.yml: brand and selection for one client.",
)

SCHEMAS: dict[str, dict[str, Any]] = {
    "playbook": PLAYBOOK,
    "persona": PERSONA,
    "touchpoint": TOUCHPOINT,
    "journey": JOURNEY,
    "client": CLIENT,
}


def json_schema(kind: str) -> dict[str, Any]:
    """The stand-alone JSON Schema document for one file kind."""
    return {"$schema": DIALECT, "$id": f"{BASE_ID}{kind}.json", "title": f"journeybook {kind}", **SCHEMAS[kind]}
