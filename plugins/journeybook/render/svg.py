"""The emotion curve as inline SVG, drawn at build time (no script; it prints).

The curve is drawn to sit under the columns of the journey map: its width is
that of the phase columns together (``width="100%"``, no viewBox) and phase
*i* of *n* owns the band from ``i/n`` to ``(i+1)/n`` of it. Points and text
are placed in percentages across and pixels down, so the bands stretch with
the columns while points stay round and text keeps its size; the lines are
drawn in a nested, horizontally stretched SVG with non-scaling strokes. Every
curve on the site has the same height and scale (:data:`HEIGHT`).

Points: one per phase, or one per step where the phase's steps carry an
emotion (then only those steps are plotted for that phase, spread over its
band, and the phase's own score, if any, is drawn as a bar across the band).
A phase with no emotion at all keeps its band but gets no point; the line
joins its neighbours. A point carries ``data-jb-phase`` (and ``data-jb-step``
for a step). A phase with moments of truth marks its phase-level point (its
only point, or its score bar): the data names moments of truth per phase,
never per step.

Persona curves: ``persona_notes`` may carry a persona's own emotion
(``{note, emotion}``, an extension of the data model). The journey map then
draws one line for all customers plus one per persona who feels differently
somewhere (``polyline.jb-curve__line--N``); a persona page draws that
persona's line.

The notes of the lowest and the highest point of the first line are printed
beside them. The SVG carries no colours, styles or script: the look comes from
CSS on the ``jb-curve__*`` classes. All text is escaped; numbers are rounded
to one decimal so the output is byte-identical across runs.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

SCORES = (1, 2, 3, 4, 5)

# Geometry, in CSS pixels down the curve (across, everything is a percentage).
TOP = 44.0  # room for the note printed above the highest point
LEVEL = 30.0  # from one score to the next
BOTTOM = 44.0  # room for the note printed below the lowest point
HEIGHT = TOP + 4 * LEVEL + BOTTOM
LINE_UNITS = 1000.0  # width of the nested SVG that draws the lines
POINT_RADIUS = 5.0
MOT_RADIUS = 9.0
NOTE_WIDTH = 30  # characters per line of a printed note
NOTE_LINES = 2
NOTE_LEADING = 15.0


@dataclass(frozen=True)
class CurvePoint:
    label: str  # description label: "Awareness" or "Purchase – Pay"
    score: int
    step: str | None = None  # the step's action when the point is a step
    step_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CurvePhase:
    name: str
    points: tuple[CurvePoint, ...]
    moments_of_truth: tuple[str, ...] = ()
    phase_id: str = ""
    score: int | None = None  # the phase's own score, drawn as a bar when its steps are plotted


@dataclass(frozen=True)
class CurveLine:
    label: str  # legend text: "All customers" or a persona's name
    phases: tuple[CurvePhase, ...]
    today: bool = False  # a future journey's map: the current journey's line, dashed with square points


@dataclass(frozen=True)
class CurveLabels:
    title: str  # "Emotion curve: Buying a bike"
    score_words: Mapping[int, str]  # 1 -> "very negative"
    out_of: str = "{score} of 5"
    moment_of_truth: str = "Moment of truth"
    no_emotion: str = "no emotion given"
    phase_score: str = "phase as a whole"


@dataclass(frozen=True)
class Curve:
    """A drawn curve and what its legend needs."""

    svg: Markup
    lines: tuple[str, ...]  # line labels, line 1 first
    phase_names: tuple[str, ...]
    has_phase_scores: bool
    has_moments_of_truth: bool
    today: int = 0  # 1-based number of the line of today (a future journey's map), 0: none


def fmt(value: float) -> str:
    """Deterministic number: one decimal at most, no trailing ``.0``."""
    text = f"{round(value, 1):.1f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def pct(fraction: float) -> str:
    return f"{fmt(fraction * 100)}%"


def has_points(lines: Sequence[CurveLine]) -> bool:
    return any(ph.points for line in lines for ph in line.phases)


def y_of(score: float) -> float:
    return TOP + (5 - score) * LEVEL


def _fractions(line: CurveLine) -> list[list[float]]:
    """x of each point as a fraction of the width: spread evenly over its phase's band."""
    n = len(line.phases)
    return [[(i + (k + 0.5) / len(ph.points)) / n for k in range(len(ph.points))] for i, ph in enumerate(line.phases)]


