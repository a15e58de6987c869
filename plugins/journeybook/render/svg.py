"""The emotion curve as inline SVG, drawn at build time (no script; it prints).

Points: one per phase, or one per step where the phase's steps carry an
emotion (then only those steps are plotted for that phase). A phase with no
emotion at all keeps its x-axis label but gets no point; the line joins its
neighbours.

Persona curves: ``persona_notes`` may carry a persona's own emotion
(``{note, emotion}``, an extension of the data model). The journey map then
draws the journey's line plus one line per persona who feels differently
somewhere (``polyline.jb-curve__line--N``); a persona page draws that persona's
line: its own emotions where given, the journey's elsewhere.

The SVG carries no colours, styles or script: the look comes from CSS on the
``jb-curve__*`` classes. All text is escaped; numbers are rounded to one
decimal so the output is byte-identical across runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

SCORES = (1, 2, 3, 4, 5)

# Geometry (viewBox units).
LEFT = 36.0
RIGHT = 16.0
TOP = 28.0
PLOT_HEIGHT = 160.0
SLOT = 72.0  # horizontal room per point
MIN_BAND = 132.0  # minimum width of one phase's band
X_LABEL_GAP = 24.0
LEGEND_GAP = 26.0
POINT_RADIUS = 5.0


@dataclass(frozen=True)
class CurvePoint:
    label: str  # tooltip label: "Awareness" or "Purchase – Pay"
    score: int
    step: str | None = None  # the step's action when the point is a step


@dataclass(frozen=True)
class CurvePhase:
    name: str  # x-axis label
    points: tuple[CurvePoint, ...]
    moments_of_truth: tuple[str, ...] = ()


@dataclass(frozen=True)
class CurveLine:
    label: str  # legend text
    phases: tuple[CurvePhase, ...]


@dataclass(frozen=True)
class CurveLabels:
    title: str  # "Emotion curve: Buying a bike"
    score_words: Mapping[int, str]  # 1 -> "very negative"
    out_of: str = "{score} of 5"
    moment_of_truth: str = "Moment of truth"
    no_emotion: str = "no emotion given"


def fmt(value: float) -> str:
    """Deterministic number: one decimal at most, no trailing ``.0``."""
    text = f"{round(value, 1):.1f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def has_points(lines: Sequence[CurveLine]) -> bool:
    return any(ph.points for line in lines for ph in line.phases)


def _band_widths(lines: Sequence[CurveLine]) -> list[float]:
    """One band per phase, wide enough for the line with the most points there."""
    counts = [max(len(line.phases[i].points) for line in lines) for i in range(len(lines[0].phases))]
    return [max(MIN_BAND, SLOT * max(1, n)) for n in counts]


def _y(score: float) -> float:
    return TOP + (5 - score) * PLOT_HEIGHT / 4


def _band_starts(widths: Sequence[float]) -> list[float]:
    starts, x = [], LEFT
    for w in widths:
        starts.append(x)
        x += w
    return starts


def _point_xs(line: CurveLine, starts: Sequence[float], widths: Sequence[float]) -> list[list[float]]:
    """x of each point: spread evenly over its phase's band."""
    return [
        [start + width * (i + 0.5) / len(ph.points) for i in range(len(ph.points))]
        for ph, start, width in zip(line.phases, starts, widths, strict=True)
    ]


def _grid(right: float) -> list[str]:
    out = []
    for s in SCORES:
        y = fmt(_y(s))
        out.append(f'<line class="jb-curve__grid" x1="{fmt(LEFT)}" y1="{y}" x2="{fmt(right)}" y2="{y}"/>')
        out.append(f'<text class="jb-curve__label jb-curve__label--y" x="{fmt(LEFT - 8)}" y="{y}" '
                   f'text-anchor="end" dominant-baseline="middle">{s}</text>')
    return out


def _x_labels(phases: Sequence[CurvePhase], centres: Sequence[float]) -> list[str]:
    y = fmt(TOP + PLOT_HEIGHT + X_LABEL_GAP)
    return [
        f'<text class="jb-curve__label jb-curve__label--x" x="{fmt(c)}" y="{y}" text-anchor="middle">'
        f'{escape(ph.name)}</text>'
        for ph, c in zip(phases, centres, strict=True)
    ]


def _mot_markers(phases: Sequence[CurvePhase], centres: Sequence[float], labels: CurveLabels) -> list[str]:
    out = []
    for ph, c in zip(phases, centres, strict=True):
        if not ph.moments_of_truth:
            continue
        tip = escape(f"{labels.moment_of_truth}: " + "; ".join(ph.moments_of_truth))
        x = fmt(c)
        out.append(
            f'<g class="jb-curve__mot"><title>{tip}</title>'
            f'<line class="jb-curve__mot-line" x1="{x}" y1="{fmt(TOP)}" x2="{x}" y2="{fmt(TOP + PLOT_HEIGHT)}"/>'
            f'<text class="jb-curve__label jb-curve__label--mot" x="{x}" y="{fmt(TOP - 10)}" '
            'text-anchor="middle">★</text></g>'
        )
    return out


