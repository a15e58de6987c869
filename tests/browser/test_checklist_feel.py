"""Checklists that feel good to tick, in a real browser: the progress bar and done
state, "must" progress, the actions menu, Undo after Reset, a localStorage that
throws, the CSV in the page's language, the touchpoint cards, a phone's width.

Pages and items are picked by position in the sample data, never by name;
expected words (Dutch CSV headers, "ja"/"nee") are literals.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .browser_helpers import Site, box, checklist, items, pick, progress, stored, wait_for_scheme
from .test_accessibility import AXE_OPTIONS, describe
from .test_checklists import menu_action

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_progress_bar_must_progress_and_done_state(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    musts = [e for e in entries if e["priority"] == "must"]
    others = [e for e in entries if e["priority"] != "must"]
    assert musts and others, "this test needs a touchpoint with must and other items"
    page.goto(site.url(chosen.touchpoint_url))
    section = checklist(page, tp)
    must_progress = section.locator(f'[data-jb-must-progress="{tp}"]')
    fill = section.locator(".jb-meter__fill")
    done = section.locator("[data-jb-done-label]")
    expect(must_progress).to_have_text(f"0/{len(musts)}")
    expect(done).to_be_hidden()

    for entry in musts:
        box(page, tp, entry["id"]).check()
    expect(must_progress).to_have_text(f"{len(musts)}/{len(musts)}")
    expect(progress(page, tp)).to_have_text(f"{len(musts)}/{len(entries)}")
    expect(section).to_have_class(re.compile(r"\bjb-is-must-done\b"))
    expect(section).not_to_have_class(re.compile(r"\bjb-is-done\b"))
    width = float(fill.evaluate("el => el.style.width").rstrip("%"))
    assert width == pytest.approx(100 * len(musts) / len(entries), abs=0.01)
    expect(done).to_be_hidden()

    for entry in others:
        box(page, tp, entry["id"]).check()
    expect(progress(page, tp)).to_have_text(f"{len(entries)}/{len(entries)}")
    expect(done).to_be_visible()
    expect(section).to_have_class(re.compile(r"\bjb-is-done\b"))
    assert fill.evaluate("el => el.style.width") == "100%"
    # the bar turns from the link colour to the done colour; the border too
    done_colour = fill.evaluate("el => getComputedStyle(el).backgroundColor")
    expect(section).to_have_css("border-top-color", done_colour)  # after its transition

    box(page, tp, others[0]["id"]).uncheck()
    expect(done).to_be_hidden()


def test_badges_fade_on_ticked_rows(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    page.goto(site.url(chosen.touchpoint_url))
    badge_of = "el => getComputedStyle(el.closest('li').querySelector('.jb-badge')).backgroundColor"
    first, second = box(page, tp, entries[0]["id"]), box(page, tp, entries[1]["id"])
    assert first.evaluate(badge_of) != "rgba(0, 0, 0, 0)"
    first.check()
    assert first.evaluate(badge_of) == "rgba(0, 0, 0, 0)", "a ticked row's badge keeps its fill"
    assert second.evaluate(badge_of) != "rgba(0, 0, 0, 0)"


def test_actions_menu_opens_and_closes_by_keyboard(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    page.goto(site.url(chosen.touchpoint_url))
    section = checklist(page, tp)
    toggle = section.locator("[data-jb-menu] [aria-expanded]")
    expect(section.locator("[data-jb-reset]")).to_be_hidden()  # the actions stay out of the way
    expect(toggle).to_have_accessible_name(f"Checklist actions: {site.playbook['touchpoints'][tp]['name']}")

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
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    ticked = sorted({entries[0]["id"], entries[-1]["id"]})
    page.goto(site.url(chosen.touchpoint_url))
    for item_id in ticked:
        box(page, tp, item_id).check()
    section = checklist(page, tp)
    undo_bar = section.locator("[data-jb-undo-bar]")
    expect(undo_bar).to_be_hidden()

    menu_action(page, tp, "data-jb-reset").click()

    expect(progress(page, tp)).to_have_text(f"0/{len(entries)}")
    assert stored(page, tp) is None
    expect(undo_bar).to_be_visible()
    undo = section.locator("[data-jb-undo]")
    expect(undo).to_be_focused()  # Enter undoes a misclick at once
    undo.click()

    expect(undo_bar).to_be_hidden()
    expect(progress(page, tp)).to_have_text(f"{len(ticked)}/{len(entries)}")
    for item_id in ticked:
        expect(box(page, tp, item_id)).to_be_checked()
    assert stored(page, tp) == ticked
    page.reload()
    expect(progress(page, tp)).to_have_text(f"{len(ticked)}/{len(entries)}")


def test_undo_goes_away_after_a_few_seconds(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    page.clock.install()
    page.goto(site.url(chosen.touchpoint_url))
    box(page, tp, entries[0]["id"]).check()
    menu_action(page, tp, "data-jb-reset").click()
    undo_bar = checklist(page, tp).locator("[data-jb-undo-bar]")
    expect(undo_bar).to_be_visible()

    page.clock.run_for(3000)
    expect(undo_bar).to_be_visible()  # a few seconds to change one's mind
    page.mouse.move(0, 0)
    box(page, tp, entries[1]["id"]).focus()  # the reader moved on
    page.clock.run_for(6000)
    expect(undo_bar).to_be_hidden()
    expect(progress(page, tp)).to_have_text(f"0/{len(entries)}")


THROWING = {
    "setItem throws": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""",
    "no localStorage at all": """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""",
}


