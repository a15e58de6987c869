"""What the reader sees first: tab titles, citation marks, callouts, the persona card, journey cards.

Rendered from the fixed fixture (tests/render_fixture.py) or the built sample;
expected values are literals worked out from those fixtures.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from html_tools import article, roles_instead_of_native_elements
from journeybook.render import PageSpec, RenderOptions, render_pages
from journeybook.render.avatar import initials
from journeybook.render.titles import tab_title
from render_fixture import sample_playbook
from test_render import J, parse

SITE_NAME = "Customer Journey Playbook"  # the sample's mkdocs.yml


@pytest.fixture(scope="module")
def pages() -> dict[str, PageSpec]:
    return {p.src_uri: p for p in render_pages(sample_playbook(), RenderOptions())}


# --------------------------------------------------------------------------- <title>


def test_tab_title_keeps_a_title_that_fits():
    assert tab_title("Awareness – Buying a product online", SITE_NAME) == "Awareness – Buying a product online"


def test_tab_title_shortens_at_a_word_boundary():
    # 59 + 3 + 25 = 87 characters; 42 are left for the page part
    short = tab_title("Consideration – Choosing planning software for the business", SITE_NAME)
    assert short == "Consideration – Choosing planning…"


def test_tab_title_with_a_site_name_that_leaves_no_room_keeps_the_first_word():
    assert tab_title("Purchase – Buying a bike", "x" * 70) == "Purchase…"


def test_every_title_of_the_sample_is_short_and_ends_with_the_site_name(sample_site: Path):
    found = {}
    for path in sorted(sample_site.rglob("*.html")):
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        titles = re.findall(r"<title>(.*?)</title>", head, re.S)
        assert len(titles) == 1, path
        found[path.relative_to(sample_site).as_posix()] = html.unescape(titles[0])
    assert len(found) > 30
    too_long = {p: t for p, t in found.items() if len(t) > 70}
    assert too_long == {}
    assert [p for p, t in found.items() if not t.endswith(SITE_NAME)] == []
    assert found["journeys/business-software/consideration/index.html"] == (
        "Consideration – Choosing planning… - Customer Journey Playbook")
    assert found["index.html"] == "Home - Customer Journey Playbook"


GENERATED = ("journeys", "personas", "touchpoints", "sources", "review")  # journeybook's page folders


def test_no_role_stands_in_for_a_native_element_on_generated_pages(sample_site: Path):
    """html-validate's `prefer-native-element`: the map is a <section aria-label>, not a <div role="region">."""
    checked, found = [], {}
    for folder in GENERATED:
        for path in sorted((sample_site / folder).rglob("index.html")):
            name = path.relative_to(sample_site).as_posix()
            checked.append(name)
            found[name] = roles_instead_of_native_elements(article(path.read_text(encoding="utf-8")))
    assert {"journeys/online-purchase/index.html", "journeys/online-purchase/consideration/index.html",
            "personas/index.html", "touchpoints/index.html", "sources/index.html", "review/index.html"} <= set(checked)
    assert {name: roles for name, roles in found.items() if roles} == {}


# --------------------------------------------------------------------------- citations


def test_citation_mark_follows_the_item_text_with_claim_and_publisher(pages):
    dom = parse(pages["touchpoints/checkout.md"].html)
    item = dom.find("li", "jb-check", data_jb_priority="must")
    text = item.find("span", "jb-check__text")
    label, cites = [c for c in text.children if not isinstance(c, str)]
    assert label.tag == "label" and label.text() == "Offer guest checkout"
    mark = cites.find("sup", "jb-cite")
    link = mark.find("a")
    assert link.text() == "[1]" and link.attrs["href"] == "#jb-src-wait-times"
    assert "title" not in link.attrs  # the tooltip is the page's own text, not the browser's
    tip = mark.find("span", "jb-cite__tip")
    assert tip.attrs["role"] == "tooltip" and link.attrs["aria-describedby"] == tip.attrs["id"]
    assert tip.text() == "Almost 90% drop out when they have to wait long (Example Research, 2021)"


def test_citation_tooltips_stay_out_of_search(pages):
    # once, in the page's list of sources; not again as the tooltip of the item's mark
    assert pages["touchpoints/checkout.md"].search_html.count("Almost 90% drop out") == 1


# --------------------------------------------------------------------------- phase page


def test_pain_points_and_opportunities_are_marked_lists(pages):
    dom = parse(pages[f"{J}/consideration.md"].html)
    pain = dom.find("ul", "jb-pain-points")
    chance = dom.find("ul", "jb-opportunities")
    assert "jb-marked" in pain.classes and "jb-marked" in chance.classes
    assert [li.text() for li in pain.find_all("li")] == ["Too many options"]
    assert [li.text() for li in chance.find_all("li")] == ["Comparison table"]


