"""A good citizen in a real MkDocs project: source paths, i18n, the user's nav, edit links, other plugins."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from html_tools import parse_file
from inprocess import Spy, build, logs  # noqa: F401 (logs is a fixture)
from test_build import MINIMAL, write

GENERATED = ("journeys/index.md", "journeys/bike/index.md", "journeys/bike/purchase.md", "personas/sam.md",
             "touchpoints/webshop.md", "sources/index.md")


def test_generated_files_have_real_source_paths_removed_after_the_build(tmp_path: Path) -> None:
    project = write(tmp_path, MINIMAL)
    spy = Spy()
    build(project, spy)
    assert spy.files is not None
    paths = {f.src_uri: f.abs_src_path for f in spy.files if f.src_uri in GENERATED or f.src_uri == "playbook.json"}
    assert set(paths) == {*GENERATED, "playbook.json"}
    assert all(spy.sources[uri] for uri in GENERATED), spy.sources
    assert not any(Path(p).exists() for p in paths.values())  # the stubs are gone
    assert not any(Path(p).is_relative_to(project / "content") for p in paths.values())


I18N = """\
  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          default: true
          name: English
          build: true
"""
I18N_DUTCH = "        - locale: nl\n          name: Nederlands\n          build: true\n"  # a second language


@pytest.mark.parametrize("languages", [1, 2])
def test_static_i18n_builds_every_language(tmp_path: Path, languages: int) -> None:
    pytest.importorskip("mkdocs_static_i18n")
    files = dict(MINIMAL)
    plugins = I18N + (I18N_DUTCH if languages == 2 else "")
    files["mkdocs.yml"] = MINIMAL["mkdocs.yml"].replace("  - search\n", "  - search\n" + plugins)
    files["content/index.nl.md"] = "# Klein\n"
    project = write(tmp_path, files)
    build(project)  # strict: a warning (e.g. "Unhandled file case") fails it
    site = project / "site"
    english = parse_file(site / "journeys" / "bike" / "purchase" / "index.html")
    assert english.find("input", data_jb_item="webshop/costs")
    assert any(h.text.strip().startswith("Purchase") for h in english.find("h1"))
    if languages == 2:
        dutch = parse_file(site / "nl" / "journeys" / "bike" / "purchase" / "index.html")
        assert dutch.find("input", data_jb_item="webshop/costs")
        assert any(h.text.strip().startswith("Aankoop") for h in dutch.find("h1"))
        assert (site / "nl" / "personas" / "sam" / "index.html").is_file()
    else:
        assert not (site / "nl").exists()


def outline(items: list, depth: int = 0) -> list[str]:
    """The navigation as indented lines: sections by title, pages as ``title <src_uri>``."""
    lines = []
    for item in items:
        if item.is_section:
            lines.append("  " * depth + str(item.title))
            lines += outline(item.children, depth + 1)
        elif item.is_page:
            lines.append("  " * depth + f"{item.title} <{item.file.src_uri}>")
    return lines


NAV_FILES = {
    **MINIMAL,
    "content/about.md": "# About us\n",
    "journeys/touchpoints/returns.yml": (
        "name: Returns\ncategory: after-sales\nchecklist:\n  - id: free\n    text: Free returns\n"
    ),
    "journeys/bike.yml": MINIMAL["journeys/bike.yml"] + "  service:\n    touchpoints: [returns]\n",
}


def test_a_users_nav_places_and_titles_generated_pages(tmp_path: Path, logs) -> None:  # noqa: F811
    files = dict(NAV_FILES)
    files["mkdocs.yml"] = MINIMAL["mkdocs.yml"] + (
        "nav:\n  - Start: index.md\n  - Our journeys: journeys/index.md\n  - About us: about.md\n"
        "  - Help:\n      - Checking out: touchpoints/webshop.md\n"
    )
    project = write(tmp_path, files)
    spy = Spy()
    build(project, spy)
    assert spy.nav is not None
    assert outline(spy.nav.items) == [
        "Start <index.md>",
        "Our journeys",
        "  Our journeys <journeys/index.md>",
        "  Buying a bike",
        "    Buying a bike <journeys/bike/index.md>",
        "    Purchase <journeys/bike/purchase.md>",
        "    Service <journeys/bike/service.md>",
        "About us <about.md>",
        "Help",
        "  Checking out <touchpoints/webshop.md>",
        "Personas",
        "  Personas <personas/index.md>",
        "  Personas × touchpoints <personas/matrix.md>",
        "  Sam <personas/sam.md>",
        "Touchpoints",
        "  Touchpoints <touchpoints/index.md>",
        "  Returns <touchpoints/returns.md>",  # its category holds no other touchpoint: no level of its own
        "Sources",
        "  Sources <sources/index.md>",
    ]
    assert not [m for m in logs("mkdocs.structure.nav") if "not included" in m]
    html = parse_file(project / "site" / "journeys" / "index.html")
    tabs = [" ".join(el.text.split()) for el in html.has_class("md-tabs__link")]
    assert tabs == []  # no tabs feature here; the sidebar carries the titles
    names = [" ".join(a.text.split()) for a in html.has_class("md-nav__link") if a.tag in ("a", "label")]
    assert "Our journeys" in names and "Checking out" in names


def test_awesome_nav_places_and_titles_generated_pages(tmp_path: Path, logs) -> None:  # noqa: F811
    pytest.importorskip("mkdocs_awesome_nav")
    files = dict(NAV_FILES)
    files["mkdocs.yml"] = MINIMAL["mkdocs.yml"].replace("  - search\n", "  - search\n  - awesome-nav\n")
    files["content/.nav.yml"] = "nav:\n  - index.md\n  - Bike trips: journeys/bike/index.md\n  - about.md\n"
    project = write(tmp_path, files)
    spy = Spy()
    build(project, spy)
    assert spy.nav is not None
    lines = outline(spy.nav.items)
    assert lines[:6] == [
        "Tiny <index.md>",
        "Bike trips",
        "  Bike trips <journeys/bike/index.md>",
        "  Purchase <journeys/bike/purchase.md>",
        "  Service <journeys/bike/service.md>",
        "About us <about.md>",
    ]
    assert lines[6:9] == ["Journeys", "  Journeys <journeys/index.md>", "Personas"]
    assert not [m for m in logs("mkdocs") if "not included" in m]  # and no warning: the build is strict


@pytest.mark.parametrize(("docs_dir", "edit_uri", "edit_root", "expected"), [
    ("src/site-pages", "edit/main/src/site-pages/", None, "https://example.org/o/r/edit/main/journeys/bike.yml"),
    ("content", "edit/main/content/", None, "https://example.org/o/r/edit/main/journeys/bike.yml"),
    ("src/site-pages", "edit/main/src/site-pages/", "blob/dev/", "https://example.org/o/r/blob/dev/journeys/bike.yml"),
])
def test_edit_links_follow_edit_uri_at_any_docs_dir_depth(tmp_path: Path, docs_dir: str, edit_uri: str,
                                                          edit_root: str | None, expected: str) -> None:
    files = {k.replace("content/", f"{docs_dir}/", 1): v for k, v in MINIMAL.items()}
    files["mkdocs.yml"] = (
        MINIMAL["mkdocs.yml"].replace("docs_dir: content", f"docs_dir: {docs_dir}")
        + f"repo_url: https://example.org/o/r\nedit_uri: {edit_uri}\n"
    )
    if edit_root:
        options = f"  - journeybook:\n      edit_root: {edit_root}\n"
        files["mkdocs.yml"] = files["mkdocs.yml"].replace("  - journeybook\n", options)
    project = write(tmp_path, files)
    spy = Spy()
    build(project, spy)
    assert spy.edit_urls["journeys/bike/purchase.md"] == expected
    assert spy.edit_urls["index.md"] == f"https://example.org/o/r/{edit_uri}index.md"  # the user's own page: MkDocs'


COMPANIONS = ("mkdocs_awesome_nav", "mkdocs_macros", "mkdocs_glightbox", "mkdocs_minify_plugin", "mkdocs_redirects",
              "mkdocs_exclude_search", "mkdocs_git_revision_date_localized_plugin")
PLUGINS = """\
plugins:
  - search
  - git-revision-date-localized:
      enable_creation_date: true
  - tags
  - offline
  - awesome-nav
  - macros
  - glightbox
  - minify:
      minify_html: true
  - redirects:
      redirect_maps:
        old-about.md: about.md
  - exclude-search:
      exclude: [sources/index.md]
  - journeybook:
"""


def test_the_sample_builds_with_other_plugins(tmp_path: Path) -> None:
    for module in COMPANIONS:
        pytest.importorskip(module)
    from conftest import copy_sample

    project = copy_sample(tmp_path)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n  - search\n  - journeybook:\n", PLUGINS)
    assert "awesome-nav" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "content" / "about.md").write_text(
        (project / "content" / "about.md").read_text(encoding="utf-8") + "\n{{ config.site_name }}\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "sample"]):  # git-revision-date reads the history
        subprocess.run([*git, *args], cwd=project, check=True, capture_output=True)
    spy = Spy()
    build(project, spy)  # strict
    site = project / "site"
    for page in ("journeys/index.html", "personas/index.html", "touchpoints/index.html", "sources/index.html"):
        assert (site / page).is_file(), page
    assert len(list((site / "journeys").rglob("*.html"))) > 10  # offline: no directory URLs
    assert spy.nav is not None
    assert [s.title for s in spy.nav.items[-6:]] == [
        "Journeys", "Personas", "Touchpoints", "Sources", "Review", "Measured KPIs"]
    assert (site / "old-about.html").is_file()  # redirects
    assert "Customer Journey Playbook" in (site / "about.html").read_text(encoding="utf-8")  # macros
    phase = next(p for p in (site / "journeys").glob("*/*.html") if p.name != "index.html")
    assert "data-jb-item=" in phase.read_text(encoding="utf-8")
    assert "git-revision-date-localized-plugin-date" in (site / "about.html").read_text(encoding="utf-8")
    search = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    compact = search.replace(" ", "")
    assert '"location":"journeys/' in compact and '"location":"sources/index.html"' not in compact


def test_the_sample_builds_with_properdocs(tmp_path: Path) -> None:
    pytest.importorskip("properdocs", reason="ProperDocs (the MkDocs fork) is not installed")
    from conftest import copy_sample, run

    project = copy_sample(tmp_path)
    result = run(["properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "journeys" / "index.html").is_file()
    assert "data-jb-item=" in next((project / "site" / "journeys").glob("*/*/index.html")).read_text(encoding="utf-8")
