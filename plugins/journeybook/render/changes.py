"""What a future journey changes, phase by phase, against the current journey it improves.

Pure: model in, plain dataclasses out (no Jinja, no HTML). Per phase of either
journey (in the playbook's phase order):

- the emotion today and as planned: the phase's own score, else the mean of
  its steps' scores (one decimal), and the difference (planned minus today);
- the pain points of today that the future no longer lists (same text: a
  future journey is written by copying the current one and editing it);
- the touchpoints the future adds and the ones it drops (the phase's and its
  steps', each once, in the order they are written).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Journey, PhaseEntry


@dataclass(frozen=True)
class PhaseChange:
    phase: str  # phase id
    today: float | None  # emotion score today (None: not given)
    planned: float | None  # emotion score as planned
    pains_gone: tuple[str, ...] = ()  # pain points of today the future no longer has
    added: tuple[str, ...] = ()  # touchpoint ids the future adds in this phase
    dropped: tuple[str, ...] = ()  # touchpoint ids the future no longer uses here
    in_today: bool = True  # the current journey has this phase
    in_future: bool = True  # the future journey has this phase

    @property
    def delta(self) -> float | None:
        """Planned minus today, when both are known."""
        if self.today is None or self.planned is None:
            return None
        return round(self.planned - self.today, 1)

    @property
    def changes_anything(self) -> bool:
        return bool(self.delta or self.pains_gone or self.added or self.dropped
                    or self.in_today != self.in_future)


def phase_score(entry: PhaseEntry | None) -> float | None:
    """The phase's own score, else the mean of its steps' scores to one decimal; None when none is given."""
    if entry is None:
        return None
    if entry.emotion is not None:
        return float(entry.emotion.score)
    steps = [s.emotion.score for s in entry.steps if s.emotion is not None]
    return round(sum(steps) / len(steps), 1) if steps else None


def touchpoint_ids(entry: PhaseEntry | None) -> tuple[str, ...]:
    """The phase's touchpoints, then those only its steps name; each once."""
    if entry is None:
        return ()
    ids = [use.ref for use in entry.touchpoints] + [ref for step in entry.steps for ref in step.touchpoints]
    return tuple(dict.fromkeys(ids))


def compare_phase(phase: str, today: PhaseEntry | None, planned: PhaseEntry | None) -> PhaseChange:
    now, then = touchpoint_ids(today), touchpoint_ids(planned)
    pains_later = set(planned.pain_points) if planned is not None else set()
    return PhaseChange(
        phase,
        phase_score(today),
        phase_score(planned),
        tuple(p for p in dict.fromkeys(today.pain_points) if p not in pains_later) if today is not None else (),
        tuple(t for t in then if t not in now),
        tuple(t for t in now if t not in then),
        today is not None,
        planned is not None,
    )


def compare(current: Journey, future: Journey, phase_order: Sequence[str]) -> list[PhaseChange]:
    """One change per phase that either journey has, in ``phase_order``."""
    now = {e.phase: e for e in current.phases}
    then = {e.phase: e for e in future.phases}
    return [compare_phase(p, now.get(p), then.get(p)) for p in phase_order if p in now or p in then]

