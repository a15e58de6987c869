"""Material's language switcher on a generated page of a mkdocs-static-i18n site: the same page in each language.

mkdocs-static-i18n points the switcher (``config.extra.alternate``) of each page it knows at that page's
other languages (each entry's ``link`` becomes the alternate file's URL, which Material's ``url`` filter makes
relative), and leaves the pages it does not know alone, with the switcher as the page before left it.
journeybook's pages are added after it placed the files, so it does not know them: on each of them, after its
``on_page_context`` (priority 50), the switcher is set from its initial entries with every built language's
link at this page's URL in that language (``journeys/buy/`` and ``nl/journeys/buy/``: every language builds
every generated page), and put back as it was once the page is written, so other pages see what they saw.
Entries of languages that are not built (the special ``null`` locale) keep their links.
"""

from __future__ import annotations

import copy
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def _i18n(config: MkDocsConfig) -> Any:
    for plugin in config.plugins.values():
        if type(plugin).__module__.split(".")[0] == "mkdocs_static_i18n":
            return plugin
    return None


def same_page_links(config: MkDocsConfig, url: str) -> list[dict[str, Any]] | None:
    """The switcher's entries for the generated page at ``url`` (None: no mkdocs-static-i18n switcher)."""
    plugin = _i18n(config)
    initial = getattr(plugin, "extra_alternate", None) if plugin is not None else None
    if not isinstance(initial, list) or not initial:
        return None
    default, current = getattr(plugin, "default_language", None), getattr(plugin, "current_language", None)
    built = set(getattr(plugin, "build_languages", None) or ())
    folder = "" if current == default else f"{current}/"
    path = url[len(folder):] if folder and url.startswith(folder) else url
    entries = copy.deepcopy(initial)
    for entry in entries:
        lang = entry.get("lang") if isinstance(entry, dict) else None
        if lang in built:
            entry["link"] = path if lang == default else f"{lang}/{path}"
    return entries


class Switcher:
    """Sets the switcher for one generated page and puts it back afterwards.

    Material reads ``config.extra.alternate``: mkdocs-static-i18n sets it per page as an attribute of the
    ``extra`` config (which shadows the ``alternate`` key it set up front), and so does this.
    """

    def __init__(self) -> None:
        self.saved: tuple[dict[str, Any], Any] | None = None

    def point(self, config: MkDocsConfig, url: str) -> None:
        entries = same_page_links(config, url)
        if entries is None:
            return
        self.restore()
        attributes = vars(config.extra)
        self.saved = (attributes, attributes.get("alternate", _NONE))
        attributes["alternate"] = entries

    def restore(self) -> None:
        if self.saved is not None:
            attributes, before = self.saved
            if before is _NONE:
                attributes.pop("alternate", None)
            else:
                attributes["alternate"] = before
            self.saved = None


_NONE = object()
