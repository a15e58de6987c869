"""Zensical's config for a staged build, from the user's ``mkdocs.yml``.

The user's config is read as MkDocs reads it (``INHERIT`` merged the MkDocs
way: a list in the child replaces the parent's, where Zensical would append)
and written out whole, so Zensical sees no ``INHERIT``. What changes:
``docs_dir`` and ``site_dir`` point into the staging folder; the
``journeybook`` plugin and ``hooks`` are left out (Zensical would drop them
without a word); the navigation lists the user's pages and then the generated
sections; our CSS and JS, the toc extension and the template overrides are
added; a client's guide takes the client's name, language, logo, colours and
edit links (:func:`journeybook.engines.common.theme.apply_client`, over this dict).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...read.project import Result
from ...render.nav import NavLink, NavSection
from ..common.theme import apply_client

TOC_EXTENSION = "journeybook.engines.zensical.toc"
PACKAGE_OVERRIDES = Path(__file__).resolve().parent / "overrides"


class _Theme(dict[str, Any]):
    """The theme as a dict that names its template folders (``dirs``), as MkDocs' Theme does."""

    dirs: list[str] = []


class ConfigView:
    """Attribute access to a config dict, the way the MkDocs adapter's helpers read MkDocs' config."""

    def __init__(self, data: dict[str, Any], theme_dirs: list[str]) -> None:
        found = data.get("theme")
        theme = _Theme(found if isinstance(found, dict) else {})
        theme.dirs = theme_dirs
        data["theme"] = theme
        for key in ("extra_css", "extra_javascript"):
            data[key] = list(data.get(key) or [])
        data["extra"] = dict(data.get("extra") or {})
        object.__setattr__(self, "data", data)

    def __getattr__(self, name: str) -> Any:
        return self.data.get(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.data[name] = value


def plugin_names(plugins: Any) -> list[Any]:
    """The user's plugins without journeybook (Zensical has no place for it)."""
    entries = plugins if isinstance(plugins, list) else [{k: v} for k, v in plugins.items()] if isinstance(
        plugins, dict) else []
    kept = []
    for entry in entries:
        name = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if name != "journeybook":
            kept.append(entry)
    return kept


def auto_nav(uris: list[str]) -> list[Any]:
    """The navigation MkDocs makes of a docs folder's Markdown files without ``nav``: a folder's index first,
    then its other pages by name, then its folders as sections titled by their names."""
    def entries(prefix: str) -> list[Any]:
        depth = prefix.count("/")
        here = [u for u in uris if u.startswith(prefix) and u.count("/") == depth]
        pages = sorted(here, key=lambda u: (posixpath.basename(u) not in ("index.md", "README.md"), u))
        out: list[Any] = list(pages)
        below = [u[len(prefix):] for u in uris if u.startswith(prefix) and u.count("/") > depth]
        folders = sorted({u.split("/", 1)[0] for u in below})
        for name in folders:
            title = name.replace("-", " ").replace("_", " ")
            out.append({title.capitalize() if title.lower() == title else title: entries(f"{prefix}{name}/")})
        return out

    return entries("")


def named_in(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return {uri for item in nav for uri in named_in(item)}
    if isinstance(nav, dict):
        return {uri for value in nav.values() for uri in named_in(value)}
    return set()


def our_nav(tree: list[NavSection], named: set[str]) -> list[Any]:
    """Our sections as Zensical nav entries (a section's index page first), without the pages the user's nav
    names already."""
    def entry(node: NavLink | NavSection) -> dict[str, Any] | None:
        if isinstance(node, NavLink):
            return None if node.src_uri in named else {node.title: node.src_uri}
        children: list[Any] = [e for e in (entry(child) for child in node.children) if e is not None]
        if node.index and node.index not in named:
            children.insert(0, node.index)
        return {node.title: children} if children else None

    return [e for e in (entry(node) for node in tree) if e is not None]


@dataclass(frozen=True)
class Assets:
    css: tuple[str, ...]
    js: tuple[str, ...]


def staged_config(user: dict[str, Any], *, docs: Path, site: Path, custom_dir: Path, nav: list[Any],
                  assets: Assets, result: Result, theme_dirs: list[str]) -> dict[str, Any]:
    """The config Zensical builds the staged folder with (paths relative to the staging folder)."""
    data = {key: value for key, value in user.items() if key not in ("plugins", "hooks", "INHERIT", "nav")}
    view = ConfigView(data, theme_dirs)
    apply_client(view, result)  # the same client settings as on MkDocs
    data["docs_dir"], data["site_dir"] = docs.name, site.name
    data["plugins"] = plugin_names(user.get("plugins"))
    data["nav"] = nav
    data["theme"] = dict(data["theme"], custom_dir=custom_dir.name)
    data["theme"].setdefault("variant", "classic")  # Material's coloured header (Zensical's `modern` ignores it)
    data["extra_css"] = [*data["extra_css"], *(c for c in assets.css if c not in data["extra_css"])]
    scripts = [s for s in data["extra_javascript"] if s not in assets.js]
    data["extra_javascript"] = [*scripts, *({"path": js, "defer": True} for js in assets.js)]
    extensions = list(user.get("markdown_extensions") or [])
    if TOC_EXTENSION not in extensions:
        extensions.append(TOC_EXTENSION)
    data["markdown_extensions"] = extensions
    return data


def write_config(path: Path, data: dict[str, Any]) -> None:
    """The config as YAML (JSON is YAML: no tags, nothing Zensical could read differently)."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")