def _scale() -> list[str]:
    out = []
    for s in SCORES:
        top = y_of(s) - LEVEL / 2
        out.append(f'<rect class="jb-curve__zone jb-curve__zone--{s}" x="0" y="{fmt(top)}" width="100%" '
                   f'height="{fmt(LEVEL)}"/>')
    for s in SCORES:
        y = fmt(y_of(s))
        out.append(f'<line class="jb-curve__grid" x1="0" y1="{y}" x2="100%" y2="{y}"/>')
    return out


def _bands(n: int) -> list[str]:
    top, bottom = fmt(y_of(5) - LEVEL / 2), fmt(y_of(1) + LEVEL / 2)
    return [f'<line class="jb-curve__band" x1="{pct(i / n)}" y1="{top}" x2="{pct(i / n)}" y2="{bottom}"/>'
            for i in range(1, n)]


def _points_text(score: int, labels: CurveLabels) -> str:
    return f"{labels.out_of.format(score=score)} ({labels.score_words.get(score, str(score))})"


def _phase_attrs(ph: CurvePhase, point: CurvePoint | None = None) -> str:
    attrs = f' data-jb-phase="{escape(ph.phase_id)}"'
    if point is not None and point.step_id:
        attrs += f' data-jb-step="{escape(point.step_id)}"'
    return attrs


def _mot_ring(x: str, y: str) -> str:
    return f'<circle class="jb-curve__mot" cx="{x}" cy="{y}" r="{fmt(MOT_RADIUS)}"/>'


def _phase_scores(line: CurveLine) -> list[str]:
    """The phase's own score as a bar across its band, where its steps are plotted."""
    out, n = [], len(line.phases)
    for i, ph in enumerate(line.phases):
        if ph.score is None or not any(p.step_id for p in ph.points):
            continue
        y = fmt(y_of(ph.score))
        out.append(f'<line class="jb-curve__phase-score"{_phase_attrs(ph)} x1="{pct((i + 0.1) / n)}" y1="{y}" '
                   f'x2="{pct((i + 0.9) / n)}" y2="{y}" data-score="{ph.score}"/>')
        if ph.moments_of_truth:
            out.append(_mot_ring(pct((i + 0.5) / n), y))
    return out


def _square(ph: CurvePhase, point: CurvePoint, x: str, cy: str) -> str:
    """A point of today's line: a square (a nested SVG places it: percent across, pixels down)."""
    side = fmt(2 * POINT_RADIUS)
    attrs = _phase_attrs(ph)  # a step of today's journey is not a step of this one: its own attribute
    if point.step_id:
        attrs += f' data-jb-today-step="{escape(point.step_id)}"'
    return (f'<svg class="jb-curve__mark" x="{x}" y="{cy}" width="1" height="1" overflow="visible">'
            f'<rect class="jb-curve__point jb-curve__point--today"{attrs} x="-{fmt(POINT_RADIUS)}" '
            f'y="-{fmt(POINT_RADIUS)}" width="{side}" height="{side}" data-score="{point.score}"/></svg>')


def _line(index: int, line: CurveLine) -> list[str]:
    xs = _fractions(line)
    coords: list[str] = []
    circles: list[str] = []
    for ph, phase_xs in zip(line.phases, xs, strict=True):
        marks_point = index == 1 and bool(ph.moments_of_truth) and not any(p.step_id for p in ph.points)
        for point, x in zip(ph.points, phase_xs, strict=True):
            cy = fmt(y_of(point.score))
            coords.append(f"{fmt(x * LINE_UNITS)},{cy}")
            if marks_point:
                circles.append(_mot_ring(pct(x), cy))
            mot = " jb-curve__point--mot" if marks_point else ""
            if line.today:
                circles.append(_square(ph, point, pct(x), cy))
                continue
            circles.append(
                f'<circle class="jb-curve__point{mot}"{_phase_attrs(ph, point)} cx="{pct(x)}" cy="{cy}" '
                f'r="{fmt(POINT_RADIUS)}" data-score="{point.score}"/>'
            )
    kind = " jb-curve__line--today" if line.today else ""
    poly = (f'<svg class="jb-curve__lines" width="100%" height="100%" viewBox="0 0 {fmt(LINE_UNITS)} {fmt(HEIGHT)}" '
            f'preserveAspectRatio="none"><polyline class="jb-curve__line jb-curve__line--{index}{kind}" '
            f'points="{" ".join(coords)}"/></svg>')
    series = f"jb-curve__series--{index}" + (" jb-curve__series--today" if line.today else "")
    return [f'<g class="jb-curve__series {series}">', poly, *circles, "</g>"]


