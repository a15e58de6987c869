"""The census of texts in another language, kept from one load to the next (``serve``'s ``LoadCache``).

A base file no client overlay wrote into says the same in every guide in the same
language, so its census is kept. A file of a client's overlay is not kept: what
language its texts are in depends on the client's ``language`` as well, which can
change while the guide's language and the base's stay the same.
"""

from __future__ import annotations

from pathlib import Path

from helpers import minimal_project, write_tree
from journeybook.read.project import Project
from journeybook.resolve import LoadCache, load

CLIENT = {
    "clients/fiets/client.yml": "name: Fiets\nlanguage: nl\njourneys: [buy]\n",
    # the client's own touchpoint, in its overlay only (no base file to merge with)
    "clients/fiets/journeys/touchpoints/test-ride.yml": (
        "name: Proefrit\ncategory: checkout\nchecklist:\n  - id: book\n    text: Boek een proefrit\n"
    ),
    "journeys/buy.yml": (
        "title: Buying online\npersonas: [ann]\nphases:\n  purchase:\n    touchpoints: [checkout, test-ride]\n"
    ),
    "journeys/playbook.nl.yml": "title: Klein playbook\n",
    "journeys/buy.nl.yml": "title: Online kopen\n",
    "journeys/personas/ann.nl.yml": "name: Ann\nrole: Drukke ouder\n",
    "journeys/touchpoints/checkout.nl.yml": (
        "name: Afrekenen\nchecklist:\n  - id: no-surprises\n    text: Geen verrassende kosten\n"
    ),
}


def untranslated(project: Project, cache: LoadCache | None) -> list[tuple[str, int, int, str]]:
    result = load(project, cache)
    assert result.playbook is not None, result.problems
    return [(t.source, t.line, t.col, t.text) for t in result.texts if not t.translated]


def test_a_clients_own_file_is_counted_again_when_its_language_changes(tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "p", CLIENT)
    # a Dutch guide of an English playbook; the client's files are Dutch as its client.yml says
    project = Project(root=root, client="fiets", language="nl", base_language="en")
    cache = LoadCache()
    assert untranslated(project, cache) == []

    # client.yml no longer names a language: its files count as written in the base's (English),
    # the guide is still Dutch (the project's language), so the test ride's texts are untranslated now
    write_tree(root, {"clients/fiets/client.yml": "name: Fiets\njourneys: [buy]\n"})
    expected = [
        ("clients/fiets/journeys/touchpoints/test-ride.yml", 1, 7, "Proefrit"),
        ("clients/fiets/journeys/touchpoints/test-ride.yml", 5, 11, "Boek een proefrit"),
    ]
    assert untranslated(project, None) == expected  # a load of its own
    assert untranslated(project, cache) == expected  # and one after the first, as serve does
