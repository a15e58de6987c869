"""Content that says when it is stale: who owns an item, when it was last reviewed, what is overdue.

``review_every`` (days, in playbook.yml) makes a review due that many days after
``last_reviewed``; an overdue review is a warning located at ``last_reviewed``.
Items never reviewed get no warning (there is no date to locate it at); the
review page lists them. ``today`` is passed in, so that tests fix it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .. import model
from ..check.validate import as_int
from ..errors import WARNING, Problem
from ..read.files import Documents

KINDS = ("journey", "persona", "touchpoint")


def _date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if isinstance(value, str) else None
    except ValueError:  # the schema check reports it
        return None


def review_every(files: Documents) -> int | None:
    data = files.playbook.data if files.playbook is not None and isinstance(files.playbook.data, dict) else {}
    days = as_int(data.get("review_every"))
    return days if days is not None and days >= 1 else None


def overdue_warnings(files: Documents, today: datetime.date) -> list[Problem]:
    """A warning at ``last_reviewed`` of every item whose review is overdue."""
    days = review_every(files)
    if days is None:
        return []
    problems = []
    for kind in KINDS:
        for item_id, doc in sorted(files.table(kind).items()):
            written = doc.data.get("last_reviewed") if isinstance(doc.data, dict) else None
            reviewed = _date(written)
            if reviewed is None or (today - reviewed).days <= days:
                continue
            due = reviewed + datetime.timedelta(days=days)
            line, col = doc.pos(("last_reviewed",))
            problems.append(Problem(
                doc.path_of(("last_reviewed",)), line, col, WARNING,
                f"{kind} '{item_id}' is due for review since {due.isoformat()} (last reviewed {reviewed.isoformat()}, "
                f"review_every: {days} days); check it, then set last_reviewed to the date of the check"))
    return problems


@dataclass(frozen=True)
class ReviewItem:
    """One row of the review page."""

    kind: str  # journey | persona | touchpoint
    id: str
    title: str
    source_path: str
    owner: str | None
    last_reviewed: datetime.date | None
    due: datetime.date | None  # None: never reviewed, or reviews are never due

    def overdue(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today


def review_items(playbook: model.Playbook) -> list[ReviewItem]:
    """Every journey, persona and touchpoint, oldest review first (never reviewed before all), then by kind and id."""
    items = []
    every = playbook.review_every
    things: list[tuple[str, str, str, model.Journey | model.Persona | model.Touchpoint]] = [
        *(("journey", jid, j.title, j) for jid, j in playbook.journeys.items()),
        *(("persona", pid, p.name, p) for pid, p in playbook.personas.items()),
        *(("touchpoint", tid, t.name, t) for tid, t in playbook.touchpoints.items()),
    ]
    for kind, item_id, title, thing in things:
        reviewed = thing.last_reviewed
        due = reviewed + datetime.timedelta(days=every) if reviewed is not None and every else None
        items.append(ReviewItem(kind, item_id, title, thing.source_path, thing.owner, reviewed, due))
    return sorted(items, key=lambda i: (i.last_reviewed or datetime.date.min, KINDS.index(i.kind), i.id))


def has_review_page(playbook: model.Playbook) -> bool:
    """Whether the site gets a review page: when the playbook says anything about reviews (a schedule, an owner,
    a date), and not in a client's guide (the page is the editors' work list, not the client's)."""
    things: list[model.Journey | model.Persona | model.Touchpoint] = [
        *playbook.journeys.values(), *playbook.personas.values(), *playbook.touchpoints.values()]
    said = playbook.review_every is not None or any(t.owner or t.last_reviewed for t in things)
    return said and playbook.client is None


def needs_attention(items: list[ReviewItem], today: datetime.date) -> list[ReviewItem]:
    """What the review page lists: overdue, never reviewed or without an owner."""
    return [i for i in items if i.last_reviewed is None or i.owner is None or i.overdue(today)]
