"""`journeybook build --engine zensical`: the sample and both client guides built by Zensical (issue 21).

Real builds: the sample is built once per session with each engine
(`journeybook build --all-clients`, MkDocs and Zensical) and the two sites are
compared; expected values are literals from the sample.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import copy_sample, run
from helpers import problem_lines
from html_tools import parse_file
from test_site import _internal_targets

EDIT = "https://github.com/journeybook/journeybook/edit/main/"
PHASE = "journeys/online-purchase/awareness/index.html"
_EDIT_LINK = re.compile(r'href="([^"]+)"[^>]*rel="edit"')


def _build(project: Path, *args: str) -> None:
    result = run(["journeybook", "build", "--all-clients", "--jobs", "1", *args], project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def zensical_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample (and its guides) built with `journeybook build --engine zensical --all-clients`."""
    project = copy_sample(tmp_path_factory.mktemp("zensical"))
    _build(project, "--engine", "zensical")
    return project


@pytest.fixture(scope="session")
def zensical_site(zensical_project: Path) -> Path:
    return zensical_project / "site"


@pytest.fixture(scope="session")
def mkdocs_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same sample and guides built with MkDocs (`journeybook build --all-clients`)."""
    project = copy_sample(tmp_path_factory.mktemp("mkdocs-all"))
    _build(project)
    return project / "site"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _edit_links(site: Path) -> dict[str, list[str]]:
    return {page: _EDIT_LINK.findall((site / page).read_text(encoding="utf-8")) for page in sorted(_pages(site))}


def test_same_urls_as_mkdocs(zensical_site: Path, mkdocs_all: Path) -> None:
    pages = _pages(zensical_site)
    assert pages == _pages(mkdocs_all)
    assert len(pages) == 147  # the base site and both guides (with the future journey, the matrix and /kpis/)
    for page in (PHASE, "fietsbaas/" + PHASE, "acme-outdoor/personas/index.html", "touchpoints/index.html"):
        assert page in pages


def test_no_broken_internal_links_or_anchors(zensical_site: Path) -> None:
    broken, links = [], 0
    ids: dict[Path, set[str]] = {}
    for html_file in sorted(zensical_site.rglob("*.html")):
        if html_file.name == "404.html":
            continue
        for href, target, fragment in _internal_targets(zensical_site, html_file):
            links += 1
            if not target.exists():
                broken.append(f"{html_file.relative_to(zensical_site)} -> {href}")
            elif fragment and target.suffix == ".html":
                ids.setdefault(target, parse_file(target).ids)
                if fragment not in ids[target]:
                    broken.append(f"{html_file.relative_to(zensical_site)} -> {href} (no anchor)")
    assert broken == []
    assert links > 1000


def test_edit_links_go_to_the_yaml_as_on_mkdocs(zensical_site: Path, mkdocs_all: Path) -> None:
    links = _edit_links(zensical_site)
    assert links[PHASE] == [EDIT + "journeys/online-purchase.yml"]
    assert links["personas/busy-parent/index.html"] == [EDIT + "journeys/personas/busy-parent.yml"]
    assert links["about/index.html"] == [EDIT + "content/about.md"]
    assert links["fietsbaas/index.html"] == [EDIT + "clients/fietsbaas/content/index.md"]
    assert links == _edit_links(mkdocs_all)


def _toc(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    secondary = text[text.index('md-nav--secondary'):]
    secondary = secondary[:secondary.index('<div class="md-content"')]
    return re.findall(r'href="#([^"]+)"', secondary)


def test_table_of_contents_on_generated_pages(zensical_site: Path) -> None:
    assert _toc(zensical_site / PHASE)[:6] == [
        "what-the-customer-does", "what-the-customer-asks", "moments-of-truth", "touchpoints",
        "jb-cl-search-engine-optimisation", "jb-cl-search-advertising"]
    generated = [p for p in zensical_site.glob("*/**/index.html")
                 if p.relative_to(zensical_site).parts[0] in ("journeys", "personas", "touchpoints", "sources")]
    assert len(generated) > 30
    for page in generated:
        heading_ids = re.findall(r'<h2 id="([^"]+)"', page.read_text(encoding="utf-8"))
        if heading_ids and "touchpoints/index.html" not in page.as_posix() and not re.search(
                r"journeys/[^/]+/index.html$", page.as_posix()):  # (these two hide the toc, as on MkDocs)
            assert set(heading_ids) <= set(_toc(page)), page


def test_search_finds_the_playbook_not_the_checklist_controls(zensical_site: Path) -> None:
    items = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"]
    locations = {item["location"] for item in items}
    for location in ("journeys/", "journeys/online-purchase/", "journeys/online-purchase/awareness/",
                     "personas/busy-parent/", "touchpoints/search-engine-optimisation/"):
        assert location in locations
    text = " ".join(item["text"] + " " + item["title"] for item in items)
    assert "Research what your audience searches for, per topic and per period" in text  # a checklist item
    # the sources page's back-links ("Cited on: ...") would put a 2000-page playbook's sources over Zensical's
    # limit of 32768 token positions per search field; the pages they name are indexed themselves
    for control in ("Export CSV", "Checklist actions", "Undo", "Cited on"):
        assert control not in text
    assert not re.search(r"(?<![\d.:])0/\d", text)  # a checklist's counter ("0/5")


def test_playbook_json_is_the_same_as_on_mkdocs(zensical_site: Path, mkdocs_all: Path) -> None:
    for guide in ("", "fietsbaas/", "acme-outdoor/"):
        assert (zensical_site / guide / "playbook.json").read_bytes() == (
            mkdocs_all / guide / "playbook.json").read_bytes()


def test_guides_in_their_language_and_brand(zensical_site: Path) -> None:
    home = (zensical_site / "fietsbaas/index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home
    assert "assets/journeybook/client.css" in home and "assets/journeybook/client-logo.svg" in home
    phase = (zensical_site / "fietsbaas" / PHASE).read_text(encoding="utf-8")
    assert "<title>Bewustzijn – Online een product kopen - Fietsbaas</title>" in phase
    assert 'data-jb-scope="https://example.org/playbook/|fietsbaas"' in phase
    assert not (zensical_site / "fietsbaas/for-editors").exists()  # base_only: the editors' pages stay out


def test_nothing_written_into_the_sources_and_no_staging_left(zensical_project: Path) -> None:
    assert sorted(p.name for p in (zensical_project / "content").iterdir()) == ["about.md", "for-editors", "index.md"]
    assert not (zensical_project / "journeys" / "index.md").exists()
    assert [p.name for p in zensical_project.iterdir() if p.name.startswith(".")] == []


def test_a_failed_build_leaves_the_old_site(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    for client in ("fietsbaas", "acme-outdoor"):
        shutil.rmtree(project / "clients" / client)
    ok = run(["journeybook", "build", "--engine", "zensical"], project)
    assert ok.returncode == 0, ok.stderr
    before = (project / "site" / PHASE).read_bytes()
    persona = project / "journeys/personas/busy-parent.yml"
    persona.write_text(persona.read_text(encoding="utf-8").replace("name:", "nmae:", 1), encoding="utf-8")

    failed = run(["journeybook", "build", "--engine", "zensical"], project)

    assert failed.returncode == 1
    assert problem_lines(failed.stdout) == [
        "journeys/personas/busy-parent.yml:3:1: error: missing required key 'name'",
        "journeys/personas/busy-parent.yml:3:1: error: unknown key 'nmae' (did you mean 'name'?)"]
    assert "the base playbook and its guides not built" in failed.stderr
    assert (project / "site" / PHASE).read_bytes() == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    (project / "journeys/personas/loner.yml").write_text("name: Loner\nrole: Nobody's\n", encoding="utf-8")
    warned = run(["journeybook", "build", "--engine", "zensical", "--strict"], project)
    assert warned.returncode == 1
    assert "journeys/personas/loner.yml:1:1: warning: persona 'loner' is not in any journey" in warned.stdout
    assert not (project / "site").exists()


def test_toc_extension_fills_the_tokens_zensical_reads() -> None:
    from journeybook.engines.zensical.toc import toc_line

    md = markdown.Markdown(extensions=["toc", "journeybook.engines.zensical.toc"])
    line = toc_line(((2, "a", "A & B"), (3, "a-1", "One"), (2, "b", "B--C")))
    html = md.convert(f"{line}\n<div>\n<h2 id=\"a\">A</h2>\n</div>\n")
    assert "journeybook-toc" not in html
    assert md.toc_tokens == [  # type: ignore[attr-defined]
        {"level": 2, "id": "a", "name": "A &amp; B", "html": "A &amp; B", "data-toc-label": "", "children": [
            {"level": 3, "id": "a-1", "name": "One", "html": "One", "data-toc-label": "", "children": []}]},
        {"level": 2, "id": "b", "name": "B--C", "html": "B--C", "data-toc-label": "", "children": []}]
    plain = markdown.Markdown(extensions=["toc", "journeybook.engines.zensical.toc"])
    plain.convert("## Own heading\n")
    assert [t["id"] for t in plain.toc_tokens] == ["own-heading"]  # type: ignore[attr-defined]


def test_two_builds_are_byte_identical(zensical_project: Path) -> None:
    again = run(["journeybook", "build", "--engine", "zensical", "--site-dir", "site-again"], zensical_project)
    assert again.returncode == 0, again.stderr
    first, second = zensical_project / "site", zensical_project / "site-again"
    try:
        files = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
        assert len(files) > 50  # the base site (its guides were built once)
        assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []
    finally:
        shutil.rmtree(second)


def test_without_a_usable_zensical_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from journeybook.cli import main

    project = copy_sample(tmp_path / "p")
    monkeypatch.chdir(project)
    find_spec = importlib.util.find_spec  # Zensical is installed here: the engine is told it is not
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *rest: None if name == "zensical" else find_spec(name, *rest))
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--engine", "zensical"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        'journeybook: error: the zensical engine needs Zensical: pip install "journeybook[zensical]"\n')
    assert not (project / "site").exists()


def test_serves_unlinking_skips_what_it_cannot_read_and_what_is_still_being_written(tmp_path: Path) -> None:
    """Under `serve`, the poll that turns links to left-out pages into text never ends the preview and never
    leaves half a page: a page it cannot read is looked at again later, one just written waits a poll."""
    import os
    import time

    from journeybook.engines.common.links import LeftOut
    from journeybook.engines.zensical.build import unlink_left_out

    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    link = '<p>See <a href="../about/">how it is kept</a>.</p>'
    settled, broken, fresh = site / "guide/index.html", site / "broken.html", site / "index.html"
    settled.write_text(link, encoding="utf-8")
    broken.write_bytes(b"<p>\xff\xfe half a page")
    long_ago = time.time() - 60
    for path in (settled, broken):
        os.utime(path, (long_ago, long_ago))
    fresh.write_text(link.replace("../about/", "about/"), encoding="utf-8")  # written just now

    done: dict[Path, int] = {}
    unlink_left_out(site, LeftOut(["about/"]), done)
    assert settled.read_text(encoding="utf-8") == "<p>See how it is kept.</p>"
    assert fresh.read_text(encoding="utf-8") == '<p>See <a href="about/">how it is kept</a>.</p>'  # next poll
    assert broken.read_bytes() == b"<p>\xff\xfe half a page"
    assert sorted(done) == [settled]
    assert sorted(p.name for p in site.rglob("*")) == ["broken.html", "guide", "index.html", "index.html"]
    with pytest.raises(UnicodeDecodeError):  # a build has nothing to wait for: it fails instead
        unlink_left_out(site, LeftOut(["about/"]))
