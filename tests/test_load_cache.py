"""The load cache trims itself: after each load it holds what that load used, and translations within bounds."""

from __future__ import annotations

from pathlib import Path

from helpers import minimal_project, project, write_tree
from journeybook.read.files import Documents
from journeybook.read.yamlpos import parse
from journeybook.resolve import LoadCache, load

SECOND_TOUCHPOINT = """\
name: Delivery
category: delivery
"""


def checked_paths(cache: LoadCache) -> list[str]:
    return sorted(doc.path for doc, _ in cache.checked.values())


def test_a_file_that_is_gone_is_forgotten(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {"journeys/touchpoints/delivery.yml": SECOND_TOUCHPOINT})
    cache = LoadCache()
    load(project(root), cache)
    assert "journeys/touchpoints/delivery.yml" in checked_paths(cache)
    write_tree(root, {"journeys/touchpoints/delivery.yml": None})
    load(project(root), cache)
    assert checked_paths(cache) == [
        "journeys/buy.yml",
        "journeys/personas/ann.yml",
        "journeys/playbook.yml",
        "journeys/touchpoints/checkout.yml",
    ]


def test_translations_are_kept_within_bounds() -> None:
    cache = LoadCache()
    doc = parse("name: x\n", "x.yml")
    cache.translated = {(n,): (doc, doc, doc, []) for n in range(250)}
    cache.trim(Documents(), [])  # no documents: room for 4 * 0 + 100 translations, the newest
    assert list(cache.translated) == [(n,) for n in range(150, 250)]
