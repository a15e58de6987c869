"""axe-core on the generated pages: light and dark palette, desktop and phone.

No rule is turned off (WCAG 2.2 target size is turned on). Pages with
checklists are checked with some boxes ticked, so the styles of checked items
are checked for contrast too. Any violation, whatever its impact, fails the
test; the message names the rule, the elements and axe's summary of
what is wrong.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .browser_helpers import Site, wait_for_scheme
from .sample import JOURNEY_URL, PERSONA_URL, PHASE_URL, TOUCHPOINT_URL

pytestmark = pytest.mark.browser

PAGES = ["home", "journeys", "journey", "phase", "persona", "touchpoint", "touchpoints", "sources"]
PALETTES = {"light": ("light", "default"), "dark": ("dark", "slate")}  # media -> Material scheme
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
FAILING_IMPACTS = ("minor", "moderate", "serious", "critical")  # every violation fails
# axe's defaults, plus WCAG 2.2's target size (off by default in axe 4.x): the
# checkboxes, buttons and citation marks are made for touch screens too
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def page_url(kind: str) -> str:
    return {
        "home": "",  # the sample's own landing page
        "journeys": "journeys/",  # the generated overview: journey cards with sparklines
        "sources": "sources/",
        "journey": JOURNEY_URL,
        "phase": PHASE_URL,
        "persona": PERSONA_URL,
        "touchpoint": TOUCHPOINT_URL,
        "touchpoints": "touchpoints/",
    }[kind]


def tick_some(page: Page) -> int:
    """Tick the first item of every checklist (the others stay unticked): both states on the page."""
    firsts = page.locator("[data-jb-checklist] li:first-child > input[data-jb-item]")
    for i in range(firsts.count()):
        firsts.nth(i).check()
    return firsts.count()


def scroll_through(page: Page) -> None:
    """Scroll to the bottom and back, as a reader does. Checklist items and a phone's map cells are
    rendered when they come near the screen (content-visibility: auto); until then their box has an
    estimated height, and axe would measure the distance between targets on a layout nobody sees."""
    page.evaluate(
        """async () => {
            const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
                window.scrollTo(0, y);
                await frame();
            }
            window.scrollTo(0, 0);
            await frame();
        }"""
    )


def assert_no_violations(page: Page, axe: Axe, label: str) -> None:
    """Scroll through the page, wait until nothing moves, and fail on every axe violation of a failing impact."""
    scroll_through(page)
    # scrolling back up brings Material's tabs back with staggered fades: axe must see them at rest
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    violations = [v for v in axe.run(page, options=AXE_OPTIONS).response["violations"]
                  if v["impact"] in FAILING_IMPACTS]
    assert not violations, f"axe on {page.url} ({label}):\n{describe(violations)}"


def seed_cards(page: Page) -> int:
    """On the touchpoint cards: the first one done, the second one started (both looks on the page)."""
    return page.evaluate(
        """() => {
            const cards = [...document.querySelectorAll("[data-jb-summary]")].slice(0, 2);
            cards.forEach((card, n) => {
                const ids = card.getAttribute("data-jb-items").split(" ");
                const scope = card.getAttribute("data-jb-scope");
                const key = "journeybook:" + scope + ":" + card.getAttribute("data-jb-summary");
                localStorage.setItem(key, JSON.stringify(n === 0 ? ids : ids.slice(0, 1)));
            });
            return cards.length;
        }"""
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}: {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("kind", PAGES)
def test_no_violations(new_context, site: Site, axe: Axe, kind: str, palette: str, width: str) -> None:
    media, scheme = PALETTES[palette]
    page = new_context(viewport=WIDTHS[width]).new_page()
    page.emulate_media(color_scheme=media)
    page.goto(site.url(page_url(kind)))
    wait_for_scheme(page, scheme)  # the sample's palette follows prefers-color-scheme
    if kind in ("phase", "touchpoint"):
        assert tick_some(page) == {"phase": 6, "touchpoint": 1}[kind], f"not the sample's checklists on the {kind} page"
        # back to the top: ticking scrolled the page, and whatever happens to lie
        # under Material's sticky header then counts as an obscured target; the
        # pointer goes to the header's corner, so no link is left in :hover
        page.evaluate("window.scrollTo(0, 0)")
        page.mouse.move(1, 1)
    if kind == "touchpoints":
        assert seed_cards(page) == 2, "no touchpoint cards"
        page.reload()
        wait_for_scheme(page, scheme)
        page.locator(".jb-is-done").first.wait_for()

    assert_no_violations(page, axe, f"{palette}, {width}")
