"""What a client's guide publishes: only what its selected journeys reach.

An agency's base playbook holds material meant for other clients; a guide must
not leak it. Personas its journeys name, touchpoints their phases and steps
use, the categories and channels of those, and the sources any of it cites
stay; everything else is left out of the guide's pages, nav, search index and
``playbook.json``. Phases stay as the playbook defines them.
"""

from __future__ import annotations

import dataclasses

from ..model import Journey, Persona, Playbook, Touchpoint


def _touchpoint_ids(journeys: list[Journey]) -> set[str]:
    return {ref for j in journeys for e in j.phases
            for ref in [u.ref for u in e.touchpoints] + [t for s in e.steps for t in s.touchpoints]}


def _cited(journeys: list[Journey], touchpoints: list[Touchpoint]) -> set[str]:
    return ({sid for j in journeys for e in j.phases for sid in e.evidence}
            | {sid for tp in touchpoints for sid in tp.evidence}
            | {sid for tp in touchpoints for item in tp.checklist for sid in item.evidence})


def _channels(personas: list[Persona], touchpoints: list[Touchpoint]) -> set[str]:
    return {c for p in personas for c in p.channels} | {tp.channel for tp in touchpoints if tp.channel}


def only_used(playbook: Playbook) -> Playbook:
    """``playbook`` without the personas, touchpoints, categories, channels and sources its journeys do not reach."""
    journeys = list(playbook.journeys.values())
    persona_ids = {pid for j in journeys for pid in j.personas}
    touchpoint_ids = _touchpoint_ids(journeys)
    personas = {pid: p for pid, p in playbook.personas.items() if pid in persona_ids}
    touchpoints = {tid: tp for tid, tp in playbook.touchpoints.items() if tid in touchpoint_ids}
    categories = {tp.category for tp in touchpoints.values()}
    channels = _channels(list(personas.values()), list(touchpoints.values()))
    cited = _cited(journeys, list(touchpoints.values()))
    return dataclasses.replace(
        playbook,
        personas=personas,
        touchpoints=touchpoints,
        categories=[c for c in playbook.categories if c.id in categories],
        channels=[c for c in playbook.channels if c.id in channels],
        sources=[s for s in playbook.sources if s.id in cited],
        metrics={key: s for key, s in playbook.metrics.items()  # <touchpoint>/<kpi> or <journey>/<phase>/<kpi>
                 if (key.count("/") == 1 and key.split("/")[0] in touchpoints)
                 or (key.count("/") == 2 and key.split("/")[0] in playbook.journeys)},
    )
