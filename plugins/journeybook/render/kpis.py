"""Measured KPIs on pages: where each KPI lives, how it stands, and the rows of the ``/kpis/`` page."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ..metrics.keys import phase_key, touchpoint_key
from ..metrics.status import Reading, number, reading, target_text, with_unit
from ..model import Kpi, Playbook
from .kpi_spark import kpi_sparkline
from .site import Site
from .urls import Urls


@dataclass(frozen=True)
class Place:
    """Where a KPI is defined: its page and that page's title."""

    title: str
    url: str


def measurable(playbook: Playbook, site: Site, urls: Urls) -> Iterator[tuple[str, Kpi, Place]]:
    """(key, KPI, place) of every KPI with an id: touchpoints first, then journey phases."""
    for tp in playbook.touchpoints.values():
        for kpi in tp.kpis:
            if kpi.id:
                yield touchpoint_key(tp.id, kpi.id), kpi, Place(tp.name, urls.touchpoint(tp.id))
    for journey in playbook.journeys.values():
        for entry in journey.phases:
            for kpi in entry.kpis:
                if kpi.id:
                    title = f"{journey.title} – {site.phase_name(entry.phase)}"
                    yield phase_key(journey.id, entry.phase, kpi.id), kpi, Place(title, urls.phase(
                        journey.id, entry.phase))


class Measured:
    """What templates ask of measurements: ``measured(key)``, ``measured.spark(r)``, ``measured.value(v, unit)``."""

    def __init__(self, playbook: Playbook, site: Site, urls: Urls, labels: Mapping[str, str],
                 today: datetime.date | None) -> None:
        self.labels = labels
        self.decimal = labels["decimal_mark"]
        day = today or datetime.date.today()
        self.readings: dict[str, tuple[Reading, Place]] = {
            key: (reading(key, kpi, playbook.metrics[key], day, playbook.metrics_stale_after), place)
            for key, kpi, place in measurable(playbook, site, urls) if key in playbook.metrics}

    def __call__(self, key: str) -> Reading | None:
        found = self.readings.get(key)
        return found[0] if found else None

    def of(self, kpis: list[Kpi], prefix: str) -> list[Reading | None]:
        """The reading of each KPI of a list (None: no id, or no measurements); ``prefix`` ends in ``/``."""
        return [self(prefix + kpi.id) if kpi.id else None for kpi in kpis]

    def rows(self) -> list[tuple[Reading, Place]]:
        """Every measured KPI, missed first, then near, stale, met and without a target."""
        return sorted(self.readings.values(), key=lambda row: row[0].rank)

    def value(self, value: float, unit: str | None) -> str:
        return with_unit(value, unit, self.decimal)

    def target(self, kpi: Kpi) -> str:
        return target_text(kpi, self.decimal)

    def change(self, r: Reading) -> str:
        """Against the measurement before the latest: "+6.5 pp since 2026-11-01", "unchanged since ..." ("": none)."""
        previous = r.series.previous
        if previous is None:
            return ""
        day, before = previous
        shown = number(r.value), number(before)  # as the table shows them: at most 6 significant digits
        if shown[0] == shown[1]:
            return self.labels["kpi_same"].format(date=day.isoformat())
        # the difference of what is shown, to as many decimals: 64.5 to 63.7 is 0.8, not 0.7999999999999972
        places = None if any("e" in text for text in shown) else max(len(text.partition(".")[2]) for text in shown)
        delta = float(shown[0]) - float(shown[1])
        sign = "+" if delta > 0 else "\u2212"
        if places is None:
            size = number(abs(delta))
        else:  # written out to the decimals shown: 0.000001, not 1e-06; 0.8, not 0.80; 10, not 1
            size = f"{abs(delta):.{places}f}"
            size = size.rstrip("0").rstrip(".") if places else size
        size = size.replace(".", self.decimal)
        # a share's change is in percentage points: 15.1% to 14.2% is -0.9 pp, not -0.9%
        amount = (self.labels["kpi_points"].format(value=size) if r.kpi.unit == "%"
                  else with_unit(size, r.kpi.unit))
        return self.labels["kpi_change"].format(change=sign + amount, date=day.isoformat())

    def spark(self, r: Reading) -> Markup:
        first_day, first = datetime.date.fromordinal(r.series.days[0]), r.series.values[0]
        title = self.labels["kpi_history"].format(
            kpi=r.kpi.name, first=self.value(first, r.kpi.unit), first_date=first_day.isoformat(),
            latest=self.value(r.value, r.kpi.unit), latest_date=r.day.isoformat(), count=len(r.series.days))
        return kpi_sparkline(r.kpi, r.series, title)
