"""Agency guides: one base playbook, an overlay per client, all built in one command."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_sample, run
from helpers import run_cli, spy_on
from html_tools import Parsed, article, parse_file, roles_instead_of_native_elements
from test_build import digest


@pytest.fixture(scope="module")
def all_clients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real `journeybook build` in its own process: MkDocs and parallel build workers stay out of pytest's."""
    project = copy_sample(tmp_path_factory.mktemp("agency"))
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def scope_of(html_file: Path) -> str:
    scopes = {el.attrs["data-jb-scope"] for el in parse_file(html_file).find(data_jb_scope=None)}
    assert len(scopes) == 1
    return scopes.pop()


def test_every_client_builds_beside_the_base(all_clients: Path) -> None:
    assert (all_clients / "index.html").is_file()
    for client in ("acme-outdoor", "fietsbaas"):
        assert (all_clients / client / "journeys" / "index.html").is_file()


def test_brand_name_and_variables(all_clients: Path) -> None:
    html = (all_clients / "acme-outdoor" / "journeys" / "online-purchase" / "index.html").read_text(encoding="utf-8")
    assert "<title>Buying outdoor gear at Acme Outdoor - Acme Outdoor</title>" in html
    assert "Free shipping from €50" in html
    assert "{{" not in html


def test_journey_selection(all_clients: Path) -> None:
    data = json.loads((all_clients / "acme-outdoor" / "playbook.json").read_text(encoding="utf-8"))
    assert sorted(data["journeys"]) == ["online-purchase", "repair-request"]
    assert not (all_clients / "acme-outdoor" / "journeys" / "business-software").exists()
    assert (all_clients / "journeys" / "business-software" / "index.html").is_file()


