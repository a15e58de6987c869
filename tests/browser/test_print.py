"""A phase page on paper: no navigation chrome, checkboxes (ticked or not) visible."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from .browser_helpers import Site, box
from .sample import FIRST, PHASE_URL, TOUCHPOINT

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-sidebar", ".md-tabs", ".md-footer",
          "[data-jb-reset]", "[data-jb-export]", "[data-jb-menu]", "[data-jb-undo-bar]"]

# how an element renders: hidden by its own or an ancestor's display:none, and its size
RENDERED = """el => {
    let hiddenBy = null;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
        if (getComputedStyle(node).display === "none") {
            hiddenBy = node.tagName.toLowerCase() + "." + node.className;
            break;
        }
    }
    const box = el.getBoundingClientRect();
    return {hiddenBy, display: getComputedStyle(el).display, visibility: getComputedStyle(el).visibility,
            width: box.width, height: box.height};
}"""


def test_phase_page_prints_without_chrome_and_with_checkboxes(page: Page, site: Site, tmp_path) -> None:
    page.goto(site.url(PHASE_URL))
    ticked = box(page, TOUCHPOINT, FIRST.id)
    ticked.check()

    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "phase.pdf").write_bytes(pdf)  # kept with the test's tmp files, for a look
    assert pdf.startswith(b"%PDF"), pdf[:16]
    assert len(pdf) > 10_000, f"suspiciously small PDF: {len(pdf)} bytes"

    page.emulate_media(media="print")
    for selector in CHROME:
        elements = page.locator(selector)
        assert elements.count() > 0, f"{selector} is not on the page, so this test checks nothing"
        for i in range(elements.count()):
            state = elements.nth(i).evaluate(RENDERED)
            assert state["hiddenBy"], f"{selector} (#{i}) prints: {state}"

    boxes = page.locator("input[type=checkbox][data-jb-item]")
    assert boxes.count() == 36  # the phase's six checklists
    for i in range(boxes.count()):
        state = boxes.nth(i).evaluate(RENDERED)
        name = boxes.nth(i).get_attribute("data-jb-item")
        assert state["hiddenBy"] is None, f"checkbox {name} is not printed: {state}"
        assert state["visibility"] == "visible", f"checkbox {name} is invisible in print: {state}"
        assert state["width"] > 0 and state["height"] > 0, f"checkbox {name} has no size in print: {state}"
    assert ticked.is_checked(), "the tick is gone in print"


@pytest.mark.parametrize("media", ["light", "dark"])
def test_running_header_and_footer_and_a_black_title(new_context, site: Site, media: str) -> None:
    page = new_context().new_page()
    page.emulate_media(color_scheme=media)
    page.goto(site.url(PHASE_URL))
    page.emulate_media(media="print", color_scheme=media)
    # journeybook.js sets the running title when the page goes to print (here: on the media change)
    page.wait_for_function("getComputedStyle(document.documentElement).getPropertyValue('--jb-print-title') !== ''")

    state = page.evaluate(
        """() => {
            const h1 = document.querySelector(".md-typeset h1");
            const pages = [...document.styleSheets].flatMap(sheet => {
                try { return [...sheet.cssRules]; } catch (e) { return []; }
            }).filter(rule => rule instanceof CSSPageRule);
            return {
                page: getComputedStyle(document.body).page,
                title: getComputedStyle(document.documentElement).getPropertyValue("--jb-print-title").trim(),
                documentTitle: document.title,
                h1Colour: getComputedStyle(h1).color,
                h1Top: h1.getBoundingClientRect().top + window.scrollY,
                paper: getComputedStyle(document.documentElement).backgroundColor,
                jbPage: pages.filter(rule => rule.selectorText === "jb").map(rule => rule.cssText).join(" "),
            };
        }"""
    )
    assert state["page"] == "jb", state  # journeybook's pages print on the named page with the margin boxes
    assert json.loads(state["title"]) == state["documentTitle"], state
    assert "@top-left" in state["jbPage"] and "var(--jb-print-title" in state["jbPage"], state["jbPage"]
    assert "@bottom-right" in state["jbPage"] and "counter(pages)" in state["jbPage"], state["jbPage"]
    assert state["h1Colour"] == "rgb(0, 0, 0)", state
    assert state["paper"] == "rgb(255, 255, 255)", state
    assert state["h1Top"] < 40, f"a gap above the title on the first page: {state}"

    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
