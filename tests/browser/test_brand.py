"""A guide in a pale brand colour: on brand in both palettes, and still readable (axe, real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import copy_sample, run

from .browser_helpers import Site, serve, wait_for_scheme
from .test_accessibility import AXE_OPTIONS, FAILING_IMPACTS, PALETTES, describe, tick_some

pytestmark = pytest.mark.browser

PALE = "#fdd835"  # Material's yellow 600: 1.4:1 on white
GUIDE = "fietsbaas"
PAGES = ["journeys/e-bike-kopen/", "journeys/e-bike-kopen/purchase/"]
LINK = {"light": "rgb(133, 109, 1)", "dark": "rgb(253, 216, 53)"}  # #856d01: the pale yellow darkened to 4.6:1
# the colour of the content's first link to a page of the guide (not a button or a heading's anchor)
INTERNAL_LINK_COLOUR = """getComputedStyle([...document.querySelectorAll('.md-content a[href]')].find(
    a => a.origin === location.origin && !a.matches('.md-button, .headerlink, .md-content__button'))).color"""


@pytest.fixture(scope="module")
def pale_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_sample(tmp_path_factory.mktemp("pale-brand"))
    client = project / "clients" / GUIDE / "client.yml"
    text = client.read_text(encoding="utf-8")
    client.write_text(text.replace('"#c62828"', f'"{PALE}"').replace('"#ffb300"', f'"{PALE}"'), encoding="utf-8")
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"clients/{GUIDE}/client.yml:7:12: warning: colors.primary {PALE} has 1.4:1 on white" in result.stderr
    with serve(project / "site") as served:
        yield served


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("path", PAGES)
def test_pale_brand_is_readable_in_both_palettes(new_context, pale_site: Site, palette: str, path: str) -> None:
    media, scheme = PALETTES[palette]
    page = new_context(for_site=pale_site, viewport={"width": 1280, "height": 900}).new_page()
    page.emulate_media(color_scheme=media)
    page.goto(pale_site.url(f"{GUIDE}/{path}"))
    wait_for_scheme(page, scheme)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(253, 216, 53)", palette  # the brand, in the dark palette too
    link = page.evaluate(INTERNAL_LINK_COLOUR)
    assert link == LINK[palette]  # the brand's readable shade, not Material's blue
    if "purchase" in path:
        assert tick_some(page) > 0
        tick = page.evaluate("getComputedStyle(document.querySelector('input[data-jb-item]')).accentColor")
        assert tick != "rgb(253, 216, 53)"  # ticks keep their own colour
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [v for v in results.response["violations"] if v["impact"] in FAILING_IMPACTS]
    assert not violations, f"axe on {page.url} ({palette}):\n{describe(violations)}"
