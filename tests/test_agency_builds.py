"""Agency builds: every guide is built on its own, a broken client does not stop the others."""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import copy_sample, run
from helpers import MINIMAL_FILES, write_tree
from html_tools import parse_file
from journeybook.guides.used import only_used
from journeybook.read.project import Project
from journeybook.resolve import load

B2B_PERSONAS = ("business-owner", "operations-manager")
B2B_TOUCHPOINTS = ("free-trial", "onboarding", "quote-and-contract", "sales-visit", "trade-fair")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with the base site and both guides built once; each test works on a copy."""
    project = copy_sample(tmp_path_factory.mktemp("agency"))
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "p", symlinks=True))


def _mark(site: Path, name: str) -> Path:
    """A file no build writes: it survives only when the folder it is in is kept."""
    marker = site / name / "kept-marker.txt"
    marker.write_text("from the previous build\n", encoding="utf-8")
    return marker


def test_clients_json_lists_ids_names_and_languages(built: Path) -> None:
    result = run(["journeybook", "clients", "--json"], built)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"id": "acme-outdoor", "name": "Acme Outdoor", "language": "en"},
        {"id": "fietsbaas", "name": "Fietsbaas", "language": "nl"},
    ]
    plain = run(["journeybook", "clients"], built)
    assert plain.stdout.splitlines() == ["acme-outdoor\tAcme Outdoor\ten", "fietsbaas\tFietsbaas\tnl"]


def test_one_broken_client_among_good_ones(project: Path) -> None:
    site = project / "site"
    broken, good, base = _mark(site, "acme-outdoor"), _mark(site, "fietsbaas"), site / "kept-marker.txt"
    base.write_text("old base\n", encoding="utf-8")
    (project / "clients" / "acme-outdoor" / "client.yml").write_text("name: [Acme\n", encoding="utf-8")
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 1
    assert "clients/acme-outdoor/client.yml:2:1: error:" in result.stdout
    assert "journeybook: client 'acme-outdoor' not built: 1 error; its previous guide is kept" in result.stderr
    assert broken.is_file()  # the broken client's previous guide stays, untouched
    assert (site / "acme-outdoor" / "journeys" / "online-purchase" / "index.html").is_file()
    assert not good.exists() and (site / "fietsbaas" / "journeys" / "index.html").is_file()  # rebuilt
    assert not base.exists() and (site / "index.html").is_file()  # the base was published anew
    assert "Built the playbook, fietsbaas into" in result.stdout


def test_base_only_build_keeps_the_guides(project: Path) -> None:
    site = project / "site"
    acme, fiets = _mark(site, "acme-outdoor"), _mark(site, "fietsbaas")
    result = run(["journeybook", "build"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert acme.is_file() and fiets.is_file()
    assert (site / "fietsbaas" / "index.html").is_file()
    assert not [p for p in project.iterdir() if p.name.startswith(".jb-")]


def test_strict_build_failure_names_the_client(project: Path) -> None:
    """A warning only MkDocs sees (a broken link in a client's own page) fails that guide under --strict."""
    for client, accent in (("acme-outdoor", "#f28c28"), ("fietsbaas", "#ffb300")):  # readable as written:
        path = project / "clients" / client / "client.yml"  # no contrast warning stops the guide first
        path.write_text(path.read_text(encoding="utf-8").replace(accent, "#2e5e3e"), encoding="utf-8")
    page = project / "clients" / "fietsbaas" / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[kapot](nergens.md)\n", encoding="utf-8")
    _mark(project / "site", "fietsbaas")
    result = run(["journeybook", "build", "--all-clients", "--strict", "--jobs", "1"], project)
    assert result.returncode == 1
    assert "client 'fietsbaas': Doc file 'index.md' contains a link 'nergens.md'" in result.stderr
    assert "journeybook: build of client 'fietsbaas' failed: Aborted with 1 warnings in strict mode!" in result.stderr
    assert (project / "site" / "fietsbaas" / "kept-marker.txt").is_file()
    assert "Built the playbook, acme-outdoor into" in result.stdout


def _broken_links(site: Path, guide: Path) -> list[str]:
    """Every href and src of the guide's pages (404 page aside) that names no file of the published tree."""
    broken = []
    for page in sorted(p for p in guide.rglob("*.html") if p.name != "404.html"):
        for element in parse_file(page).find():
            for attr in ("href", "src"):
                value = element.attrs.get(attr) or ""
                parts = urlsplit(value)
                if not parts.path or parts.scheme or parts.netloc:
                    continue
                target = site / posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(),
                                                                  unquote(parts.path)))
                if not (target / "index.html" if target.is_dir() else target).is_file():
                    broken.append(f"{page.relative_to(site)} -> {value}")
    return broken


