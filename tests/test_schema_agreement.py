"""The editor's schema and ``journeybook validate`` give the same verdict on every rule one file can express.

An editor (yaml-language-server, check-jsonschema) reads YAML 1.2 and checks the
JSON Schemas that ``journeybook schema`` writes, formats asserted. journeybook
reads plain scalars as text and takes the number or boolean YAML 1.2 reads only
where the schema asks for one. So the schemas accept, in free text, what YAML 1.2
reads as a number or boolean (``quote: true`` is the text "true"); an id written
as digits (``id: 42``) is the id "42"; and a whole number written ``4.0`` is 4 on
both sides, as JSON Schema defines it. Each case below is one file of a valid
project, changed once; the expected verdict is written beside it.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from helpers import minimal_project, write_tree
from journeybook.read.project import Project
from journeybook.resolve import load

FILES = {
    "playbook": "journeys/playbook.yml", "persona": "journeys/personas/ann.yml",
    "touchpoint": "journeys/touchpoints/checkout.yml", "journey": "journeys/buy.yml",
    "client": "clients/acme/client.yml",
}
BASE = {
    "playbook": ("title: Tiny playbook\nchannels:\n  - id: web\n    name: Website\n    type: online\n"
                 "sources:\n  - id: wait-study\n    claim: Almost 90% drop out\n    year: 2019\n"),
    "persona": "name: Ann\nrole: Busy parent\n",
    "touchpoint": "name: Checkout\ncategory: checkout\nchecklist:\n  - id: no-surprises\n    text: No surprise costs\n",
    "journey": "title: Buying online\npersonas: [ann]\nphases:\n  purchase:\n    touchpoints: [checkout]\n",
    "client": "name: Acme\n",
}

# (file kind, what is added to the valid file, valid?)
CASES: list[tuple[str, str, bool]] = [
    ("persona", "quote: true\n", True),
    ("persona", "quote: 42\n", True),
    ("persona", "quote: 4.50\n", True),
    ("persona", "quote: no\n", True),
    ("persona", "quote: ''\n", False),
    ("persona", "quote:\n", False),
    ("persona", "owner: true\n", True),
    ("persona", "segment: b2x\n", False),
    ("persona", "segment: B2C\n", False),
    ("persona", "demographics: {age: 38, kids: true, town: Utrecht}\n", True),
    ("persona", "goals: [Save time, 42, false]\n", True),
    ("persona", "goals: Save time\n", False),
    ("persona", "nmae: typo\n", False),
    ("persona", "x-team: {any: thing}\n", True),
    ("persona", "last_reviewed: 2026-03-01\n", True),
    ("persona", "last_reviewed: '2026-03-01'\n", True),
    ("persona", "last_reviewed: 2026-02-30\n", False),
    ("persona", "last_reviewed: 2026-3-1\n", False),
    ("persona", "last_reviewed: 20260301\n", False),
    ("persona", "last_reviewed: March 2026\n", False),
    ("touchpoint", "owner: Web team\nlast_reviewed: 2025-12-01\n", True),
    ("touchpoint", "checklist:\n  - id: 42\n    text: Numbered\n", True),
    ("touchpoint", "checklist:\n  - id: '42'\n    text: Numbered\n", True),
    ("touchpoint", "checklist:\n  - id: -1\n    text: Negative\n", False),
    ("touchpoint", "checklist:\n  - id: 4.5\n    text: Decimal\n", False),
    ("touchpoint", "checklist:\n  - id: Bad_Id\n    text: Bad\n", False),
    ("touchpoint", "checklist:\n  - id: a\n    text: true\n    priority: must\n", True),
    ("touchpoint", "checklist:\n  - id: a\n    text: A\n    priority: MUST\n", False),
    ("touchpoint", "checklist: []\n", False),
    ("touchpoint", "contact: yes\n", False),
    ("touchpoint", "kpis:\n  - name: Conversion\n    target: 70\n  - name: Rating\n    target: 4.5\n", True),
    ("touchpoint", "kpis:\n  - target: 70\n", False),
    ("journey", "owner: Marketing\nlast_reviewed: '2026-01-31'\n", True),
    ("journey", "phases:\n  purchase:\n    emotion: 4\n", True),
    ("journey", "phases:\n  purchase:\n    emotion: 4.0\n", True),
    ("journey", "phases:\n  purchase:\n    emotion: 1e0\n", True),
    ("journey", "phases:\n  purchase:\n    emotion: 0x3\n", True),
    ("journey", "phases:\n  purchase:\n    emotion: 4.5\n", False),
    ("journey", "phases:\n  purchase:\n    emotion: 6\n", False),
    ("journey", "phases:\n  purchase:\n    emotion: 0\n", False),
    ("journey", "phases:\n  purchase:\n    emotion: '4'\n", False),
    ("journey", "phases:\n  purchase:\n    emotion: true\n", False),
    ("journey", "phases:\n  purchase:\n    emotion: {score: 4.0, note: Calm}\n", True),
    ("journey", "phases:\n  purchase:\n    emotion: {note: Calm}\n", False),
    ("journey", "phases:\n  purchase:\n", True),
    ("journey", "phases:\n  purchase:\n    steps:\n      - id: 1\n        action: Pays\n", True),
    ("journey", "phases:\n  purchase:\n    steps:\n      - action: Pays\n", False),
    ("journey", "title: 2026\n", True),
    ("journey", "personas: []\n", False),
    ("journey", "phases:\n  purchase:\n    touchpoints: [{ref: checkout, note: true}]\n", True),
    ("journey", "phases:\n  purchase:\n    touchpoints: [{note: No ref}]\n", False),
    ("playbook", "review_every: 30\n", True),
    ("playbook", "review_every: 30.0\n", True),
    ("playbook", "review_every: 1.5\n", False),
    ("playbook", "review_every: '30'\n", False),
    ("playbook", "review_every: 0\n", False),
    ("playbook", "sources:\n  - id: wait-study\n    claim: C\n    year: 2021.0\n", True),
    ("playbook", "sources:\n  - id: wait-study\n    claim: C\n    year: 1800\n", False),
    ("playbook", "sources:\n  - id: wait-study\n    claim: C\n    url: http://example.org/\n", False),
    ("playbook", "channels:\n  - id: web\n    name: Website\n    type: Online\n", False),
    ("playbook", "channels:\n  - id: web\n    name: 42\n    type: online\n", True),
    ("client", "colors: {primary: '#112233'}\n", True),
    ("client", "colors: {primary: 112233}\n", False),
    ("client", "language: no\n", True),
    ("client", "language: NL\n", False),
    ("client", "name: true\n", True),
]


def _merged(base: str, change: str) -> str:
    """``change``'s top-level keys replace the base file's; the others are kept."""
    yaml = YAML(typ="safe", pure=True)
    replaced = set(yaml.load(change) or {})
    kept = [block for block in _blocks(base) if block.split(":", 1)[0] not in replaced]
    return "".join(kept) + change


def _blocks(text: str) -> list[str]:
    blocks: list[str] = []
    for line in text.splitlines(keepends=True):
        if line[:1] in (" ", "-") and blocks:
            blocks[-1] += line
        else:
            blocks.append(line)
    return blocks


def as_editor_reads(text: str) -> Any:
    """The YAML as JSON, read as YAML 1.2 (ruamel.yaml), as an editor's schema check reads it."""
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value
    yaml = YAML(typ="safe", pure=True)
    # YAML 1.2's core schema has no dates: a date is the text written (ruamel.yaml still resolves them)
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return json.loads(json.dumps(plain(yaml.load(io.StringIO(text)))))


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from journeybook.check.schema_variants import write_schemas

    out = tmp_path_factory.mktemp("schemas")
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8")) for p in write_schemas(out)}


