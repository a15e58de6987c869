"""Core renderer tests: pages, hooks, links, SVG, escaping, i18n, determinism.

Never imports MkDocs; HTML is checked with :mod:`html.parser`.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from journeybook.model import Emotion
from journeybook.render import PageSpec, RenderOptions, relative_url, render_pages, render_playbook_json
from journeybook.render.markdown import md_block, md_inline
from journeybook.render.nav import NavLink, NavSection, build_nav
from journeybook.translation import i18n
from render_fixture import XSS, hostile_playbook, sample_playbook

ROOT = Path(__file__).resolve().parent.parent
VOID = {"input", "br", "img", "hr", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "track"}


# --------------------------------------------------------------------------- a tiny DOM


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), parent=self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def pages() -> dict[str, PageSpec]:
    return {p.src_uri: p for p in render_pages(sample_playbook(), RenderOptions(scope="acme"))}


@pytest.fixture(scope="module")
def flat_pages() -> dict[str, PageSpec]:
    return {p.src_uri: p for p in render_pages(sample_playbook(), RenderOptions(use_directory_urls=False))}


J = "journeys/first-purchase"
EXPECTED = {
    "journeys/index.md": ("journeys/", "journeys/index.html", "journeys"),
    f"{J}/index.md": (f"{J}/", f"{J}/index.html", "journeys"),
    **{f"{J}/{p}.md": (f"{J}/{p}/", f"{J}/{p}.html", "journeys")
       for p in ("awareness", "consideration", "purchase", "service", "loyalty")},
    "personas/index.md": ("personas/", "personas/index.html", "personas"),
    "personas/matrix.md": ("personas/matrix/", "personas/matrix.html", "personas"),
    "personas/busy-parent.md": ("personas/busy-parent/", "personas/busy-parent.html", "personas"),
    "personas/careful-senior.md": ("personas/careful-senior/", "personas/careful-senior.html", "personas"),
    "touchpoints/index.md": ("touchpoints/", "touchpoints/index.html", "touchpoints"),
    **{f"touchpoints/{t}.md": (f"touchpoints/{t}/", f"touchpoints/{t}.html", "touchpoints")
       for t in ("checkout", "reviews", "seo")},
    "sources/index.md": ("sources/", "sources/index.html", "sources"),
    "review/index.md": ("review/", "review/index.html", "review"),  # its touchpoint names an owner
}


# --------------------------------------------------------------------------- pages


def test_every_page_with_its_src_uri_url_and_section(pages, flat_pages):
    assert sorted(pages) == sorted(EXPECTED)
    assert list(pages) == sorted(pages), "render_pages returns pages sorted by src_uri"
    for src, (url, flat_url, section) in EXPECTED.items():
        assert pages[src].url == url
        assert flat_pages[src].url == flat_url
        assert pages[src].section == section
        assert pages[src].html.startswith("<h1>")
        assert pages[src].html.endswith("\n")


def test_source_paths_point_at_the_yaml(pages):
    assert pages[f"{J}/purchase.md"].source_path == "journeys/first-purchase.yml"
    assert pages[f"{J}/index.md"].source_path == "journeys/first-purchase.yml"
    assert pages["personas/busy-parent.md"].source_path == "journeys/personas/busy-parent.yml"
    assert pages["touchpoints/seo.md"].source_path == "journeys/touchpoints/seo.yml"
    assert pages["sources/index.md"].source_path == "journeys/playbook.yml"


def test_titles(pages):
    assert pages[f"{J}/purchase.md"].title == "Purchase – First purchase"
    assert pages[f"{J}/index.md"].title == "First purchase"
    assert pages["personas/busy-parent.md"].title == "Sanne de Vries"
    assert pages["journeys/index.md"].title == "Journeys"


def test_html_is_well_formed_and_ids_are_unique(pages):
    for page in pages.values():
        ids = [n.attrs["id"] for n in parse(page.html).iter() if n.attrs.get("id")]
        assert len(ids) == len(set(ids)), (page.src_uri, sorted(i for i in ids if ids.count(i) > 1))


def test_toc_lists_the_h2_and_h3_headings(pages):
    for page in pages.values():
        dom = parse(page.html)
        headings = [(int(n.tag[1]), n.attrs["id"], " ".join(n.text().split()))
                    for n in dom.iter() if n.tag in ("h2", "h3")]
        assert page.toc == tuple(headings), page.src_uri
    toc = pages[f"{J}/purchase.md"].toc
    assert (3, "jb-cl-checkout", "Checkout") in toc
    assert (2, "steps", "Steps") in toc


# --------------------------------------------------------------------------- checklists


def _check_checklists(dom: Node, scope: str) -> dict[str, int]:
    """Checks every checklist's hooks; returns touchpoint id -> item count."""
    found = {}
    labels = {n.attrs.get("for"): n for n in dom.find_all("label")}
    for section in dom.find_all("section", "jb-checklist"):
        tp = section.attrs["data-jb-checklist"]
        assert section.attrs["data-jb-scope"] == scope
        assert section.attrs["aria-labelledby"] == f"jb-cl-{tp}"
        assert section.find("h3", "jb-checklist__title").attrs["id"] == f"jb-cl-{tp}"
        boxes = section.find_all("input", type="checkbox")
        assert boxes
        for box in boxes:
            assert box.attrs["data-jb-item"].startswith(f"{tp}/")
            label = labels[box.attrs["id"]]
            assert label.text().strip()
            assert "jb-check__label" in label.classes
            li = box.parent
            assert li.tag == "li" and "jb-check" in li.classes
            assert li.attrs["data-jb-priority"] in ("must", "should", "could")
        progress = section.find("span", "jb-progress")
        assert progress.attrs["data-jb-progress"] == tp
        assert progress.text() == f"0/{len(boxes)}"
        assert section.find("button", "jb-reset").attrs["data-jb-reset"] == tp
        export = section.find("button", "jb-export")
        assert export.attrs["data-jb-export"] == tp and export.attrs["data-jb-filename"] == f"{tp}-checklist.csv"
        assert "hidden" in section.find("span", "jb-checklist__menu").attrs  # journeybook.js shows the menu
        assert "hidden" in section.find("span", "jb-checklist__actions").attrs  # and the menu opens it
        assert "hidden" in section.find("div", "jb-checklist__undo").attrs
        found[tp] = len(boxes)
    return found


