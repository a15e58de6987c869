"""Checklists in a real browser: ticks, progress, persistence, reset, export, scope.

What a reader does and sees, through the stable hooks of the site spec
(``data-jb-item``, ``data-jb-progress``, ``data-jb-phase-progress``) and the
documented storage (``"journeybook:" + scope + ":" + touchpoint`` holding the
sorted ids of the ticked items). The expected ids, texts and counts are
literals read off the sample (``sample.py``).
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import Site, box, checklist, journeybook_keys, progress, storage_key, stored
from .sample import (
    CLIENT_TOUCHPOINT,
    FIRST,
    FIRST_CLIENT,
    ITEMS,
    LAST,
    PHASE_CHECKLISTS,
    PHASE_TOTAL,
    PHASE_URL,
    SECOND_ITEMS,
    SECOND_TOUCHPOINT,
    TOUCHPOINT,
    TOUCHPOINT_NAME,
    TOUCHPOINT_URL,
)

pytestmark = pytest.mark.browser

TP = TOUCHPOINT
COUNT = len(ITEMS)  # 8


def phase_progress(page: Page):
    return page.locator("[data-jb-phase-progress]").first


def menu_action(page: Page, touchpoint: str, hook: str):
    """Open the checklist's actions menu and return its ``[data-jb-reset]`` or ``[data-jb-export]`` button."""
    section = checklist(page, touchpoint)
    section.locator("[data-jb-menu] [aria-expanded]").click()
    action = section.locator(f"[{hook}]")
    expect(action).to_be_visible()
    return action


def test_tick_updates_checklist_and_phase_progress(page: Page, site: Site) -> None:
    page.goto(site.url(PHASE_URL))
    expect(progress(page, TP)).to_have_text("0/8")
    expect(phase_progress(page)).to_have_text(f"0/{PHASE_TOTAL}")

    # tick it the way a reader does: by its label
    checklist(page, TP).get_by_label(FIRST.text, exact=True).check()

    expect(box(page, TP, FIRST.id)).to_be_checked()
    expect(progress(page, TP)).to_have_text("1/8")
    expect(phase_progress(page)).to_have_text(f"1/{PHASE_TOTAL}")
    assert stored(page, TP) == ["choose-platforms"]


def test_keyboard_space_ticks_and_focus_is_visible(page: Page, site: Site) -> None:
    page.goto(site.url(PHASE_URL))
    target = box(page, TP, FIRST.id)

    # reach the checkbox with the keyboard: from it back one stop, then Tab
    target.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    focus = target.evaluate(
        """el => {
            const style = getComputedStyle(el);
            return {
                active: el === document.activeElement,
                focusVisible: el.matches(":focus-visible"),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                boxShadow: style.boxShadow,
            };
        }"""
    )
    assert focus["active"], "Tab did not bring the focus back to the checkbox"
    assert focus["focusVisible"], "a checkbox reached with Tab should match :focus-visible"
    outline = focus["outlineStyle"] != "none" and focus["outlineWidth"] > 0
    shadow = focus["boxShadow"] not in ("", "none")
    assert outline or shadow, f"no visible focus style on a focused checkbox: {focus}"

    page.keyboard.press("Space")
    expect(target).to_be_checked()
    expect(progress(page, TP)).to_have_text("1/8")
    assert stored(page, TP) == ["choose-platforms"]


def test_ticks_persist_after_reload(page: Page, site: Site) -> None:
    page.goto(site.url(PHASE_URL))
    for item in (FIRST, LAST):
        box(page, TP, item.id).check()

    page.reload()

    for item in ITEMS:
        if item in (FIRST, LAST):
            expect(box(page, TP, item.id)).to_be_checked()
        else:
            expect(box(page, TP, item.id)).not_to_be_checked()
    expect(progress(page, TP)).to_have_text("2/8")
    assert stored(page, TP) == ["answer-mentions", "choose-platforms"]  # sorted