def _points_text(score: int, labels: CurveLabels) -> str:
    return f"{labels.out_of.format(score=score)} ({labels.score_words.get(score, str(score))})"


def _line(index: int, line: CurveLine, xs: Sequence[Sequence[float]], labels: CurveLabels) -> list[str]:
    coords: list[str] = []
    circles: list[str] = []
    for ph, phase_xs in zip(line.phases, xs, strict=True):
        mot = " jb-curve__point--mot" if ph.moments_of_truth else ""
        for point, x in zip(ph.points, phase_xs, strict=True):
            cx, cy = fmt(x), fmt(_y(point.score))
            coords.append(f"{cx},{cy}")
            tip = escape(f"{point.label}: {_points_text(point.score, labels)}")
            circles.append(
                f'<circle class="jb-curve__point{mot}" cx="{cx}" cy="{cy}" r="{fmt(POINT_RADIUS)}" '
                f'data-score="{point.score}"><title>{tip}</title></circle>'
            )
    poly = f'<polyline class="jb-curve__line jb-curve__line--{index}" points="{" ".join(coords)}"/>'
    return [f'<g class="jb-curve__series jb-curve__series--{index}">', poly, *circles, "</g>"]


def _legend(lines: Sequence[CurveLine], has_mot: bool, labels: CurveLabels, y: float) -> list[str]:
    out = ['<g class="jb-curve__legend">']
    x = LEFT
    for i, line in enumerate(lines, start=1):
        out.append(f'<line class="jb-curve__line jb-curve__line--{i}" x1="{fmt(x)}" y1="{fmt(y)}" '
                   f'x2="{fmt(x + 20)}" y2="{fmt(y)}"/>')
        out.append(f'<text class="jb-curve__label" x="{fmt(x + 26)}" y="{fmt(y)}" dominant-baseline="middle">'
                   f'{escape(line.label)}</text>')
        x += 26 + 8 * max(6, len(line.label)) + 24
    if has_mot:
        out.append(f'<circle class="jb-curve__point jb-curve__point--mot" cx="{fmt(x + 5)}" cy="{fmt(y)}" '
                   f'r="{fmt(POINT_RADIUS)}"/>')
        out.append(f'<text class="jb-curve__label" x="{fmt(x + 16)}" y="{fmt(y)}" dominant-baseline="middle">'
                   f'{escape(labels.moment_of_truth)}</text>')
    out.append("</g>")
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
            phases.append(f"{head}: {'; '.join(scores) or labels.no_emotion}.")
        prefix = f"{line.label}: " if len(lines) > 1 else ""
        parts.append(prefix + " ".join(phases))
    return " ".join(parts)


def emotion_curve(lines: Sequence[CurveLine], *, svg_id: str, labels: CurveLabels) -> Markup:
    """The curve for ``lines`` (which share one phase axis: same phases, same order);
    empty when there is no point to draw.

    ``svg_id`` must be unique on the page: the title is ``{svg_id}-title`` and
    the description ``{svg_id}-desc``.
    """
    if not lines or not has_points(lines):
        return Markup("")
    phases = lines[0].phases
    widths = _band_widths(lines)
    starts = _band_starts(widths)
    centres = [start + width / 2 for start, width in zip(starts, widths, strict=True)]
    right = starts[-1] + widths[-1] if widths else LEFT
    has_mot = any(ph.moments_of_truth for ph in phases)
    legend_y = TOP + PLOT_HEIGHT + X_LABEL_GAP + LEGEND_GAP
    width, height = right + RIGHT, legend_y + 16
    title_id, desc_id = f"{svg_id}-title", f"{svg_id}-desc"
    parts = [
        f'<svg class="jb-emotion-curve" id="{escape(svg_id)}" role="img" aria-labelledby="{escape(title_id)}" '
        f'aria-describedby="{escape(desc_id)}" viewBox="0 0 {fmt(width)} {fmt(height)}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(labels.title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(_description(lines, labels))}</desc>',
        *_grid(right),
        *_x_labels(phases, centres),
        *_mot_markers(phases, centres, labels),
    ]
    for i, line in enumerate(lines, start=1):
        parts.extend(_line(i, line, _point_xs(line, starts, widths), labels))
    parts.extend(_legend(lines, has_mot, labels, legend_y))
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704 -- all text above went through escape(), numbers through fmt()