def test_checklist_hooks_on_phase_pages(pages):
    dom = parse(pages[f"{J}/purchase.md"].html)
    assert _check_checklists(dom, "acme") == {"checkout": 3}
    box = dom.find("input", data_jb_item="checkout/guest-checkout")
    assert box.attrs["id"] == "jb-checkout-guest-checkout"
    assert "jb-check--must" in box.parent.classes
    assert box.parent.find("span", "jb-badge").text() == "must"
    assert "needed" in box.parent.find("div", "jb-check__detail").text()
    progress = dom.find("p", "jb-phase-progress").find("span")
    assert "data-jb-phase-progress" in progress.attrs and progress.text() == "0/3"
    assert "Keep it short." in dom.find("div", "jb-checklist__note").text()


def test_touchpoints_index_shows_overview_cards_grouped_by_category(pages):
    dom = parse(pages["touchpoints/index.md"].html)
    assert _check_checklists(dom, "acme") == {}  # the checklists live on the touchpoint and phase pages
    assert dom.find_all("input") == []
    h2s = [n.text() for n in dom.find_all("h2") if n.attrs["id"].startswith("jb-cat-")]
    assert h2s == ["Search engine optimisation", "Reviews", "Checkout"]  # the playbook's category order
    reviews = dom.find("section", "jb-category", data_jb_category="reviews")
    cards = reviews.find_all("li", "jb-tp-card")
    assert [c.attrs["data-jb-summary"] for c in cards] == ["reviews"]
    checkout = dom.find("li", "jb-tp-card", data_jb_summary="checkout")
    assert checkout.attrs["data-jb-scope"] == "acme"
    assert checkout.attrs["data-jb-items"] == "guest-checkout payment-methods progress"
    assert [a.attrs["href"] for a in checkout.find("h3").find_all("a")] == ["checkout/"]
    assert " ".join(checkout.find("p", "jb-tp-card__used").text().split()) == "Used in: First purchase (Purchase)"
    assert [b.text() for b in checkout.find("p", "jb-tp-card__counts").find_all("span")] == [
        "1 must", "1 should", "1 could"]
    assert checkout.find("span", "jb-progress").attrs["data-jb-progress"] == "checkout"
    assert checkout.find("span", "jb-progress").text() == "0/3"
    assert [b.text() for b in dom.find("li", "jb-tp-card", data_jb_summary="reviews")
            .find("p", "jb-tp-card__counts").find_all("span")] == ["1 must", "1 should"]


