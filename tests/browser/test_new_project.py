"""axe-core on a new project, made by following the README's "Your own playbook" literally.

The sample passes axe with `material_fixes: true`; a new user's site must too,
so the `mkdocs.yml` that `journeybook new` writes turns the fixes on. The
starter sets no palette, so Material's light scheme is the only one to check.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from conftest import REPO, run

from .browser_helpers import Site, serve
from .conftest import TIMEOUT_MS
from .test_accessibility import AXE_OPTIONS, WIDTHS, describe, tick_some

pytestmark = pytest.mark.browser

PAGES = {  # the README's ids: journeybook new persona busy-parent, touchpoint web-shop, journey online-purchase
    "home": "",
    "journey map": "journeys/online-purchase/",
    "phase": "journeys/online-purchase/awareness/",  # the journey starter's one phase
    "persona": "personas/busy-parent/",
    "touchpoint": "touchpoints/web-shop/",
}


def readme_commands() -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("\n## Your own playbook\n"):]
    block = re.search(r"^```sh\n(.*?)^```$", part, flags=re.S | re.M)
    assert block is not None
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = tmp_path_factory.mktemp("new-project")
    commands = readme_commands()
    assert commands[-1] == ["journeybook", "build"]
    for args in commands:
        result = run(args, project)
        assert result.returncode == 0, f"{shlex.join(args)}\n{result.stdout}{result.stderr}"
    theme = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    assert "palette" not in theme, "the new mkdocs.yml sets a palette: check each of its schemes"
    with serve(project / "site") as served:
        yield served


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_a_new_projects_pages_pass_axe(browser: Browser, new_site: Site, kind: str, width: str) -> None:
    context = browser.new_context(proxy={"server": new_site.proxy}, viewport=WIDTHS[width])
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.emulate_media(color_scheme="light")
        page.goto(new_site.url(PAGES[kind]))
        # no palette in mkdocs.yml: Material's light colours, no scheme attribute to wait for
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") is None
        if kind in ("phase", "touchpoint"):
            assert tick_some(page) > 0, f"no checklist on the {kind} page"
            page.evaluate("window.scrollTo(0, 0)")
            page.mouse.move(1, 1)
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, f"axe on {page.url} ({width}):\n{describe(violations)}"
    finally:
        context.close()


def test_the_new_project_is_what_the_readme_builds(new_site: Site) -> None:
    """The pages checked above are the README's own files, and they were built with the fixes."""
    assert sorted(p.relative_to(new_site.root).as_posix() for p in new_site.root.rglob("index.html")
                  if p.parent.name in ("online-purchase", "awareness", "busy-parent", "web-shop")) == [
        "journeys/online-purchase/awareness/index.html", "journeys/online-purchase/index.html",
        "personas/busy-parent/index.html", "touchpoints/web-shop/index.html"]
    assert (new_site.root / "assets/journeybook/material-fixes.js").is_file()
