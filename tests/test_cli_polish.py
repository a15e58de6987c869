"""``journeybook`` polish: ``new`` refuses reserved ids as it refuses invalid ones; ``validate`` prints
warnings along with errors; missing definitions are reported once; "did you mean" names typos only."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import minimal_project, problem_lines, run_cli, write_tree
from journeybook.check.validate import did_you_mean


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return minimal_project(tmp_path / "project")


@pytest.mark.parametrize(("kind", "reserved"), [
    ("journey", "index"), ("persona", "index"), ("touchpoint", "index"), ("journey", "playbook"),
])
def test_new_refuses_a_reserved_id(kind: str, reserved: str, tiny: Path) -> None:
    before = sorted(p.relative_to(tiny) for p in tiny.rglob("*"))
    proc = run_cli("new", kind, reserved, cwd=tiny)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"journeybook: error: the id '{reserved}' is reserved (")
    assert sorted(p.relative_to(tiny) for p in tiny.rglob("*")) == before
    assert run_cli("validate", tiny).returncode == 0


def test_a_persona_may_be_called_playbook(tiny: Path) -> None:
    """Only a journey file named playbook.yml would be read as the playbook."""
    assert run_cli("new", "persona", "playbook", cwd=tiny).returncode == 0


def test_validate_prints_warnings_along_with_errors(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/bob.yml": "name: Bob\nrole: Retired\n",
                      "journeys/touchpoints/checkout.yml": "name: Checkout\ncategory: nope\n"
                                                          "checklist:\n  - id: a\n    text: A\n"})
    proc = run_cli("validate", tiny)
    assert proc.returncode == 1
    assert problem_lines(proc.stdout) == [
        "journeys/personas/bob.yml:1:1: warning: persona 'bob' is not in any journey",
        "journeys/touchpoints/checkout.yml:2:11: error: unknown category 'nope'; known categories: seo, sea, "
        "social, content, display, retargeting, email, comparison, reviews, customer-service, ...",
    ]
    assert proc.stdout.splitlines()[-1] == "1 error, 1 warning."


def test_a_missing_playbook_is_reported_once(tiny: Path) -> None:
    journey = "title: T\npersonas: [ann]\nphases:\n  purchase:\n    touchpoints: [checkout]\n    evidence: [{0}]\n"
    write_tree(tiny, {"journeys/playbook.yml": None,
                      **{f"journeys/j{n}.yml": journey.format("wait-study") for n in range(12)}})
    proc = run_cli("validate", tiny)
    assert problem_lines(proc.stdout) == [
        "journeys/j0.yml:6:16: error: journeys/playbook.yml not found, so 12 references to sources cannot "
        "resolve (the first: 'wait-study', here); create it with those lists"]


def test_a_missing_definitions_list_is_reported_once(tiny: Path) -> None:
    write_tree(tiny, {"journeys/playbook.yml": "title: No channels\n",
                      "journeys/personas/ann.yml": "name: Ann\nrole: Parent\nchannels: [web, store, app]\n",
                      "journeys/touchpoints/checkout.yml": "name: Checkout\ncategory: checkout\nchannel: web\n"
                                                          "checklist:\n  - id: a\n    text: A\n"})
    proc = run_cli("validate", tiny)
    assert problem_lines(proc.stdout) == [
        "journeys/playbook.yml:1:1: error: no 'channels' list, but 4 references name channels "
        "(the first: 'web' at journeys/personas/ann.yml:3:12); add the list"]


@pytest.mark.parametrize(("word", "choices", "hint"), [
    ("sales", ["after-sales", "seo"], ""),
    ("social", ["b2b-social"], ""),
    ("after-sale", ["after-sales", "sales"], " (did you mean 'after-sales'?)"),
    ("chekout", ["checkout", "check-in"], " (did you mean 'checkout'?)"),
    ("check-out", ["checkout"], " (did you mean 'checkout'?)"),
    ("purchse", ["purchase", "service"], " (did you mean 'purchase'?)"),
    ("Service", ["service"], " (did you mean 'service'?)"),
    ("xyz", ["purchase"], ""),
])
def test_did_you_mean_names_close_matches_only(word: str, choices: list[str], hint: str) -> None:
    assert did_you_mean(word, choices) == hint


def test_known_ids_are_listed_once(tiny: Path) -> None:
    playbook = ("phases:\n  - id: look\n    name: Look\n  - id: buy\n    name: Buy\n  - id: buy\n    name: Buy again\n")
    write_tree(tiny, {"journeys/playbook.yml": playbook,
                      "journeys/buy.yml": "title: T\npersonas: [ann]\nphases:\n  zzz:\n    touchpoints: [checkout]\n"})
    lines = problem_lines(run_cli("validate", tiny).stdout)
    assert "journeys/buy.yml:4:3: error: unknown phase 'zzz'; known phases: look, buy" in lines
