"""The playbook opened from disk (file://), with navigation.instant on as in the sample.

Built with the repository's ``mkdocs-offline.yml`` (Material's offline plugin,
``use_directory_urls: false``): links open pages, not directory listings; the
search index is inlined for the offline search; journeybook.js initialises
although Material's ``document$`` does not emit from disk, so ticks restore
after a reload and the actions menu shows.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO, copy_sample, run

from .browser_helpers import box, checklist, progress
from .sample import FIRST, JOURNEY, LAST, PHASE, TOUCHPOINT, TOUCHPOINT_NAME

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_sample(tmp_path_factory.mktemp("offline"))
    shutil.copy2(REPO / "mkdocs-offline.yml", project / "mkdocs-offline.yml")
    result = run(["mkdocs", "build", "-q", "-f", "mkdocs-offline.yml"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site-offline"


def test_the_offline_config_keeps_instant_navigation() -> None:
    base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "navigation.instant" in base["theme"]["features"], "the file:// tests below would test less"
    offline = yaml.safe_load((REPO / "mkdocs-offline.yml").read_text(encoding="utf-8"))
    assert offline["use_directory_urls"] is False
    assert "offline" in offline["plugins"]


def test_ticks_restore_after_a_reload_from_disk(new_context, offline_site: Path) -> None:
    tp = TOUCHPOINT
    page = new_context().new_page()
    phase_page = offline_site / "journeys" / JOURNEY / f"{PHASE}.html"
    page.goto(phase_page.as_uri())
    expect(checklist(page, tp).locator("[data-jb-menu]")).to_be_visible()  # journeybook.js ran
    box(page, tp, FIRST.id).check()
    box(page, tp, LAST.id).check()

    page.reload()

    expect(box(page, tp, FIRST.id)).to_be_checked()
    expect(box(page, tp, LAST.id)).to_be_checked()
    expect(progress(page, tp)).to_have_text("2/8")
    expect(checklist(page, tp).locator("[data-jb-menu]")).to_be_visible()

    # the checklist's title links to the touchpoint's page: a file, not a folder
    checklist(page, tp).locator("h3 a").click()
    page.wait_for_url(f"**/touchpoints/{tp}.html")
    expect(page.locator("h1")).to_have_text(TOUCHPOINT_NAME)
    expect(progress(page, tp)).to_have_text("2/8")

    page.goto((offline_site / "touchpoints" / "index.html").as_uri())  # the cards
    expect(progress(page, tp)).to_have_text("2/8")


def test_every_link_of_a_page_opens_a_file(offline_site: Path) -> None:
    page = (offline_site / "touchpoints" / "index.html").read_text(encoding="utf-8")
    hrefs = [h for h in re.findall(r'href="([^"#]+)', page) if not re.match(r"[a-z]+:", h)]
    assert hrefs
    for href in hrefs:
        target = (offline_site / "touchpoints" / href).resolve()
        assert target.is_file(), f"{href} is not a file (a directory listing from disk)"


def test_search_index_is_inlined_for_the_offline_search(offline_site: Path) -> None:
    script = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    assert TOUCHPOINT_NAME in script
    assert FIRST.text in script  # checklist items are found too
