"""Fixtures of the browser tests: the built sample served locally, one Chromium
per session (per xdist worker), a fresh browser context (empty localStorage)
per test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import copy_sample, run

from .browser_helpers import BROWSER_ARGS, Site, chromium_executable, serve

DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000  # a broken page fails in seconds, not after Playwright's 30 s


@pytest.fixture(scope="session")
def site(sample_site: Path) -> Iterator[Site]:
    """The sample playbook (built once by tests/conftest.py), served."""
    with serve(sample_site) as served:
        yield served


@pytest.fixture(scope="session")
def clients_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The sample built with `journeybook build --all-clients`: the base site with
    every client's guide in a sub-folder, served from one origin as published."""
    project = copy_sample(tmp_path_factory.mktemp("browser-clients"))
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as served:
        yield served


@pytest.fixture(scope="session")
def axe() -> Axe:
    """axe-core, loaded once for every accessibility check."""
    return Axe()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_executable()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_context(browser: Browser, site: Site) -> Iterator[Callable[..., BrowserContext]]:
    """Make a fresh context (its own, empty localStorage) that reaches ``site``
    (or ``for_site=``); keyword arguments go to ``browser.new_context``."""
    made: list[BrowserContext] = []

    def make(for_site: Site | None = None, **options: Any) -> BrowserContext:
        served = for_site or site
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(proxy={"server": served.proxy}, accept_downloads=True, **options)
        context.set_default_timeout(TIMEOUT_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
