"""Measured KPIs in real Chromium: /kpis/ and a touchpoint page with KPI values.

The status is in words wherever it is in colour; axe passes in both palettes at
1440 and 390 px; the page never scrolls sideways on a phone (a wide table
scrolls inside its own box).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .browser_helpers import Site, wait_for_scheme
from .test_accessibility import PALETTES, assert_no_violations

pytestmark = pytest.mark.browser

PAGES = {"kpis": "kpis/", "touchpoint": "touchpoints/checkout/"}
WIDTHS = {"wide": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
WORDS = {"met", "near", "missed", "stale", "no target"}


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_coloured_status_says_it_in_words(new_context, site: Site, kind: str) -> None:
    page = new_context().new_page()
    page.goto(site.url(PAGES[kind]))
    found = page.evaluate("""() => [...document.querySelectorAll('.jb-kstatus')].map(el => ({
        text: el.textContent.replace(/[^a-z ]/g, '').trim(),
        background: getComputedStyle(el).backgroundColor,
        cls: el.className}))""")
    assert found, f"no KPI status on {kind}"
    for status in found:
        assert status["text"] in WORDS, status  # the word is there, not only the colour
        assert status["cls"].endswith("--" + status["text"].replace("no target", "measured")), status
    coloured = {s["text"] for s in found if s["background"] not in ("rgba(0, 0, 0, 0)", "transparent")}
    assert coloured, f"no coloured status on {kind}"
    if kind == "kpis":  # missed first
        assert [s["text"] for s in found][0] == "missed"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_axe_violations(new_context, site: Site, axe: Axe, kind: str, palette: str, width: str) -> None:
    media, scheme = PALETTES[palette]
    page = new_context(viewport=WIDTHS[width]).new_page()
    page.emulate_media(color_scheme=media)
    page.goto(site.url(PAGES[kind]))
    wait_for_scheme(page, scheme)
    assert_no_violations(page, axe, f"{palette}, {width}")


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_sideways_scroll_on_a_phone(new_context, site: Site, kind: str) -> None:
    page = new_context(viewport=WIDTHS["phone"]).new_page()
    page.goto(site.url(PAGES[kind]))
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{kind} scrolls sideways at 390 px: {widths}"
    # the sparklines and the status words stay in view of the table's own scroll box
    assert page.locator(".jb-kstatus").first.is_visible()