def test_a_guide_publishes_only_what_its_journeys_use(built: Path) -> None:
    site = project_site = built / "site"
    guide = site / "fietsbaas"  # journeys: e-bike-kopen, online-purchase (consumers only)
    for pid in B2B_PERSONAS:
        assert (project_site / "personas" / pid / "index.html").is_file()  # the base has them ...
        assert not (guide / "personas" / pid).exists()  # ... the guide does not
    for tid in B2B_TOUCHPOINTS:
        assert (project_site / "touchpoints" / tid / "index.html").is_file()
        assert not (guide / "touchpoints" / tid).exists()
    data = json.loads((guide / "playbook.json").read_text(encoding="utf-8"))
    assert sorted(data["personas"]) == ["busy-parent", "careful-senior"]
    assert not set(B2B_TOUCHPOINTS) & set(data["touchpoints"])
    assert "events" not in [c["id"] for c in data["categories"]]  # only the trade fair was in it
    assert "personal-visit" not in [c["id"] for c in data["channels"]]
    search = (guide / "search" / "search_index.json").read_text(encoding="utf-8")
    home = (guide / "index.html").read_text(encoding="utf-8")
    for left_out in [f"personas/{p}/" for p in B2B_PERSONAS] + [f"touchpoints/{t}/" for t in B2B_TOUCHPOINTS]:
        assert left_out not in search and left_out not in home  # not searchable, not in the nav
    assert _broken_links(site, guide) == []


def test_unused_sources_channels_and_categories_are_left_out(tmp_path: Path) -> None:
    files = dict(MINIMAL_FILES)
    files["journeys/playbook.yml"] = str(files["journeys/playbook.yml"]) + """\
  - id: b2b-study
    claim: Buyers read three reviews
categories:
  - {id: checkout, name: Checkout}
  - {id: sales, name: Sales}
"""
    files["journeys/playbook.yml"] = str(files["journeys/playbook.yml"]).replace(
        "channels:\n", "channels:\n  - id: fair\n    name: Trade fair\n    type: offline\n")
    files |= {
        "journeys/personas/bob.yml": "name: Bob\nrole: Buyer\nchannels: [fair]\n",
        "journeys/touchpoints/checkout.yml": "name: Checkout\ncategory: checkout\nchannel: web\nchecklist:\n"
                                             "  - id: no-surprises\n    text: No surprise costs\n"
                                             "    evidence: [wait-study]\n",
        "journeys/touchpoints/visit.yml": "name: Visit\ncategory: sales\nevidence: [b2b-study]\nchecklist:\n"
                                          "  - id: ask\n    text: Ask\n",
        "journeys/b2b.yml": "title: Buying for work\npersonas: [bob]\nphases:\n  purchase:\n    touchpoints: [visit]\n",
        "clients/shop/client.yml": "name: Shop\njourneys: [buy]\n",
    }
    root = write_tree(tmp_path, files)
    base = load(Project(root, docs_dir="content")).playbook
    loaded = load(Project(root, docs_dir="content", client="shop"))
    assert base is not None and loaded.playbook is not None, loaded.problems
    guide = only_used(loaded.playbook)
    assert sorted(base.personas) == ["ann", "bob"] and sorted(guide.personas) == ["ann"]
    assert sorted(guide.touchpoints) == ["checkout"]
    assert [s.id for s in guide.sources] == ["wait-study"]
    assert [c.id for c in guide.categories] == ["checkout"]
    assert [c.id for c in guide.channels] == ["web"]
    assert [s.id for s in base.sources] == ["wait-study", "b2b-study"]


def _bytes(folder: Path, leave_out: tuple[str, ...] = ()) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not any(part in leave_out for part in p.relative_to(folder).parts[:1]))


