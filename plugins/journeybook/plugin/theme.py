"""Our CSS and JS (and the optional fixes to Material's chrome); the client's branding in the config."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from ..project import Result
from .files import ASSET_URI, assets


def apply_client(config: MkDocsConfig, result: Result) -> None:
    playbook = result.playbook
    if playbook is None or playbook.client is None:
        return
    client = playbook.client
    config.site_name = client.name
    if config.site_url:  # the guide lives in <site>/<client>/: canonical links and the sitemap say so
        config.site_url = urljoin(config.site_url.rstrip("/") + "/", f"{client.id}/")
    if client.language:
        config.theme["language"] = client.language
    if client.logo:
        config.theme["logo"] = ASSET_URI + "client-logo" + Path(client.logo).suffix
    if client.colors:
        config.extra_css.append(ASSET_URI + "client.css")


def add_theme(config: MkDocsConfig, material_fixes: bool) -> None:
    """Our CSS and JS; with ``material_fixes``, the fixes to Material's own chrome too.

    The scripts are deferred: they run once the page is parsed, after Material's
    bundle, and block no rendering. Nothing else of the theme changes: no
    template overrides, no features (journeybook's pages need no
    ``navigation.indexes``), no Jinja settings.
    """
    for name in assets(material_fixes):
        uri = ASSET_URI + name
        if name.endswith(".css"):
            if uri not in [str(t) for t in config.extra_css]:
                config.extra_css.append(uri)
        elif uri not in [str(t) for t in config.extra_javascript]:
            script = ExtraScriptValue(uri)
            script.defer = True
            config.extra_javascript.append(script)
