"""The markup behind the look of the matrix and the future map, as built from the sample: literal expectations."""

from __future__ import annotations

from pathlib import Path

from html_tools import parse_file


def test_the_matrix_says_what_its_scores_mean(sample_site: Path) -> None:
    html = parse_file(sample_site / "personas" / "matrix" / "index.html")
    scale = html.find("p", **{"class": "jb-matrix__scale"})
    assert [" ".join(el.text.split()) for el in scale] == [
        "Emotion: 1 very negative 2 negative 3 neutral 4 positive 5 very positive"]
    badges = html.has_class("jb-emotion")
    assert [(el.attrs["data-score"], el.text) for el in badges[:5]] == [
        ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]  # the legend's, before the table's


def test_a_matrix_link_names_its_phase_apart(sample_site: Path) -> None:
    """The phase's name has its own element, so the link's line can sit under it alone."""
    html = parse_file(sample_site / "personas" / "matrix" / "index.html")
    phases = html.has_class("jb-mx__phase")
    assert len(phases) == len(html.has_class("jb-mx"))
    assert [el.text for el in phases[:2]] == ["Awareness", "Consideration"]  # Joris de Boer at SEO


def test_todays_line_is_drawn_first_beneath_the_planned_one(sample_site: Path) -> None:
    html = parse_file(sample_site / "journeys" / "online-purchase-no-surprises" / "index.html")
    series = [el.attrs["class"] for el in html.find("g") if "jb-curve__series" in (el.attrs.get("class") or "")]
    assert series == ["jb-curve__series jb-curve__series--3 jb-curve__series--today",
                      "jb-curve__series jb-curve__series--1",
                      "jb-curve__series jb-curve__series--2"]
