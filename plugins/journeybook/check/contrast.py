"""Brand colours made readable by construction: WCAG contrast, and shades that reach it.

A client's ``colors.primary`` and ``colors.accent`` are used by Material for the
header, links, buttons, hover and focus rings. Written as they are, a pale brand
colour is unreadable on white and a dark one on the slate palette. From each
brand colour this derives, per palette, the shade of the same hue and
saturation nearest to it whose contrast with the page (and its panels) reaches
4.5:1 (WCAG 2 AA for text), and the text colour (black or white) for the
header and buttons filled with it. Only a light-palette shade that differs
from the colour as written is worth a warning: a dark palette always needs its
own, lighter, shade.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from ..errors import WARNING, Problem
from ..read.yamlpos import Document

AA = 4.5
SEEK = 4.6  # shades aim a little higher: browsers and checkers round colours
BLACK, WHITE = "#000000", "#ffffff"
# Per palette, the surface text in the brand's colours sits on that is nearest to it: Material's code and
# table-head grey #f5f5f5 (the page itself is white), and its slate code background hsl(225, 15%, 18%)
# (the page is hsl(225, 15%, 14%)).
BACKGROUNDS = {"default": "#f5f5f5", "slate": "#272a35"}


def _rgb(color: str) -> tuple[float, float, float]:
    return int(color[1:3], 16) / 255, int(color[3:5], 16) / 255, int(color[5:7], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(color: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (one of them always reaches 4.5:1)."""
    return BLACK if ratio(BLACK, background) >= ratio(WHITE, background) else WHITE


def readable_shade(color: str, background: str, target: float = SEEK) -> str:
    """``color`` itself when it reaches ``target`` on ``background``; else the nearest lightness that does."""
    if ratio(color, background) >= target:
        return color
    hue, lightness, saturation = colorsys.rgb_to_hls(*_rgb(color))
    darker = luminance(background) > 0.18  # away from the background
    low, high = (0.0, lightness) if darker else (lightness, 1.0)
    for _ in range(30):  # bisect the lightness: the shade nearest the brand that still reaches the target
        middle = (low + high) / 2
        ok = ratio(_hex(colorsys.hls_to_rgb(hue, middle, saturation)), background) >= target
        if ok == darker:
            low = middle
        else:
            high = middle
    shade = _hex(colorsys.hls_to_rgb(hue, low if darker else high, saturation))
    return shade if ratio(shade, background) >= target else text_on(background)


@dataclass(frozen=True)
class Scheme:
    """The colours Material's custom properties get in one palette (``default`` or ``slate``)."""

    header: str  # header and primary-button background: the brand colour as written
    header_text: str
    link: str  # links, and text-coloured buttons, on the page background
    accent: str  # hover and focus: text and outline on the page background, filled buttons
    accent_text: str


def scheme(primary: str, accent: str, background: str) -> Scheme:
    link = readable_shade(primary, background)
    shade = readable_shade(accent, background)
    return Scheme(primary, text_on(primary), link, shade, text_on(shade))


def schemes(colors: dict[str, str]) -> dict[str, Scheme]:
    """The colours of each palette from the brand's ``primary`` and ``accent`` (either may be absent)."""
    primary = colors.get("primary") or colors.get("accent") or "#4051b5"
    accent = colors.get("accent") or primary
    return {name: scheme(primary, accent, background) for name, background in BACKGROUNDS.items()}


def contrast_warnings(doc: Document) -> list[Problem]:
    """A brand colour that links or hover cannot use as written on white: where it is, and the shade used."""
    colors = doc.data.get("colors") if isinstance(doc.data, dict) else None
    if not isinstance(colors, dict):
        return []
    problems = []
    for key in ("primary", "accent"):
        value = colors.get(key)
        if not isinstance(value, str) or len(value) != 7:
            continue
        shade = readable_shade(value, BACKGROUNDS["default"])
        if shade != value:
            line, col = doc.pos(("colors", key))
            use = "links and buttons" if key == "primary" else "hover and focus"
            problems.append(Problem(doc.path_of(("colors", key)), line, col, WARNING,
                                    f"colors.{key} {value} has {ratio(value, WHITE):.1f}:1 on white (4.5:1 needed): "
                                    f"{use} use the shade {shade} ({ratio(shade, WHITE):.1f}:1) in the light palette"))
    return problems