def test_dutch_client_gets_dutch_labels_logo_and_colours(all_clients: Path) -> None:
    site = all_clients / "fietsbaas"
    html = parse_file(site / "journeys" / "index.html")
    assert html.find("html", lang="nl")
    tabs = [el.text.strip() for el in html.has_class("md-tabs__link")]
    assert "Klantreizen" in tabs and "Bronnen" in tabs
    assert (site / "assets" / "journeybook" / "client-logo.svg").is_file()
    css = (site / "assets" / "journeybook" / "client.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #c62828;" in css
    assert (site / "journeys" / "e-bike-kopen" / "index.html").is_file()


def test_guide_titles_are_short_and_no_role_stands_in_for_a_native_element(all_clients: Path) -> None:
    """html-validate's `long-title` and `prefer-native-element` over every page of both guides."""
    long_titles, roles = {}, {}
    for client in ("acme-outdoor", "fietsbaas"):
        for path in sorted((all_clients / client).rglob("*.html")):
            name = path.relative_to(all_clients).as_posix()
            text = path.read_text(encoding="utf-8")
            title = re.search(r"<title>(.*?)</title>", text, re.S)
            if title is None or len(html.unescape(title.group(1))) > 70:
                long_titles[name] = title and html.unescape(title.group(1))
            if found := roles_instead_of_native_elements(article(text)):
                roles[name] = found
    assert long_titles == {} and roles == {}
    assert "Aankoop – Een e-bike kopen - Fietsbaas" in (
        all_clients / "fietsbaas" / "journeys" / "e-bike-kopen" / "purchase" / "index.html").read_text(encoding="utf-8")

def test_ticks_are_scoped_per_client(all_clients: Path) -> None:
    base = scope_of(all_clients / "touchpoints" / "checkout" / "index.html")
    acme = scope_of(all_clients / "acme-outdoor" / "touchpoints" / "checkout" / "index.html")
    assert base != acme


def test_client_mkdocs_yml_builds_that_client(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    result = run(["mkdocs", "build", "-q", "-f", "clients/acme-outdoor/mkdocs.yml"], project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "acme-outdoor" / "touchpoints" / "checkout" / "index.html").read_text(encoding="utf-8")
    assert "- Acme Outdoor</title>" in html


def test_unknown_brand_variable_is_a_located_error(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    overlay = project / "clients" / "acme-outdoor" / "journeys" / "online-purchase.yml"
    overlay.write_text('title: "Buying at {{ brand.nmae }}"\n', encoding="utf-8")
    result = run_cli("validate", "--client", "acme-outdoor", cwd=project)
    assert result.returncode == 1
    line = next(ln for ln in result.stdout.splitlines() if "nmae" in ln)
    assert line.startswith("clients/acme-outdoor/journeys/online-purchase.yml:1:8: error:")
    build = run_cli("build", "--all-clients", cwd=project)  # that guide stops at the check; the others are built
    assert build.returncode == 1
    assert not (project / "site" / "acme-outdoor").exists()
    assert (project / "site" / "fietsbaas" / "index.html").is_file()


def test_client_content_pages_replace_the_base_pages(all_clients: Path) -> None:
    """clients/<id>/content/ holds that guide's own Markdown pages (here: a Dutch home page)."""
    home = parse_file(all_clients / "fietsbaas" / "index.html")
    assert any(el.text.strip().startswith("Klantreizen van Fietsbaas") for el in home.find("h1"))
    base = parse_file(all_clients / "index.html")
    assert not any("Fietsbaas" in el.text for el in base.find("h1"))
    acme = parse_file(all_clients / "acme-outdoor" / "index.html")
    def headings(html: Parsed) -> list[str]:
        return [" ".join(el.text.split()) for el in html.find("h1")]

    assert headings(acme) == headings(base)


def test_guides_leave_out_the_base_only_pages_and_the_review_page(all_clients: Path) -> None:
    # the sample's `base_only: [about.md, for-editors/]`; its owners and review dates make a review page
    for page in ("about/index.html", "for-editors/index.html", "for-editors/reference/index.html",
                 "review/index.html"):
        assert (all_clients / page).is_file(), page
        assert not (all_clients / "acme-outdoor" / page).exists(), page
    assert not (all_clients / "fietsbaas" / "for-editors").exists()
    assert not (all_clients / "fietsbaas" / "review").exists()
    own = parse_file(all_clients / "fietsbaas" / "about" / "index.html")  # the client's own about.md stays
    assert own.find("h1")[0].text.strip().rstrip("¶") == "Over dit draaiboek"
    home = parse_file(all_clients / "acme-outdoor" / "index.html")  # the base home page, shared
    assert [el.text.strip() for el in home.has_class("md-tabs__link")] == [
        "Home", "Journeys", "Personas", "Touchpoints", "Sources"]
    # its links to the pages the guide leaves out became their text; the others stay links
    links = {el.attrs["href"] for el in home.find("a") if "href" in el.attrs}
    assert not {href for href in links if "about" in href or "for-editors" in href}
    assert {"journeys/", "journeys/online-purchase/", "personas/", "sources/"} <= links
    text = (all_clients / "acme-outdoor" / "index.html").read_text(encoding="utf-8")
    assert "see how this playbook is maintained." in text and "the editors' guide</a>" not in text
    assert "the editors' guide" in text


def test_one_command_reads_each_file_and_compiles_each_template_once(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`build --all-clients` checks and builds every site from one read of the base (spies, not mocks)."""
    import jinja2

    from journeybook.read import files

    project = copy_sample(tmp_path / "agency")
    reads = spy_on(monkeypatch, files, "_read_document",
                   lambda path, *args, **kwargs: Path(path).relative_to(project).as_posix())
    compiled = spy_on(monkeypatch, jinja2.Environment, "compile",
                      lambda self, source, name=None, *args, **kwargs: str(name))
    result = run_cli("build", "--all-clients", "--jobs", "1", cwd=project, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("Built the playbook, acme-outdoor, fietsbaas into site")
    # three sites, each checked and built: every file read once
    assert reads.count("journeys/playbook.yml") == 1
    assert reads.count("journeys/personas/busy-parent.yml") == 1
    assert reads.count("journeys/personas/busy-parent.nl.yml") == 1  # the Dutch guide's translation
    assert reads.count("clients/fietsbaas/client.yml") == 1
    assert sorted(set(reads)) == sorted(reads)
    # Material's page template and journeybook's phase page compiled once for the three sites
    assert compiled.count("main.html") == 1
    assert compiled.count("partials/nav.html") == 1
    assert compiled.count("phase.html") == 1


def _dutch_twin(project: Path) -> Path:
    """A second Dutch client, `fietsmaat`: the sample's `fietsbaas` under another name and colour."""
    import shutil

    twin = project / "clients" / "fietsmaat"
    shutil.copytree(project / "clients" / "fietsbaas", twin)
    (twin / "mkdocs.yml").unlink()
    client = twin / "client.yml"
    client.write_text(client.read_text(encoding="utf-8").replace("name: Fietsbaas", "name: Fietsmaat")
                      .replace('primary: "#c62828"', 'primary: "#2e7d32"'), encoding="utf-8")
    return project


def test_guides_in_one_language_share_their_translations_and_stay_their_own(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Two Dutch guides built by one command translate each base file once, and the second comes out byte
    for byte as when it is the only Dutch guide."""
    import shutil

    from journeybook.translation import translate

    project = _dutch_twin(copy_sample(tmp_path / "agency"))
    applied = spy_on(monkeypatch, translate, "apply", lambda base, *args, **kwargs: base.path)
    result = run_cli("build", "--all-clients", "--jobs", "1", cwd=project, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert applied.count("journeys/personas/busy-parent.yml") == 1  # for both Dutch guides
    assert applied.count("journeys/playbook.yml") == 1
    monkeypatch.undo()

    alone = _dutch_twin(copy_sample(tmp_path / "alone"))
    shutil.rmtree(alone / "clients" / "fietsbaas")
    result = run_cli("build", "--all-clients", "--jobs", "1", cwd=alone, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr

    assert "Fietsmaat" in (project / "site" / "fietsmaat" / "index.html").read_text(encoding="utf-8")
    assert digest(project / "site" / "fietsmaat") == digest(alone / "site" / "fietsmaat")


def test_a_guide_after_one_in_another_language_checks_only_its_own_files(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The builds of one command keep the base's per-file checks while guides switch languages (a Dutch guide,
    then an English one): the English guide checks its client's files and the base files they change, not the
    whole base again (a spy)."""
    from journeybook import resolve
    from journeybook.read.project import Project
    from journeybook.session import Batch, Session

    project = copy_sample(tmp_path / "agency")
    checked = spy_on(monkeypatch, resolve, "doc_facts", lambda doc, kind: doc.path)
    batch = Batch()
    for client in (None, "fietsbaas"):
        assert not Session(Project(project, client=client), batch=batch).load()[0].problems
    assert "journeys/personas/busy-parent.yml" in checked  # the base's, then the Dutch guide's translation
    checked.clear()
    assert not Session(Project(project, client="acme-outdoor"), batch=batch).load()[0].problems
    overlaid = {"journeys/touchpoints/checkout.yml", "journeys/online-purchase.yml"}  # by its clients/…/journeys/
    assert set(checked) == {"clients/acme-outdoor/client.yml", *overlaid}, checked


def test_a_second_guide_in_one_language_finds_its_untranslated_texts_as_the_first_did(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two Dutch guides loaded by one command: the second looks for base texts in another language in no base
    file again (a spy), and finds what it finds when it is loaded alone."""
    from journeybook.read.project import Project
    from journeybook.session import Batch, Session
    from journeybook.translation import coverage

    project = _dutch_twin(copy_sample(tmp_path / "agency"))
    (project / "journeys" / "touchpoints" / "delivery.nl.yml").unlink()  # so that some texts stay English
    alone = Session(Project(project, client="fietsmaat"), batch=Batch()).load()[0]
    assert [t.source for t in alone.texts if not t.translated] == ["journeys/touchpoints/delivery.yml"] * 16

    looked_in = spy_on(monkeypatch, coverage, "census", lambda kind, doc_id, doc, *args: doc.path)
    batch = Batch()
    Session(Project(project, client="fietsbaas"), batch=batch).load()
    assert "journeys/touchpoints/delivery.yml" in looked_in
    looked_in.clear()
    second = Session(Project(project, client="fietsmaat"), batch=batch).load()[0]
    assert not [path for path in looked_in if path.startswith("journeys/")], looked_in
    assert second.texts == alone.texts and second.problems == alone.problems


def test_a_guide_is_loaded_again_when_its_own_client_changes_not_another(tmp_path: Path) -> None:
    """A guide reads the base and its own client's folder: an edit in another client's folder leaves its load as
    it was (an agency's guides do not stat each other's files), an edit in its own makes a new one."""
    from journeybook.read.project import Project
    from journeybook.session import Session

    project = copy_sample(tmp_path / "agency")
    session = Session(Project(project, client="fietsbaas"))
    assert session.load()[1]
    other = project / "clients" / "acme-outdoor" / "client.yml"
    other.write_text(other.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert not session.load()[1]
    own = project / "clients" / "fietsbaas" / "client.yml"
    own.write_text(own.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert session.load()[1]


def test_an_unknown_clients_load_watches_every_client_folder(tmp_path: Path) -> None:
    """An unknown client (here a folder without client.yml) is an error that lists the known clients: a new
    client makes a new load, so the list stays true."""
    from journeybook.read.project import Project
    from journeybook.session import Session

    project = copy_sample(tmp_path / "agency")
    (project / "clients" / "ghost").mkdir()
    session = Session(Project(project, client="ghost"))
    first, _ = session.load()
    assert any("unknown client 'ghost'" in p.message for p in first.problems)
    shutil.copytree(project / "clients" / "acme-outdoor", project / "clients" / "acme-two")
    again, fresh = session.load()
    assert fresh and any("acme-two" in p.message for p in again.problems)
