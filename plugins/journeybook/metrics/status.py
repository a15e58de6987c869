"""How a measured KPI stands: met, near, missed or stale, against its ``min``/``max`` and a date.

**near** is within 10 % of the bound it misses (10 % of the bound's size; for a
bound of 0, 10 % of the span between ``min`` and ``max``). **stale**: the latest
value is older than ``metrics_stale_after`` days on the build's date; a stale
KPI still says how its latest value stood (``judged``). A KPI without ``min``
or ``max`` is **measured** only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..model import Kpi, Series

MET, NEAR, MISSED, STALE, MEASURED = "met", "near", "missed", "stale", "measured"
ORDER = (MISSED, NEAR, STALE, MET, MEASURED)  # the /kpis/ page lists missed first
NEAR_SHARE = 0.1


def judge(kpi: Kpi, value: float) -> str:
    """met, near or missed for ``value`` against ``kpi``'s bounds; measured when it has none."""
    low, high = kpi.min, kpi.max
    if low is None and high is None:
        return MEASURED
    if (low is None or value >= low) and (high is None or value <= high):
        return MET
    bound = low if low is not None and value < low else high
    assert bound is not None
    span = abs(bound) or (abs(high - low) if low is not None and high is not None else 0.0)
    return NEAR if abs(value - bound) <= NEAR_SHARE * span else MISSED


@dataclass(frozen=True)
class Reading:
    """A KPI with measurements, as pages show it."""

    key: str  # <touchpoint>/<kpi> or <journey>/<phase>/<kpi>
    kpi: Kpi
    series: Series
    status: str  # met | near | missed | stale | measured
    judged: str  # met | near | missed | measured: the latest value against the target, stale or not
    day: datetime.date  # of the latest value
    value: float

    @property
    def rank(self) -> tuple[int, str]:
        return ORDER.index(self.status), self.key


def reading(key: str, kpi: Kpi, series: Series, today: datetime.date, stale_after: int | None) -> Reading:
    day, value = series.latest
    judged = judge(kpi, value)
    stale = stale_after is not None and (today - day).days > stale_after
    return Reading(key, kpi, series, STALE if stale else judged, judged, day, value)


def number(value: float, decimal: str = ".") -> str:
    """A value as written for people: no trailing ``.0``, at most 6 significant digits."""
    text = f"{value:.6g}" if not float(value).is_integer() or abs(value) >= 1e15 else str(int(value))
    return text.replace(".", decimal) if decimal != "." else text


def with_unit(value: float | str, unit: str | None, decimal: str = ".") -> str:
    """A value (or a number already written) with its unit: ``64.5%``, ``2.5 s`` (a no-break space)."""
    text = value if isinstance(value, str) else number(value, decimal)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text}\u00a0{unit}"


def target_text(kpi: Kpi, decimal: str = ".") -> str:
    """The bounds (``≥ 70%``, ``≤ 2 s``, ``4–5``), after ``kpi.target`` when that is written and does not name
    them itself (``Falling month on month (≤ 12%)``), so that readers see what the status is judged against."""
    bounds = _bounds(kpi, decimal)
    if kpi.target:
        named = all(number(b, decimal) in kpi.target for b in (kpi.min, kpi.max) if b is not None)
        return kpi.target if named or not bounds else f"{kpi.target} ({bounds})"
    return bounds


def _bounds(kpi: Kpi, decimal: str) -> str:
    low = with_unit(kpi.min, kpi.unit, decimal) if kpi.min is not None else None
    high = with_unit(kpi.max, kpi.unit, decimal) if kpi.max is not None else None
    if low and high:
        return f"{number(kpi.min or 0.0, decimal)}–{high}"
    return f"≥ {low}" if low else f"≤ {high}" if high else ""
