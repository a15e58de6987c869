"""The sample built by Zensical (`journeybook build --engine zensical --all-clients`) in a real Chromium: ticks
that survive a reload and Zensical's instant navigation; axe in both palettes on a map, phase, persona and
touchpoint page (issue 21); a client's guide in its own language and brand, with ticks of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, expect

from conftest import copy_sample, run

from . import sample
from .browser_helpers import Site, box, checklist, journeybook_keys, progress, serve, stored, wait_for_scheme
from .conftest import DESKTOP, TIMEOUT_MS
from .test_accessibility import PALETTES, assert_no_violations, tick_some

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_sample(tmp_path_factory.mktemp("zensical-browser"))
    result = run(["journeybook", "build", "--engine", "zensical", "--all-clients"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as served:
        yield served


@pytest.fixture
def zensical_context(browser: Browser, zensical_site: Site) -> Iterator[BrowserContext]:
    context = browser.new_context(proxy={"server": zensical_site.proxy}, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def test_ticks_survive_reload_and_instant_navigation(zensical_context: BrowserContext, zensical_site: Site) -> None:
    site = zensical_site
    page = zensical_context.new_page()
    tp, first, last, total = sample.TOUCHPOINT, sample.FIRST.id, sample.LAST.id, len(sample.ITEMS)
    with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")) as sitemap:
        page.goto(site.url(sample.PHASE_URL))
    assert sitemap.value.ok
    sitemap.value.finished()
    box(page, tp, first).check()
    expect(progress(page, tp)).to_have_text(f"1/{total}")

    page.reload()
    expect(box(page, tp, first)).to_be_checked()
    expect(progress(page, tp)).to_have_text(f"1/{total}")
    page.evaluate("window.__marker = 1")

    checklist(page, tp).locator(f'a[href$="touchpoints/{tp}/"]').first.click()  # to the touchpoint's page
    page.wait_for_url(site.url(sample.TOUCHPOINT_URL))
    expect(page.locator("[data-jb-phase-progress]")).to_have_count(0)  # the new page's content is in
    assert page.evaluate("window.__marker") == 1, "the click was a full page load, not instant navigation"
    expect(page).to_have_title(re.compile(re.escape(sample.TOUCHPOINT_NAME)))
    expect(box(page, tp, first)).to_be_checked()
    box(page, tp, last).check()
    expect(progress(page, tp)).to_have_text(f"2/{total}")

    page.go_back()
    page.wait_for_url(site.url(sample.PHASE_URL))
    assert page.evaluate("window.__marker") == 1, "going back was a full page load"
    expect(box(page, tp, last)).to_be_checked()
    expect(box(page, tp, first)).to_be_checked()
    assert stored(page, tp) == sorted({first, last})


URLS = {"journey": sample.JOURNEY_URL, "phase": sample.PHASE_URL, "persona": sample.PERSONA_URL,
        "touchpoint": sample.TOUCHPOINT_URL}


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("kind", list(URLS))
def test_axe_in_both_palettes(zensical_context: BrowserContext, zensical_site: Site, axe: Axe, kind: str,
                             palette: str) -> None:
    media, scheme = PALETTES[palette]
    page = zensical_context.new_page()
    page.emulate_media(color_scheme=media)
    page.goto(zensical_site.url(URLS[kind]))
    wait_for_scheme(page, scheme)
    if kind in ("phase", "touchpoint"):
        assert tick_some(page) > 0
        page.evaluate("window.scrollTo(0, 0)")
        page.mouse.move(1, 1)
    assert_no_violations(page, axe, palette)


def test_the_journey_map_draws_its_curve(zensical_context: BrowserContext, zensical_site: Site) -> None:
    page = zensical_context.new_page()
    page.goto(zensical_site.url(sample.JOURNEY_URL))
    curve = page.locator("svg.jb-emotion-curve").first
    expect(curve).to_be_visible()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()  # the map has the full width (hide: navigation, toc)
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    assert curve.bounding_box()["width"] > 600




def test_the_personas_matrix_has_the_full_width(zensical_context: BrowserContext, zensical_site: Site) -> None:
    """The matrix hides both sidebars on Zensical as on MkDocs (one rule for both engines)."""
    page = zensical_context.new_page()
    page.goto(zensical_site.url("personas/matrix/"))
    expect(page.locator(".jb-matrix").first).to_be_visible()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()


# fietsbaas: a Dutch guide in red (#c62828 in its client.yml); its e-bike journey is its own
GUIDE_PHASE = "fietsbaas/journeys/e-bike-kopen/purchase/"
GUIDE_RED = "rgb(198, 40, 40)"


@pytest.mark.parametrize("palette", list(PALETTES))
def test_a_guide_in_its_language_and_brand(zensical_context: BrowserContext, zensical_site: Site, axe: Axe,
                                           palette: str) -> None:
    media, scheme = PALETTES[palette]
    page = zensical_context.new_page()
    page.emulate_media(color_scheme=media)
    page.goto(zensical_site.url(GUIDE_PHASE))
    wait_for_scheme(page, scheme)
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == GUIDE_RED
    expect(page.locator(".md-header__topic").first).to_contain_text("Fietsbaas")
    assert tick_some(page) > 0
    page.evaluate("window.scrollTo(0, 0)")
    page.mouse.move(1, 1)
    assert_no_violations(page, axe, palette)


def test_a_guide_keeps_its_own_ticks(zensical_context: BrowserContext, zensical_site: Site) -> None:
    """The base and a guide share an origin, not their ticks (as on MkDocs: test_checklists.py)."""
    tp, client = sample.CLIENT_TOUCHPOINT, sample.FIRST_CLIENT
    first, last = sample.SECOND_ITEMS[0], sample.SECOND_ITEMS[-1]
    page = zensical_context.new_page()
    page.goto(zensical_site.url(f"touchpoints/{tp}/"))
    box(page, tp, first).check()
    expect(progress(page, tp)).to_have_text("1/6")

    page.goto(zensical_site.url(f"{client}/touchpoints/{tp}/"))
    expect(progress(page, tp)).to_have_text("0/6")
    box(page, tp, last).check()
    expect(progress(page, tp)).to_have_text("1/6")

    page.goto(zensical_site.url(f"touchpoints/{tp}/"))
    checked = checklist(page, tp).locator("input[data-jb-item]:checked")
    expect(checked).to_have_count(1)
    expect(checked).to_have_attribute("data-jb-item", f"{tp}/{first}")
    keys = journeybook_keys(page)
    assert sorted(keys.values()) == [["quarterly-review"], ["research-search-terms"]], keys
