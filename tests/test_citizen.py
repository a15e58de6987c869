"""A good citizen in a real MkDocs project: source paths, i18n, the user's nav, edit links, other plugins."""

from __future__ import annotations

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


@pytest.mark.parametrize("languages", [1, 2])
def test_static_i18n_builds_every_language(tmp_path: Path, languages: int) -> None:
    pytest.importorskip("mkdocs_static_i18n")
    files = dict(MINIMAL)
    plugins = I18N + ("        - locale: nl\n          name: Nederlands\n          build: true\n" if languages == 2 else "")
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