def _extremes(line: CurveLine) -> list[tuple[CurvePoint, float, str]]:
    """The lowest and the highest point of ``line`` with its x, when they differ."""
    flat = [(p, x) for ph, xs in zip(line.phases, _fractions(line), strict=True) for p, x in zip(ph.points, xs,
                                                                                                 strict=True)]
    if not flat:
        return []
    low = min(flat, key=lambda px: (px[0].score, not px[0].note))  # of equals, the first with a note
    high = max(flat, key=lambda px: (px[0].score, bool(px[0].note)))
    if low[0].score == high[0].score:
        return []
    return [(low[0], low[1], "low"), (high[0], high[1], "high")]


def _notes(line: CurveLine) -> list[str]:
    out = []
    for point, x, kind in _extremes(line):
        if not point.note:
            continue
        rows = textwrap.wrap(point.note, NOTE_WIDTH, max_lines=NOTE_LINES, placeholder=" …")
        anchor = "start" if x < 0.2 else "end" if x > 0.8 else "middle"
        dx = {"start": "-4", "end": "4", "middle": "0"}[anchor]
        y = y_of(point.score)
        first = y + 2 * POINT_RADIUS + 10 if kind == "low" else y - 2 * POINT_RADIUS - NOTE_LEADING * (len(rows) - 1)
        spans = "".join(
            f'<tspan x="{pct(x)}" dx="{dx}" y="{fmt(first + k * NOTE_LEADING)}">{escape(row)}</tspan>'
            for k, row in enumerate(rows)
        )
        out.append(f'<text class="jb-curve__note jb-curve__note--{kind}" text-anchor="{anchor}">{spans}</text>')
    return out


def _description(lines: Sequence[CurveLine], labels: CurveLabels) -> str:
    """The scores in words, phase by phase.

    For example "Awareness: 3 of 5 (neutral). Purchase (Moment of truth): Pay: 2 of 5 ...".
    """
    parts = []
    for line in lines:
        phases = []
        for ph in line.phases:
            head = f"{ph.name} ({labels.moment_of_truth})" if ph.moments_of_truth else ph.name
            scores = [f"{p.step}: {_points_text(p.score, labels)}" if p.step else _points_text(p.score, labels)
                      for p in ph.points]
            if ph.score is not None and any(p.step_id for p in ph.points):
                scores.insert(0, f"{labels.phase_score}: {_points_text(ph.score, labels)}")
            phases.append(f"{head}: {'; '.join(scores) or labels.no_emotion}.")
        prefix = f"{line.label}: " if len(lines) > 1 else ""
        parts.append(prefix + " ".join(phases))
    return " ".join(parts)


def emotion_curve(lines: Sequence[CurveLine], *, svg_id: str, labels: CurveLabels) -> Curve | None:
    """The curve for ``lines`` (which share one phase axis: same phases, same order);
    None when there is no point to draw.

    ``svg_id`` must be unique on the page: the title is ``{svg_id}-title`` and
    the description ``{svg_id}-desc``.
    """
    if not lines or not has_points(lines):
        return None
    phases = lines[0].phases
    title_id, desc_id = f"{svg_id}-title", f"{svg_id}-desc"
    parts = [
        f'<svg class="jb-emotion-curve" id="{escape(svg_id)}" role="img" aria-labelledby="{escape(title_id)}" '
        f'aria-describedby="{escape(desc_id)}" width="100%" height="{fmt(HEIGHT)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(labels.title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(_description(lines, labels))}</desc>',
        *_scale(),
        *_bands(len(phases)),
        *_phase_scores(lines[0]),
    ]
    # today's line first, beneath the others, then the personas' lines, then the journey's own line on top:
    # where lines share a point, the journey's (on a future map: the planned one) shows
    for i, line in sorted(enumerate(lines, start=1), key=lambda numbered: (not numbered[1].today, numbered[0] == 1)):
        parts.extend(_line(i, line))
    parts.extend(_notes(lines[0]))
    parts.append("</svg>")
    has_scores = any(ph.score is not None and any(p.step_id for p in ph.points) for ph in phases)
    has_mot = any(ph.moments_of_truth and ph.points and (ph.score is not None or not any(p.step_id for p in ph.points))
                  for ph in phases)
    svg = Markup("\n".join(parts))  # noqa: S704 -- all text above went through escape(), numbers through fmt()
    today = next((i for i, line in enumerate(lines, start=1) if line.today), 0)
    return Curve(svg, tuple(line.label for line in lines), tuple(ph.name for ph in phases), has_scores, has_mot, today)
