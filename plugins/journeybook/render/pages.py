"""Page plans (what each page is, what it cites) and their rendering."""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import i18n
from ..model import Journey, PhaseEntry, Persona, Playbook, Source, Step, Touchpoint
from .env import Ids, environment, extract_toc, tidy
from .site import Site, TouchpointOnPage
from .spec import PageSpec, RenderOptions
from .search import search_html
from .svg import CurveLabels, emotion_curve
from .urls import Urls, relative_url


@dataclass
class PagePlan:
    src_uri: str
    title: str
    template: str
    section: str
    source_path: str | None
    context: dict[str, Any]
    cites: tuple[Source, ...] = ()
    reserved: tuple[str, ...] = ()  # ids other pages link to
    url: str = ""
    deps: tuple[Any, ...] | None = None  # the model objects the page shows; None: it shows everything


@dataclass(frozen=True)
class MapColumn:
    """One phase of the journey map."""

    entry: PhaseEntry
    name: str
    touchpoints: list[TouchpointOnPage]
    step_emotions: list[Step]


MAP_ROWS = ("goal", "actions", "questions", "touchpoints", "emotion", "pain_points", "opportunities", "moments_of_truth")


def _map_rows(columns: list[MapColumn]) -> tuple[str, ...]:
    """The rows of the map that have something in at least one phase."""

    def filled(row: str, col: MapColumn) -> bool:
        if row == "touchpoints":
            return bool(col.touchpoints)
        if row == "emotion":
            return col.entry.emotion is not None or bool(col.step_emotions)
        return bool(getattr(col.entry, row))

    return tuple(row for row in MAP_ROWS if any(filled(row, col) for col in columns))


@dataclass(frozen=True)
class Citation:
    """A page that cites a source, with the link to the source on that page."""

    title: str
    url: str


