"""Random damage to a small valid playbook never crashes the core.

Whatever an editor (or a hostile file) does, ``resolve.load`` returns a Result:
either a resolved playbook, or problems that are each located in a real file
(path, line >= 1, col >= 1, one-line message). It never raises.
"""

from __future__ import annotations

import copy
import dataclasses
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MKDOCS_YML, time_limit, write_tree
from journeybook.errors import ERROR, WARNING, Problem
from journeybook.read.project import Project, Result
from journeybook.resolve import load

# A small valid playbook as data (dumped to YAML for each example), richer than
# helpers.MINIMAL_FILES so that every kind of value has something to break.
VALID: dict[str, Any] = {
    "journeys/playbook.yml": {
        "title": "Fuzz playbook",
        "channels": [{"id": "web", "name": "Website", "type": "online"}],
        "categories": [{"id": "checkout", "name": "Checkout", "description": "Paying"}],
        "sources": [{"id": "wait-study", "claim": "Almost 90% drop out", "year": 2019, "url": "https://example.org/s"}],
    },
    "journeys/personas/ann.yml": {
        "name": "Ann", "role": "Busy parent", "segment": "b2c", "quote": "Quick, please.", "avatar": "index.md",
        "demographics": {"age": 38, "city": "Utrecht"}, "goals": ["Save time"],
        "needs": {"latent": ["Calm"], "concrete": ["Delivery tomorrow"]}, "channels": ["web"],
    },
    "journeys/touchpoints/checkout.yml": {
        "name": "Checkout", "category": "checkout", "channel": "web", "contact": "direct",
        "checklist": [
            {"id": "no-surprises", "text": "No surprise costs", "priority": "must", "evidence": ["wait-study"]},
            {"id": "guest", "text": "Guest checkout"},
        ],
        "kpis": [{"name": "Completion", "target": "70%"}], "evidence": ["wait-study"],
    },
    "journeys/buy.yml": {
        "title": "Buying online", "personas": ["ann"], "summary": "Hello {{ brand.name }}",
        "phases": {
            "purchase": {
                "goal": "Pay", "questions": ["Is this right for me?"], "emotion": {"score": 2, "note": "Nervous"},
                "touchpoints": ["checkout", {"ref": "checkout", "note": "Again"}],
                "steps": [{"id": "pay", "action": "Pays", "touchpoints": ["checkout"], "emotion": 3}],
                "kpis": [{"name": "Conversion"}], "evidence": ["wait-study"],
                "persona_notes": {"ann": "Uses her phone"},
            },
            "service": {"emotion": 4, "pain_points": ["Waiting"]},
        },
    },
    "clients/acme/client.yml": {
        "name": "Acme", "language": "nl", "colors": {"primary": "#112233"}, "journeys": ["buy"],
        "vars": {"phone": "555"}, "logo": "logo.png",
    },
    "clients/acme/journeys/buy.yml": {
        "summary": "Call {{ brand.phone }}",
        "phases": {"purchase": {"goal": "Pay at {{ brand.name }}", "emotion": None}},
    },
}
FILES = sorted(VALID)

YAML_CHARS = st.sampled_from(
    list("abcxyz019 :-[]{}#&*!|>'\"%@`,?~.\n\t\r\\") + ["\ufeff", "é", "\u2028", "\x00", "\x07"],
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.text(YAML_CHARS, max_size=30), st.sampled_from(["", "ann", "checkout", "web", "wait-study", "purchase",
                                                       "{{ brand.nope }}", "{% if x %}", "../../etc/passwd", "0755",
                                                       "8:30", "NO", "x-key", "https://", "#zzzzzz", "a\x00b", "C:\\x",
                                                       "index.md", "/", ".", "..", "{{ brand.name.center(10) }}"]),
)
values = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10) | st.sampled_from(["id", "ref", "x-y"]),
                                                    children, max_size=4)), max_leaves=12)


