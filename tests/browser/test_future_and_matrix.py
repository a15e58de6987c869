"""A future journey's map and the personas × touchpoints matrix in a real Chromium: today's line on the same
scale as the planned one, axe in both palettes at desk and phone width, no sideways scroll on a phone, sticky
headers in the matrix and one persona at a time on a phone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .browser_helpers import Site, curve_points, heights_by_score, wait_for_scheme
from .test_accessibility import PALETTES, assert_no_violations

pytestmark = pytest.mark.browser

FUTURE_MAP = "journeys/online-purchase-no-surprises/"
MATRIX = "personas/matrix/"
WIDTHS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}

@pytest.mark.parametrize("width", list(WIDTHS))
def test_both_curves_share_one_scale(new_context, site: Site, width: str) -> None:
    """Points of equal score sit at the same height on the planned line and on today's."""
    page = new_context(viewport=WIDTHS[width]).new_page()
    page.goto(site.url(FUTURE_MAP))
    found = curve_points(page)
    planned, today = found["planned"], found["today"]
    assert len(planned) == 8 and len(today) == 12, found
    heights = heights_by_score(planned + today)
    shared = {s for s, _ in planned} & {s for s, _ in today}
    assert shared == {"2", "4", "5"}, found  # the sample: both lines have points of 2, 4 and 5
    assert all(len(ys) == 1 for ys in heights.values()), heights
    assert heights["2"].pop() - heights["4"].pop() == pytest.approx(60, abs=0.5)  # two levels of 30 px apart


# where each card of the journeys index is: its title, and the top and left of its box
CARDS = """() => [...document.querySelectorAll('.jb-cards--journeys .jb-card')].map(card => {
    const box = card.getBoundingClientRect();
    return [card.querySelector('.jb-card__title').textContent.trim(), Math.round(box.top), Math.round(box.left)];
})"""


def test_a_planned_journey_sits_beside_todays_on_the_index(new_context, site: Site) -> None:
    """At desk width the index shows the journey of today and its planned version side by side in one row,
    first, and the other journeys fill the rows after it without a gap."""
    page = new_context(viewport=WIDTHS["desktop"]).new_page()
    page.goto(site.url("journeys/"))
    cards = page.evaluate(CARDS)
    assert [title for title, _, _ in cards] == [
        "Buying a product online", "Buying a product online, without surprise costs",
        "Choosing planning software for the business", "Getting a faulty product repaired"]
    (_, today_top, today_left), (_, planned_top, planned_left) = cards[0], cards[1]
    assert planned_top == today_top and planned_left > today_left, cards  # beside, not under
    rows = sorted({top for _, top, _ in cards})
    assert len(rows) == 2, cards  # two full rows of two: no hole before or after the pair


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("url", [FUTURE_MAP, MATRIX, "journeys/"])
def test_no_violations(new_context, site: Site, axe: Axe, url: str, palette: str, width: str) -> None:
    media, scheme = PALETTES[palette]
    page = new_context(viewport=WIDTHS[width]).new_page()
    page.emulate_media(color_scheme=media)
    page.goto(site.url(url))
    wait_for_scheme(page, scheme)
    assert_no_violations(page, axe, f"{palette}, {width}")


def scroll_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.parametrize("url", [FUTURE_MAP, MATRIX, "journeys/", FUTURE_MAP + "purchase/"])
def test_no_sideways_scroll_on_a_phone(new_context, site: Site, url: str) -> None:
    page = new_context(viewport=WIDTHS["phone"]).new_page()
    page.goto(site.url(url))
    assert scroll_width(page) <= 390


def test_matrix_headers_stay_while_its_table_scrolls(new_context, site: Site) -> None:
    page = new_context(viewport=WIDTHS["desktop"]).new_page()
    page.goto(site.url(MATRIX))
    box = page.locator("section.jb-matrix")
    assert box.is_visible()
    assert not page.locator(".jb-matrix__phone").is_visible()
    before = page.evaluate("""() => {
        const box = document.querySelector("section.jb-matrix");
        box.scrollTop = 400; box.scrollLeft = 300;
        const head = box.querySelector("thead th:nth-child(2)").getBoundingClientRect();
        const row = box.querySelector("tbody th[scope=row]").getBoundingClientRect();
        const at = box.getBoundingClientRect();
        return {scrolled: box.scrollTop, headTop: head.top - at.top, rowLeft: row.left - at.left};
    }""")
    assert before["scrolled"] > 0, before  # the sample's table is taller than its box
    assert abs(before["headTop"]) <= 1.5, before  # the persona names stay on top
    assert abs(before["rowLeft"]) <= 1.5, before  # the touchpoint names stay at the left


def test_matrix_shows_one_persona_at_a_time_on_a_phone(new_context, site: Site) -> None:
    page = new_context(viewport=WIDTHS["phone"]).new_page()
    page.goto(site.url(MATRIX))
    assert not page.locator("section.jb-matrix").is_visible()
    persons = page.locator("details.jb-matrix__persona")
    assert persons.count() == 4
    assert [persons.nth(i).get_attribute("open") is not None for i in range(4)] == [True, False, False, False]
    persons.nth(2).locator("summary").click()
    assert [persons.nth(i).get_attribute("open") is not None for i in range(4)] == [False, False, True, False]
    assert persons.nth(2).get_by_role("link", name="Checkout and payment").is_visible()
