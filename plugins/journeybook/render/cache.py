"""The render cache of ``serve``: a page is rendered again only when something it shows changed."""

from __future__ import annotations

import hashlib
from typing import Any

from .plans import PagePlan
from .renderer import Renderer
from .spec import PageSpec


class RenderCache:
    """Pages of the previous render, reused while nothing they show has changed (``serve``).

    A page's key is what it shows: the model objects it names (by content: a
    journey page names its personas and touchpoints, a touchpoint page the
    journeys that use it, ...) and what every page may show (phases, categories,
    channels, sources, the options). Index and sources pages, which show
    everything, are always rendered again.
    """

    def __init__(self) -> None:
        self.pages: dict[str, tuple[tuple[str, ...] | None, PageSpec]] = {}

    def render(self, renderer: Renderer, plans: list[PagePlan]) -> list[PageSpec]:
        shared = _fingerprint((renderer.options, renderer.playbook.phases, renderer.playbook.categories,
                               renderer.playbook.channels, renderer.playbook.sources))
        seen: dict[int, str] = {}
        fresh: dict[str, tuple[tuple[str, ...] | None, PageSpec]] = {}
        for plan in plans:
            key = (None if plan.deps is None
                   else (shared, plan.title, plan.url, *(_object_key(o, seen) for o in plan.deps)))
            old = self.pages.get(plan.src_uri)
            spec = old[1] if key is not None and old is not None and old[0] == key else renderer.render(plan)
            fresh[plan.src_uri] = (key, spec)
        self.pages = fresh
        return [spec for _, spec in fresh.values()]


def _fingerprint(value: Any) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def _object_key(obj: Any, seen: dict[int, str]) -> str:
    if id(obj) not in seen:
        seen[id(obj)] = _fingerprint(obj)
    return seen[id(obj)]