def test_touchpoint_page(pages):
    dom = parse(pages["touchpoints/checkout.md"].html)
    assert _check_checklists(dom, "acme") == {"checkout": 3}
    assert dom.find("h3", "jb-checklist__title").find_all("a") == []  # no link to itself
    pitfall = dom.find("div", "admonition")
    assert "warning" in pitfall.classes and pitfall.find("p", "admonition-title").text() == "Pitfall"
    assert "Forcing an account" in pitfall.text()
    assert "Conversion rate" in dom.find("table", "jb-kpis").text()
    used = [a.text() for a in dom.find("ul", "jb-used-in").find_all("a")]
    assert used == ["First purchase – Purchase"]
    facts = dom.find("dl", "jb-facts").text()
    assert "Website" in facts and "E-commerce team" in facts and "direct" in facts


def test_item_ids_stay_unique_when_ids_collide():
    playbook = sample_playbook()
    from journeybook.model import ChecklistItem, Touchpoint
    playbook.touchpoints["a-b"] = Touchpoint("a-b", "x.yml", "AB", "seo", [ChecklistItem("c", "one")])
    playbook.touchpoints["a"] = Touchpoint("a", "y.yml", "A", "seo", [ChecklistItem("b-c", "two")])
    from journeybook.model import TouchpointUse
    playbook.journeys["first-purchase"].phases[0].touchpoints[:] = [TouchpointUse("a-b"), TouchpointUse("a")]
    page = next(p for p in render_pages(playbook, RenderOptions()) if p.src_uri == f"{J}/awareness.md")
    dom = parse(page.html)
    found = _check_checklists(dom, "journeybook")
    assert found["a"] == 1 and found["a-b"] == 1
    # "jb-" + "a-b" + "-" + "c" and "jb-" + "a" + "-" + "b-c" are the same string: the second gets "-2"
    boxes = {b.attrs["data-jb-item"]: b.attrs["id"] for b in dom.find_all("input", type="checkbox")}
    assert boxes["a-b/c"] == "jb-a-b-c"
    assert boxes["a/b-c"] == "jb-a-b-c-2"
    labels = {n.attrs["for"]: n.text().strip() for n in dom.find_all("label")}
    assert labels["jb-a-b-c"] == "one" and labels["jb-a-b-c-2"] == "two"
    all_ids = [n.attrs["id"] for n in dom.iter() if n.attrs.get("id")]
    assert all_ids.count("jb-a-b-c") == 1 and all_ids.count("jb-a-b-c-2") == 1


# --------------------------------------------------------------------------- links


def _anchor_ids(page: PageSpec) -> set[str]:
    return {n.attrs["id"] for n in parse(page.html).iter() if n.attrs.get("id")}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_relative_link_resolves(directory_urls):
    pages = render_pages(sample_playbook(), RenderOptions(use_directory_urls=directory_urls))
    by_url = {p.url: p for p in pages}
    base = "https://site.test/"
    checked = 0
    for page in pages:
        for a in parse(page.html).find_all("a"):
            href = a.attrs.get("href")
            if href is None or href.startswith(("https:", "http:", "mailto:")):
                continue
            assert not href.startswith("/"), f"absolute link {href} on {page.src_uri}"
            target = urljoin(base + page.url, href)
            assert target.startswith(base), (page.src_uri, href)
            parts = urlsplit(target)
            path = parts.path[1:]
            assert path in by_url, f"{page.src_uri}: {href} -> {path} is no page"
            if parts.fragment:
                assert parts.fragment in _anchor_ids(by_url[path]), f"{page.src_uri}: {href} has no #{parts.fragment}"
            checked += 1
    assert checked > 50


def test_external_source_links_get_noopener(pages):
    links = [a for p in pages.values() for a in parse(p.html).find_all("a", "jb-source__link")]
    assert links
    for a in links:
        assert a.attrs["href"] == "https://example.org/wait" and a.attrs["rel"] == "noopener"


