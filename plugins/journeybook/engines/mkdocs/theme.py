"""Our CSS and JS in MkDocs' config (and the optional fixes to Material's chrome)."""

from __future__ import annotations

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from ..common.assets import ASSET_URI, assets


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
