"""How the matrix looks in a real Chromium: what a reader saw wrong once (a link's line through badges)."""

from __future__ import annotations

import pytest

from .browser_helpers import Site

pytestmark = pytest.mark.browser

MATRIX = "personas/matrix/"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def test_matrix_links_underline_the_phase_only(new_context, site: Site) -> None:
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(site.url(MATRIX))
    link = page.locator("section.jb-matrix a.jb-mx").first
    assert link.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    assert link.locator(".jb-mx__phase").evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"


def test_matrix_column_heads_are_bold(new_context, site: Site) -> None:
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(site.url(MATRIX))
    weights = page.locator(".jb-matrix__table thead th").evaluate_all(
        "els => els.map(el => getComputedStyle(el.querySelector('a') || el).fontWeight)")
    assert weights == ["700"] * 5


def test_matrix_personas_on_a_phone_have_no_note_pencil(new_context, site: Site) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url(MATRIX))
    summary = page.locator("details.jb-matrix__persona > summary").first
    assert summary.evaluate("el => getComputedStyle(el, '::before').display") == "none"

