"""The plugin changes only its own pages: a user's page is the same with it and without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.plugins import event_priority

from helpers import spy_on
from inprocess import Spy, build
from test_build import MINIMAL, write

USER_PAGES = {
    "content/index.md": "# Home\n\nSee [about](about.md) and [a site](https://example.org/).\n\n## Part\n\nText.\n",
    "content/about.md": (
        "---\ntitle: About us\n---\n\n# About\n\n!!! note\n    An admonition.\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n    {% if x %}\n    code\n    {% endif %}\n"
    ),
    "content/guide/index.md": "# Guide\n\n- one\n- two\n",
}
CONFIG = """\
site_name: Mine
docs_dir: content
site_url: https://example.org/mine/
repo_url: https://example.org/o/r
theme:
  name: material
  features: [navigation.tabs, content.action.edit, toc.follow]
markdown_extensions: [admonition, toc, tables]
plugins:
  - search
"""


def _strip(html: str) -> str:
    """The page without its navigation (primary nav, tabs, footer and head links to the neighbours),
    journeybook's asset tags and blank lines."""
    html = re.sub(r'\s*<link rel="stylesheet" href="[./]*assets/journeybook/[^"]+">', "", html)
    html = re.sub(r'\s*<script src="[./]*assets/journeybook/[^"]+"[^>]*></script>', "", html)
    html = re.sub(r'\s*<link rel="(prev|next)" href="[^"]*">', "", html)  # the neighbours in the nav
    for start in ('<nav class="md-nav md-nav--primary', '<nav class="md-tabs', '<nav class="md-footer__inner'):
        while (at := html.find(start)) >= 0:
            depth, pos = 0, at
            for match in re.finditer(r"<(/?)nav\b", html[at:]):
                depth += -1 if match.group(1) else 1
                if depth == 0:
                    pos = at + match.end()
                    break
            html = html[:at] + "<!-- nav -->" + html[html.index(">", pos) + 1:]
    return "\n".join(line for line in html.splitlines() if line.strip())  # the theme's loops leave blank lines


def built_pages(root: Path, plugin: str | None) -> dict[str, str]:
    files = {k: v for k, v in MINIMAL.items() if not k.startswith("content/")} | USER_PAGES
    files["mkdocs.yml"] = CONFIG + (plugin or "")
    project = write(root, files)
    build(project)
    site = project / "site"
    names = ("index.html", "about/index.html", "guide/index.html")
    return {name: (site / name).read_text(encoding="utf-8") for name in names}


@pytest.mark.parametrize("plugin", ["  - journeybook\n", "  - journeybook:\n      material_fixes: false\n"])
def test_a_users_pages_are_the_same_with_and_without_the_plugin(tmp_path: Path, plugin: str) -> None:
    without = built_pages(tmp_path / "without", None)
    with_it = built_pages(tmp_path / "with", plugin)
    for name, html in without.items():
        assert "<!-- nav -->" in _strip(html)
        assert _strip(with_it[name]) == _strip(html), name
        assert "assets/journeybook/journeybook.css" in with_it[name]
        assert "material-fixes" not in with_it[name]


def test_material_fixes_is_an_option(tmp_path: Path) -> None:
    pages = built_pages(tmp_path, "  - journeybook:\n      material_fixes: true\n")
    assert 'href="assets/journeybook/material-fixes.css"' in pages["index.html"]
    assert 'src="assets/journeybook/material-fixes.js"' in pages["index.html"]
    assert (tmp_path / "site" / "assets" / "journeybook" / "material-fixes.js").is_file()


def css_rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) of every style rule, at-rules' bodies flattened."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    # the page box of journeybook's pages only (`page: jb` on them), with its margin boxes
    css = re.sub(r"@page jb\s*\{(?:[^{}]|\{[^{}]*\})*\}", "", css)
    assert "@page" not in css, "an @page rule for every page, not only journeybook's"
    rules = []
    for match in re.finditer(r"([^{}]+)\{([^{}]*)\}", css):
        selector = re.sub(r"^\s*@[^{]*\{", "", match.group(1)).strip()
        if not selector.startswith("@"):
            rules.append((" ".join(selector.split()), match.group(2)))
    return rules


