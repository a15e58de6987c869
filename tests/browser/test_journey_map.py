"""The journey map in Chromium: one grid whose phase columns hold their own
curve points, five phases that fit a wide screen, phase cards on a phone.

Expected phases and steps are literals read off the sample's journeys/*.yml,
positions come from the browser's layout.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .browser_helpers import Site
from .sample import PERSONA_URL, PHASE_URL

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


# journey -> its phases in order -> the steps with an emotion (each phase has an emotion of its own too)
MAPS: dict[str, dict[str, list[str]]] = {
    "business-software": {
        "awareness": [],
        "consideration": ["longlist", "demo-pitch", "reference-call", "business-case"],
        "purchase": [],
        "service": [],
        "loyalty": [],
    },
    "online-purchase": {
        "awareness": [],
        "consideration": [],
        "purchase": ["add-to-basket", "surprise-shipping-costs", "pay", "order-confirmed"],
        "service": ["wait-for-delivery", "time-slot-update", "installed", "question-transferred", "question-answered"],
        "loyalty": [],
    },
    "repair-request": {
        "service": ["find-contact", "wait-on-hold", "transferred", "repair-booked", "repaired"],
        "loyalty": [],
    },
}
FIVE_PHASES = ["business-software", "online-purchase"]


def boxes(page: Page, selector: str) -> list[dict[str, Any]]:
    """Bounding boxes (page coordinates) and hooks of the elements that match."""
    return page.eval_on_selector_all(
        selector,
        """els => els.map(el => {
            const r = el.getBoundingClientRect();
            return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height,
                    phase: el.dataset.jbPhase, step: el.dataset.jbStep || null};
        })""",
    )


def test_five_phases_fit_a_1440_px_screen(new_context, site: Site) -> None:
    page = new_context(viewport=WIDE).new_page()
    for journey in FIVE_PHASES:
        page.goto(site.url(f"journeys/{journey}/"))
        heads = boxes(page, ".jb-map [data-jb-phase]:not(.jb-emotion-curve *)")
        assert [h["phase"] for h in heads] == list(MAPS[journey])
        for head in heads:
            assert head["x"] >= 0 and head["x"] + head["width"] <= WIDE["width"], (journey, head)
            assert head["width"] >= 150, (journey, head)  # a column, not a sliver
        overflow = page.eval_on_selector(".jb-map", "el => el.scrollWidth - el.clientWidth")
        assert overflow <= 0, f"{journey}: the map scrolls sideways by {overflow}px at 1440px"
        # halfway down the map the phase headers are still on screen
        grid = page.locator(".jb-map").bounding_box()
        assert grid is not None
        page.evaluate("y => window.scrollTo(0, y)", grid["y"] + grid["height"] / 2)
        for head in page.locator(".jb-map__head").all():
            box = head.bounding_box()
            assert box is not None and 0 <= box["y"] < WIDE["height"] / 4, (journey, box)
        # no sidebars on the map page
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".md-sidebar--secondary").is_visible()


@pytest.mark.parametrize("width", [1440, 1000])
def test_every_curve_point_sits_in_its_phase_column(new_context, site: Site, width: int) -> None:
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    for journey, phases in MAPS.items():
        page.goto(site.url(f"journeys/{journey}/"))
        columns = {h["phase"]: h for h in boxes(page, ".jb-map__head[data-jb-phase]")}
        assert list(columns) == list(phases), journey
        points = boxes(page, ".jb-emotion-curve [data-jb-phase]")
        assert points, journey
        for point in points:
            column = columns[point["phase"]]
            centre = point["x"] + point["width"] / 2
            assert column["x"] < centre < column["x"] + column["width"], (journey, width, point, column)
        for phase, steps in phases.items():
            plotted = [p["step"] for p in points if p["phase"] == phase and p["step"]]
            if steps:
                assert sorted(set(plotted)) == sorted(steps), (journey, phase)
            else:
                assert any(p["phase"] == phase for p in points), (journey, phase)


def test_phone_pages_do_not_scroll_sideways(new_context, site: Site) -> None:
    page = new_context(viewport=PHONE).new_page()
    for path in [f"journeys/{j}/" for j in MAPS] + [PHASE_URL, PERSONA_URL]:
        page.goto(site.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide at {PHONE['width']}px"


def test_phone_map_is_phase_cards_with_the_name_in_view(new_context, site: Site) -> None:
    journey = FIVE_PHASES[0]
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url(f"journeys/{journey}/"))
    heads = boxes(page, ".jb-map__head[data-jb-phase]")
    # cards: one under the other, each as wide as the content
    assert [h["y"] for h in heads] == sorted(h["y"] for h in heads)
    assert all(h["width"] > PHONE["width"] * 0.8 for h in heads)
    # halfway through the third card its name is still on screen
    card = page.locator(".jb-map__phase").nth(2)
    box = card.bounding_box()
    assert box is not None
    page.evaluate("y => window.scrollTo(0, y)", box["y"] + page.evaluate("scrollY") + box["height"] / 2)
    head = card.locator(".jb-map__head").bounding_box()
    assert head is not None and head["y"] >= 0 and head["y"] + head["height"] <= PHONE["height"], head
    # the curve fits the screen, and nothing on the map is set smaller than 12 px
    curve = page.locator(".jb-emotion-curve").bounding_box()
    assert curve is not None and curve["x"] >= 0 and curve["x"] + curve["width"] <= PHONE["width"]
    smallest = page.eval_on_selector(
        ".jb-map",
        """map => {
            const sizes = [];
            const walk = document.createTreeWalker(map, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) {
                const el = walk.currentNode.parentElement;
                if (!walk.currentNode.textContent.trim() || !el.checkVisibility()) continue;
                if (el.closest("title, desc")) continue;
                sizes.push([parseFloat(getComputedStyle(el).fontSize), walk.currentNode.textContent.trim()]);
            }
            return sizes.sort((a, b) => a[0] - b[0])[0];
        }""",
    )
    assert smallest[0] >= 12, f"text at {smallest[0]}px on the phone map: {smallest[1]!r}"
