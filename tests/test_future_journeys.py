"""Current and future journeys as built: the journeys index, the future map beside today's, phase pages,
playbook.json, and the Dutch guide; literal expectations from the sample's checkout without surprise costs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from conftest import copy_sample, run
from helpers import minimal_project, project
from html_tools import parse_file
from journeybook.render import RenderOptions, render_pages
from journeybook.resolve import load

FUTURE = "online-purchase-no-surprises"


def text(page: Path) -> str:
    return " ".join(page.read_text(encoding="utf-8").split())


def words(page: Path, cls: str) -> list[str]:
    return [" ".join(el.text.split()) for el in parse_file(page).has_class(cls)]


def test_the_index_pairs_each_future_with_today(sample_site: Path) -> None:
    page = sample_site / "journeys" / "index.html"
    titles = [el.text.strip() for el in parse_file(page).has_class("jb-card__title")]
    # a journey with planned versions and those first (a row of their own at desk width), then the others
    assert titles == ["Buying a product online", "Buying a product online, without surprise costs",
                      "Choosing planning software for the business", "Getting a faulty product repaired"]
    assert words(page, "jb-card__state") == ["Today", "Planned Improves Buying a product online", "Today", "Today"]
    cards = [el.attrs["class"] for el in parse_file(page).has_class("jb-card")]
    assert [c for c in cards if "jb-card--has-futures" in c] == [cards[0]]
    assert words(page, "jb-card__futures") == ["Planned versions: Buying a product online, without surprise costs"]


def test_the_future_map_draws_today_beside_it(sample_site: Path) -> None:
    page = sample_site / "journeys" / FUTURE / "index.html"
    html = parse_file(page)
    svg = html.find("svg", role="img")[0]
    assert svg.attrs["class"] == "jb-emotion-curve"
    legend = words(page, "jb-curve__legend")[0]
    assert legend.startswith("Planned Henk Mulder Today: Buying a product online")
    today = [el for el in html.has_class("jb-curve__point--today") if "data-jb-phase" in el.attrs]  # not the key
    # today's points: one per phase, or per step where the steps carry an emotion (purchase 4, service 5)
    assert [el.attrs["data-score"] for el in today] == ["2", "3", "4", "1", "3", "4", "3", "4", "5", "2", "4", "4"]
    assert html.has_class("jb-curve__line--today")
    assert words(page, "jb-state") == ["Planned"]
    assert html.find("a", href="../online-purchase/")


def test_the_future_map_says_what_changes_per_phase(sample_site: Path) -> None:
    page = sample_site / "journeys" / FUTURE / "index.html"
    said = [" ".join(el.text.split()) for el in parse_file(page).has_class("jb-map__cell--changes")]
    assert said[2] == (
        "What changes ▲ Emotion up by 1 (from 3 to 4 of 5) Pain points that go away: "
        "Shipping costs that appear only at the payment step A delivery time that turns out to be too long at the "
        "checkout Touchpoints dropped: Live chat and chatbot This phase today")
    assert said[1].startswith("What changes ▲ Emotion up by 1 (from 3 to 4 of 5)")
    assert "Touchpoints added: Delivery and installation" in said[1]
    assert said[3].startswith("What changes = Emotion unchanged (still 4 of 5)")
    # the current journey's map names its planned version, and has no changes row
    current = sample_site / "journeys" / "online-purchase" / "index.html"
    assert not parse_file(current).has_class("jb-map__cell--changes")
    assert "Planned versions Buying a product online, without surprise costs" in " ".join(
        words(current, "jb-facts"))


def test_a_future_phase_links_to_the_same_phase_today(sample_site: Path) -> None:
    page = sample_site / "journeys" / FUTURE / "purchase" / "index.html"
    link = parse_file(page).has_class("jb-phase-today")
    assert " ".join(link[0].text.split()) == "Planned Purchase today, in Buying a product online"
    assert parse_file(page).find("a", href="../../online-purchase/purchase/")
    assert not parse_file(sample_site / "journeys" / "online-purchase" / "purchase" / "index.html").has_class(
        "jb-phase-today")


def test_playbook_json_carries_state_and_improves(sample_site: Path) -> None:
    data = json.loads((sample_site / "playbook.json").read_text(encoding="utf-8"))
    assert (data["journeys"][FUTURE]["state"], data["journeys"][FUTURE]["improves"]) == ("future", "online-purchase")
    assert (data["journeys"]["online-purchase"]["state"], data["journeys"]["online-purchase"]["improves"]) == (
        "current", None)


@pytest.fixture(scope="module")
def dutch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_sample(tmp_path_factory.mktemp("future-nl"))
    result = run(["journeybook", "build", "--client", "fietsbaas"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site" / "fietsbaas"


def test_the_dutch_guide_shows_the_future_in_dutch(dutch: Path) -> None:
    page = dutch / "journeys" / FUTURE / "index.html"
    said = text(page)
    assert "Online een product kopen, zonder verrassende kosten" in said
    assert "Verzendkosten die pas bij de betaalstap verschijnen" in said  # today's pain point that goes away
    assert "without surprise costs" not in said and "Shipping costs that appear" not in said
    assert words(page, "jb-state") == ["Gepland"]
    assert "Nu: Online een product kopen" in words(page, "jb-curve__legend")[0]
    assert words(dutch / "journeys" / "index.html", "jb-card__futures") == [
        "Geplande versies: Online een product kopen, zonder verrassende kosten"]
    assert parse_file(dutch / "personas" / "matrix" / "index.html").find("h1")[0].text.strip() == (
        "Persona's × contactmomenten")


def test_a_guide_with_the_future_but_not_today_shows_it_without_a_comparison(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {
        "journeys/buy-later.yml": "title: Buying later\npersonas: [ann]\nstate: future\nimproves: buy\n"
                                  "phases:\n  purchase:\n    emotion: 4\n    touchpoints: [checkout]\n",
        "clients/acme/client.yml": "name: Acme\njourneys: [buy-later]\n",
    })
    result = load(dataclasses.replace(project(root), client="acme"))
    assert result.ok and result.playbook is not None, [str(p) for p in result.problems]
    pages = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions())}
    assert sorted(result.playbook.journeys) == ["buy-later"]
    journey_map = pages["journeys/buy-later/index.md"]
    assert "jb-curve__series--today" not in journey_map and "jb-map__cell--changes" not in journey_map
    assert "Planned" in journey_map and "Improves" not in journey_map
    assert "jb-phase-today" not in pages["journeys/buy-later/purchase.md"]
    assert "Improves" not in pages["journeys/index.md"]
