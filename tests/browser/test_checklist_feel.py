"""Checklists that feel good to tick, in a real browser: the progress bar and done
state, "must" progress, the actions menu, Undo after Reset, a localStorage that
throws, the CSV in the page's language, the touchpoint cards, a phone's width.

Expected ids, counts and words (Dutch CSV headers, "ja"/"nee") are literals
read off the sample (``sample.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .browser_helpers import Site, box, checklist, progress, stored, wait_for_scheme
from .sample import FIRST, ITEMS, LAST, MUSTS, PHASE_URL, TOUCHPOINT, TOUCHPOINT_NAME, TOUCHPOINT_URL
from .test_accessibility import AXE_OPTIONS, describe
from .test_checklists import menu_action

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TP = TOUCHPOINT


def test_progress_bar_must_progress_and_done_state(page: Page, site: Site) -> None:
    others = [item.id for item in ITEMS if item.id not in MUSTS]
    page.goto(site.url(TOUCHPOINT_URL))
    section = checklist(page, TP)
    must_progress = section.locator(f'[data-jb-must-progress="{TP}"]')
    fill = section.locator(".jb-meter__fill")
    done = section.locator("[data-jb-done-label]")
    expect(must_progress).to_have_text("0/2")
    expect(done).to_be_hidden()

    for item_id in MUSTS:
        box(page, TP, item_id).check()
    expect(must_progress).to_have_text("2/2")
    expect(progress(page, TP)).to_have_text("2/8")
    expect(section).to_have_class(re.compile(r"\bjb-is-must-done\b"))
    expect(section).not_to_have_class(re.compile(r"\bjb-is-done\b"))
    assert fill.evaluate("el => el.style.width") == "25%"
    expect(done).to_be_hidden()

    for item_id in others:
        box(page, TP, item_id).check()
    expect(progress(page, TP)).to_have_text("8/8")
    expect(done).to_be_visible()
    expect(section).to_have_class(re.compile(r"\bjb-is-done\b"))
    assert fill.evaluate("el => el.style.width") == "100%"
    # the bar turns from the link colour to the done colour; the border too
    done_colour = fill.evaluate("el => getComputedStyle(el).backgroundColor")
    expect(section).to_have_css("border-top-color", done_colour)  # after its transition

    box(page, TP, others[0]).uncheck()
    expect(done).to_be_hidden()


def test_badges_fade_on_ticked_rows(page: Page, site: Site) -> None:
    page.goto(site.url(TOUCHPOINT_URL))
    badge_of = "el => getComputedStyle(el.closest('li').querySelector('.jb-badge')).backgroundColor"
    first, second = box(page, TP, ITEMS[0].id), box(page, TP, ITEMS[1].id)
    assert first.evaluate(badge_of) != "rgba(0, 0, 0, 0)"
    first.check()
    assert first.evaluate(badge_of) == "rgba(0, 0, 0, 0)", "a ticked row's badge keeps its fill"
    assert second.evaluate(badge_of) != "rgba(0, 0, 0, 0)"


def test_actions_menu_opens_and_closes_by_keyboard(page: Page, site: Site) -> None:
    page.goto(site.url(TOUCHPOINT_URL))
    section = checklist(page, TP)
    toggle = section.locator("[data-jb-menu] [aria-expanded]")
    expect(section.locator("[data-jb-reset]")).to_be_hidden()  # the actions stay out of the way
    expect(toggle).to_have_accessible_name(f"Checklist actions: {TOUCHPOINT_NAME}")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(section.locator("[data-jb-reset]")).to_be_visible()
    expect(section.locator("[data-jb-export]")).to_be_visible()
    page.keyboard.press("Tab")
    expect(section.locator("[data-jb-reset]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(section.locator("[data-jb-reset]")).to_be_hidden()
    expect(toggle).to_be_focused()

    toggle.click()
    page.locator("h1").click()  # a click elsewhere closes it too
    expect(section.locator("[data-jb-reset]")).to_be_hidden()


def test_undo_after_reset(page: Page, site: Site) -> None:
    ticked = ["answer-mentions", "choose-platforms"]
    page.goto(site.url(TOUCHPOINT_URL))
    for item_id in ticked:
        box(page, TP, item_id).check()
    section = checklist(page, TP)
    undo_bar = section.locator("[data-jb-undo-bar]")
    expect(undo_bar).to_be_hidden()

    menu_action(page, TP, "data-jb-reset").click()

    expect(progress(page, TP)).to_have_text("0/8")
    assert stored(page, TP) is None
    expect(undo_bar).to_be_visible()
    undo = section.locator("[data-jb-undo]")
    expect(undo).to_be_focused()  # Enter undoes a misclick at once
    undo.click()

    expect(undo_bar).to_be_hidden()
    expect(progress(page, TP)).to_have_text("2/8")
    for item_id in ticked:
        expect(box(page, TP, item_id)).to_be_checked()
    assert stored(page, TP) == ticked
    page.reload()
    expect(progress(page, TP)).to_have_text("2/8")


def test_undo_goes_away_after_a_few_seconds(page: Page, site: Site) -> None:
    page.clock.install()
    page.goto(site.url(TOUCHPOINT_URL))
    box(page, TP, ITEMS[0].id).check()
    menu_action(page, TP, "data-jb-reset").click()
    undo_bar = checklist(page, TP).locator("[data-jb-undo-bar]")
    expect(undo_bar).to_be_visible()

    page.clock.run_for(3000)
    expect(undo_bar).to_be_visible()  # a few seconds to change one's mind
    page.mouse.move(0, 0)
    box(page, TP, ITEMS[1].id).focus()  # the reader moved on
    page.clock.run_for(6000)
    expect(undo_bar).to_be_hidden()
    expect(progress(page, TP)).to_have_text("0/8")


THROWING = {
    "setItem throws": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""",
    "no localStorage at all": """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""",
}


