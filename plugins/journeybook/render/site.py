"""Site-wide lookups built once per render: who uses which touchpoint, which
persona travels which journey, what each page cites, the emotion curve data."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Category, ChecklistItem, Journey, PhaseEntry, Playbook, Source, Touchpoint
from .svg import CurveLine, CurvePhase, CurvePoint


@dataclass(frozen=True)
class TouchpointOnPage:
    touchpoint: Touchpoint
    note: str | None = None  # md


@dataclass(frozen=True)
class Use:
    """One journey phase that uses a touchpoint."""

    journey: Journey
    entry: PhaseEntry
    note: str | None = None  # md


def unique(ids: Iterable[str]) -> tuple[str, ...]:
    """First occurrence order, duplicates dropped."""
    return tuple(dict.fromkeys(ids))


class Site:
    """Read-only indexes over a resolved playbook."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook
        self.phases = {p.id: p for p in playbook.phases}
        self.categories = {c.id: c for c in playbook.categories}
        self.channels = {c.id: c for c in playbook.channels}
        self.sources = {s.id: s for s in playbook.sources}
        self.uses = self._uses()
        self.persona_journeys = self._persona_journeys()

    # touchpoints -------------------------------------------------------------
    def phase_touchpoints(self, entry: PhaseEntry) -> list[TouchpointOnPage]:
        """The phase's touchpoints in order, then those only its steps name; each once."""
        seen: dict[str, TouchpointOnPage] = {}
        for use in entry.touchpoints:
            if use.ref in self.playbook.touchpoints and use.ref not in seen:
                seen[use.ref] = TouchpointOnPage(self.playbook.touchpoints[use.ref], use.note)
        for step in entry.steps:
            for ref in step.touchpoints:
                if ref in self.playbook.touchpoints and ref not in seen:
                    seen[ref] = TouchpointOnPage(self.playbook.touchpoints[ref])
        return list(seen.values())

    def today_first(self) -> list[Journey]:
        """The journeys, today's (current) first, then the planned (future) ones; each in playbook order."""
        journeys = list(self.playbook.journeys.values())
        return [j for j in journeys if j.state != "future"] + [j for j in journeys if j.state == "future"]

    def _uses(self) -> dict[str, list[Use]]:
        """Where each touchpoint is used: today's journeys first (:meth:`today_first`)."""
        uses: dict[str, list[Use]] = {tid: [] for tid in self.playbook.touchpoints}
        for journey in self.today_first():
            for entry in journey.phases:
                for on_page in self.phase_touchpoints(entry):
                    uses[on_page.touchpoint.id].append(Use(journey, entry, on_page.note))
        return uses

    def category(self, category_id: str) -> Category:
        return self.categories.get(category_id) or Category(category_id, category_id)

    def touchpoints_by_category(self) -> list[tuple[Category, list[Touchpoint]]]:
        """Categories in the playbook's order (unknown ones last), only those with touchpoints."""
        groups: dict[str, list[Touchpoint]] = {}
        for tp in self.playbook.touchpoints.values():
            groups.setdefault(tp.category, []).append(tp)
        order = [c.id for c in self.playbook.categories] + sorted(k for k in groups if k not in self.categories)
        return [(self.category(cid), groups[cid]) for cid in order if cid in groups]

    # personas ----------------------------------------------------------------
    def _persona_journeys(self) -> dict[str, list[Journey]]:
        """The journeys each persona travels: today's first (:meth:`today_first`)."""
        out: dict[str, list[Journey]] = {pid: [] for pid in self.playbook.personas}
        for journey in self.today_first():
            for pid in unique(journey.personas):
                if pid in out:
                    out[pid].append(journey)
        return out

    def phase_name(self, phase_id: str) -> str:
        phase = self.phases.get(phase_id)
        return phase.name if phase else phase_id

    # sources -----------------------------------------------------------------
    def known_sources(self, ids: Iterable[str]) -> tuple[Source, ...]:
        return tuple(self.sources[sid] for sid in unique(ids) if sid in self.sources)

    @staticmethod
    def item_evidence(items: Iterable[ChecklistItem]) -> list[str]:
        return [sid for item in items for sid in item.evidence]

    def phase_citations(self, entry: PhaseEntry) -> tuple[Source, ...]:
        """The phase's own evidence, then the evidence of the checklist items shown on its page."""
        items = [i for on_page in self.phase_touchpoints(entry) for i in on_page.touchpoint.checklist]
        return self.known_sources([*entry.evidence, *self.item_evidence(items)])

    def touchpoint_citations(self, tp: Touchpoint) -> tuple[Source, ...]:
        return self.known_sources([*tp.evidence, *self.item_evidence(tp.checklist)])

    # emotion curve -----------------------------------------------------------
    def curve_line(self, journey: Journey, label: str, persona_id: str | None = None) -> CurveLine:
        """The journey's curve; for a persona, its own emotions replace the phase's where given."""
        return CurveLine(label, tuple(self._curve_phase(entry, persona_id) for entry in journey.phases))

    def curve_lines(self, journey: Journey, everyone: str) -> list[CurveLine]:
        """The line of all customers (labelled ``everyone``), plus one per persona who feels differently somewhere."""
        lines = [self.curve_line(journey, everyone)]
        for pid in journey.personas:
            if pid in self.playbook.personas and any(pid in e.persona_emotions for e in journey.phases):
                lines.append(self.curve_line(journey, self.playbook.personas[pid].name, pid))
        return lines

    def today_line(self, future: Journey, label: str, persona_id: str | None = None) -> CurveLine | None:
        """The line of the current journey a future improves, on the future's phases (a phase today
        lacks keeps its band, without a point); None when that journey is not in this playbook.
        For a persona, its own emotions today replace the phase's where given (as :meth:`curve_line`)."""
        current = self.playbook.journeys.get(future.improves) if future.improves else None
        if current is None:
            return None
        now = {e.phase: e for e in current.phases}
        phases = tuple(self._curve_phase(now[e.phase], persona_id) if e.phase in now else
                       CurvePhase(self.phase_name(e.phase), (), phase_id=e.phase) for e in future.phases)
        return CurveLine(label, tuple(dataclasses.replace(ph, moments_of_truth=()) for ph in phases), today=True)

    def futures_of(self, journey: Journey) -> list[Journey]:
        """The future journeys that improve ``journey``, in id order."""
        return [j for j in self.playbook.journeys.values() if j.state == "future" and j.improves == journey.id]

    def _curve_phase(self, entry: PhaseEntry, persona_id: str | None = None) -> CurvePhase:
        name = self.phase_name(entry.phase)
        own = entry.persona_emotions.get(persona_id) if persona_id else None
        phase_score = entry.emotion.score if entry.emotion is not None else None
        points: tuple[CurvePoint, ...] = ()
        if own is not None:
            points, phase_score = (CurvePoint(name, own.score, note=own.note),), own.score
        elif any(s.emotion is not None for s in entry.steps):
            points = tuple(CurvePoint(f"{name} – {s.action}", s.emotion.score, s.action, s.id, s.emotion.note)
                           for s in entry.steps if s.emotion is not None)
        elif entry.emotion is not None:
            points = (CurvePoint(name, entry.emotion.score, note=entry.emotion.note),)
        return CurvePhase(name, points, tuple(entry.moments_of_truth), entry.phase, phase_score)
