"""Content far below the fold is rendered when it comes near the screen (``content-visibility: auto``).

A phase page's checklist items and, on a phone, the journey map's cells are
most of their page's elements; the browser styles and lays them out only when
a reader scrolls near them (the speed-up is measured in benchmarks/, not here).
These tests hold the mechanism in place and check that nothing a reader relies
on waits for it: ticks are restored in every checklist on load, a citation's
tooltip and the actions menu are not clipped, sticky phase names still stick,
and the running title is there on paper. The script writes nothing on load that
it need not write (each write restyles the page); what is only for paper is
done when the page goes to paper.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from . import sample
from .browser_helpers import Site, box, checklist, progress

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile screen

# Is the element's content rendered (laid out and painted), or skipped until it comes near the screen?
RENDERED = "el => el.firstElementChild.checkVisibility({contentVisibilityAuto: true})"


# the phase page's bottom checklist (journeys/touchpoints/display-advertising.yml) and its first item
LAST_CHECKLIST = "display-advertising"
LAST_FIRST_ITEM = "plan-whole-journey"
assert list(sample.PHASE_CHECKLISTS)[-1] == LAST_CHECKLIST


def far_below_the_fold(page: Page, selector: str) -> None:
    """Fail loudly when the element is not two screens down: then the test would check nothing."""
    top = page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top / innerHeight")
    assert top > 2, f"{selector} starts {top:.1f} screens down; the test needs it far below the fold"


def test_a_checklist_far_below_the_fold_is_rendered_when_scrolled_to(new_context, site: Site) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url(sample.PHASE_URL))
    tp = LAST_CHECKLIST
    section = f'[data-jb-checklist="{tp}"]'
    far_below_the_fold(page, section)
    rows = page.locator(f"{section} .jb-checklist__items")
    assert rows.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
    assert rows.evaluate(RENDERED) is False, "a checklist far below the fold is rendered on load"

    page.locator(section).scroll_into_view_if_needed()
    page.wait_for_function(RENDERED, arg=rows.element_handle())
    assert rows.evaluate("el => el.getBoundingClientRect().height") > 0


def test_ticks_below_the_fold_are_restored_on_load(new_context, site: Site) -> None:
    context = new_context(viewport=PHONE)
    ticking = context.new_page()
    ticking.goto(site.url(sample.PHASE_URL))
    tp = LAST_CHECKLIST
    first, total = LAST_FIRST_ITEM, sample.PHASE_CHECKLISTS[tp]
    box(ticking, tp, first).check()  # Playwright scrolls to it
    page = context.new_page()  # opened at the top (a reload would keep the scroll position)
    page.goto(site.url(sample.PHASE_URL))

    far_below_the_fold(page, f'[data-jb-checklist="{tp}"]')
    rows = page.locator(f'[data-jb-checklist="{tp}"] .jb-checklist__items')
    assert rows.evaluate(RENDERED) is False, "precondition: the checklist is not rendered yet"
    assert box(page, tp, first).is_checked(), "the tick of a checklist below the fold is not restored"
    assert progress(page, tp).text_content() == f"1/{total}"

    checklist(page, tp).scroll_into_view_if_needed()
    label = page.locator(f'[data-jb-checklist="{tp}"] label[for="{box(page, tp, first).get_attribute("id")}"]')
    page.wait_for_function(RENDERED, arg=rows.element_handle())
    assert "line-through" in label.evaluate("el => getComputedStyle(el).textDecorationLine")


def test_a_tooltip_and_the_menu_are_not_clipped(new_context, site: Site) -> None:
    """Containment clips what reaches past the box: the items are a plain box while in use, and the
    actions menu (outside them) opens over them."""
    page = new_context().new_page()
    page.goto(site.url(sample.PHASE_URL))
    cited = page.locator(".jb-checklist__items:has(.jb-cite)").first
    assert cited.count() == 1, "no checklist with a citation on the page: the test checks nothing"

    def visibility(element) -> str:
        return element.evaluate("el => getComputedStyle(el).contentVisibility")

    assert visibility(cited) == "auto"
    cited.locator(".jb-cite a").first.hover()
    assert visibility(cited) == "visible", "the tooltip of a hovered citation is clipped"
    page.mouse.move(0, 0)
    cited.locator(".jb-cite a").first.focus()
    assert visibility(cited) == "visible", "the tooltip of a focused citation is clipped"

    section = checklist(page, LAST_CHECKLIST)
    section.locator("[data-jb-menu] [aria-expanded]").click()
    page.mouse.move(0, 0)
    for action in ("[data-jb-reset]", "[data-jb-export]"):
        # elementFromPoint sees only the viewport: the button is brought into view first, and the menu at rest
        section.locator(action).scroll_into_view_if_needed()
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        on_top = section.locator(action).evaluate(
            """el => { const r = el.getBoundingClientRect();
                       return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"""
        )
        assert on_top, f"the open menu's {action} button is covered or clipped"


def test_map_cards_on_a_phone_are_rendered_when_scrolled_to_and_their_names_stick(new_context, site: Site) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url(sample.JOURNEY_URL))
    card = page.locator(".jb-map__phase").last
    top = card.evaluate("el => el.getBoundingClientRect().top / innerHeight")
    assert top > 2, f"the last phase card starts {top:.1f} screens down; the test needs it far below the fold"
    cell = card.locator(".jb-map__cell:has(> :nth-child(2))").last  # a cell with content (empty ones are hidden)
    assert cell.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
    assert cell.evaluate(RENDERED) is False, "a card far below the fold is rendered on load"

    card.scroll_into_view_if_needed()
    page.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top + 200)", card.element_handle())
    shown = card.locator(".jb-map__cell:has(> :nth-child(2))").first.element_handle()
    page.wait_for_function(RENDERED, arg=shown)
    head = card.locator(".jb-map__head").evaluate("el => el.getBoundingClientRect().top")
    header = page.locator(".md-header").evaluate("el => el.getBoundingClientRect().bottom")
    assert abs(head - header) < 2, f"the phase name does not stick under the header: {head} vs {header}"


def test_the_running_title_is_set_for_paper_not_on_load(page: Page, site: Site) -> None:
    """A property on the root element restyles every element, so it is set when the page is printed."""
    page.goto(site.url(sample.PHASE_URL))
    title = "getComputedStyle(document.documentElement).getPropertyValue('--jb-print-title').trim()"
    assert page.evaluate(title) == ""
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # as the browser does before it prints
    assert json.loads(page.evaluate(title)) == page.title()


# Records every attribute journeybook's script writes inside the checklists while the page loads.
WATCH_WRITES = """
window.__writes = [];
new MutationObserver(records => {
  for (const r of records) {
    if (r.attributeName === "href" || !r.target.closest("[data-jb-checklist]")) continue;  // Material rewrites links
    window.__writes.push([r.attributeName, r.target.className]);
  }
}).observe(document, {attributes: true, subtree: true});
"""


def test_loading_a_page_without_ticks_writes_only_the_menus(new_context, site: Site) -> None:
    """Each write restyles the page, on a phone's CPU too: with nothing stored, the script only
    shows each checklist's actions menu (hidden without JavaScript) and rewrites nothing else."""
    page = new_context(viewport=PHONE).new_page()
    page.add_init_script(WATCH_WRITES)
    page.goto(site.url(sample.PHASE_URL))  # returns after "load", when both set-ups of the page have run
    page.wait_for_function("document.querySelectorAll('[data-jb-menu]:not([hidden])').length > 0")
    writes = page.evaluate("window.__writes")
    assert writes == [["hidden", "jb-checklist__menu"]] * len(sample.PHASE_CHECKLISTS)


def test_internal_links_are_marked_for_paper_not_on_load(page: Page, site: Site) -> None:
    """On paper an external link shows its address; Material's instant navigation makes the internal
    ones absolute too, so the script marks those when the page goes to paper, not on load."""
    page.goto(site.url(sample.PHASE_URL))
    links = "[...document.querySelectorAll('.md-typeset a[href^=\"http\"]')]"
    internal = f"{links}.filter(a => a.origin === location.origin)"
    assert page.evaluate(f"{internal}.length") > 0, "no absolute internal link: the test checks nothing"
    assert page.evaluate("document.querySelectorAll('[data-jb-internal]').length") == 0
    page.emulate_media(media="print")
    page.wait_for_function("document.querySelectorAll('[data-jb-internal]').length > 0")
    after = page.evaluate(f"{internal}.map(a => getComputedStyle(a, '::after').content)")
    assert set(after) <= {"none", "normal"}, f"internal links print their address: {sorted(set(after))[:3]}"
