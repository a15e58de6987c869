"""Page plans: which pages a playbook makes, and for each what it shows, cites and links to.

A plan holds everything its template needs; :mod:`.renderer` turns it into HTML.
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..editors.review import has_review_page, needs_attention, review_items
from ..model import Journey, Kpi, Persona, PhaseEntry, Playbook, Source, Step, Touchpoint
from .changes import PhaseChange, compare
from .matrix import build_matrix
from .site import Site, TouchpointOnPage
from .urls import Urls


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
    number: int = 1  # 1-based position in the journey
    change: PhaseChange | None = None  # a future journey's map: what changes against today


MAP_ROWS = (
    "goal", "actions", "questions", "touchpoints", "curve", "emotion", "changes", "pain_points", "opportunities",
    "moments_of_truth",
)


def _map_rows(columns: list[MapColumn]) -> tuple[str, ...]:
    """The rows of the map that have something in at least one phase."""

    def filled(row: str, col: MapColumn) -> bool:
        if row == "touchpoints":
            return bool(col.touchpoints)
        if row == "changes":
            return col.change is not None
        if row in ("curve", "emotion"):
            return col.entry.emotion is not None or bool(col.step_emotions) or bool(col.entry.persona_emotions)
        return bool(getattr(col.entry, row))

    return tuple(row for row in MAP_ROWS if any(filled(row, col) for col in columns))


@dataclass(frozen=True)
class Citation:
    """A page that cites a source, with the link to the source on that page."""

    title: str
    url: str
    state: str = "current"  # "future": a page of a planned journey, listed after today's and marked


def _today_first(plan: PagePlan) -> int:
    """Where a page is listed among those that cite a source: today's journeys, planned journeys, the rest."""
    journey = plan.context.get("journey")
    if not isinstance(journey, Journey):
        return 2
    return 1 if journey.state == "future" else 0