def test_guides_share_the_base_sites_assets(built: Path) -> None:
    site = built / "site"
    guide = site / "fietsbaas"
    bundles = sorted(p.name for p in (site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    assert not list(guide.rglob("bundle.*")) and not list(guide.rglob("*.map"))  # no copy of Material's bundle
    assert not (guide / "assets" / "journeybook" / "journeybook.css").exists()
    assert (guide / "assets" / "journeybook" / "client.css").is_file()  # what is the guide's own stays
    page = (guide / "journeys" / "e-bike-kopen" / "index.html").read_text(encoding="utf-8")
    assert f'src="../../../assets/javascripts/{bundles[0]}"' in page  # one folder up: the base site's copy
    assert 'href="../../../assets/journeybook/journeybook.css"' in page
    assert 'href="../../assets/journeybook/client.css"' in page
    assert '"/playbook/assets/stylesheets/' in (guide / "404.html").read_text(encoding="utf-8")
    base = _bytes(site, leave_out=("acme-outdoor", "fietsbaas"))
    for client in ("acme-outdoor", "fietsbaas"):
        assert _bytes(site / client) <= base / 2, client


def _edit_link(page: Path) -> str | None:
    links = [el.attrs.get("href") for el in parse_file(page).find("a")
             if "md-content__button" in (el.attrs.get("class") or "")]  # the sample has only the edit action
    return links[0] if links else None


def test_edit_links_of_a_guide_point_at_the_clients_own_files(built: Path) -> None:
    guide = built / "site" / "fietsbaas"
    repo = "https://github.com/journeybook/journeybook/edit/main/"
    assert _edit_link(guide / "index.html") == repo + "clients/fietsbaas/content/index.md"
    assert _edit_link(guide / "journeys" / "e-bike-kopen" / "index.html") == (
        repo + "clients/fietsbaas/journeys/e-bike-kopen.yml")
    assert _edit_link(guide / "journeys" / "online-purchase" / "index.html") == (  # no overlay: the base file
        repo + "journeys/online-purchase.yml")


def test_client_yml_sets_favicon_copyright_repository_and_edit_links(project: Path) -> None:
    client = project / "clients" / "fietsbaas" / "client.yml"
    own = "".join(line for line in client.read_text(encoding="utf-8").splitlines(keepends=True)
                  if not line.startswith("copyright:"))  # the sample's footer line, replaced below
    client.write_text(own + (
        "favicon: logo.svg\ncopyright: © Fietsbaas B.V.\nrepo_url: https://git.example.org/fietsbaas/gids\n"
        "edit_uri: bewerk/main/content/\n"), encoding="utf-8")
    acme = project / "clients" / "acme-outdoor" / "client.yml"
    acme.write_text(acme.read_text(encoding="utf-8") + "edit_links: false\n", encoding="utf-8")
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (project / "site" / "fietsbaas" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="assets/journeybook/client-favicon.svg">' in home
    assert "© Fietsbaas B.V." in home and "Sample playbook built from articles" not in home
    assert 'href="https://git.example.org/fietsbaas/gids"' in home and "github.com/journeybook" not in home
    assert _edit_link(project / "site" / "fietsbaas" / "journeys" / "e-bike-kopen" / "index.html") == (
        "https://git.example.org/fietsbaas/gids/bewerk/main/clients/fietsbaas/journeys/e-bike-kopen.yml")
    for page in ("index.html", "journeys/online-purchase/index.html", "personas/index.html"):
        assert _edit_link(project / "site" / "acme-outdoor" / page) is None, page
    assert _edit_link(project / "site" / "journeys" / "online-purchase" / "index.html")  # the base keeps its own


@pytest.mark.parametrize(("url", "before", "after"), [
    ("journeys/bike/", """<script src="../../assets/b.js"></script>""",
     """<script src="../../../assets/b.js"></script>"""),
    ("journeys/bike/", """<a href='../../assets/b.js?v=1#x'>""", """<a href='../../../assets/b.js?v=1#x'>"""),
    ("", """<link href="assets/m.css"><link href='search/w.js'>""",
     """<link href="../assets/m.css"><link href='../search/w.js'>"""),
    ("index.html", """<link href="assets/m.css">""", """<link href="../assets/m.css">"""),  # no directory URLs
    ("a/b.html", """<link href="../assets/m.css">""", """<link href="../../assets/m.css">"""),
    # left alone: a file the guide keeps, another depth than the page's, a path that only starts alike
    ("journeys/bike/", """<link href="../../assets/client.css">""", """<link href="../../assets/client.css">"""),
    ("journeys/bike/", """<a href="../../../assets/b.js">""", """<a href="../../../assets/b.js">"""),
    ("journeys/bike/", """<a href="../../assetsx/b.js">""", """<a href="../../assetsx/b.js">"""),
    ("journeys/bike/", """<a href="../assets/b.js">""", """<a href="../assets/b.js">"""),
])
def test_a_guides_urls_of_shared_files_point_one_folder_up(url: str, before: str, after: str) -> None:
    """A guide's page points at the base site's copy of each shared file, in either quote, from any depth;
    nothing else changes."""
    from types import SimpleNamespace

    from journeybook.engines.mkdocs.shared import SharedAssets

    shared = SharedAssets(Path("base"))
    shared.uris = {"assets/b.js", "assets/m.css", "search/w.js"}
    shared.tops = "assets|search"
    assert shared.page(before, SimpleNamespace(url=url)) == after  # type: ignore[arg-type]


def test_the_batch_compiles_a_changed_template_again() -> None:
    """Compiled templates are kept across builds while their source stays the same (a spy on compile)."""
    import jinja2

    from journeybook.session import CompiledTemplates

    sources = {"page.html": "<p>{{ x }}</p>"}
    cache = CompiledTemplates()
    compiled: list[str] = []

    class Counted(jinja2.Environment):
        def compile(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            compiled.append("page.html")
            return super().compile(*args, **kwargs)  # type: ignore[call-overload]

    def render() -> str:  # a new environment per build, as MkDocs makes
        return Counted(loader=jinja2.DictLoader(sources), bytecode_cache=cache).get_template("page.html").render(x=1)

    assert (render(), render()) == ("<p>1</p>", "<p>1</p>")
    assert len(compiled) == 1
    sources["page.html"] = "<b>{{ x }}</b>"
    assert render() == "<b>1</b>"
    assert len(compiled) == 2
