"""Current and future journeys: what ``state`` and ``improves`` must say across journey files.

An unknown ``improves`` id is an unknown reference (:mod:`journeybook.check.refs`, with
"did you mean"); the rules here need the journey it names:

- ``improves`` is only for a future journey (``state: future``);
- it names a current journey: not itself, not another future journey, and not
  a journey that improves one in turn (no chains: a future names the journey
  customers live today).

A future journey without ``improves`` is allowed: a planned journey that has no
today (a new service), shown as planned without a comparison.

A client's guide that selects a future journey but not the journey it improves
shows the future as planned without a comparison too; that is likely an
oversight, so it is a warning at the id in the guide's ``journeys:`` list.
"""

from __future__ import annotations

from typing import Any

from ..errors import ERROR, WARNING, Problem
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


def client_selection_warnings(files: Documents, client_doc: Document | None) -> list[Problem]:
    """A guide's ``journeys:`` selects a future journey without the journey it improves: a warning at its id.

    An unknown id (of the selection or of ``improves``) is reported as an unknown journey elsewhere.
    """
    selection = _data(client_doc).get("journeys") if client_doc is not None else None
    if client_doc is None or not isinstance(selection, list):
        return []
    chosen = {jid for jid in selection if isinstance(jid, str)}
    problems = []
    for index, jid in enumerate(selection):
        doc = files.journeys.get(jid) if isinstance(jid, str) else None
        data = _data(doc) if doc is not None else {}
        target = data.get("improves")
        if data.get("state") != "future" or not isinstance(target, str) or target not in files.journeys \
                or target in chosen:
            continue
        line, col = client_doc.pos(("journeys", index))
        problems.append(Problem(
            client_doc.path_of(("journeys", index)), line, col, WARNING,
            f"the future journey {quoted(jid)} improves {quoted(target)}, which this guide does not select, so "
            f"the guide shows it as planned without comparing it to today; add {quoted(target)} to 'journeys'"))
    return problems
