"""A persona without a picture: initials on one of six colours, fixed per persona."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

TINTS = 6  # jb-initials--1 … jb-initials--6 in journeybook.css


@dataclass(frozen=True)
class Initials:
    text: str  # "HM"
    tint: int  # 1 … TINTS


def initials(name: str) -> str:
    """``Henk Mulder`` -> ``HM``, ``Joris de Boer`` -> ``JB``, ``Cher`` -> ``C``."""
    words = [w for w in name.split() if w[:1].isalnum()]
    if not words:
        return "?"
    first, last = words[0], words[-1]
    return (first[0] + last[0]).upper() if len(words) > 1 else first[0].upper()


def persona_initials(persona_id: str, name: str, order: Sequence[str]) -> Initials:
    """Initials and a colour by the persona's place in the playbook: neighbours differ."""
    place = order.index(persona_id) if persona_id in order else 0
    return Initials(initials(name), place % TINTS + 1)