def test_ticks_show_on_every_page_with_the_touchpoint(page: Page, site: Site) -> None:
    page.goto(site.url(PHASE_URL))
    box(page, TP, FIRST.id).check()

    page.goto(site.url(TOUCHPOINT_URL))  # the touchpoint's own page
    expect(box(page, TP, FIRST.id)).to_be_checked()
    expect(progress(page, TP)).to_have_text("1/8")
    box(page, TP, LAST.id).check()  # and the other way round

    page.goto(site.url("touchpoints/"))  # overview cards: the progress, no checkboxes
    card = page.locator(f'[data-jb-summary="{TP}"]')
    expect(card.locator("input")).to_have_count(0)
    expect(progress(page, TP)).to_have_text("2/8")
    assert card.locator(".jb-meter__fill").evaluate("el => el.style.width") == "25%"

    page.goto(site.url(PHASE_URL))
    expect(box(page, TP, LAST.id)).to_be_checked()
    expect(progress(page, TP)).to_have_text("2/8")


def test_reset_clears_only_its_checklist(page: Page, site: Site) -> None:
    other = SECOND_TOUCHPOINT
    page.goto(site.url(PHASE_URL))
    for item in ITEMS[:2]:
        box(page, TP, item.id).check()
    box(page, other, SECOND_ITEMS[0]).check()
    expect(phase_progress(page)).to_have_text(f"3/{PHASE_TOTAL}")
    key = storage_key(page, TP)
    assert stored(page, TP)

    menu_action(page, TP, "data-jb-reset").click()

    expect(progress(page, TP)).to_have_text("0/8")
    for item in ITEMS:
        expect(box(page, TP, item.id)).not_to_be_checked()
    assert page.evaluate("key => localStorage.getItem(key)", key) is None, "reset left the storage key behind"
    # the other checklist keeps its tick
    expect(box(page, other, SECOND_ITEMS[0])).to_be_checked()
    expect(progress(page, other)).to_have_text("1/6")
    assert stored(page, other) == ["research-search-terms"]
    expect(phase_progress(page)).to_have_text(f"1/{PHASE_TOTAL}")

    page.reload()  # and it stays that way
    expect(progress(page, TP)).to_have_text("0/8")
    expect(progress(page, other)).to_have_text("1/6")


def test_instant_navigation_keeps_checklists_working(page: Page, site: Site) -> None:
    # Material takes over links listed in the sitemap once it has loaded it
    with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")) as sitemap:
        page.goto(site.url(PHASE_URL))
    assert sitemap.value.ok
    sitemap.value.finished()
    box(page, TP, FIRST.id).check()
    page.evaluate("window.__marker = 1")

    # the checklist's heading links to the touchpoint's own page
    checklist(page, TP).locator(f'a[href$="touchpoints/{TP}/"]').first.click()
    page.wait_for_url(site.url(TOUCHPOINT_URL))
    expect(phase_progress(page)).to_have_count(0)  # the new page's content is in
    assert page.evaluate("window.__marker") == 1, "the click was a full page load, not instant navigation"
    expect(page).to_have_title(re.compile(re.escape(TOUCHPOINT_NAME)))

    expect(box(page, TP, FIRST.id)).to_be_checked()
    expect(progress(page, TP)).to_have_text("1/8")
    box(page, TP, LAST.id).check()
    expect(progress(page, TP)).to_have_text("2/8")

    page.go_back()
    page.wait_for_url(site.url(PHASE_URL))
    expect(phase_progress(page)).to_have_count(1)
    assert page.evaluate("window.__marker") == 1, "going back was a full page load"
    expect(box(page, TP, LAST.id)).to_be_checked()
    expect(box(page, TP, FIRST.id)).to_be_checked()
    expect(progress(page, TP)).to_have_text("2/8")
    expect(phase_progress(page)).to_have_text(f"2/{PHASE_TOTAL}")


def test_ticks_of_removed_items_are_dropped(page: Page, site: Site) -> None:
    valid = [FIRST.id, LAST.id]
    stale = f"removed-{uuid.uuid4().hex[:8]}"
    page.goto(site.url(PHASE_URL))
    key = storage_key(page, TP)
    page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))", [key, [stale, *valid]])

    page.reload()

    expect(progress(page, TP)).to_have_text("2/8")
    kept = stored(page, TP)
    assert kept == ["answer-mentions", "choose-platforms"], f"stale id still stored: {kept}"
    for item_id in valid:
        expect(box(page, TP, item_id)).to_be_checked()


