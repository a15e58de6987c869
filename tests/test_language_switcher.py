"""Material's language switcher on generated pages of a mkdocs-static-i18n site points at the same page in the
other language, as on the site's own pages, not at the page built before it (or the home page).

A real build of the tiny playbook of ``test_build`` in English (default) and Dutch, with a page of the user's
own (``about``) in both languages built before the generated ones.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.config.defaults import MkDocsConfig

from html_tools import parse_file
from inprocess import build
from journeybook.engines.mkdocs.alternates import Switcher
from test_build import MINIMAL, write
from test_translated_guides import I18N

# every generated page of the tiny playbook, as written in the default language's site
GENERATED = ("journeys/index.html", "journeys/bike/index.html", "journeys/bike/purchase/index.html",
             "personas/index.html", "personas/sam/index.html", "touchpoints/index.html",
             "touchpoints/webshop/index.html", "sources/index.html")


def _site(tmp_path: Path, directory_urls: bool = True) -> tuple[Path, MkDocsConfig]:
    pytest.importorskip("mkdocs_static_i18n")
    files = dict(MINIMAL)
    plugins = MINIMAL["mkdocs.yml"].replace("  - search\n", "  - search\n" + I18N)
    files["mkdocs.yml"] = plugins + ("" if directory_urls else "use_directory_urls: false\n")
    files["content/index.nl.md"] = "# Klein\n"
    files["content/about.md"] = "# About us\n"
    files["content/about.nl.md"] = "# Over ons\n"
    project = write(tmp_path, files)
    config = build(project)
    return project / "site", config


def _switcher(site: Path, page: str) -> dict[str, str]:
    """The language switcher's links of a written page, by language, resolved to paths of the site."""
    links = {}
    for a in parse_file(site / page).find("a", hreflang=None):
        if "md-select__link" in (a.attrs.get("class") or "").split():
            target = urljoin(f"/{page}", a.attrs["href"] or "")
            links[str(a.attrs["hreflang"])] = target[1:] + ("index.html" if target.endswith("/") else "")
    return links


def test_a_generated_page_switches_to_itself_in_the_other_language(tmp_path: Path) -> None:
    site, config = _site(tmp_path)
    assert parse_file(site / "journeys" / "bike" / "purchase" / "index.html").find(
        "a", href="../../../nl/journeys/bike/purchase/", hreflang="nl")
    assert parse_file(site / "nl" / "journeys" / "bike" / "purchase" / "index.html").find(
        "a", href="../../../../journeys/bike/purchase/", hreflang="en")
    for page in GENERATED:
        expected = {"en": page, "nl": f"nl/{page}"}
        assert _switcher(site, page) == expected, page
        assert _switcher(site, f"nl/{page}") == expected, page
        assert all((site / path).is_file() for path in expected.values())
    # the user's own page keeps what mkdocs-static-i18n gives it
    assert _switcher(site, "about/index.html") == {"en": "about/index.html", "nl": "nl/about/index.html"}
    # and a page built after a generated one sees the switcher as it was before it
    before = vars(config.extra).get("alternate")
    switcher = Switcher()
    switcher.point(config, "nl/personas/")
    assert config.extra.alternate == [{"name": "English", "link": "personas/", "lang": "en"},
                                      {"name": "Nederlands", "link": "nl/personas/", "lang": "nl"}]
    switcher.restore()
    assert before is not None and vars(config.extra).get("alternate") is before


def test_the_switcher_without_directory_urls(tmp_path: Path) -> None:
    site, _ = _site(tmp_path, directory_urls=False)
    assert _switcher(site, "journeys/bike/purchase.html") == {"en": "journeys/bike/purchase.html",
                                                               "nl": "nl/journeys/bike/purchase.html"}
    assert _switcher(site, "nl/personas/sam.html") == {"en": "personas/sam.html", "nl": "nl/personas/sam.html"}
    assert (site / "nl" / "journeys" / "bike" / "purchase.html").is_file()