def schema_says(schema: dict[str, Any], data: Any) -> bool:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return validator.is_valid(data)


def validate_says(root: Path, client: str | None = None) -> list[str]:
    result = load(Project(root=root, client=client, today=datetime.date(2026, 4, 1)))
    return [str(p) for p in result.problems if p.is_error]


def _project(tmp_path: Path, kind: str, text: str) -> Path:
    root = minimal_project(tmp_path, {FILES[k]: v for k, v in BASE.items()})
    write_tree(root, {FILES[kind]: text})
    return root


def test_the_unchanged_files_are_valid_both_ways(tmp_path: Path, schemas: dict[str, Any]) -> None:
    root = _project(tmp_path, "persona", BASE["persona"])
    assert validate_says(root, "acme") == []
    for kind, text in BASE.items():
        assert schema_says(schemas[kind], as_editor_reads(text)), kind


@pytest.mark.parametrize(("kind", "change", "valid"), CASES, ids=[f"{k}:{c.strip()}" for k, c, _ in CASES])
def test_schema_and_validate_agree(kind: str, change: str, valid: bool, tmp_path: Path,
                                   schemas: dict[str, Any]) -> None:
    text = _merged(BASE[kind], change)
    editor = schema_says(schemas[kind], as_editor_reads(text))
    problems = validate_says(_project(tmp_path, kind, text), "acme")
    assert (editor, not problems) == (valid, valid), f"{FILES[kind]}:\n{text}\nvalidate: {problems}"