@pytest.mark.parametrize("breakage", list(THROWING))
def test_ticks_work_when_local_storage_throws(new_context, site: Site, breakage: str) -> None:
    context = new_context()
    context.add_init_script(THROWING[breakage])
    page = context.new_page()
    errors: list[str] = []  # Material's own bundle may fail here; journeybook's script must not
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(site.url(PHASE_URL))
    expect(checklist(page, TP).locator("[data-jb-menu]")).to_be_visible()  # the script ran

    box(page, TP, FIRST.id).check()
    box(page, TP, LAST.id).check()

    expect(progress(page, TP)).to_have_text("2/8")
    expect(page.locator("[data-jb-phase-progress]").first).to_have_text("2/36")
    box(page, TP, FIRST.id).uncheck()
    expect(progress(page, TP)).to_have_text("1/8")
    expect(box(page, TP, LAST.id)).to_be_checked()
    assert not [e for e in errors if "journeybook" in e], errors


# fietsbaas's guide is in Dutch: headers, priorities, yes/no and texts (journeys/touchpoints/*.nl.yml)
EXPORTED_NL = (
    "\ufeffcontactmoment,item,tekst,prioriteit,gedaan\r\n"
    "social-media-presence,choose-platforms,"
    '"Kies platforms op basis van waar je doelgroep is, niet op je eigen voorkeur",moet,ja\r\n'
    "social-media-presence,helpful-content,"
    '"Deel nuttige, eerlijke content in plaats van alleen reclame",zou moeten,nee\r\n'
    "social-media-presence,listen-with-monitoring,"
    "Gebruik een online monitoringtool om te volgen wat je doelgroep vraagt en zegt,zou moeten,nee\r\n"
    "social-media-presence,consistent-brand,"
    "Houd toon en beeld gelijk aan die van de website en het verkoopteam,zou moeten,nee\r\n"
    "social-media-presence,same-price-everywhere,"
    '"\'= één prijs overal: aanbiedingen in berichten kloppen met de webshop, verzendkosten inbegrepen",'
    "zou moeten,nee\r\n"
    "social-media-presence,linkedin-for-b2b,"
    "Houd voor zakelijke kopers de bedrijfs- en medewerkersprofielen op LinkedIn actueel,zou moeten,nee\r\n"
    "social-media-presence,agree-who-answers,"
    '"Spreek af wie vragen via social media beantwoordt, en hoe snel",moet,nee\r\n'
    "social-media-presence,answer-mentions,'@vermeldingen van het merk binnen één werkdag beantwoord,zou moeten,nee\r\n"
)


def test_csv_has_a_bom_and_headers_in_the_guides_language(new_context, clients_site: Site) -> None:
    page = new_context(for_site=clients_site).new_page()
    page.goto(clients_site.url(f"fietsbaas/{TOUCHPOINT_URL}"))
    assert page.evaluate("document.documentElement.lang") == "nl"
    box(page, TP, FIRST.id).check()

    export = menu_action(page, TP, "data-jb-export")
    expect(export).to_have_text("CSV exporteren")
    with page.expect_download() as info:
        export.click()

    assert Path(info.value.path()).read_bytes().decode("utf-8") == EXPORTED_NL


def test_touchpoint_cards_and_no_sideways_scroll_on_a_phone(new_context, site: Site) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url("touchpoints/"))
    cards = page.locator("[data-jb-summary]")
    expect(cards).to_have_count(24)  # the sample's touchpoint files
    expect(page.locator("input[data-jb-item]")).to_have_count(0)
    for path in ("touchpoints/", TOUCHPOINT_URL, PHASE_URL):
        page.goto(site.url(path))
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways at 390 px: {width}"


@pytest.mark.parametrize("palette", [("light", "default"), ("dark", "slate")], ids=["light", "dark"])
def test_menu_and_undo_pass_axe(new_context, site: Site, palette: tuple[str, str]) -> None:
    media, scheme = palette
    page = new_context().new_page()
    page.emulate_media(color_scheme=media)
    page.goto(site.url(TOUCHPOINT_URL))
    wait_for_scheme(page, scheme)
    for item in ITEMS:
        box(page, TP, item.id).check()  # the done state
    menu_action(page, TP, "data-jb-reset").click()  # the undo bar
    box(page, TP, ITEMS[0].id).check()
    checklist(page, TP).locator("[data-jb-menu] [aria-expanded]").click()  # the open menu
    expect(checklist(page, TP).locator("[data-jb-undo-bar]")).to_be_visible()

    results = Axe().run(page, options=AXE_OPTIONS)

    violations = results.response["violations"]
    assert not violations, f"axe on {page.url} ({media}):\n{describe(violations)}"
