"""Which KPIs can be measured: those with an ``id``, named ``<touchpoint>/<kpi>`` or ``<journey>/<phase>/<kpi>``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..check.validate import as_int
from ..read.files import Documents


def _ids(kpis: Any) -> Iterator[str]:
    for kpi in kpis if isinstance(kpis, list) else []:
        if isinstance(kpi, dict) and isinstance(kpi.get("id"), (str, int)) and not isinstance(kpi.get("id"), bool):
            yield str(kpi["id"])


def kpi_keys(files: Documents) -> set[str]:
    """The key of every KPI with an id in the (checked, overlaid) documents."""
    keys: set[str] = set()
    for tid, doc in files.touchpoints.items():
        if isinstance(doc.data, dict):
            keys.update(f"{tid}/{kid}" for kid in _ids(doc.data.get("kpis")))
    for jid, doc in files.journeys.items():
        phases = doc.data.get("phases") if isinstance(doc.data, dict) else None
        for phase, entry in phases.items() if isinstance(phases, dict) else ():
            if isinstance(entry, dict):
                keys.update(f"{jid}/{phase}/{kid}" for kid in _ids(entry.get("kpis")))
    return keys


def touchpoint_key(touchpoint_id: str, kpi_id: str) -> str:
    return f"{touchpoint_id}/{kpi_id}"


def phase_key(journey_id: str, phase_id: str, kpi_id: str) -> str:
    return f"{journey_id}/{phase_id}/{kpi_id}"


def stale_after(files: Documents) -> int | None:
    """``metrics_stale_after`` of playbook.yml (days), when set."""
    data = files.playbook.data if files.playbook is not None and isinstance(files.playbook.data, dict) else {}
    days = as_int(data.get("metrics_stale_after"))
    return days if days is not None and days >= 1 else None