# --------------------------------------------------------------------------- overlays and translations

OVERLAY = "clients/acme/journeys/buy.yml"
OVERLAY_CASES = [
    ("summary: For Acme\n", True),  # partial: nothing is required
    ("goal: null\n", True),  # null removes a key the base may leave out
    ("title: null\n", False),  # ... but not a required one
    ("phases:\n  purchase:\n    goal: Pay at Acme\n", True),
    ("phases:\n  purchase:\n    emotion: 7\n", False),
    ("personas: []\n", False),  # a list replaces the base list whole
    ("titel: typo\n", False),
]


@pytest.mark.parametrize(("text", "valid"), OVERLAY_CASES, ids=[t.strip() for t, _ in OVERLAY_CASES])
def test_overlay_schema_and_validate_agree(text: str, valid: bool, tmp_path: Path, schemas: dict[str, Any]) -> None:
    editor = schema_says(schemas["journey.overlay"], as_editor_reads(text))
    root = _project(tmp_path, "client", BASE["client"])
    write_tree(root, {OVERLAY: text})
    problems = validate_says(root, "acme")
    assert (editor, not problems) == (valid, valid), problems


TRANSLATION_CASES = [
    ("touchpoint", "name: Afrekenen\nchecklist:\n  - id: no-surprises\n    text: Geen verrassingen\n", True),
    ("touchpoint", "checklist:\n  - text: Zonder id\n", False),  # items are matched by id
    ("touchpoint", "category: seo\n", False),  # references are not text
    ("touchpoint", "checklist:\n  - id: no-surprises\n    priority: must\n", False),  # fixed values neither
    ("journey", "title: Online kopen\nphases:\n  purchase:\n    goal: Betalen\n    emotion: {note: Bang}\n", True),
    ("journey", "personas: [ann]\n", False),
    ("journey", "phases:\n  purchase:\n    emotion: 3\n", False),
    ("persona", "name: Anne\ngoals: [Tijd besparen]\ndemographics: {woonplaats: Utrecht}\n", True),
    ("persona", "last_reviewed: 2026-03-01\n", False),
    ("playbook", "phases:\n  - id: purchase\n    name: Aankoop\n", True),
    ("playbook", "review_every: 30\n", False),
    ("playbook", "sources:\n  - id: wait-study\n    url: https://example.org/\n", False),
]


@pytest.mark.parametrize(("kind", "text", "valid"), TRANSLATION_CASES,
                         ids=[f"{k}:{t.strip()}" for k, t, _ in TRANSLATION_CASES])
