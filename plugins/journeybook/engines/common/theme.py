"""A client's brand in the site settings, the same on every engine: name, language, logo, links, colours.

:func:`apply_client` sets what a guide changes in the settings of the site
(MkDocs' config, or the settings Zensical is given), through the attributes of
:class:`SiteSettings`; :func:`client_css` is the brand's colours as Material's
custom properties, per palette, with shades that stay readable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from ...check.contrast import BACKGROUNDS, schemes
from ...read.project import Result
from ...translation.i18n import labels
from .assets import ASSET_URI


class SiteSettings(Protocol):
    """What a guide reads and sets of a site's settings (MkDocs' config has them all)."""

    site_name: Any
    site_url: Any
    copyright: Any
    repo_url: Any
    repo_name: Any
    edit_uri: Any
    extra_css: Any
    extra: Any
    theme: Any


def apply_client(config: SiteSettings, result: Result) -> None:
    playbook = result.playbook
    if playbook is None or playbook.client is None:
        return
    client = playbook.client
    config.site_name = client.name
    if config.site_url:  # the guide lives in <site>/<client>/: canonical links and the sitemap say so
        config.site_url = urljoin(config.site_url.rstrip("/") + "/", f"{client.id}/")
    if client.language and client.language != config.theme.get("language"):
        config.theme["language"] = theme_language(config, client.language)
        _translate_chrome(config, client.language)
    if client.logo:
        config.theme["logo"] = ASSET_URI + "client-logo" + Path(client.logo).suffix
    if client.favicon:
        config.theme["favicon"] = ASSET_URI + "client-favicon" + Path(client.favicon).suffix
    if client.copyright is not None:
        config.copyright = client.copyright
    if client.repo_url is not None:
        config.repo_url = client.repo_url or None
        config.repo_name = urlsplit(client.repo_url).path.strip("/") or urlsplit(client.repo_url).netloc or None
    if client.edit_uri is not None:
        config.edit_uri = client.edit_uri
    if client.edit_links is False:
        config.edit_uri = ""
    if client.colors:
        config.extra_css.append(ASSET_URI + "client.css")


def theme_language(config: SiteSettings, language: str) -> str:
    """The language the theme is set to for a guide in ``language``: Material has no ``nl-BE``, so such a
    guide's chrome (and ``<html lang>``) is ``nl``; its playbook text is ``nl-BE`` where it has any."""
    for candidate in (language, language.split("-", 1)[0]):
        if any((Path(d) / "partials" / "languages" / f"{candidate}.html").is_file() for d in config.theme.dirs):
            return candidate
    return language


def _translate_chrome(config: SiteSettings, language: str) -> None:
    """The theme's texts that come from the base config, in the guide's language.

    The palette toggles are named by the scheme they switch to (from the
    locale), and Material's English-only "Made with Material for MkDocs" line
    is left out of a guide in another language (``extra.generator: false``).
    """
    palette = config.theme.get("palette")
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    names = labels(language)
    for index, entry in enumerate(entries):
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if not isinstance(toggle, dict) or not toggle.get("name"):
            continue
        target = entries[(index + 1) % len(entries)]
        media = str(target.get("media") or "") if isinstance(target, dict) else ""
        scheme = target.get("scheme") if isinstance(target, dict) else None
        key = "palette_to_auto" if media.strip() == "(prefers-color-scheme)" else (
            "palette_to_dark" if scheme == "slate" else "palette_to_light")
        toggle["name"] = names[key]
    if not language.lower().startswith("en") and "generator" not in config.extra:
        config.extra["generator"] = False


# Ticks and the emotion line keep journeybook's own colours in a guide, never the brand's.
OWN_COLOURS = {"default": {"--jb-tick": "#3949ab", "--jb-line": "#3949ab"},
               "slate": {"--jb-tick": "#8c9eff", "--jb-line": "#8c9eff"}}


def client_css(colors: dict[str, str]) -> str:
    """Brand colours as Material's custom properties, per palette, with readable shades.

    The selectors have the specificity of Material's own palette rules
    (``[data-md-color-scheme=slate][data-md-color-primary=indigo]``) and come
    after them, so the brand applies in both palettes.
    """
    out = ["/* journeybook: the client's brand colours; shades derived for 4.5:1 on each palette's background */"]
    for name, colours in schemes(colors).items():
        selector = f'[data-md-color-scheme="{name}"][data-md-color-primary]'
        if name == "default":
            selector = f':root, [data-md-color-scheme="default"],\n{selector}'
        values = {
            "--md-primary-fg-color": colours.header,
            "--md-primary-fg-color--light": colours.header,
            "--md-primary-fg-color--dark": colours.header,
            "--md-primary-bg-color": colours.header_text,
            "--md-primary-bg-color--light": colours.header_text + "b3",
            "--md-typeset-a-color": colours.link,
            "--md-accent-fg-color": colours.accent,
            "--md-accent-fg-color--transparent": colours.accent + "1a",
            "--md-accent-bg-color": colours.accent_text,
            "--md-accent-bg-color--light": colours.accent_text + "b3",
            "--jb-brand-on-page": colours.link,
            **OWN_COLOURS[name],
        }
        out.append(f"{selector} {{  /* readable on {BACKGROUNDS[name]} and on the page */")
        out += [f"  {key}: {value};" for key, value in values.items()]
        out.append("}")
    out.append("/* outlined buttons: their text sits on the page, so it takes the readable shade */")
    out.append(".md-typeset .md-button:not(.md-button--primary):not(:hover):not(:focus) {\n"
               "  color: var(--jb-brand-on-page);\n}")
    return "\n".join(out) + "\n"
