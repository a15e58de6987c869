"""The Jinja environment, per-page element ids and the table of contents."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .markdown import md_block, md_inline

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def environment(template_dirs: tuple[str, ...] = ()) -> Environment:
    """A new environment for a set of override dirs (user dirs first, then ours).

    Templates are compiled once per environment; :class:`journeybook.session.Session`
    keeps one for as long as the override files stay the same.
    """
    loader = ChoiceLoader([FileSystemLoader(list(template_dirs)), FileSystemLoader(str(TEMPLATES_DIR))])
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        keep_trailing_newline=False,
    )
    env.filters["md"] = md_block
    env.filters["mdi"] = md_inline
    env.tests["web_url"] = is_web_url
    return env


def is_web_url(value: object) -> bool:
    """Only http(s) URLs become links (``javascript:`` and friends never do)."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def slugify(text: str) -> str:
    """ASCII slug (``Café & Co`` -> ``cafe-co``); keeps other scripts' letters."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_text = norm.encode("ascii", "ignore").decode("ascii")
    base = ascii_text if re.search(r"[A-Za-z0-9]", ascii_text) else norm
    slug = re.sub(r"[^\w\s-]", "", base.lower())
    return re.sub(r"[\s_-]+", "-", slug).strip("-")


class Ids:
    """Element ids unique on one page.

    Fixed ids that other pages link to (``jb-cl-<touchpoint>``, ``jb-src-<source>``,
    ``jb-cat-<category>``) are reserved up front so nothing else takes them.
    Heading slugs never start with ``jb-`` (``h-`` is put in front), so they
    cannot collide with the ``jb-`` ids of the hooks.
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._reserved = set(reserved)
        self._used = set(self._reserved)

    def fixed(self, value: str) -> str:
        """A reserved id, used as is (an id nobody reserved is made unique instead,
        so an override template that shows a checklist elsewhere still works)."""
        if value in self._reserved:
            self._reserved.discard(value)
            return value
        return self.unique(value)

    def unique(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``, ... when taken."""
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        self._used.add(candidate)
        return candidate

    def slug(self, text: str) -> str:
        base = slugify(text) or "section"
        if base.startswith("jb-"):
            base = f"h-{base}"
        return self.unique(base)


_HEADING = re.compile(r'<h([23])\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def extract_toc(body: str) -> tuple[tuple[int, str, str], ...]:
    """``(level, id, text)`` of every ``<h2>``/``<h3>`` with an id, in order.

    The body is our own template output, so a pattern is enough here.
    """
    return tuple(
        (int(level), html.unescape(anchor), " ".join(html.unescape(_TAG.sub("", inner)).split()))
        for level, anchor, inner in _HEADING.findall(body)
    )


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def tidy(body: str) -> str:
    """Collapse the blank lines that template logic leaves (never inside ``<pre>``); one final newline."""
    parts = _PRE.split(body.strip())
    return "".join(part if i % 2 else _BLANK_RUN.sub("\n", part) for i, part in enumerate(parts)) + "\n"