# the whole file, byte for byte: a BOM, CRLF line ends, cells with a comma quoted, and
# the cells that a spreadsheet would take for a formula ("=", "@") opened with a quote
EXPORTED = (
    "\ufefftouchpoint,item,text,priority,done\r\n"
    'social-media-presence,choose-platforms,'
    '"Choose platforms by where your audience is, not by your own preference",must,yes\r\n'
    'social-media-presence,helpful-content,"Share helpful, honest content rather than only promotion",should,no\r\n'
    "social-media-presence,listen-with-monitoring,"
    "Use an online monitoring tool to follow what your audience asks and says,should,no\r\n"
    "social-media-presence,consistent-brand,"
    "Keep tone of voice and imagery consistent with the website and the sales team,should,no\r\n"
    "social-media-presence,same-price-everywhere,"
    '"\'= one price everywhere: offers in posts match the webshop, shipping included",should,no\r\n'
    "social-media-presence,linkedin-for-b2b,"
    '"For business buyers, keep company and employee profiles on LinkedIn up to date",should,no\r\n'
    "social-media-presence,agree-who-answers,"
    '"Agree who answers questions that come in through social media, and how fast",must,no\r\n'
    "social-media-presence,answer-mentions,'@mentions of the brand answered within one working day,should,yes\r\n"
)


def test_csv_export(page: Page, site: Site) -> None:
    page.goto(site.url(TOUCHPOINT_URL))
    for item in (FIRST, LAST):
        box(page, TP, item.id).check()

    export = menu_action(page, TP, "data-jb-export")
    with page.expect_download() as info:
        export.click()
    download = info.value
    assert download.suggested_filename == "social-media-presence-checklist.csv"

    assert Path(download.path()).read_bytes().decode("utf-8") == EXPORTED


def test_without_javascript_every_item_is_a_labelled_checkbox(new_context, site: Site) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url(PHASE_URL))

    expect(page.locator("[data-jb-checklist]")).to_have_count(len(PHASE_CHECKLISTS))
    for tp, count in PHASE_CHECKLISTS.items():
        section = checklist(page, tp)
        checkboxes = section.locator('input[type="checkbox"][data-jb-item]')
        expect(checkboxes).to_have_count(count)
        for i in range(count):
            checkbox = checkboxes.nth(i)
            expect(checkbox).to_be_visible()
            label = section.locator(f'label[for="{checkbox.get_attribute("id")}"]')
            expect(label).to_be_visible()
            expect(label).not_to_have_text("")
        expect(section.locator("[data-jb-reset]")).to_be_hidden()
        expect(section.locator("[data-jb-export]")).to_be_hidden()
        expect(progress(page, tp)).to_have_text(f"0/{count}")
    ids = checklist(page, TP).locator("input[data-jb-item]").evaluate_all(
        "els => els.map(el => el.getAttribute('data-jb-item'))"
    )
    assert ids == [f"{TP}/{item.id}" for item in ITEMS]
    expect(checklist(page, TP).locator("label.jb-check__label")).to_have_text([item.text for item in ITEMS])


def test_client_guide_keeps_its_own_ticks(new_context, clients_site: Site) -> None:
    tp, client = CLIENT_TOUCHPOINT, FIRST_CLIENT
    first, last = SECOND_ITEMS[0], SECOND_ITEMS[-1]  # the client's guide has the base's six items
    page = new_context(for_site=clients_site).new_page()

    page.goto(clients_site.url(f"touchpoints/{tp}/"))
    box(page, tp, first).check()
    expect(progress(page, tp)).to_have_text("1/6")

    page.goto(clients_site.url(f"{client}/touchpoints/{tp}/"))  # same origin, the client's guide
    expect(progress(page, tp)).to_have_text("0/6")
    expect(checklist(page, tp).locator("input[data-jb-item]:checked")).to_have_count(0)
    box(page, tp, last).check()
    expect(progress(page, tp)).to_have_text("1/6")

    page.goto(clients_site.url(f"touchpoints/{tp}/"))
    expect(progress(page, tp)).to_have_text("1/6")
    checked = checklist(page, tp).locator("input[data-jb-item]:checked")
    expect(checked).to_have_count(1)
    expect(checked).to_have_attribute("data-jb-item", f"{tp}/{first}")
    keys = journeybook_keys(page)
    assert sorted(keys.values()) == [["quarterly-review"], ["research-search-terms"]], keys