def test_translation_schemas_take_text_only(kind: str, text: str, valid: bool, schemas: dict[str, Any]) -> None:
    assert schema_says(schemas[f"{kind}.translation"], as_editor_reads(text)) is valid


# --------------------------------------------------------------------------- modelines

REPO = Path(__file__).resolve().parent.parent
SAMPLE = sorted([*REPO.glob("journeys/**/*.yml"), *REPO.glob("clients/*/client.yml"),
                 *REPO.glob("clients/*/journeys/**/*.yml")])
MODELINE = "# yaml-language-server: $schema="


@pytest.mark.parametrize("path", SAMPLE, ids=[str(p.relative_to(REPO)) for p in SAMPLE])
def test_every_sample_file_names_its_schema_and_passes_it(path: Path) -> None:
    first, _, text = path.read_text(encoding="utf-8").partition("\n")
    assert first.startswith(MODELINE), first
    schema_file = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert schema_file.parent == REPO / "schemas" and schema_file.is_file(), schema_file
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(as_editor_reads(text))] == []


def test_a_client_file_over_a_base_file_uses_the_overlay_schema() -> None:
    first = (REPO / "clients/acme-outdoor/journeys/online-purchase.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"{MODELINE}../../../schemas/journey.overlay.schema.json"


@pytest.mark.parametrize(("kind", "path", "schema"), [
    ("persona", "journeys/personas/zoe.yml", "../../schemas/persona.schema.json"),
    ("touchpoint", "journeys/touchpoints/zoe.yml", "../../schemas/touchpoint.schema.json"),
    ("journey", "journeys/zoe.yml", "../schemas/journey.schema.json"),
])
def test_new_writes_the_modeline(kind: str, path: str, schema: str, tmp_path: Path) -> None:
    from helpers import run_cli

    root = minimal_project(tmp_path)
    assert run_cli("new", kind, "zoe", cwd=root).returncode == 0
    assert (root / path).read_text(encoding="utf-8").splitlines()[0] == MODELINE + schema


def _matches(pattern: str, path: str) -> bool:
    return re.fullmatch(re.escape(pattern).replace(r"\*", "[^/]*"), path) is not None


def _mapped(settings: dict[str, list[str]], path: str) -> list[str]:
    """The schemas a path gets: a pattern list matches when its last matching pattern is not a '!' one."""
    found = []
    for schema, patterns in settings.items():
        last = [p for p in patterns if _matches(p.removeprefix("!"), path)]
        if last and not last[-1].startswith("!"):
            found.append(schema.removeprefix("./"))
    return found


@pytest.mark.parametrize("path", SAMPLE, ids=[str(p.relative_to(REPO)) for p in SAMPLE])
def test_the_vscode_mapping_gives_each_file_its_modeline_schema(path: Path) -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    named = (path.parent / first.removeprefix(MODELINE)).resolve().relative_to(REPO).as_posix()
    mapped = _mapped(settings, path.relative_to(REPO).as_posix())
    in_client = path.relative_to(REPO).as_posix().startswith("clients/") and path.name != "client.yml"
    if in_client and ".overlay." not in named:
        # a client file that adds an item is a whole file: its modeline names the full schema, the mapping
        # (which cannot know) the overlay one
        named = named.replace(".schema.json", ".overlay.schema.json")
    assert mapped == [named]


@pytest.mark.parametrize(("path", "schema"), [
    ("journeys/buy.nl.yml", "schemas/journey.translation.schema.json"),
    ("journeys/playbook.nl.yml", "schemas/playbook.translation.schema.json"),
    ("journeys/personas/ann.nl.yml", "schemas/persona.translation.schema.json"),
    ("clients/acme/journeys/touchpoints/checkout.de.yml", "schemas/touchpoint.translation.schema.json"),
    ("clients/acme/journeys/buy.yml", "schemas/journey.overlay.schema.json"),
])
def test_the_vscode_mapping_covers_translations_and_overlays(path: str, schema: str) -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert _mapped(settings, path) == [schema]
