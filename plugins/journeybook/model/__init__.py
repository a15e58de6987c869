"""The resolved playbook as plain dataclasses.

Everything here is already validated and resolved: references point at ids that
exist, phase entries follow the playbook's phase order, defaults are filled in.
Text fields marked *md* in the data model hold the Markdown source as written;
rendering (and escaping) is the renderer's job. Pure: imports nothing of ours.
"""

from __future__ import annotations

import datetime
from array import array
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    id: str
    claim: str
    value: str | None = None
    publisher: str | None = None
    url: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    summary: str | None = None  # md
    question: str | None = None


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    type: str  # online | offline | hybrid
    description: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Kpi:
    name: str
    target: str | None = None
    id: str | None = None  # names its measurements: <touchpoint>/<id> or <journey>/<phase>/<id>
    min: float | None = None  # the target as numbers: met when min <= latest <= max
    max: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    detail: str | None = None  # md
    priority: str = "should"
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Emotion:
    score: int  # 1 very negative .. 5 very positive
    note: str | None = None


@dataclass
class Persona:
    id: str
    source_path: str  # the YAML file, relative to the project root
    name: str
    role: str
    segment: str | None = None
    avatar: str | None = None  # relative to the docs dir
    quote: str | None = None
    about: str | None = None  # md
    demographics: dict[str, str] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    frustrations: list[str] = field(default_factory=list)
    needs_latent: list[str] = field(default_factory=list)
    needs_concrete: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    decision_drivers: list[str] = field(default_factory=list)
    owner: str | None = None
    last_reviewed: datetime.date | None = None


@dataclass
class Touchpoint:
    id: str
    source_path: str
    name: str
    category: str
    checklist: list[ChecklistItem]
    channel: str | None = None
    contact: str | None = None  # direct | indirect
    owner: str | None = None
    last_reviewed: datetime.date | None = None
    summary: str | None = None  # md
    kpis: list[Kpi] = field(default_factory=list)
    pitfalls: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TouchpointUse:
    ref: str  # touchpoint id
    note: str | None = None  # md


@dataclass
class Step:
    id: str
    action: str
    touchpoints: list[str] = field(default_factory=list)
    emotion: Emotion | None = None
    thought: str | None = None


@dataclass
class PhaseEntry:
    phase: str  # phase id
    goal: str | None = None
    actions: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    emotion: Emotion | None = None
    steps: list[Step] = field(default_factory=list)
    touchpoints: list[TouchpointUse] = field(default_factory=list)
    pain_points: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    moments_of_truth: list[str] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    persona_notes: dict[str, str] = field(default_factory=dict)  # persona id -> md
    persona_emotions: dict[str, Emotion] = field(default_factory=dict)  # persona id -> how that persona feels here


@dataclass
class Journey:
    id: str
    source_path: str
    title: str
    personas: list[str]
    phases: list[PhaseEntry]  # in the playbook's phase order; phases left out are absent
    summary: str | None = None  # md
    goal: str | None = None
    trigger: str | None = None
    owner: str | None = None
    last_reviewed: datetime.date | None = None
    state: str = "current"  # current | future
    improves: str | None = None  # a future journey: the current journey it improves


@dataclass(frozen=True)
class Series:
    """The measurements of one KPI from the metrics CSV files, oldest first, one per date.

    Compact (a million rows are arrays of numbers, not objects): ``days`` holds
    dates as proleptic ordinals (:meth:`datetime.date.toordinal`).
    """

    kpi: str  # <touchpoint>/<kpi> or <journey>/<phase>/<kpi>
    days: array[int]  # ascending
    values: array[float]
    source: str | None = None  # the source column of the latest value

    @property
    def latest(self) -> tuple[datetime.date, float]:
        return datetime.date.fromordinal(self.days[-1]), self.values[-1]

    @property
    def previous(self) -> tuple[datetime.date, float] | None:
        """The measurement before the latest (None: only one)."""
        return (datetime.date.fromordinal(self.days[-2]), self.values[-2]) if len(self.days) > 1 else None


@dataclass(frozen=True)
class Client:
    id: str
    name: str
    language: str | None = None
    logo: str | None = None  # path inside the client folder, relative to the project root
    favicon: str | None = None  # likewise
    copyright: str | None = None
    repo_url: str | None = None
    edit_uri: str | None = None
    edit_links: bool | None = None  # False: no "Edit this page" links
    colors: dict[str, str] = field(default_factory=dict)
    journeys: tuple[str, ...] | None = None
    vars: dict[str, str] = field(default_factory=dict)


@dataclass
class Playbook:
    """The whole resolved playbook. Dicts keep a stable, sorted-by-id order."""

    title: str
    language: str
    phases: list[Phase]
    categories: list[Category]
    channels: list[Channel]
    sources: list[Source]
    personas: dict[str, Persona]
    touchpoints: dict[str, Touchpoint]
    journeys: dict[str, Journey]
    playbook_path: str | None = None  # journeys/playbook.yml when present
    client: Client | None = None
    review_every: int | None = None  # days; None: reviews are never due
    metrics_stale_after: int | None = None  # days; None: measurements never go stale
    metrics: dict[str, Series] = field(default_factory=dict)  # KPI key -> its measurements, sorted by key

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def channel(self, channel_id: str) -> Channel:
        return next(c for c in self.channels if c.id == channel_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)
