"""A measured KPI's history in a line a few centimetres wide, with its target band.

Long histories are drawn from at most :data:`POINTS` points (each the mean of
an equal stretch of the series, placed at that stretch's middle date), so ten
years of daily values cost as little HTML as a year of weekly ones. The
vertical scale spans the values and the target's bounds; the target is a band
between ``min`` and ``max`` (or from the bound outwards). Inline SVG without
colours or script (the look comes from CSS on ``jb-kspark*``); the ``<title>``
says the first and latest value in words.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..model import Kpi, Series
from .svg import fmt

WIDTH = 120.0
HEIGHT = 32.0
PAD = 3.0
POINTS = 60


def downsample(series: Series, points: int = POINTS) -> list[tuple[float, float]]:
    """(day, value) pairs: every value when there are at most ``points``, else the means of ``points`` stretches."""
    days, values = series.days, series.values
    n = len(days)
    if n <= points:
        return [(float(days[i]), values[i]) for i in range(n)]
    out = []
    for k in range(points):
        lo, hi = k * n // points, (k + 1) * n // points
        stretch = values[lo:hi]
        out.append(((days[lo] + days[hi - 1]) / 2, sum(stretch) / len(stretch)))
    return [*out, (float(days[-1]), values[-1])]  # and the latest value itself, where the line ends


def kpi_sparkline(kpi: Kpi, series: Series, title: str) -> Markup:
    """``<svg class="jb-kspark">`` of one KPI's history; ``title`` says it in words."""
    xy = downsample(series)
    values = [v for _, v in xy]
    bounds = [b for b in (kpi.min, kpi.max) if b is not None]
    low, high = min(values + bounds), max(values + bounds)
    if high == low:
        low, high = low - 1.0, high + 1.0
    first, last = xy[0][0], xy[-1][0]
    span = (last - first) or 1.0

    def x(day: float) -> float:
        return PAD + (day - first) / span * (WIDTH - 2 * PAD) if len(xy) > 1 else WIDTH / 2

    def y(value: float) -> float:
        return PAD + (high - value) / (high - low) * (HEIGHT - 2 * PAD)

    parts = [f'<svg class="jb-kspark" viewBox="0 0 {fmt(WIDTH)} {fmt(HEIGHT)}" role="img">',
             f"<title>{escape(title)}</title>"]
    if bounds:
        top = y(kpi.max) if kpi.max is not None else 0.0
        bottom = y(kpi.min) if kpi.min is not None else HEIGHT
        parts.append(f'<rect class="jb-kspark__target" x="0" y="{fmt(top)}" width="{fmt(WIDTH)}" '
                     f'height="{fmt(max(bottom - top, 0.5))}"/>')
    parts.append('<polyline class="jb-kspark__line" points="'
                 + " ".join(f"{fmt(x(d))},{fmt(y(v))}" for d, v in xy) + '"/>')
    parts.append(f'<circle class="jb-kspark__latest" cx="{fmt(x(xy[-1][0]))}" cy="{fmt(y(xy[-1][1]))}" r="2.4"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 -- the text went through escape(), numbers through fmt()
