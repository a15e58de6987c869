"""Personas × touchpoints (render/matrix.py and /personas/matrix/): who meets what, where, how it feels."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from helpers import minimal_project, problem_lines, run_cli
from html_tools import parse_file
from journeybook.model import Emotion, PhaseEntry, Step
from journeybook.read.project import Project
from journeybook.render.matrix import build_matrix, feeling
from journeybook.render.site import Site
from journeybook.resolve import load


@pytest.fixture(scope="module")
def matrix():
    result = load(Project(root=REPO, site_name="x"))
    assert result.ok, [str(p) for p in result.problems]
    return build_matrix(Site(result.playbook))


def cells(matrix, touchpoint: str) -> list[list[tuple[str, str, int | None]]]:
    row = next(r for _, rows in matrix.groups for r in rows if r.touchpoint.id == touchpoint)
    return [[(m.journey.id, m.phase, m.score) for m in cell] for cell in row.cells]


def test_how_it_feels_persona_first_then_the_lowest_step_at_the_touchpoint_then_the_phase() -> None:
    entry = PhaseEntry("purchase", emotion=Emotion(3),
                       steps=[Step("a", "A", ["checkout"], Emotion(4)), Step("b", "B", ["checkout"], Emotion(2)),
                              Step("c", "C", ["chat"], Emotion(1))],
                       persona_emotions={"bob": Emotion(5)})
    assert feeling(entry, "checkout", "bob") == 5
    assert feeling(entry, "checkout", "ann") == 2
    assert feeling(entry, "email", "ann") == 3
    assert feeling(PhaseEntry("purchase"), "email", "ann") is None


def test_the_sample_matrix(matrix) -> None:
    assert matrix.personas == ("business-owner", "busy-parent", "careful-senior", "operations-manager")
    # the busy parent: the lowest step at the checkout (surprise shipping costs); the senior: his own emotion
    assert cells(matrix, "checkout") == [[], [("online-purchase", "purchase", 1)],
                                         [("online-purchase", "purchase", 4)], []]
    assert cells(matrix, "free-trial") == [
        [("business-software", "consideration", 3), ("business-software", "purchase", 3)], [], [],
        [("business-software", "consideration", 3), ("business-software", "purchase", 3)]]
    # the future journey (planned) adds nothing: today's journeys only
    assert all(m.journey.state == "current" for _, rows in matrix.groups for r in rows for c in r.cells for m in c)
    assert [c.id for c, _ in matrix.groups][:3] == ["seo", "sea", "social"]  # the playbook's category order


def test_the_matrix_page(sample_site: Path) -> None:
    html = parse_file(sample_site / "personas" / "matrix" / "index.html")
    heads = [el.text.strip() for el in html.find("th", scope="col")]
    assert heads == ["Touchpoint", "Joris de Boer", "Lotte Jansen", "Henk Mulder", "Ingrid Visser"]
    groups = [el.text.strip() for el in html.find("th", scope="colgroup")]
    assert groups[:3] == ["Search engine optimisation", "Search engine advertising", "Social media"]
    assert len(groups) == 17
    assert len(html.find("th", scope="row")) == 24
    links = html.find("a", href="../../journeys/online-purchase/purchase/")
    labels = [el.attrs["aria-label"] for el in links]
    assert "Buying a product online, Purchase: 1 of 5, very negative" in labels
    # on a phone: one persona at a time, readable without script
    persons = html.find("details", name="jb-matrix")
    assert len(persons) == 4 and "open" in persons[0].attrs and "open" not in persons[1].attrs


def test_the_matrix_is_linked(sample_site: Path) -> None:
    index = parse_file(sample_site / "personas" / "index.html")
    assert index.find("a", href="matrix/")
    nav = [el.attrs.get("href") for el in parse_file(sample_site / "personas" / "busy-parent" / "index.html").find("a")]
    assert "../matrix/" in nav


def test_a_persona_cannot_be_called_matrix(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {"journeys/personas/matrix.yml": "name: Matrix\nrole: Reserved\n"})
    proc = run_cli("validate", root, cwd=root)
    assert problem_lines(proc.stdout) == [
        "journeys/personas/matrix.yml:1:1: error: the persona id 'matrix' is reserved (it names the personas × "
        "touchpoints page); rename the file"]
    assert proc.returncode == 1