def test_a_single_moment_of_truth_is_a_paragraph_in_the_callout(pages):
    dom = parse(pages[f"{J}/loyalty.md"].html)
    [callout] = dom.find_all("div", "jb-mot")
    assert [p.text() for p in callout.find_all("p")] == ["Second order"] and not callout.find_all("ul")


def test_moments_of_truth_share_one_callout(sample_site: Path):
    # the sample's online purchase has two moments of truth in its purchase phase
    page = (sample_site / "journeys" / "online-purchase" / "purchase" / "index.html").read_text(encoding="utf-8")
    article = page.split('<article', 1)[1]
    assert article.count('class="admonition jb-mot"') == 1
    callout = article.split('class="admonition jb-mot"', 1)[1].split("</div>", 1)[0]
    assert callout.count("<li>") == 2


# --------------------------------------------------------------------------- persona


def test_initials():
    assert [initials(n) for n in ("Henk Mulder", "Joris de Boer", "Cher", "  ", "(Anna) Bakker")] == [
        "HM", "JB", "C", "?", "B"]


def test_persona_card_has_initials_role_and_quote_first(pages):
    dom = parse(pages["personas/careful-senior.md"].html)
    card = dom.find("div", "jb-persona__card")
    mark = card.find("span", "jb-initials")
    assert mark.text() == "HJ" and "jb-initials--2" in mark.classes and mark.attrs["aria-hidden"] == "true"
    assert card.find("p", "jb-persona__role").text() == "Retired teacher"
    assert card.find("blockquote", "jb-quote").text() == "Explain it to me once, properly."
    first = parse(pages["personas/busy-parent.md"].html)
    assert "jb-initials--1" in first.find("span", "jb-initials").classes


def test_persona_goals_frustrations_and_needs_in_one_grid(pages):
    dom = parse(pages["personas/busy-parent.md"].html)
    grid = dom.find("div", "jb-persona__grid")
    boxes = grid.find_all("section", "jb-persona__box")
    assert [b.find("h2").text() for b in boxes] == ["Goals", "Frustrations", "Needs"]
    assert [h.text() for h in boxes[2].find_all("h3")] == ["Latent needs", "Concrete needs"]
    facts = dom.find("div", "jb-persona__card").find("dl", "jb-facts")
    assert [f.text() for f in facts.find_all("div", "jb-fact")] == ["Age38", "LocationUtrecht"]


# --------------------------------------------------------------------------- journeys overview


def test_journey_card_puts_the_summary_first_then_the_sparkline(pages):
    card = parse(pages["journeys/index.md"].html).find("li", "jb-card")
    order = [c.classes[0] if c.classes else c.tag for c in card.children if not isinstance(c, str)]
    assert order == ["jb-card__title", "jb-card__summary", "jb-card__spark", "jb-card__label", "jb-card__phases",
                     "jb-card__personas"]


def test_sparkline_spreads_steps_within_equal_phase_bands(pages):
    svg = parse(pages["journeys/index.md"].html).find("svg", "jb-spark")
    assert svg.attrs["viewbox"] == "0 0 120 36" and svg.attrs["role"] == "img"
    assert svg.find("polyline").attrs["points"] == "15.2,18 37.6,25 52.5,11 60,25 67.5,4 82.4,11 104.8,4"
    low = svg.find_all("circle", "jb-spark__point--low")
    assert [(c.attrs["cx"], c.attrs["cy"]) for c in low] == [("37.6", "25")]
    assert [line.attrs["x1"] for line in svg.find_all("line", "jb-spark__band")] == ["26.4", "48.8", "71.2", "93.6"]
    assert svg.find("title").text() == (
        "Emotion curve: First purchase: Awareness: neutral; Consideration: negative; "
        "Purchase: positive, negative, very positive; Service: positive; Loyalty: very positive")


def test_no_sidebar_that_lists_only_the_page_itself(sample_site: Path):
    def sidebar_hidden(url: str) -> bool:
        text = (sample_site / url / "index.html").read_text(encoding="utf-8")
        tag = re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', text)
        assert tag, url
        return tag.group(0).rstrip(">").split()[-1] == "hidden"

    assert sidebar_hidden("sources")  # the Sources tab holds one page
    assert sidebar_hidden("")  # the sample's home hides it in its front matter
    assert not sidebar_hidden("journeys")  # a tab with journeys under it keeps its sidebar
    assert not sidebar_hidden("personas")
