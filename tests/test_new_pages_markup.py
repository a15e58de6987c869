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


def _drawn(page: Path) -> list[str]:
    html = parse_file(page)
    return [el.attrs["class"] for el in html.find("g") if "jb-curve__series" in (el.attrs.get("class") or "")]


def test_todays_line_is_drawn_first_and_the_planned_one_last_on_top(sample_site: Path) -> None:
    """Beneath everything today's line, then a persona's own planned line (2), then the journey's (1) on top."""
    assert _drawn(sample_site / "journeys" / "online-purchase-no-surprises" / "index.html") == [
        "jb-curve__series jb-curve__series--3 jb-curve__series--today",
        "jb-curve__series jb-curve__series--2",
        "jb-curve__series jb-curve__series--1"]


def test_the_journeys_own_line_is_drawn_over_the_personas(sample_site: Path) -> None:
    assert _drawn(sample_site / "journeys" / "online-purchase" / "index.html") == [
        "jb-curve__series jb-curve__series--2", "jb-curve__series jb-curve__series--1"]  # a persona's, the journey's
