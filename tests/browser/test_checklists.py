"""Checklists in a real browser: ticks, progress, persistence, reset, export, scope.

What a reader does and sees, through the stable hooks of the site spec
(``data-jb-item``, ``data-jb-progress``, ``data-jb-phase-progress``) and the
documented storage (``"journeybook:" + scope + ":" + touchpoint`` holding the
sorted ids of the ticked items). Pages and items are picked by position in the
sample data (``playbook.json`` of the built site), never by name.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import (
    Site,
    box,
    checklist,
    items,
    journeybook_keys,
    phase_touchpoints,
    pick,
    progress,
    storage_key,
    stored,
)

pytestmark = pytest.mark.browser


def first_phase(site: Site) -> dict:
    journey = next(iter(site.playbook["journeys"].values()))
    return journey["phases"][0]


def phase_total(site: Site) -> int:
    """Checklist items on the first phase page (a touchpoint shown twice counts once)."""
    return sum(len(items(site.playbook, tp)) for tp in phase_touchpoints(first_phase(site)))


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
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    total = phase_total(site)
    page.goto(site.url(chosen.phase_url))
    expect(progress(page, tp)).to_have_text(f"0/{len(entries)}")
    expect(phase_progress(page)).to_have_text(f"0/{total}")

    # tick it the way a reader does: by its label
    checklist(page, tp).get_by_label(entries[0]["text"], exact=True).check()

    expect(box(page, tp, entries[0]["id"])).to_be_checked()
    expect(progress(page, tp)).to_have_text(f"1/{len(entries)}")
    expect(phase_progress(page)).to_have_text(f"1/{total}")
    assert stored(page, tp) == [entries[0]["id"]]


def test_keyboard_space_ticks_and_focus_is_visible(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    page.goto(site.url(chosen.phase_url))
    target = box(page, tp, entries[0]["id"])

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
    expect(progress(page, tp)).to_have_text(f"1/{len(entries)}")
    assert stored(page, tp) == [entries[0]["id"]]


def test_ticks_persist_after_reload(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    ticked = {entries[0]["id"], entries[-1]["id"]}
    page.goto(site.url(chosen.phase_url))
    for item_id in ticked:
        box(page, tp, item_id).check()

    page.reload()

    for entry in entries:
        if entry["id"] in ticked:
            expect(box(page, tp, entry["id"])).to_be_checked()
        else:
            expect(box(page, tp, entry["id"])).not_to_be_checked()
    expect(progress(page, tp)).to_have_text(f"{len(ticked)}/{len(entries)}")
    assert stored(page, tp) == sorted(ticked)


def test_ticks_show_on_every_page_with_the_touchpoint(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    count = len(entries)
    page.goto(site.url(chosen.phase_url))
    box(page, tp, entries[0]["id"]).check()

    page.goto(site.url(chosen.touchpoint_url))  # the touchpoint's own page
    expect(box(page, tp, entries[0]["id"])).to_be_checked()
    expect(progress(page, tp)).to_have_text(f"1/{count}")
    box(page, tp, entries[-1]["id"]).check()  # and the other way round
    ticked = len({entries[0]["id"], entries[-1]["id"]})

    page.goto(site.url("touchpoints/"))  # overview cards: the progress, no checkboxes
    card = page.locator(f'[data-jb-summary="{tp}"]')
    expect(card.locator("input")).to_have_count(0)
    expect(progress(page, tp)).to_have_text(f"{ticked}/{count}")
    fill = card.locator(".jb-meter__fill").evaluate("el => el.style.width")
    assert float(fill.rstrip("%")) == pytest.approx(100 * ticked / count, abs=0.01), fill

    page.goto(site.url(chosen.phase_url))
    expect(box(page, tp, entries[-1]["id"])).to_be_checked()
    expect(progress(page, tp)).to_have_text(f"{ticked}/{count}")


def test_reset_clears_only_its_checklist(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    shown = phase_touchpoints(first_phase(site))
    assert len(shown) >= 2, "this test needs a first phase with two touchpoints in the sample"
    tp, other = shown[0], shown[1]
    entries, others = items(site.playbook, tp), items(site.playbook, other)
    total = phase_total(site)
    page.goto(site.url(chosen.phase_url))
    for entry in entries[:2]:
        box(page, tp, entry["id"]).check()
    box(page, other, others[0]["id"]).check()
    expect(phase_progress(page)).to_have_text(f"{min(2, len(entries)) + 1}/{total}")
    key = storage_key(page, tp)
    assert stored(page, tp)

    menu_action(page, tp, "data-jb-reset").click()

    expect(progress(page, tp)).to_have_text(f"0/{len(entries)}")
    for entry in entries:
        expect(box(page, tp, entry["id"])).not_to_be_checked()
    assert page.evaluate("key => localStorage.getItem(key)", key) is None, "reset left the storage key behind"
    # the other checklist keeps its tick
    expect(box(page, other, others[0]["id"])).to_be_checked()
    expect(progress(page, other)).to_have_text(f"1/{len(others)}")
    assert stored(page, other) == [others[0]["id"]]
    expect(phase_progress(page)).to_have_text(f"1/{total}")

    page.reload()  # and it stays that way
    expect(progress(page, tp)).to_have_text(f"0/{len(entries)}")
    expect(progress(page, other)).to_have_text(f"1/{len(others)}")


def test_instant_navigation_keeps_checklists_working(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    count = len(entries)
    total = phase_total(site)
    # Material takes over links listed in the sitemap once it has loaded it
    with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")) as sitemap:
        page.goto(site.url(chosen.phase_url))
    assert sitemap.value.ok
    sitemap.value.finished()
    box(page, tp, entries[0]["id"]).check()
    page.evaluate("window.__marker = 1")

    # the checklist's heading links to the touchpoint's own page
    checklist(page, tp).locator(f'a[href$="touchpoints/{tp}/"]').first.click()
    page.wait_for_url(site.url(chosen.touchpoint_url))
    expect(phase_progress(page)).to_have_count(0)  # the new page's content is in
    assert page.evaluate("window.__marker") == 1, "the click was a full page load, not instant navigation"
    expect(page).to_have_title(re.compile(re.escape(site.playbook["touchpoints"][tp]["name"])))

    expect(box(page, tp, entries[0]["id"])).to_be_checked()
    expect(progress(page, tp)).to_have_text(f"1/{count}")
    box(page, tp, entries[-1]["id"]).check()
    ticked = len({entries[0]["id"], entries[-1]["id"]})
    expect(progress(page, tp)).to_have_text(f"{ticked}/{count}")

    page.go_back()
    page.wait_for_url(site.url(chosen.phase_url))
    expect(phase_progress(page)).to_have_count(1)
    assert page.evaluate("window.__marker") == 1, "going back was a full page load"
    expect(box(page, tp, entries[-1]["id"])).to_be_checked()
    expect(box(page, tp, entries[0]["id"])).to_be_checked()
    expect(progress(page, tp)).to_have_text(f"{ticked}/{count}")
    expect(phase_progress(page)).to_have_text(f"{ticked}/{total}")


def test_ticks_of_removed_items_are_dropped(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    valid = [entries[0]["id"], entries[-1]["id"]]
    stale = f"removed-{uuid.uuid4().hex[:8]}"
    page.goto(site.url(chosen.phase_url))
    key = storage_key(page, tp)
    page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))", [key, [stale, *valid]])

    page.reload()

    expect(progress(page, tp)).to_have_text(f"{len(set(valid))}/{len(entries)}")
    kept = stored(page, tp)
    assert kept is not None and stale not in kept, f"stale id still stored: {kept}"
    assert kept == sorted(set(valid))
    for item_id in valid:
        expect(box(page, tp, item_id)).to_be_checked()


def test_csv_export(page: Page, site: Site) -> None:
    chosen = pick(site.playbook)
    tp = chosen.touchpoint
    entries = items(site.playbook, tp)
    ticked = {entries[0]["id"], entries[-1]["id"]}
    page.goto(site.url(chosen.touchpoint_url))
    for item_id in ticked:
        box(page, tp, item_id).check()

    export = menu_action(page, tp, "data-jb-export")
    with page.expect_download() as info:
        export.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    raw = Path(download.path()).read_bytes()

    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would garble the text"
    assert raw.endswith(b"\r\n"), "CSV lines should end in CRLF (RFC 4180)"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["touchpoint", "item", "text", "priority", "done"]
    assert len(rows) - 1 == len(entries), rows

    def as_exported(text: str) -> str:
        text = " ".join(text.split())
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # no formulas in spreadsheets

    expected = [
        [tp, e["id"], as_exported(e["text"]), e["priority"], "yes" if e["id"] in ticked else "no"] for e in entries
    ]
    assert rows[1:] == expected


def test_without_javascript_every_item_is_a_labelled_checkbox(new_context, site: Site) -> None:
    chosen = pick(site.playbook)
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url(chosen.phase_url))

    for tp in phase_touchpoints(first_phase(site)):
        section = checklist(page, tp)
        entries = items(site.playbook, tp)
        expect(section.locator('input[type="checkbox"][data-jb-item]')).to_have_count(len(entries))
        for entry in entries:
            checkbox = box(page, tp, entry["id"])
            expect(checkbox).to_be_visible()
            expect(checkbox).to_have_attribute("type", "checkbox")
            label = section.locator(f'label[for="{checkbox.get_attribute("id")}"]')
            expect(label).to_be_visible()
            expect(label).to_have_text(entry["text"])
        expect(section.locator("[data-jb-reset]")).to_be_hidden()
        expect(section.locator("[data-jb-export]")).to_be_hidden()
        expect(progress(page, tp)).to_have_text(f"0/{len(entries)}")


def test_client_guide_keeps_its_own_ticks(new_context, clients_site: Site) -> None:
    base = clients_site.playbook
    clients = sorted(p.parent.name for p in clients_site.root.glob("*/playbook.json"))
    assert clients, "the --all-clients build has no client guide"
    client = clients[0]
    guide = clients_site.read_playbook(client)
    journey = next(iter(guide["journeys"].values()))
    shared = [tp for phase in journey["phases"] for tp in phase_touchpoints(phase) if tp in base["touchpoints"]]
    assert shared, f"no touchpoint of {client}'s first journey is in the base playbook"
    tp = shared[0]
    base_items, guide_items = items(base, tp), items(guide, tp)
    page = new_context(for_site=clients_site).new_page()

    page.goto(clients_site.url(f"touchpoints/{tp}/"))
    box(page, tp, base_items[0]["id"]).check()
    expect(progress(page, tp)).to_have_text(f"1/{len(base_items)}")

    page.goto(clients_site.url(f"{client}/touchpoints/{tp}/"))  # same origin, the client's guide
    expect(progress(page, tp)).to_have_text(f"0/{len(guide_items)}")
    expect(checklist(page, tp).locator("input[data-jb-item]:checked")).to_have_count(0)
    box(page, tp, guide_items[-1]["id"]).check()
    expect(progress(page, tp)).to_have_text(f"1/{len(guide_items)}")

    page.goto(clients_site.url(f"touchpoints/{tp}/"))
    expect(progress(page, tp)).to_have_text(f"1/{len(base_items)}")
    checked = checklist(page, tp).locator("input[data-jb-item]:checked")
    expect(checked).to_have_count(1)
    expect(checked).to_have_attribute("data-jb-item", f"{tp}/{base_items[0]['id']}")
    assert len(journeybook_keys(page)) == 2, journeybook_keys(page)