def test_links_in_the_journey_map(pages):
    dom = parse(pages[f"{J}/index.md"].html)
    grid = dom.find("section", "jb-map")
    assert grid.attrs["aria-label"] == "Journey map" and "role" not in grid.attrs
    heads = grid.find_all("h3", "jb-map__head")
    assert [h.attrs["data-jb-phase"] for h in heads] == ["awareness", "consideration", "purchase", "service", "loyalty"]
    assert [" ".join(h.text().split()) for h in heads] == ["1 Awareness", "2 Consideration", "3 Purchase", "4 Service",
                                                          "5 Loyalty"]
    assert heads[0].find("a").attrs["href"] == "awareness/"
    labels = [d.text() for d in grid.find("div", "jb-map__labels").find_all("div", "jb-map__label")]
    assert labels == ["Goal", "Actions", "Questions", "Touchpoints", "Emotion", "Pain points", "Opportunities",
                      "Moments of truth"]
    # header row, 8 rows of cells, the curve's row; the curve is the fifth row after the header
    assert "--jb-phases: 5; --jb-rows: 10" in grid.attrs["style"]
    assert grid.find("div", "jb-map__curve").attrs["style"] == "--jb-curve-row: 6"
    first = grid.find_all("div", "jb-map__phase")[0]
    assert [c.find("p", "jb-map__cell-label").text() for c in first.find_all("div", "jb-map__cell")] == labels
    badges = grid.find_all("span", "jb-emotion")
    assert [b.attrs["data-score"] for b in badges] == ["3", "2", "4", "2", "5", "4", "5"]
    mot = grid.find_all("div", "jb-mot")
    assert [" ".join(d.find("ul").text().split()) for d in mot] == ["Payment fails or succeeds", "Second order"]
    touch = [a.attrs["href"] for a in grid.find_all("a") if "touchpoints" in a.attrs["href"]]
    assert "../../touchpoints/seo/" in touch


def test_relative_url():
    assert relative_url("journeys/a/awareness/", "personas/b/") == "../../../personas/b/"
    assert relative_url("journeys/a/", "journeys/a/awareness/") == "awareness/"
    assert relative_url("journeys/a/awareness/", "journeys/a/") == "../"
    assert relative_url("journeys/", "journeys/") == "./"
    assert relative_url("journeys/a/", "journeys/a/#jb-cl-x") == "#jb-cl-x"
    assert relative_url("journeys/a/awareness.html", "touchpoints/seo.html#x") == "../../touchpoints/seo.html#x"
    assert relative_url("journeys/index.html", "journeys/a/index.html") == "a/index.html"
    assert relative_url("personas/b/", "img/b.png") == "../../img/b.png"
    assert relative_url("", "sources/") == "sources/"


# --------------------------------------------------------------------------- phase, persona, sources pages


def test_phase_page(pages):
    dom = parse(pages[f"{J}/purchase.md"].html)
    assert dom.find("h1").text() == "Purchase – First purchase"
    # one callout for the section, under its heading, without a title of its own
    [mot] = dom.find_all("div", "jb-mot")
    assert "admonition" in mot.classes and not mot.find_all("p", "admonition-title")
    assert mot.text().strip() == "Payment fails or succeeds"
    assert [li.find("span", "jb-step__action").text() for li in dom.find_all("li", "jb-step")] == [
        "Adds to cart", "Pays", "Gets confirmation"]
    notes = [d.attrs["data-jb-persona"] for d in dom.find_all("div", "jb-persona-note")]
    assert notes == ["busy-parent", "careful-senior"]
    nav = dom.find("nav", "jb-phase-nav")
    assert nav.find("a", "jb-phase-nav__prev").attrs["href"] == "../consideration/"
    assert nav.find("a", "jb-phase-nav__next").attrs["href"] == "../service/"
    sources = dom.find("ol", "jb-sources")
    assert [li.attrs["id"] for li in sources.find_all("li")] == ["jb-src-wait-times"]
    assert "Drop-off" in dom.find("table", "jb-kpis").text()


def test_phase_page_first_and_last_and_guiding_question(pages):
    first = parse(pages[f"{J}/awareness.md"].html)
    nav = first.find("nav", "jb-phase-nav")
    assert nav.find_all("a", "jb-phase-nav__prev") == [] and nav.find_all("a", "jb-phase-nav__next")
    facts = first.find("dl", "jb-facts").text()
    assert "How do they find us?" in facts and "Find options" in facts
    assert "notice" in first.find("div", "jb-summary").text()
    last = parse(pages[f"{J}/loyalty.md"].html)
    assert last.find("nav", "jb-phase-nav").find_all("a", "jb-phase-nav__next") == []


def test_phase_cites_its_own_and_its_checklist_items_evidence(pages):
    # awareness cites reviews-trust itself; service cites it through the reviews checklist
    for phase in ("awareness", "service", "consideration"):
        dom = parse(pages[f"{J}/{phase}.md"].html)
        assert [li.attrs["id"] for li in dom.find("ol", "jb-sources").find_all("li")] == ["jb-src-reviews-trust"]
    marks = parse(pages[f"{J}/service.md"].html).find_all("sup", "jb-cite")
    assert [m.find("a").attrs["href"] for m in marks] == ["#jb-src-reviews-trust"]


