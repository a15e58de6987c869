"""A planned journey on a persona's page in a real Chromium: its curve (the persona's planned line, and that
persona's today dashed beside it, at the one scale of every curve) and its "Planned" label pass axe in both
palettes at desk and phone width, with no sideways scroll on a phone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .browser_helpers import Site, curve_points, heights_by_score, wait_for_scheme
from .test_accessibility import PALETTES, assert_no_violations
from .test_future_and_matrix import WIDTHS, scroll_width

pytestmark = pytest.mark.browser

# journeys/online-purchase-no-surprises.yml: travelled by careful-senior, who feels differently in two phases
PERSONA_PAGE = "personas/careful-senior/"
CURVE = "svg#jb-curve-online-purchase-no-surprises-careful-senior"

def test_the_persona_today_shares_the_planned_scale(new_context, site: Site) -> None:
    page = new_context(viewport=WIDTHS["desktop"]).new_page()
    page.goto(site.url(PERSONA_PAGE))
    found = curve_points(page, CURVE)
    assert [s for s, _ in found["planned"]] == ["2", "3", "4", "4", "4"], found
    assert [s for s, _ in found["today"]] == ["2", "2", "4", "3", "4", "5", "2", "4", "4"], found
    heights = heights_by_score(found["planned"] + found["today"])
    assert all(len(ys) == 1 for ys in heights.values()), heights


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("palette", list(PALETTES))
def test_no_violations(new_context, site: Site, axe: Axe, palette: str, width: str) -> None:
    media, scheme = PALETTES[palette]
    page = new_context(viewport=WIDTHS[width]).new_page()
    page.emulate_media(color_scheme=media)
    page.goto(site.url(PERSONA_PAGE))
    wait_for_scheme(page, scheme)
    assert_no_violations(page, axe, f"{palette}, {width}")
    if width == "phone":
        assert scroll_width(page) <= WIDTHS["phone"]["width"]
