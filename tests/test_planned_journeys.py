"""Planned (future) journeys where journeys are listed: persona pages, touchpoint pages, the personas and
touchpoints overviews and the sources page mark them "Planned" and list today's journeys first; a client's
guide that selects a future without the journey it improves gets a warning. Literal expectations from the
sample (its planned journey is the online purchase without surprise costs) and from tiny projects."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import copy_sample, run
from helpers import minimal_project, problem_lines, project, run_cli
from html_tools import parse_file, parse_html
from journeybook.render import RenderCache, RenderOptions, render_pages
from journeybook.resolve import load

FUTURE_TITLE = "Buying a product online, without surprise costs"


def words(page: Path, cls: str) -> list[str]:
    return [" ".join(el.text.split()) for el in parse_file(page).has_class(cls)]


def journey_curve(page: Path, journey: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The legend and the points (shape, phase, score) of the curve under a journey's heading on a persona page."""
    elements = parse_file(page).elements
    start = next(i for i, el in enumerate(elements) if el.tag == "h3" and el.attrs.get("id") == f"jb-journey-{journey}")
    end = next((i for i, el in enumerate(elements) if i > start and el.tag == "h3"), len(elements))
    section = elements[start:end]  # a legend entry is an <li> whose first element is its key
    legend = [" ".join(el.text.split()) for el, key in zip(section[:-1], section[1:], strict=True)
              if el.tag == "li" and "jb-curve__key" in (key.attrs.get("class") or "").split()]
    points = [(el.tag, str(el.attrs["data-jb-phase"]), str(el.attrs["data-score"])) for el in section
              if "jb-curve__point" in (el.attrs.get("class") or "").split() and "data-jb-phase" in el.attrs]
    return legend, points


# --------------------------------------------------------------------------- persona pages


def test_a_persona_page_lists_todays_journeys_first_and_marks_the_planned_one(sample_site: Path) -> None:
    page = sample_site / "personas" / "busy-parent" / "index.html"
    titles = [" ".join(el.text.split()) for el in parse_file(page).find("h3") if el.attrs.get("id", "").startswith(
        "jb-journey-")]
    assert titles == ["Buying a product online", "Getting a faulty product repaired", FUTURE_TITLE]
    assert words(page, "jb-persona__state") == ["Planned Improves Buying a product online"]
    assert words(page, "jb-state") == ["Planned"]  # today's journeys carry no mark


def test_a_planned_journey_on_a_persona_page_draws_the_personas_today_beside_it(sample_site: Path) -> None:
    page = sample_site / "personas" / "careful-senior" / "index.html"
    legend, points = journey_curve(page, "online-purchase-no-surprises")
    assert legend == ["Planned", "Today: Buying a product online", "Moment of truth"]
    # today (drawn first, beneath): his own 2 and 4 in consideration and purchase, the steps elsewhere;
    # planned: his own 3 in consideration and 4 in purchase
    assert points == [
        ("rect", "awareness", "2"), ("rect", "consideration", "2"), ("rect", "purchase", "4"),
        ("rect", "service", "3"), ("rect", "service", "4"), ("rect", "service", "5"), ("rect", "service", "2"),
        ("rect", "service", "4"), ("rect", "loyalty", "4"),
        ("circle", "awareness", "2"), ("circle", "consideration", "3"), ("circle", "purchase", "4"),
        ("circle", "service", "4"), ("circle", "loyalty", "4"),
    ]
    # today's own journey keeps its one line, without a today line
    legend, points = journey_curve(page, "online-purchase")
    assert legend[0] == "Henk Mulder" and not [p for p in points if p[0] == "rect"]


def test_a_change_to_today_renders_the_planned_curve_again(tmp_path: Path) -> None:
    """``serve`` renders a persona page again when the journey its planned curve compares with changes."""
    root = minimal_project(tmp_path, {
        "journeys/personas/bob.yml": "name: Bob\nrole: Later buyer\n",
        "journeys/buy.yml": "title: Buying online\npersonas: [ann]\nphases:\n  purchase:\n    emotion: 2\n"
                            "    touchpoints: [checkout]\n",
        "journeys/buy-future.yml": "title: Buying later\npersonas: [bob]\nstate: future\nimproves: buy\n"
                                   "phases:\n  purchase:\n    emotion: 4\n    touchpoints: [checkout]\n",
    })
    cache = RenderCache()

    def today_on_bobs_page() -> list[str]:
        result = load(project(root))
        assert result.playbook is not None, [str(p) for p in result.problems]
        pages = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions(), cache)}
        return [str(el.attrs["data-score"]) for el in parse_html(pages["personas/bob.md"]).find("rect")
                if "data-jb-phase" in el.attrs]

    assert today_on_bobs_page() == ["2"]
    minimal_project(tmp_path, {"journeys/buy.yml": "title: Buying online\npersonas: [ann]\nphases:\n  purchase:\n"
                                                   "    emotion: 1\n    touchpoints: [checkout]\n"})
    assert today_on_bobs_page() == ["1"]


def test_the_personas_overview_marks_the_planned_journey(sample_site: Path) -> None:
    assert words(sample_site / "personas" / "index.html", "jb-card__journeys") == [
        "Journeys: Choosing planning software for the business",
        f"Journeys: Buying a product online, Getting a faulty product repaired, {FUTURE_TITLE} Planned",
        f"Journeys: Buying a product online, Getting a faulty product repaired, {FUTURE_TITLE} Planned",
        "Journeys: Choosing planning software for the business",
    ]