class Renderer:
    def __init__(self, playbook: Playbook, options: RenderOptions) -> None:
        self.playbook = playbook
        self.options = options
        self.site = Site(playbook)
        self.urls = Urls(options.use_directory_urls)
        self.labels = i18n.labels(options.language)
        self.env = environment(tuple(options.template_dirs))

    # plans -------------------------------------------------------------------
    def plans(self) -> list[PagePlan]:
        plans = [self._journeys_index()]
        for journey in self.playbook.journeys.values():
            plans.append(self._journey(journey))
            plans.extend(self._phase(journey, i) for i in range(len(journey.phases)))
        plans.append(self._personas_index())
        plans.extend(self._persona(p) for p in self.playbook.personas.values())
        plans.append(self._touchpoints_index())
        plans.extend(self._touchpoint(tp) for tp in self.playbook.touchpoints.values())
        for plan in plans:
            plan.url = self.urls.url(plan.src_uri)
        plans.append(self._sources(plans))
        plans[-1].url = self.urls.url(plans[-1].src_uri)
        return plans

    def _plan(self, src_uri: str, title: str, template: str, section: str, source_path: str | None, **context: Any) -> PagePlan:
        return PagePlan(src_uri, title, template, section, source_path, context)

    def _journeys_index(self) -> PagePlan:
        return self._plan(self.urls.journeys_src(), self.labels["journeys"], "journeys_index.html", "journeys",
                          self.playbook.playbook_path, journeys=list(self.playbook.journeys.values()))

    def _journey(self, journey: Journey) -> PagePlan:
        columns = [
            MapColumn(entry, self.site.phase_name(entry.phase), self.site.phase_touchpoints(entry),
                      [s for s in entry.steps if s.emotion is not None])
            for entry in journey.phases
        ]
        plan = self._plan(self.urls.journey_src(journey.id), journey.title, "journey.html", "journeys",
                          journey.source_path, journey=journey, columns=columns, rows=_map_rows(columns))
        plan.deps = (journey, *self._personas_of(journey), *(t.touchpoint for col in columns for t in col.touchpoints))
        return plan

    def _phase(self, journey: Journey, index: int) -> PagePlan:
        entry = journey.phases[index]
        phase = self.site.phases.get(entry.phase)
        name = self.site.phase_name(entry.phase)
        on_page = self.site.phase_touchpoints(entry)
        plan = self._plan(
            self.urls.phase_src(journey.id, entry.phase), f"{name} – {journey.title}", "phase.html", "journeys",
            journey.source_path, journey=journey, entry=entry, phase=phase, phase_name=name, index=index,
            touchpoints=on_page, item_count=sum(len(t.touchpoint.checklist) for t in on_page),
            previous=journey.phases[index - 1] if index > 0 else None,
            next=journey.phases[index + 1] if index + 1 < len(journey.phases) else None,
        )
        plan.cites = self.site.phase_citations(entry)
        plan.deps = (journey, *self._personas_of(journey), *(t.touchpoint for t in on_page))
        plan.reserved = (*(f"jb-cl-{t.touchpoint.id}" for t in on_page),
                         *(f"jb-note-{pid}" for pid in entry.persona_notes if pid in self.playbook.personas))
        return plan

    def _personas_of(self, journey: Journey) -> list[Persona]:
        return [self.playbook.personas[pid] for pid in journey.personas if pid in self.playbook.personas]

    def _personas_index(self) -> PagePlan:
        return self._plan(self.urls.personas_src(), self.labels["personas"], "personas_index.html", "personas",
                          self.playbook.playbook_path, personas=list(self.playbook.personas.values()))

    def _persona(self, persona: Persona) -> PagePlan:
        travels = [
            (journey, [(e, e.persona_notes[persona.id]) for e in journey.phases if persona.id in e.persona_notes])
            for journey in self.site.persona_journeys.get(persona.id, [])
        ]
        plan = self._plan(self.urls.persona_src(persona.id), persona.name, "persona.html", "personas",
                          persona.source_path, persona=persona, travels=travels)
        plan.deps = (persona, *(journey for journey, _ in travels))
        return plan

    def _touchpoints_index(self) -> PagePlan:
        groups = self.site.touchpoints_by_category()
        plan = self._plan(self.urls.touchpoints_src(), self.labels["touchpoints"], "touchpoints_index.html",
                          "touchpoints", self.playbook.playbook_path, groups=groups)
        plan.cites = self.site.touchpoints_index_citations()
        plan.reserved = tuple(f"jb-cat-{c.id}" for c, _ in groups) + tuple(f"jb-cl-{tp.id}" for _, tps in groups for tp in tps)
        return plan

    def _touchpoint(self, tp: Touchpoint) -> PagePlan:
        plan = self._plan(self.urls.touchpoint_src(tp.id), tp.name, "touchpoint.html", "touchpoints",
                          tp.source_path, touchpoint=tp, uses=self.site.uses.get(tp.id, []))
        plan.cites = self.site.touchpoint_citations(tp)
        plan.reserved = (f"jb-cl-{tp.id}",)
        plan.deps = (tp, *(use.journey for use in plan.context["uses"]))
        return plan

    def _sources(self, plans: list[PagePlan]) -> PagePlan:
        cited_on: dict[str, list[Citation]] = {s.id: [] for s in self.playbook.sources}
        for plan in plans:
            for source in plan.cites:
                cited_on[source.id].append(Citation(plan.title, f"{plan.url}#jb-src-{source.id}"))
        plan = self._plan(self.urls.sources_src(), self.labels["sources"], "sources.html", "sources",
                          self.playbook.playbook_path, sources=self.playbook.sources, cited_on=cited_on)
        plan.reserved = tuple(f"jb-src-{s.id}" for s in self.playbook.sources)
        return plan

    # rendering ---------------------------------------------------------------
    def render(self, plan: PagePlan) -> PageSpec:
        ids = Ids([*plan.reserved, *(f"jb-src-{s.id}" for s in plan.cites)])
        context = {**self._globals(plan, ids), **plan.context}
        body = tidy(self.env.get_template(plan.template).render(context))
        own_checklist = plan.section == "touchpoints" and plan.src_uri != self.urls.touchpoints_src()
        return PageSpec(plan.src_uri, plan.url, plan.title, body, extract_toc(body), plan.source_path, plan.section,
                        search_html(body, checklist_items=own_checklist))

    def _globals(self, plan: PagePlan, ids: Ids) -> dict[str, Any]:
        def rel(to_url: str) -> str:
            return relative_url(plan.url, to_url)

        numbers = {s.id: n for n, s in enumerate(plan.cites, start=1)}

        return {
            "L": self.labels,
            "fmt": _formatter(self.labels),
            "ids": ids,
            "rel": rel,
            "urls": self.urls,
            "site": self.site,
            "playbook": self.playbook,
            "scope": self.options.scope,
            "page_title": plan.title,
            "cites": plan.cites,
            "cite_numbers": numbers,
            "cited": lambda evidence: sorted((sid for sid in evidence if sid in numbers), key=numbers.__getitem__),
            "curve": self._curve_function(ids),
        }

    def _curve_function(self, ids: Ids) -> Callable[..., Markup]:
        def curve(journey: Journey, persona: Persona | None = None) -> Markup:
            if persona is None:
                title = self.labels["emotion_curve_title"].format(journey=journey.title)
                label, base = journey.title, f"jb-curve-{journey.id}"
            else:
                title = self.labels["emotion_curve_persona"].format(journey=journey.title, persona=persona.name)
                label, base = persona.name, f"jb-curve-{journey.id}-{persona.id}"
            labels = CurveLabels(
                title=title,
                score_words={n: self.labels[f"emotion_{n}"] for n in range(1, 6)},
                out_of=self.labels["score_of"],
                moment_of_truth=self.labels["moment_of_truth"],
                no_emotion=self.labels["no_emotion"],
            )
            lines = self.site.curve_lines(journey) if persona is None else [self.site.curve_line(journey, label, persona.id)]
            return emotion_curve(lines, svg_id=ids.unique(base), labels=labels)

        return curve