def test_sources_page_lists_every_source_and_who_cites_it(pages):
    dom = parse(pages["sources/index.md"].html)
    items = dom.find("ol", "jb-sources").find_all("li", "jb-source")
    assert [li.attrs["id"] for li in items] == ["jb-src-wait-times", "jb-src-reviews-trust", "jb-src-unused"]
    wait = items[0]
    assert "Almost 90%" in wait.text() and "Example Research" in wait.text() and "2021" in wait.text()
    cited = [a.text() for a in wait.find("p", "jb-source__cited").find_all("a")]
    assert cited == ["Purchase – First purchase", "Checkout"]  # the touchpoints index shows no checklist items
    assert "Not cited" in items[2].text()


def test_persona_page(pages):
    dom = parse(pages["personas/busy-parent.md"].html)
    persona = dom.find("div", "jb-persona")
    assert persona.find("blockquote", "jb-quote").text() == "I have five minutes, tops."
    facts = persona.find("dl", "jb-facts")
    assert [n.text() for n in facts.find_all("dt")] == ["Age", "Location"]
    assert [li.text() for li in persona.find("ul", "jb-channels").find_all("li")] == ["Website", "Store"]
    for text in ("Working parent of two", "Save time", "Long forms", "Peace of mind", "Fast delivery", "New baby",
                 "price"):
        assert text in persona.text()
    svg = persona.find("svg", "jb-emotion-curve")
    assert "Sanne de Vries" in svg.find("title").text()
    notes = persona.find("dl", "jb-persona__notes")
    hrefs = [a.attrs["href"] for a in notes.find_all("a")]
    assert hrefs == ["../../journeys/first-purchase/purchase/#jb-note-busy-parent"]


def test_gallery_and_journey_cards(pages):
    gallery = parse(pages["personas/index.md"].html)
    cards = gallery.find_all("li", "jb-card")
    assert [c.find("h2").text() for c in cards] == ["Sanne de Vries", "Henk Jansen"]
    journeys = parse(pages["journeys/index.md"].html)
    card = journeys.find("li", "jb-card")
    assert [a.text() for a in card.find("p", "jb-card__personas").find_all("a")] == ["Sanne de Vries", "Henk Jansen"]
    assert len(card.find("ol", "jb-card__phases").find_all("li")) == 5
    assert "first search" in card.text()


# --------------------------------------------------------------------------- emotion curve


def test_emotion_curve_svg(pages):
    dom = parse(pages[f"{J}/index.md"].html)
    svgs = dom.find_all("svg", "jb-emotion-curve")
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg.attrs["role"] == "img" and svg.attrs["xmlns"] == "http://www.w3.org/2000/svg"
    assert svg.attrs["width"] == "100%" and svg.attrs["height"] == "208" and "viewBox" not in svg.attrs
    title = svg.find("title")
    assert title.parent is svg and svg.attrs["aria-labelledby"] == title.attrs["id"]
    assert title.text() == "Emotion curve: First purchase"
    desc = svg.find("desc")
    assert svg.attrs["aria-describedby"] == desc.attrs["id"]
    assert "Purchase (Moment of truth): Adds to cart: 4 of 5 (positive); Pays: 2 of 5 (negative);" in desc.text()
    points = svg.find_all("circle", "jb-curve__point")
    # 1 point for each phase, the purchase phase plotted per step (3), spread over its band (40% to 60%)
    assert [p.attrs["data-score"] for p in points] == ["3", "2", "4", "2", "5", "4", "5"]
    assert [p.attrs["data-jb-phase"] for p in points] == ["awareness", "consideration", "purchase", "purchase",
                                                          "purchase", "service", "loyalty"]
    assert [p.attrs.get("data-jb-step") for p in points] == [None, None, "add-to-cart", "pay", "confirm", None, None]
    assert [p.attrs["cx"] for p in points] == ["10%", "30%", "43.3%", "50%", "56.7%", "70%", "90%"]
    assert [p.attrs["cy"] for p in points] == ["104", "134", "74", "134", "44", "74", "44"]
    # a moment of truth only where the data puts one at the level of a point: loyalty (purchase has no phase score)
    assert [p.attrs["data-jb-phase"] for p in points if "jb-curve__point--mot" in p.classes] == ["loyalty"]
    assert len(svg.find_all("circle", "jb-curve__mot")) == 1
    assert not svg.find_all("line", "jb-curve__phase-score")
    lines = svg.find_all("polyline", "jb-curve__line")
    assert len(lines) == 1 and "jb-curve__line--1" in lines[0].classes
    assert lines[0].attrs["points"].split()[:3] == ["100,104", "300,134", "433.3,74"]
    assert len(svg.find_all("line", "jb-curve__grid")) == 5
    zones = [r.attrs["class"] for r in svg.find_all("rect")]
    assert zones == [f"jb-curve__zone jb-curve__zone--{n}" for n in range(1, 6)]
    assert [b.attrs["x1"] for b in svg.find_all("line", "jb-curve__band")] == ["20%", "40%", "60%", "80%"]
    assert not svg.find_all("text")  # no note on the lowest or highest point in this journey
    for node in svg.iter():
        assert "style" not in node.attrs and "fill" not in node.attrs and node.tag != "script"
    # the scale in words and the legend are HTML beside and under the drawing
    axis = dom.find("div", "jb-curve__axis")
    assert [li.text() for li in axis.find_all("li")] == ["very positive", "positive", "neutral", "negative",
                                                         "very negative"]
    legend = [" ".join(li.text().split()) for li in dom.find("ul", "jb-curve__legend").find_all("li")]
    assert legend == ["All customers", "Moment of truth"]