# --------------------------------------------------------------------------- touchpoint pages, sources


def test_a_touchpoint_page_lists_todays_uses_first_and_marks_the_planned_ones(sample_site: Path) -> None:
    assert words(sample_site / "touchpoints" / "ambassadors" / "index.html", "jb-used-in") == [
        "Choosing planning software for the business – Loyalty Buying a product online – Loyalty "
        f"Getting a faulty product repaired – Loyalty {FUTURE_TITLE} – Loyalty Planned"]
    assert words(sample_site / "touchpoints" / "delivery" / "index.html", "jb-used-in") == [  # with a note
        f"Buying a product online – Service {FUTURE_TITLE} – Consideration Planned The delivery promise (date and "
        f"time slot) is part of the offer. {FUTURE_TITLE} – Service Planned"]


def test_the_touchpoints_overview_marks_the_planned_journey(sample_site: Path) -> None:
    elements = parse_file(sample_site / "touchpoints" / "index.html").elements
    card = next(i for i, el in enumerate(elements) if el.attrs.get("data-jb-summary") == "ambassadors")
    used = next(el for el in elements[card:] if "jb-tp-card__used" in (el.attrs.get("class") or "").split())
    assert " ".join(used.text.split()) == (
        "Used in: Choosing planning software for the business (Loyalty); Buying a product online (Loyalty); "
        f"Getting a faulty product repaired (Loyalty); {FUTURE_TITLE} (Loyalty) Planned")


def test_the_sources_page_lists_the_planned_journeys_pages_after_todays(sample_site: Path) -> None:
    cited = words(sample_site / "sources" / "index.html", "jb-source__cited")
    assert cited[2] == (
        "Cited on: Purchase – Choosing planning software for the business, Consideration – Buying a product online, "
        "Purchase – Buying a product online, Service – Buying a product online, Service – Getting a faulty product "
        f"repaired, Purchase – {FUTURE_TITLE} Planned, Checkout and payment, Customer service by phone, Live chat and "
        "chatbot, Order confirmation and status updates")


@pytest.fixture(scope="module")
def dutch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_sample(tmp_path_factory.mktemp("planned-nl"))
    result = run(["journeybook", "build", "--client", "fietsbaas"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site" / "fietsbaas"


def test_the_dutch_guide_marks_planned_journeys_in_dutch(dutch: Path) -> None:
    page = dutch / "personas" / "busy-parent" / "index.html"
    assert words(page, "jb-persona__state") == ["Gepland Verbetert Online een product kopen"]
    assert words(dutch / "touchpoints" / "checkout" / "index.html", "jb-state") == ["Gepland"]


# --------------------------------------------------------------------------- a guide's selection

FUTURE_ONLY = {
    "journeys/buy-future.yml": "title: Buying online, without surprises\npersonas: [ann]\nstate: future\n"
                               "improves: buy\nphases:\n  purchase:\n    touchpoints: [checkout]\n",
    "clients/acme/client.yml": "name: Acme\njourneys:\n  - buy-future\n",
    "clients/acme/mkdocs.yml": "INHERIT: ../../mkdocs.yml\ndocs_dir: ../../content\nsite_dir: ../../site/acme\n",
}
WARNING = ("clients/acme/client.yml:3:5: warning: the future journey 'buy-future' improves 'buy', which this guide "
           "does not select, so the guide shows it as planned without comparing it to today; add 'buy' to 'journeys'")


def test_validate_client_warns_of_a_future_without_its_today(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, FUTURE_ONLY)
    proc = run_cli("validate", "--client", "acme", root)
    assert (proc.returncode, problem_lines(proc.stdout), proc.stdout.splitlines()[-1]) == (
        0, [WARNING], "0 errors, 1 warning.")
    assert run_cli("validate", "--strict", "--client", "acme", root).returncode == 1
    minimal_project(tmp_path, {"clients/acme/client.yml": "name: Acme\njourneys:\n  - buy-future\n  - buy\n"})
    assert run_cli("validate", "--client", "acme", root).stdout == "No problems found.\n"


def test_that_guide_shows_the_planned_journey_without_today(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, FUTURE_ONLY)
    result = load(dataclasses.replace(project(root), client="acme"))
    assert result.playbook is not None, [str(p) for p in result.problems]
    pages = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions())}
    persona = parse_html(pages["personas/ann.md"])
    assert [" ".join(el.text.split()) for el in persona.has_class("jb-persona__state")] == ["Planned"]
    assert not persona.has_class("jb-curve__series--today")
    used = parse_html(pages["touchpoints/checkout.md"]).has_class("jb-used-in")
    assert [" ".join(el.text.split()) for el in used] == ["Buying online, without surprises – Purchase Planned"]


def test_the_build_of_that_guide_warns_too(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, FUTURE_ONLY)
    result = run(["mkdocs", "build", "-f", "clients/acme/mkdocs.yml"], root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"WARNING -  journeybook: {WARNING}" in result.stdout + result.stderr
    refused = run(["journeybook", "build", "--strict", "--client", "acme"], root)
    assert refused.returncode == 1
    assert refused.stdout.splitlines()[:2] == [WARNING, "0 errors, 1 warning."]