def pointers(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into the data (keys and list indexes), the root included."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += pointers(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += pointers(value, prefix + (index,))
    return found


def mutate(data: Any, pointer: tuple, op: str, value: Any) -> Any:
    if not pointer:
        return value if op != "delete" else None
    parent = data
    for part in pointer[:-1]:
        parent = parent[part]
    last = pointer[-1]
    if op == "delete":
        del parent[last]
    elif op == "rename" and isinstance(parent, dict):
        parent[str(value)[:20] if not isinstance(value, (dict, list)) else "x"] = parent.pop(last)
    else:
        parent[last] = value
    return data


@st.composite
def damaged_projects(draw: st.DrawFn) -> tuple[dict[str, str | bytes | None], bool]:
    files: dict[str, Any] = copy.deepcopy(VALID)
    texts: dict[str, str | bytes | None] = {}
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        name = draw(st.sampled_from(FILES))
        kind = draw(st.sampled_from(["replace", "replace", "delete", "rename", "text", "bytes", "remove-file"]))
        if kind == "text":
            texts[name] = draw(st.text(YAML_CHARS, max_size=120) | st.text(max_size=60))
            continue
        if kind == "bytes":
            texts[name] = draw(st.binary(max_size=80))
            continue
        if kind == "remove-file":
            texts[name] = None
            continue
        if name in texts:
            continue
        options = pointers(files[name])
        pointer = options[draw(st.integers(min_value=0, max_value=len(options) - 1))]
        files[name] = mutate(files[name], pointer, kind, draw(values))
    for name, data in files.items():
        if name not in texts:
            style = draw(st.sampled_from([None, False, True]))
            texts[name] = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), default_flow_style=style,
                                         sort_keys=False)
    return texts, draw(st.booleans())


def assert_well_formed(result: Result, root: Path) -> None:
    assert isinstance(result, Result)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.severity in (ERROR, WARNING)
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert isinstance(problem.col, int) and problem.col >= 1, problem
        assert problem.message and "\n" not in problem.message and "\r" not in problem.message, problem
        assert "Traceback" not in problem.message
        where = root / problem.path
        assert not Path(problem.path).is_absolute(), problem
        assert where.exists() or where.is_symlink(), problem
        if where.is_file():
            lines = where.read_bytes().count(b"\n") + where.read_bytes().count(b"\r") + 1
            assert problem.line <= lines + 1, problem
    if result.ok:
        assert result.playbook is not None
    else:
        assert any(p.severity == ERROR for p in result.problems) or result.playbook is None


HANG_BOUND = 20.0  # seconds one example may take on a loaded 2-core CI machine before it counts as a hang


class Hang(Exception):
    pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_projects())
def test_damaged_playbooks_never_crash(case: tuple[dict[str, str | bytes | None], bool]) -> None:
    texts, as_client = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_tree(root, {"mkdocs.yml": MKDOCS_YML, "content/index.md": "# Fuzz\n", "clients/acme/logo.png": b"png"})
        write_tree(root, {name: text for name, text in texts.items() if text is not None})
        project = Project(root=root, client="acme" if as_client and texts.get("clients/acme/client.yml") else None)
        with time_limit(HANG_BOUND, Hang, f"no answer within {HANG_BOUND} s"):
            result = load(project)
        assert_well_formed(result, root)


@settings(max_examples=150, deadline=None)
@given(st.text(YAML_CHARS, max_size=300) | st.text(max_size=200))
def test_random_text_as_any_file_kind(text: str) -> None:
    from journeybook.read.yamlpos import LoadError, parse

    try:
        with time_limit(HANG_BOUND, Hang, f"no answer within {HANG_BOUND} s"):
            doc = parse(text, "x.yml")
    except LoadError as error:
        assert error.line >= 1 and error.col >= 1 and "\n" not in error.message
        return
    for pointer, (line, col) in {**doc.positions, **doc.key_positions}.items():
        assert line >= 1 and col >= 1, pointer


def test_the_undamaged_playbook_is_valid() -> None:
    """The fuzz starts from a valid playbook, for the base and for the client."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts = {name: yaml.safe_dump(data, allow_unicode=True, sort_keys=False) for name, data in VALID.items()}
        write_tree(root, {"mkdocs.yml": MKDOCS_YML, "content/index.md": "# Fuzz\n", "clients/acme/logo.png": b"png",
                          **texts})
        base = load(Project(root=root))
        assert base.ok and [p for p in base.problems if p.severity == ERROR] == [], base.problems
        client = load(dataclasses.replace(Project(root=root), client="acme"))
        assert client.ok, client.problems
        assert client.playbook.journeys["buy"].summary == "Call 555"
        assert client.playbook.journeys["buy"].phases[0].emotion is None
