"""The core renderer: every generated page's body HTML, straight from Jinja
templates (no Markdown pass), plus the machine-readable playbook.

MkDocs-free: the plugin adapter turns :class:`PageSpec` objects into MkDocs
files and pages.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json

from ..model import Playbook, Series
from .cache import RenderCache
from .parallel import RenderJob, start_render
from .spec import PageOutline, PageSpec, RenderOptions
from .urls import relative_url

__all__ = [
    "PageOutline", "PageSpec", "RenderCache", "RenderJob", "RenderOptions", "relative_url",
    "render_pages", "render_playbook_json", "start_render",
]


def render_pages(playbook: Playbook, options: RenderOptions, cache: RenderCache | None = None,
                 jobs: int = 1) -> list[PageSpec]:
    """Every generated page, sorted by ``src_uri``; byte-identical for the same input.

    With a ``cache`` (kept across ``serve`` rebuilds), pages whose content cannot
    have changed are taken from the previous render. ``jobs`` > 1 renders a large
    playbook in that many forked processes (where the platform can fork).
    """
    return start_render(playbook, options, cache, jobs).pages()


def render_playbook_json(playbook: Playbook) -> str:
    """The whole resolved playbook as JSON: sorted keys, UTF-8 text, trailing newline."""
    return json.dumps(playbook, default=_fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def _fields(obj: object) -> dict[str, object] | str:
    """A model dataclass as its fields (``json`` recurses; faster than ``dataclasses.asdict``); a date as
    ``YYYY-MM-DD``; a KPI's measurements as parallel lists of dates and values."""
    if isinstance(obj, Series):
        return {"kpi": obj.kpi, "source": obj.source, "dates": [_iso_day(d) for d in obj.days],
                "values": obj.values.tolist()}
    if dataclasses.is_dataclass(obj):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


@functools.lru_cache(maxsize=1 << 16)
def _iso_day(ordinal: int) -> str:
    return datetime.date.fromordinal(ordinal).isoformat()
