"""Positions in text as editors count them (1-based line and column).

Shared by the YAML composer and the parser-error hints. Imports nothing of ours.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

Pos = tuple[int, int]  # (line, col), 1-based

BREAK_RE = re.compile(r"\r\n|\r|\n")


class Lines:
    """Positions as editors count them: YAML also breaks lines at U+0085, U+2028 and U+2029."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] | None = None
        if "\x85" in text or "\u2028" in text or "\u2029" in text:
            self.starts = [0] + [m.end() for m in BREAK_RE.finditer(text)]

    def pos(self, mark: Any) -> Pos:
        if self.starts is None or mark.index is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index)
        return line, mark.index - self.starts[line - 1] + 1

    def source_line(self, line: int) -> str:
        lines = BREAK_RE.split(self.text)
        return lines[line - 1] if 0 < line <= len(lines) else ""


def index_pos(text: str, index: int) -> Pos:
    """(line, col) of a character index, lines broken at CR LF, CR or LF."""
    starts = [0] + [m.end() for m in BREAK_RE.finditer(text, 0, index)]
    return len(starts), index - starts[-1] + 1