def test_emotion_curve_phase_score_and_notes():
    playbook = sample_playbook()
    purchase = playbook.journeys["first-purchase"].phases[2]
    purchase.emotion = Emotion(3, "Fine, in the end")
    purchase.steps[1].emotion = Emotion(1, "Why does it ask for my phone number twice, and then my address again?")
    playbook.journeys["first-purchase"].phases[4].emotion = Emotion(5, "Comes back for more")
    page = next(p for p in render_pages(playbook, RenderOptions()) if p.src_uri == f"{J}/index.md")
    dom = parse(page.html)
    svg = dom.find("svg", "jb-emotion-curve")
    bar = svg.find("line", "jb-curve__phase-score")
    assert (bar.attrs["data-jb-phase"], bar.attrs["data-score"], bar.attrs["x1"], bar.attrs["x2"], bar.attrs["y1"]) == (
        "purchase", "3", "42%", "58%", "104")
    # the purchase phase is a moment of truth: its score bar is marked, not its steps
    rings = svg.find_all("circle", "jb-curve__mot")
    assert [(r.attrs["cx"], r.attrs["cy"]) for r in rings] == [("50%", "104"), ("90%", "44")]
    assert not any("jb-curve__point--mot" in p.classes for p in svg.find_all("circle", "jb-curve__point")
                   if p.attrs["data-jb-phase"] == "purchase")
    notes = svg.find_all("text", "jb-curve__note")
    assert [n.attrs["class"].split()[-1] for n in notes] == ["jb-curve__note--low", "jb-curve__note--high"]
    rows = [t.text() for t in notes[0].find_all("tspan")]
    assert rows == ["Why does it ask for my phone", "number twice, and then my …"]
    assert notes[0].attrs["text-anchor"] == "middle" and notes[0].find("tspan").attrs["x"] == "50%"
    assert notes[1].attrs["text-anchor"] == "end" and notes[1].text() == "Comes back for more"
    assert "Purchase (Moment of truth): phase as a whole: 3 of 5 (neutral); Adds to cart" in svg.find("desc").text()
    legend = [" ".join(li.text().split()) for li in dom.find("ul", "jb-curve__legend").find_all("li")]
    assert legend == ["All customers", "phase as a whole", "Moment of truth"]
    cell = dom.find_all("div", "jb-map__cell--emotion")[2]
    phase_score = " ".join(cell.find("p", "jb-map__phase-score").text().split())
    assert phase_score == "Phase as a whole: 3/5 neutral Fine, in the end"
    assert [li.find("span", "jb-emotion").attrs["data-score"] for li in cell.find_all("li")] == ["4", "1", "5"]


def test_curve_ids_are_unique_per_page(pages):
    ids = []
    for page in pages.values():
        for svg in parse(page.html).find_all("svg", "jb-emotion-curve"):
            ids.append((page.src_uri, svg.attrs["aria-labelledby"]))
    assert len(ids) == 3  # journey map + two personas
    assert len({i for _, i in ids}) == 3