def _formatter(labels: Mapping[str, str]) -> Callable[..., str]:
    """``fmt("phase_of", n=2, total=5)``: a label with placeholders filled (escaped later)."""

    def fmt(key: str, **values: Any) -> str:
        return labels[key].format(**values)

    return fmt


class RenderCache:
    """Pages of the previous render, reused while nothing they show has changed (``serve``).

    A page's key is what it shows: the model objects it names (by content: a
    journey page names its personas and touchpoints, a touchpoint page the
    journeys that use it, ...) and what every page may show (phases, categories,
    channels, sources, the options). Index and sources pages, which show
    everything, are always rendered again.
    """

    def __init__(self) -> None:
        self.pages: dict[str, tuple[tuple[Any, ...], PageSpec]] = {}

    def render(self, renderer: Renderer, plans: list[PagePlan]) -> list[PageSpec]:
        shared = _fingerprint((renderer.options, renderer.playbook.phases, renderer.playbook.categories,
                               renderer.playbook.channels, renderer.playbook.sources))
        seen: dict[int, str] = {}
        fresh: dict[str, tuple[tuple[Any, ...], PageSpec]] = {}
        for plan in plans:
            key = None if plan.deps is None else (shared, plan.title, plan.url, *(_object_key(o, seen) for o in plan.deps))
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


PARALLEL_MIN_PAGES = 400
_FORKED: tuple[Renderer, list[PagePlan]] | None = None  # what forked workers render from


def _render_chunk(bounds: tuple[int, int]) -> list[PageSpec]:
    assert _FORKED is not None
    renderer, plans = _FORKED
    return [renderer.render(plan) for plan in plans[bounds[0] : bounds[1]]]


@dataclass(frozen=True)
class PageOutline:
    """What is known of a page before its HTML: enough for files, navigation and edit links."""

    src_uri: str
    url: str
    title: str
    source_path: str | None
    section: str


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
        self._chunks: Any = None  # ordered results of the workers, chunk by chunk
        self._pool: Any = None
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
            self._take()
        return self._got[src_uri]

    def _take(self) -> None:
        try:
            self._got.update((spec.src_uri, spec) for spec in next(self._chunks))
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
                self._take()
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
                 jobs: int = 1) -> RenderJob:
    renderer = Renderer(playbook, options)
    return RenderJob(renderer, renderer.plans(), cache, jobs)

