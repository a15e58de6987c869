"""A journey's emotion in a line of a few centimetres, for its card on the journeys overview.

The phases share the width equally, as on the journey map; a phase's points
(its own score, or one per step with a score) are spread within its band. A
phase with no score keeps its band without a point. Always
the fixed 1-5 scale, so the sparklines of different journeys compare. Inline
SVG without colours or script (the look comes from CSS on ``jb-spark*``);
screen readers get the scores in words from its ``<title>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from .svg import fmt

WIDTH = 120.0  # viewBox units: every journey's line is as wide, whatever its phases
HEIGHT = 36.0
PAD = 4.0  # room for the dots at the edges


@dataclass(frozen=True)
class SparkPhase:
    name: str  # the phase's name
    scores: tuple[int, ...]  # 1 … 5 each; empty: no emotion given


def _y(score: float) -> float:
    return PAD + (5.0 - score) / 4.0 * (HEIGHT - 2 * PAD)


def sparkline(phases: Sequence[SparkPhase], title: str, words: Mapping[int, str]) -> Markup:
    """``<svg class="jb-spark">``; empty markup when no phase has a score."""
    if not any(ph.scores for ph in phases):
        return Markup("")
    band = (WIDTH - 2 * PAD) / len(phases)
    xy: list[tuple[float, float]] = []
    for i, phase in enumerate(phases):
        n = len(phase.scores)
        xy += [(PAD + band * (i + (k + 0.5) / n), _y(score)) for k, score in enumerate(phase.scores)]
    described = "; ".join(f"{ph.name}: {', '.join(words[s] for s in ph.scores)}" for ph in phases if ph.scores)
    low = min(range(len(xy)), key=lambda i: (-xy[i][1], i))  # the first of the lowest points
    parts = [
        f'<svg class="jb-spark" viewBox="0 0 {fmt(WIDTH)} {fmt(HEIGHT)}" role="img">',
        f"<title>{escape(title)}: {escape(described)}</title>",
        f'<line class="jb-spark__mid" x1="0" y1="{fmt(_y(3))}" x2="{fmt(WIDTH)}" y2="{fmt(_y(3))}"/>',
    ]
    parts += [f'<line class="jb-spark__band" x1="{fmt(PAD + band * i)}" y1="0" x2="{fmt(PAD + band * i)}" '
              f'y2="{fmt(HEIGHT)}"/>' for i in range(1, len(phases))]
    parts.append('<polyline class="jb-spark__line" points="' + " ".join(f"{fmt(x)},{fmt(y)}" for x, y in xy) + '"/>')
    for i, (x, y) in enumerate(xy):
        cls = "jb-spark__point jb-spark__point--low" if i == low else "jb-spark__point"
        parts.append(f'<circle class="{cls}" cx="{fmt(x)}" cy="{fmt(y)}" r="2.2"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 -- the text went through escape(), numbers through fmt()
