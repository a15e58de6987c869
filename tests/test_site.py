"""The built sample site: every URL of the site spec, its hooks, search, edit links, links."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO
from html_tools import parse_file
from journeybook.read.project import Project
from journeybook.resolve import load


@pytest.fixture(scope="module")
def playbook():
    result = load(Project(root=REPO, site_name="x"))
    assert result.ok, [str(p) for p in result.problems]
    return result.playbook


def page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def test_every_spec_url_exists(sample_site: Path, playbook) -> None:
    urls = ["journeys/", "personas/", "touchpoints/", "sources/"]
    for jid, journey in playbook.journeys.items():
        urls.append(f"journeys/{jid}/")
        urls += [f"journeys/{jid}/{entry.phase}/" for entry in journey.phases]
    urls += [f"personas/{pid}/" for pid in playbook.personas]
    urls += [f"touchpoints/{tid}/" for tid in playbook.touchpoints]
    missing = [u for u in urls if not page(sample_site, u).is_file()]
    assert missing == []
    data = json.loads((sample_site / "playbook.json").read_text(encoding="utf-8"))
    assert sorted(data["journeys"]) == sorted(playbook.journeys)
    assert sorted(data["personas"]) == sorted(playbook.personas)


def test_checklist_hooks_on_touchpoint_page(sample_site: Path, playbook) -> None:
    for tid, touchpoint in playbook.touchpoints.items():
        html = parse_file(page(sample_site, f"touchpoints/{tid}/"))
        boxes = html.find("input", type="checkbox", data_jb_item=None)
        assert [b.attrs["data-jb-item"] for b in boxes] == [f"{tid}/{i.id}" for i in touchpoint.checklist]
        labels = {el.attrs.get("for"): el.text.strip() for el in html.find("label")}
        for box, item in zip(boxes, touchpoint.checklist, strict=True):
            assert labels[box.attrs["id"]] == item.text
        progress = html.find(data_jb_progress=tid)
        assert progress and progress[0].text.strip() == f"0/{len(touchpoint.checklist)}"


def test_phase_page_shows_its_touchpoints_with_checklists(sample_site: Path, playbook) -> None:
    journey = next(iter(playbook.journeys.values()))
    for entry in journey.phases:
        html = parse_file(page(sample_site, f"journeys/{journey.id}/{entry.phase}/"))
        shown = {el.attrs["data-jb-progress"] for el in html.find(data_jb_progress=None)}
        named = {use.ref for use in entry.touchpoints} | {ref for step in entry.steps for ref in step.touchpoints}
        assert shown == named
        if entry.moments_of_truth:
            assert html.has_class("jb-mot"), entry.phase


def test_emotion_curve_on_journey_map(sample_site: Path, playbook) -> None:
    for jid in playbook.journeys:
        html = parse_file(page(sample_site, f"journeys/{jid}/"))
        curves = [el for el in html.find("svg") if "jb-emotion-curve" in (el.attrs.get("class") or "")]
        assert curves, jid
        assert curves[0].attrs.get("role") == "img"
        assert html.find("title", id=curves[0].attrs["aria-labelledby"])


def test_search_index_finds_every_kind(sample_site: Path, playbook) -> None:
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    journey = next(iter(playbook.journeys.values()))
    touchpoint = next(iter(playbook.touchpoints.values()))
    persona = next(iter(playbook.personas.values()))
    assert f"journeys/{journey.id}/" in locations
    assert f"journeys/{journey.id}/{journey.phases[0].phase}/" in locations
    assert f"personas/{persona.id}/" in locations
    assert f"touchpoints/{touchpoint.id}/" in locations
    assert touchpoint.checklist[0].text in text


def test_edit_links_point_to_the_yaml(sample_site: Path, playbook) -> None:
    persona = next(iter(playbook.personas.values()))
    html = parse_file(page(sample_site, f"personas/{persona.id}/"))
    edits = [a.attrs["href"] for a in html.find("a") if "md-content__button" in (a.attrs.get("class") or "")]
    assert edits and edits[0].endswith(f"/{persona.source_path}")
    assert "/content/journeys/" not in edits[0]


def test_tabs_and_scoped_sidebar(sample_site: Path, playbook) -> None:
    journeys = list(playbook.journeys.values())
    html = parse_file(page(sample_site, f"journeys/{journeys[0].id}/{journeys[0].phases[0].phase}/"))
    tabs = [el.text.strip() for el in html.has_class("md-tabs__link")]
    for label in ("Journeys", "Personas", "Touchpoints", "Sources"):
        assert label in tabs
    sidebar_links = {a.attrs.get("href") for a in html.has_class("md-nav__link") if a.tag == "a"}
    for entry in journeys[0].phases[1:]:
        assert any(h and h.rstrip("/").endswith(entry.phase) for h in sidebar_links), entry.phase


def _internal_targets(site: Path, html_file: Path) -> list[tuple[str, Path, str]]:
    out = []
    for a in parse_file(html_file).find(href=None):
        href = a.attrs["href"] or ""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")) or a.tag not in ("a",):
            continue
        base = html_file.parent.relative_to(site).as_posix()
        target = (posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path
                  else html_file.relative_to(site).as_posix())
        path = site / target
        if path.is_dir():
            path = path / "index.html"
        out.append((href, path, parts.fragment))
    return out


def test_no_broken_internal_links_or_anchors(sample_site: Path) -> None:
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    for html_file in sorted(sample_site.rglob("*.html")):
        if html_file.name == "404.html":
            continue
        for href, target, fragment in _internal_targets(sample_site, html_file):
            if not target.exists():
                broken.append(f"{html_file.relative_to(sample_site)} -> {href}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids_cache:  # parse each page once, not once per link to it
                    ids_cache[target] = parse_file(target).ids
                ids = ids_cache[target]
                if unquote(fragment) not in ids:
                    broken.append(f"{html_file.relative_to(sample_site)} -> {href} (no anchor)")
    assert broken == []


def test_generated_pages_never_written_into_sources(sample_site: Path) -> None:
    project = sample_site.parent
    assert not (project / "content" / "journeys").exists()
    def names(folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir())

    assert names(project / "journeys") == names(REPO / "journeys")


def test_one_curve_line_per_persona_who_feels_differently(sample_site: Path, playbook) -> None:
    journey = next(j for j in playbook.journeys.values() if any(e.persona_emotions for e in j.phases))
    differing = {pid for e in journey.phases for pid in e.persona_emotions}
    html = parse_file(page(sample_site, f"journeys/{journey.id}/"))
    lines = [el for el in html.find("polyline") if "jb-curve__line" in (el.attrs.get("class") or "")]
    assert len(lines) == 1 + len(differing)
    persona = parse_file(page(sample_site, f"personas/{sorted(differing)[0]}/"))
    assert any("jb-emotion-curve" in (el.attrs.get("class") or "") for el in persona.find("svg"))


def test_generated_pages_carry_no_indents_or_blank_lines(sample_site: Path) -> None:
    """The theme's templates indent every line; journeybook's own pages are published without (a quarter
    of their bytes), the user's own pages as the theme wrote them."""
    phase = page(sample_site, "journeys/online-purchase/purchase").read_text(encoding="utf-8")
    lines = phase.strip("\n").split("\n")
    assert len(lines) > 300
    assert [line for line in lines if line[:1] in (" ", "\t") or not line.strip()][:3] == []
    assert "\n<nav class=\"md-nav\" data-md-level=\"1\"" in phase  # was indented by the theme
    about = (sample_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "\n      <meta charset=\"utf-8\">" in about
