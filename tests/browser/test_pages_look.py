"""The landing pages, persona page and citations in Chromium: computed styles and layout.

Checks what only a browser knows: that links in headings and cards carry no
underline while links in running text keep theirs, that the H1 is readable,
that citation tooltips appear on keyboard focus, and that no page scrolls
sideways on a phone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browser_helpers import Site
from .sample import PERSONA_URL, PHASE_URL

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def decoration(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).textDecorationLine)")


def test_heading_and_card_links_are_not_underlined(page: Page, site: Site) -> None:
    page.goto(site.url("journeys/"))
    titles = decoration(page, ".jb-card__title a")
    phases = decoration(page, ".jb-card__phases a")
    assert titles and set(titles) == {"none"}
    assert phases and set(phases) == {"none"}
    # links in running text keep the underline (axe link-in-text-block)
    assert set(decoration(page, ".jb-card__personas a")) == {"underline"}

    page.goto(site.url(PHASE_URL))
    checklist_titles = decoration(page, ".jb-checklist__title a")
    assert checklist_titles and set(checklist_titles) == {"none"}
    assert set(decoration(page, ".jb-phase-of a")) == {"underline"}


def test_the_h1_of_a_journeybook_page_is_bold_and_full_colour(page: Page, site: Site) -> None:
    page.goto(site.url(PERSONA_URL))
    h1 = page.eval_on_selector(".md-typeset h1", """h => {
        const s = getComputedStyle(h), body = getComputedStyle(h.closest('.md-typeset'));
        return [Number(s.fontWeight), s.color, body.color];
    }""")
    weight, colour, text_colour = h1
    assert weight >= 700
    assert colour == text_colour  # the text colour, not Material's 54 % grey


def test_citation_tooltip_shows_on_keyboard_focus(page: Page, site: Site) -> None:
    page.goto(site.url(PHASE_URL))
    mark = page.locator(".jb-check__cites .jb-cite > a").first
    tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
    assert tip.is_hidden()
    mark.focus()
    assert tip.is_visible()
    assert tip.inner_text().strip() != ""
    page.keyboard.press("Tab")
    assert tip.is_hidden()


def test_citation_tooltips_stay_on_a_phone_screen(new_context, site: Site) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url(PHASE_URL))
    marks = page.locator(".jb-cite > a")
    assert marks.count() > 0
    outside = []
    for i in range(marks.count()):
        mark = marks.nth(i)
        mark.focus()
        box = page.locator(f"#{mark.get_attribute('aria-describedby')}").bounding_box()
        assert box is not None
        if box["x"] < 0 or box["x"] + box["width"] > PHONE["width"]:
            outside.append((mark.inner_text(), round(box["x"]), round(box["x"] + box["width"])))
    assert outside == []


@pytest.mark.parametrize("kind", ["home", "journeys", "persona", "sources"])
def test_no_sideways_scroll_on_a_phone(new_context, site: Site, kind: str) -> None:
    url = {"home": "", "journeys": "journeys/", "persona": PERSONA_URL, "sources": "sources/"}[kind]
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url(url))
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{url}: the page is {widths[0]} px wide in a {widths[1]} px viewport"
