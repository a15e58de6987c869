"""Our template overrides, CSS and JS in the theme; the client's branding in the config."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig

from ..resolve import Result
from .files import ASSET_URI, ASSETS, PACKAGE_DIR


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


def add_theme(config: MkDocsConfig) -> None:
    """Ship our template overrides (after a user's custom_dir) and our CSS/JS."""
    ours = str(PACKAGE_DIR / "theme")  # overrides of Material's own partials
    if config.theme.name == "material" and ours not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, ours)
    if config.theme.name == "material":
        features = config.theme.get("features") or []
        if "navigation.indexes" not in features:
            config.theme["features"] = [*features, "navigation.indexes"]
    for name in ASSETS:
        uri = ASSET_URI + name
        target = config.extra_css if name.endswith(".css") else config.extra_javascript
        if uri not in [str(t) for t in target]:
            target.append(uri)


def trim_whitespace(env: Any) -> Any:
    # Theme templates leave runs of blank lines in every page (a third of a large site's bytes).
    env.trim_blocks = env.lstrip_blocks = True
    return env