@pytest.mark.parametrize("breakage", list(THROWING))
def test_ticks_work_when_local_storage_throws(new_context, site: Site, breakage: str) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    context = new_context()
    context.add_init_script(THROWING[breakage])
    page = context.new_page()
    errors: list[str] = []  # Material's own bundle may fail here; journeybook's script must not
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(site.url(chosen.phase_url))
    expect(checklist(page, tp).locator("[data-jb-menu]")).to_be_visible()  # the script ran

    box(page, tp, entries[0]["id"]).check()
    box(page, tp, entries[-1]["id"]).check()

    ticked = len({entries[0]["id"], entries[-1]["id"]})
    expect(progress(page, tp)).to_have_text(f"{ticked}/{len(entries)}")
    expect(page.locator("[data-jb-phase-progress]").first).to_have_text(re.compile(rf"^{ticked}/\d+$"))
    box(page, tp, entries[0]["id"]).uncheck()
    expect(progress(page, tp)).to_have_text(f"{ticked - 1}/{len(entries)}")
    expect(box(page, tp, entries[-1]["id"])).to_be_checked()
    assert not [e for e in errors if "journeybook" in e], errors


def test_csv_has_a_bom_and_headers_in_the_guides_language(new_context, clients_site: Site) -> None:
    guide = clients_site.read_playbook("fietsbaas")
    journey = next(iter(guide["journeys"].values()))
    tp = next(use["ref"] for phase in journey["phases"] for use in phase.get("touchpoints") or [])
    entries = items(guide, tp)
    page = new_context(for_site=clients_site).new_page()
    page.goto(clients_site.url(f"fietsbaas/touchpoints/{tp}/"))
    assert page.evaluate("document.documentElement.lang") == "nl"
    box(page, tp, entries[0]["id"]).check()

    export = menu_action(page, tp, "data-jb-export")
    expect(export).to_have_text("CSV exporteren")
    with page.expect_download() as info:
        export.click()
    raw = Path(info.value.path()).read_bytes()

    assert raw.startswith(b"\xef\xbb\xbf"), raw[:8]
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["contactmoment", "item", "tekst", "prioriteit", "gedaan"]
    dutch = {"must": "moet", "should": "zou moeten", "could": "zou kunnen"}
    assert [row[1] for row in rows[1:]] == [e["id"] for e in entries]
    assert [row[3] for row in rows[1:]] == [dutch[e["priority"]] for e in entries]
    assert [row[4] for row in rows[1:]] == ["ja"] + ["nee"] * (len(entries) - 1)
    text = raw.decode("utf-8-sig")
    assert entries[0]["text"].split()[0] in text


def test_touchpoint_cards_and_no_sideways_scroll_on_a_phone(new_context, site: Site) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site.url("touchpoints/"))
    cards = page.locator("[data-jb-summary]")
    expect(cards).to_have_count(len(site.playbook["touchpoints"]))
    expect(page.locator("input[data-jb-item]")).to_have_count(0)
    chosen = pick(site.playbook)
    for path in ("touchpoints/", chosen.touchpoint_url, chosen.phase_url):
        page.goto(site.url(path))
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways at 390 px: {width}"


@pytest.mark.parametrize("palette", [("light", "default"), ("dark", "slate")], ids=["light", "dark"])
def test_menu_and_undo_pass_axe(new_context, site: Site, palette: tuple[str, str]) -> None:
    media, scheme = palette
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    page = new_context().new_page()
    page.emulate_media(color_scheme=media)
    page.goto(site.url(chosen.touchpoint_url))
    wait_for_scheme(page, scheme)
    for entry in entries:
        box(page, tp, entry["id"]).check()  # the done state
    menu_action(page, tp, "data-jb-reset").click()  # the undo bar
    box(page, tp, entries[0]["id"]).check()
    checklist(page, tp).locator("[data-jb-menu] [aria-expanded]").click()  # the open menu
    expect(checklist(page, tp).locator("[data-jb-undo-bar]")).to_be_visible()

    results = Axe().run(page, options=AXE_OPTIONS)

    violations = results.response["violations"]
    assert not violations, f"axe on {page.url} ({media}):\n{describe(violations)}"