def test_journeybook_css_touches_only_journeybook_content() -> None:
    """Each rule selects journeybook's own elements, or only on pages with journeybook content;
    the palette blocks only declare journeybook's own custom properties."""
    from journeybook.engines.mkdocs.files import PACKAGE_DIR

    rules = css_rules((PACKAGE_DIR / "assets" / "journeybook.css").read_text(encoding="utf-8"))
    assert len(rules) > 100
    outside = []
    for selector, declarations in rules:
        names = re.findall(r"([\w-]+)\s*:", re.sub(r"\([^)]*\)", "", declarations))
        if all(name.startswith("--jb-") for name in names):
            continue
        for part in re.split(r",(?![^(]*\))", selector):
            if "jb-" not in part:
                outside.append(part.strip())
    assert outside == []


class EnvSpy(Spy):
    trim: tuple[bool, bool] | None = None

    def on_env(self, env, config, files):  # type: ignore[no-untyped-def]
        self.trim = (env.trim_blocks, env.lstrip_blocks)
        return env


def test_the_theme_is_left_alone(tmp_path: Path) -> None:
    """No features added (navigation.indexes is not needed), no template folders, no Jinja settings."""
    files = {k: v for k, v in MINIMAL.items() if not k.startswith("content/")} | USER_PAGES
    files["mkdocs.yml"] = CONFIG + "  - journeybook\n"
    project = write(tmp_path, files)
    spy = EnvSpy()
    config = build(project, spy)
    assert config.theme["features"] == ["navigation.tabs", "content.action.edit", "toc.follow"]
    assert not [d for d in config.theme.dirs if "journeybook" in d]
    assert spy.trim == (False, False)
    assert spy.nav is not None
    journeys = next(item for item in spy.nav.items if item.title == "Journeys")
    assert journeys.children[0].file.src_uri == "journeys/index.md"  # the index page is the section's first entry


def test_generated_pages_are_not_run_through_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs converts the user's pages; journeybook's pages (empty sources, their HTML rendered by journeybook)
    cost no Markdown conversion (a spy on Markdown)."""
    import markdown

    converted = spy_on(monkeypatch, markdown.Markdown, "convert", lambda self, source: source)
    spy = Spy()
    files = {k: v for k, v in MINIMAL.items() if not k.startswith("content/")} | USER_PAGES
    files["mkdocs.yml"] = CONFIG + "  - journeybook\n"
    build(write(tmp_path, files), spy)
    assert spy.files is not None
    users = {"index.md", "about.md", "guide/index.md"}
    assert len([f for f in spy.files.documentation_pages() if f.src_uri not in users]) >= 5  # journeybook's
    assert "" not in converted
    assert sorted(source.split("\n")[0] for source in converted if source.startswith("# ")) == [
        "# About", "# Guide", "# Home"]


class EarlyRender(Spy):
    """Renders pages before MkDocs has read them (as a plugin that wants another page's HTML early might):
    what each raises, by src_uri, and the class of each page."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__()
        self.names = names
        self.raised: dict[str, str] = {}
        self.kinds: dict[str, str] = {}

    @event_priority(-200)  # after journeybook's
    def on_nav(self, nav, config, files):  # type: ignore[no-untyped-def]
        for name in self.names:
            page = files.get_file_from_path(name).page
            self.kinds[name] = type(page).__name__
            try:
                page.render(config, files)
            except RuntimeError as exc:
                self.raised[name] = str(exc)
        return super().on_nav(nav, config, files)


def test_an_unread_generated_page_is_left_to_mkdocs(tmp_path: Path) -> None:
    """A journeybook page rendered before it is read fails as MkDocs' own pages do, instead of rendering as
    empty (its HTML would be lost without a word)."""
    files = {k: v for k, v in MINIMAL.items() if not k.startswith("content/")} | USER_PAGES
    files["mkdocs.yml"] = CONFIG + "  - journeybook\n"
    spy = EarlyRender(("index.md", "journeys/index.md"))
    build(write(tmp_path, files), spy)
    assert spy.kinds == {"index.md": "Page", "journeys/index.md": "OwnPage"}
    unread = "`markdown` field hasn't been set (via `read_source`)"
    assert spy.raised == {"index.md": unread, "journeys/index.md": unread}
