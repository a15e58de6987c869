"""Current and future journeys: what ``state`` and ``improves`` must say across journey files.

An unknown ``improves`` id is an unknown reference (:mod:`journeybook.check.refs`, with
"did you mean"); the rules here need the journey it names:

- ``improves`` is only for a future journey (``state: future``);
- it names a current journey: not itself, not another future journey, and not
  a journey that improves one in turn (no chains: a future names the journey
  customers live today).

A future journey without ``improves`` is allowed: a planned journey that has no
today (a new service), shown as planned without a comparison.
"""

from __future__ import annotations

from typing import Any

from ..errors import ERROR, Problem
from ..model.ids import quoted
from ..read.files import Documents
from ..read.yamlpos import Document


def _data(doc: Document) -> dict[str, Any]:
    return doc.data if isinstance(doc.data, dict) else {}


def _rule(jid: str, data: dict[str, Any], journeys: dict[str, Document]) -> str | None:
    """What is wrong with the journey's ``improves``, if anything (its value is text)."""
    target = data["improves"]
    if data.get("state") != "future":
        return "'improves' is only for a future journey: add 'state: future' (or remove 'improves' from this " \
               "current journey)"
    if target == jid:
        return "a journey cannot improve itself: 'improves' names the current journey this one replaces"
    other = journeys.get(target)
    if other is None:  # unknown: reported as an unknown journey
        return None
    further = _data(other).get("improves")
    if isinstance(further, str):
        return (f"journey {quoted(target)} improves {quoted(further)} itself: no chains of futures; name the "
                f"current journey ({quoted(further)}) instead")
    if _data(other).get("state") == "future":
        return f"'improves' must name a current journey, but {quoted(target)} is a future journey"
    return None


def check_futures(files: Documents) -> list[Problem]:
    problems = []
    for jid, doc in sorted(files.journeys.items()):
        data = _data(doc)
        if not isinstance(data.get("improves"), str):
            continue
        message = _rule(jid, data, files.journeys)
        if message is not None:
            line, col = doc.pos(("improves",))
            problems.append(Problem(doc.path_of(("improves",)), line, col, ERROR, message))
    return problems