def test_no_curve_without_emotions():
    playbook = sample_playbook()
    journey = playbook.journeys["first-purchase"]
    for entry in journey.phases:
        entry.emotion = None
        entry.steps = []
    page = next(p for p in render_pages(playbook, RenderOptions()) if p.src_uri == f"{J}/index.md")
    assert "<svg" not in page.html and "jb-map__row--emotion" not in page.html


# --------------------------------------------------------------------------- escaping


def test_hostile_text_is_escaped_everywhere():
    playbook = hostile_playbook()
    pages = render_pages(playbook, RenderOptions())
    assert len(pages) == 11  # with the review page (a touchpoint names an owner) and the personas matrix
    for page in pages:
        html = page.html.lower()
        assert "<script" not in html, page.src_uri
        assert "<img" not in html, page.src_uri
        assert "javascript:" not in html, page.src_uri
        dom = parse(page.html)
        assert not dom.find_all("script") and not dom.find_all("img")
        for node in dom.iter():
            assert not any(k.startswith("on") for k in node.attrs), (page.src_uri, node.tag, node.attrs)
        assert XSS in dom.text(), f"{page.src_uri} should show the text, escaped"
    phase = next(p for p in pages if p.src_uri == "journeys/j/awareness.md")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in phase.html
    json_text = render_playbook_json(playbook)
    assert json.loads(json_text)["title"] == XSS


def test_text_from_yaml_is_never_a_template():
    playbook = sample_playbook()
    playbook.journeys["first-purchase"].title = "{{ 7*7 }} {% if true %}x{% endif %} {#"
    playbook.personas["busy-parent"].about = "{{ L.reset }}"
    pages = {p.src_uri: p for p in render_pages(playbook, RenderOptions())}
    assert parse(pages[f"{J}/index.md"].html).find("h1").text() == "{{ 7*7 }} {% if true %}x{% endif %} {#"
    assert "{{ L.reset }}" in pages["personas/busy-parent.md"].html


def test_markdown_is_sanitised():
    assert md_block("<b>hi</b> **there**") == "<p>&lt;b&gt;hi&lt;/b&gt; <strong>there</strong></p>"
    assert "href" not in md_block("[x](javascript:alert(1))")
    assert 'href="https://example.org"' in md_block("[x](https://example.org)")
    assert md_inline("*a* and `b<c`") == "<em>a</em> and <code>b&lt;c</code>"
    assert md_block("# Big") == "<h3>Big</h3>"
    assert "<table>" in md_block("| a | b |\n|---|---|\n| 1 | 2 |")
    assert md_block(None) == "" and md_inline("") == ""


# --------------------------------------------------------------------------- i18n and nav


def test_dutch_labels():
    pages = {p.src_uri: p for p in render_pages(sample_playbook("nl"), RenderOptions(language="nl"))}
    dom = parse(pages[f"{J}/purchase.md"].html)
    assert dom.find("h1").text().startswith("Aankoop")
    assert dom.find("button", "jb-reset").text() == "Wissen"
    assert dom.find("button", "jb-export").text() == "CSV exporteren"
    assert dom.find("span", "jb-badge--must").text() == "moet"
    assert "Momenten van de waarheid" in [h.text() for h in dom.find_all("h2")]
    assert pages["journeys/index.md"].title == "Klantreizen"
    assert pages["personas/index.md"].title == "Persona's"
    assert pages["touchpoints/index.md"].title == "Contactmomenten"
    assert pages["sources/index.md"].title == "Bronnen"
    svg = parse(pages[f"{J}/index.md"].html).find("svg")
    assert svg.find("title").text() == "Emotiecurve: First purchase"


def test_i18n_fallbacks():
    assert i18n.labels("fr")["reset"] == "Reset"
    assert i18n.labels("nl-BE")["reset"] == "Wissen"
    assert set(i18n.labels("nl")) == set(i18n.labels("en")), "nl translates every English label"
    assert list(i18n.default_phase_names("nl").values()) == ["Bewustzijn", "Overweging", "Aankoop", "Service",
                                                            "Loyaliteit"]
    cats = i18n.default_category_names("en")
    assert list(cats) == ["seo", "sea", "social", "content", "display", "retargeting", "email", "comparison",
                          "reviews", "customer-service", "webcare", "events", "checkout", "delivery", "after-sales",
                          "loyalty"]
    assert list(i18n.default_category_names("nl")) == list(cats)
    assert i18n.default_category_names("nl")["customer-service"] == "Klantenservice"
    assert i18n.section_names("nl") == {"journeys": "Klantreizen", "personas": "Persona's",
                                        "touchpoints": "Contactmomenten", "sources": "Bronnen"}


