"""The core renderer: every generated page's body HTML, straight from Jinja
templates (no Markdown pass), plus the machine-readable playbook.

MkDocs-free: the plugin adapter turns :class:`PageSpec` objects into MkDocs
files and pages.
"""

from __future__ import annotations

import dataclasses
import json

from ..model import Playbook
from .pages import render_all
from .spec import PageSpec, RenderOptions
from .urls import page_url, relative_url

__all__ = ["PageSpec", "RenderOptions", "page_url", "relative_url", "render_pages", "render_playbook_json"]


def render_pages(playbook: Playbook, options: RenderOptions) -> list[PageSpec]:
    """Every generated page, sorted by ``src_uri``; byte-identical for the same input."""
    return render_all(playbook, options)


def render_playbook_json(playbook: Playbook) -> str:
    """The whole resolved playbook as JSON: sorted keys, UTF-8 text, trailing newline."""
    return json.dumps(dataclasses.asdict(playbook), sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