class Planner:
    """The plans of every generated page, in a fixed order, with their URLs."""

    def __init__(self, playbook: Playbook, site: Site, urls: Urls, labels: Mapping[str, str],
                 edit_base: str | None = None, today: datetime.date | None = None) -> None:
        self.edit_base = edit_base
        self.today = today
        self.playbook = playbook
        self.site = site
        self.urls = urls
        self.labels = labels

    def plans(self) -> list[PagePlan]:
        plans = [self._journeys_index()]
        for journey in self.playbook.journeys.values():
            plans.append(self._journey(journey))
            plans.extend(self._phase(journey, i) for i in range(len(journey.phases)))
        plans.append(self._personas_index())
        if self.playbook.personas:
            plans.append(self._matrix())
        plans.extend(self._persona(p) for p in self.playbook.personas.values())
        plans.append(self._touchpoints_index())
        plans.extend(self._touchpoint(tp) for tp in self.playbook.touchpoints.values())
        for plan in plans:
            plan.url = self.urls.url(plan.src_uri)
        plans.append(self._sources(plans))
        plans[-1].url = self.urls.url(plans[-1].src_uri)
        if has_review_page(self.playbook):
            plans.append(self._review())
            plans[-1].url = self.urls.url(plans[-1].src_uri)
        if self.playbook.metrics:  # every measured KPI; its rows come from the template's `measured`
            plans.append(self._plan(self.urls.kpis_src(), self.labels["kpis_page"], "kpis.html", "kpis",
                                    self.playbook.playbook_path))
            plans[-1].url = self.urls.url(plans[-1].src_uri)
        return plans

    def _plan(self, src_uri: str, title: str, template: str, section: str, source_path: str | None,
              **context: Any) -> PagePlan:
        return PagePlan(src_uri, title, template, section, source_path, context)

    def _journeys_index(self) -> PagePlan:
        return self._plan(self.urls.journeys_src(), self.labels["journeys"], "journeys_index.html", "journeys",
                          self.playbook.playbook_path, journeys=self._paired(),
                          has_futures=any(j.state == "future" for j in self.playbook.journeys.values()))

    def _paired(self) -> list[Journey]:
        """Each current journey with planned versions followed by them (the index shows each such row of cards
        from its first column: today's card beside its planned ones), then the other current journeys, then
        futures of no journey here."""
        journeys = list(self.playbook.journeys.values())
        out = []
        for journey in journeys:
            if journey.state != "future" and self.site.futures_of(journey):
                out += [journey, *self.site.futures_of(journey)]
        out += [j for j in journeys if j.state != "future" and j not in out]
        return out + [j for j in journeys if j not in out]

    def _current_of(self, journey: Journey) -> Journey | None:
        """The current journey a future journey improves, when it is in this playbook."""
        return self.playbook.journeys.get(journey.improves) if journey.improves else None

    def _journey(self, journey: Journey) -> PagePlan:
        current = self._current_of(journey)
        changes = {c.phase: c for c in compare(current, journey, list(self.site.phases))} if current else {}
        columns = [
            MapColumn(entry, self.site.phase_name(entry.phase), self.site.phase_touchpoints(entry),
                      [s for s in entry.steps if s.emotion is not None], number, changes.get(entry.phase))
            for number, entry in enumerate(journey.phases, start=1)
        ]
        plan = self._plan(self.urls.journey_src(journey.id), journey.title, "journey.html", "journeys",
                          journey.source_path, journey=journey, columns=columns, rows=_map_rows(columns),
                          current=current, futures=self.site.futures_of(journey),
                          phases_dropped=[c for c in changes.values() if not c.in_future])
        plan.deps = (journey, *self._personas_of(journey), *(t.touchpoint for col in columns for t in col.touchpoints),
                     *([current] if current else []), *plan.context["futures"])
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
        current = self._current_of(journey)
        plan.context["today"] = current if current and any(e.phase == entry.phase for e in current.phases) else None
        plan.deps = (journey, *self._personas_of(journey), *(t.touchpoint for t in on_page),
                     *([current] if current else []),
                     *self._measured(f"{journey.id}/{entry.phase}/", entry.kpis))
        plan.reserved = (*(f"jb-cl-{t.touchpoint.id}" for t in on_page),
                         *(f"jb-note-{pid}" for pid in entry.persona_notes if pid in self.playbook.personas))
        return plan

    def _personas_of(self, journey: Journey) -> list[Persona]:
        return [self.playbook.personas[pid] for pid in journey.personas if pid in self.playbook.personas]

    def _personas_index(self) -> PagePlan:
        return self._plan(self.urls.personas_src(), self.labels["personas"], "personas_index.html", "personas",
                          self.playbook.playbook_path, personas=list(self.playbook.personas.values()))

    def _matrix(self) -> PagePlan:
        """Personas × touchpoints; journeys keyed 1, 2, ... in the table (today's journeys only)."""
        matrix = build_matrix(self.site)
        met = {mt.journey.id: mt.journey for _, rows in matrix.groups for row in rows for cell in row.cells
               for mt in cell}
        journeys = [j for j in self.playbook.journeys.values() if j.id in met]
        counts = {pid: sum(len(items) for _, items in matrix.meetings_of(i)) for i, pid in enumerate(matrix.personas)}
        return self._plan(self.urls.matrix_src(), self.labels["matrix"], "personas_matrix.html", "personas",
                          self.playbook.playbook_path, matrix=matrix, journeys=journeys, counts=counts,
                          keys={j.id: str(n) for n, j in enumerate(journeys, start=1)})

    def _persona(self, persona: Persona) -> PagePlan:
        travels = [
            (journey, [(e, e.persona_notes[persona.id]) for e in journey.phases if persona.id in e.persona_notes])
            for journey in self.site.persona_journeys.get(persona.id, [])
        ]
        plan = self._plan(self.urls.persona_src(persona.id), persona.name, "persona.html", "personas",
                          persona.source_path, persona=persona, travels=travels)
        todays = [self._current_of(journey) for journey, _ in travels]  # a planned journey's curve draws today's
        plan.deps = (persona, *(journey for journey, _ in travels), *(j for j in todays if j is not None))
        return plan

    def _touchpoints_index(self) -> PagePlan:
        """Overview cards grouped by category; the checklists live on the touchpoint and phase pages."""
        groups = self.site.touchpoints_by_category()
        used_in = {tp.id: self._used_in(tp) for _, tps in groups for tp in tps}
        plan = self._plan(self.urls.touchpoints_src(), self.labels["touchpoints"], "touchpoints_index.html",
                          "touchpoints", self.playbook.playbook_path, groups=groups, used_in=used_in)
        plan.reserved = tuple(f"jb-cat-{c.id}" for c, _ in groups)
        return plan

    def _used_in(self, tp: Touchpoint) -> list[tuple[Journey, list[str]]]:
        """The journeys that use a touchpoint, in order, each with the names of its phases that do."""
        out: dict[str, tuple[Journey, list[str]]] = {}
        for use in self.site.uses.get(tp.id, []):
            names = out.setdefault(use.journey.id, (use.journey, []))[1]
            name = self.site.phase_name(use.entry.phase)
            if name not in names:
                names.append(name)
        return list(out.values())

    def _touchpoint(self, tp: Touchpoint) -> PagePlan:
        plan = self._plan(self.urls.touchpoint_src(tp.id), tp.name, "touchpoint.html", "touchpoints",
                          tp.source_path, touchpoint=tp, uses=self.site.uses.get(tp.id, []))
        plan.cites = self.site.touchpoint_citations(tp)
        plan.reserved = (f"jb-cl-{tp.id}",)
        plan.deps = (tp, *(use.journey for use in plan.context["uses"]), *self._measured(f"{tp.id}/", tp.kpis))
        return plan

    def _measured(self, prefix: str, kpis: list[Kpi]) -> tuple[object, ...]:
        """What a page's KPI table shows of measurements: the series of its KPIs and when they go stale."""
        series = tuple(self.playbook.metrics.get(prefix + k.id) for k in kpis if k.id)
        return (*series, self.playbook.metrics_stale_after) if any(series) else ()

    def _review(self) -> PagePlan:
        today = self.today or datetime.date.today()
        items = needs_attention(review_items(self.playbook), today)
        links = {"journey": self.urls.journey, "persona": self.urls.persona, "touchpoint": self.urls.touchpoint}
        rows = [(item, links[item.kind](item.id),
                 self.edit_base + posixpath.normpath(item.source_path) if self.edit_base else None) for item in items]
        return self._plan(self.urls.review_src(), self.labels["review"], "review.html", "review",
                          self.playbook.playbook_path, rows=rows, today=today, every=self.playbook.review_every)

    def _sources(self, plans: list[PagePlan]) -> PagePlan:
        cited_on: dict[str, list[Citation]] = {s.id: [] for s in self.playbook.sources}
        for plan in sorted(plans, key=_today_first):
            state = "future" if _today_first(plan) == 1 else "current"
            for source in plan.cites:
                cited_on[source.id].append(Citation(plan.title, f"{plan.url}#jb-src-{source.id}", state))
        plan = self._plan(self.urls.sources_src(), self.labels["sources"], "sources.html", "sources",
                          self.playbook.playbook_path, sources=self.playbook.sources, cited_on=cited_on)
        plan.reserved = tuple(f"jb-src-{s.id}" for s in self.playbook.sources)
        return plan