def _flatten(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, NavSection):
            if item.index:
                out.append(item.index)
            out.extend(_flatten(item.children))
        else:
            out.append(item.src_uri)
    return out


def test_nav_covers_every_page_once(pages):
    nav = build_nav(sample_playbook(), RenderOptions())
    assert [s.title for s in nav] == ["Journeys", "Personas", "Touchpoints", "Sources", "Review"]
    flat = _flatten(nav)
    assert sorted(flat) == sorted(pages) and len(flat) == len(set(flat))
    journey = nav[0].children[0]
    assert isinstance(journey, NavSection) and journey.title == "First purchase"
    assert journey.src_uri_of_index == f"{J}/index.md"
    assert [c.title for c in journey.children] == ["Awareness", "Consideration", "Purchase", "Service", "Loyalty"]
    groups = nav[2].children
    # a category with one touchpoint is no level of its own (not "Checkout › Checkout")
    assert groups == [NavLink("Search engine optimisation", "touchpoints/seo.md"),
                      NavLink("Review sites", "touchpoints/reviews.md"), NavLink("Checkout", "touchpoints/checkout.md")]
    nl = build_nav(sample_playbook("nl"), RenderOptions(language="nl"))
    assert [s.title for s in nl] == ["Klantreizen", "Persona's", "Contactmomenten", "Bronnen", "Controle"]


# --------------------------------------------------------------------------- overrides, json, determinism


def test_user_templates_override_the_package_ones(tmp_path):
    (tmp_path / "sources.html").write_text("<h1>{{ page_title }}</h1>\n<p class=\"mine\">{{ sources|length }}</p>\n")
    pages = {p.src_uri: p for p in render_pages(sample_playbook(), RenderOptions(template_dirs=(str(tmp_path),)))}
    assert pages["sources/index.md"].html == '<h1>Sources</h1>\n<p class="mine">3</p>\n'
    assert "jb-checklist" in pages["touchpoints/index.md"].html


def test_playbook_json():
    text = render_playbook_json(sample_playbook())
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data["journeys"]["first-purchase"]["phases"][2]["steps"][1]["emotion"]["score"] == 2
    assert list(data) == sorted(data)
    assert text == render_playbook_json(sample_playbook())


_DIGEST = """
import hashlib, sys
sys.path[:0] = [{plugins!r}, {tests!r}]
from render_fixture import sample_playbook
from journeybook.render import RenderOptions, render_pages, render_playbook_json
from journeybook.render.nav import build_nav
h = hashlib.sha256()
for lang in ("en", "nl"):
    for p in render_pages(sample_playbook(lang), RenderOptions(language=lang)):
        h.update(repr(p).encode())
    h.update(repr(build_nav(sample_playbook(lang), RenderOptions(language=lang))).encode())
h.update(render_playbook_json(sample_playbook()).encode())
print(h.hexdigest())
print("mkdocs" in sys.modules)
html = b"".join(p.html.encode() for p in render_pages(sample_playbook(), RenderOptions()))
print(hashlib.sha256(html).hexdigest())
"""


def test_output_is_deterministic_across_hash_seeds():
    code = _DIGEST.format(plugins=str(ROOT / "plugins"), tests=str(ROOT / "tests"))
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1
    digest, mkdocs_loaded, fresh_html_digest = outputs.pop().split()
    assert mkdocs_loaded == "False", "the core renderer must not import mkdocs"
    # this process (another hash seed, many renders done before) gives the same bytes as a fresh one
    first = list(render_pages(sample_playbook(), RenderOptions()))
    assert hashlib.sha256(b"".join(p.html.encode() for p in first)).hexdigest() == fresh_html_digest
    assert first == render_pages(sample_playbook(), RenderOptions())


def test_forked_render_gives_the_same_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large playbooks render in worker processes; the pages are the same, byte for byte."""
    from journeybook.render import parallel, start_render

    playbook = sample_playbook("en")
    one = render_pages(playbook, RenderOptions())
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", 1)
    job = start_render(playbook, RenderOptions(), jobs=2)
    assert [o.src_uri for o in job.outline] == [p.src_uri for p in one]
    last = one[-1].src_uri
    assert job.get(last) == one[-1]  # one page, before the rest were asked for
    assert job.pages() == one
