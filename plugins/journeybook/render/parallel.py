"""A render in progress: the pages' outline at once, their HTML from this process or forked workers."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from multiprocessing.pool import Pool

from jinja2 import Environment

from ..model import Playbook
from .cache import RenderCache
from .plans import PagePlan
from .renderer import Renderer
from .spec import PageOutline, PageSpec, RenderOptions

PARALLEL_MIN_PAGES = 400
_FORKED: tuple[Renderer, list[PagePlan]] | None = None  # what forked workers render from


def _render_chunk(bounds: tuple[int, int]) -> list[PageSpec]:
    assert _FORKED is not None
    renderer, plans = _FORKED
    return [renderer.render(plan) for plan in plans[bounds[0] : bounds[1]]]


class RenderJob:
    """Pages being rendered: the outline now, the HTML from :meth:`pages` (which waits for it).

    With ``jobs`` > 1 and a large playbook, forked worker processes render while
    the caller goes on (MkDocs reads its files and builds the navigation
    meanwhile); the output is the same, byte for byte, as in one process.
    """

    def __init__(self, renderer: Renderer, plans: list[PagePlan], cache: RenderCache | None, jobs: int) -> None:
        self.outline = sorted((PageOutline(p.src_uri, p.url, p.title, p.source_path, p.section) for p in plans),
                              key=lambda o: o.src_uri)
        self._pages: list[PageSpec] | None = None
        self._got: dict[str, PageSpec] = {}
        self._chunks: Iterator[list[PageSpec]] | None = None  # ordered results of the workers, chunk by chunk
        self._pool: Pool | None = None
        if cache is not None:
            self._pages = _sorted(cache.render(renderer, plans))
        elif jobs > 1 and len(plans) >= PARALLEL_MIN_PAGES and "fork" in multiprocessing.get_all_start_methods():
            self._start(renderer, plans, jobs)
        else:
            self._pages = _sorted([renderer.render(plan) for plan in plans])

    def _start(self, renderer: Renderer, plans: list[PagePlan], jobs: int) -> None:
        global _FORKED
        for name in sorted({plan.template for plan in plans}):  # compiled once here, not once per worker
            renderer.env.get_template(name)
        plans = sorted(plans, key=lambda p: p.src_uri)  # the order MkDocs builds them in: the first come first
        step = max(8, -(-len(plans) // (jobs * 16)))
        chunks = [(i, min(i + step, len(plans))) for i in range(0, len(plans), step)]
        _FORKED = (renderer, plans)
        try:
            self._pool = multiprocessing.get_context("fork").Pool(jobs)  # the workers fork here, with _FORKED
        finally:
            _FORKED = None
        self._chunks = self._pool.imap(_render_chunk, chunks)

    def get(self, src_uri: str) -> PageSpec:
        """One page, waiting only for the chunk that holds it."""
        if self._pages is not None and not self._got:
            self._got = {spec.src_uri: spec for spec in self._pages}
        while src_uri not in self._got and self._chunks is not None:
            self._take(self._chunks)
        return self._got[src_uri]

    def _take(self, chunks: Iterator[list[PageSpec]]) -> None:
        try:
            self._got.update((spec.src_uri, spec) for spec in next(chunks))
            if len(self._got) == len(self.outline):  # all in: the workers can go
                self._chunks = None
                self.cancel()
        except StopIteration:
            self._chunks = None
            self.cancel()
        except BaseException:
            self.cancel()
            raise

    def pages(self) -> list[PageSpec]:
        if self._pages is None:
            while self._chunks is not None:
                self._take(self._chunks)
            self._pages = _sorted(list(self._got.values()))
        return self._pages

    def cancel(self) -> None:
        """Stop the workers (after a failed build); a no-op once the pages are in."""
        self._chunks = None if self._pool is not None else self._chunks
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def _sorted(pages: list[PageSpec]) -> list[PageSpec]:
    return sorted(pages, key=lambda p: p.src_uri)


def start_render(playbook: Playbook, options: RenderOptions, cache: RenderCache | None = None,
                 jobs: int = 1, env: Environment | None = None) -> RenderJob:
    renderer = Renderer(playbook, options, env)
    return RenderJob(renderer, renderer.plans(), cache, jobs)
