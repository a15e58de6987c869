"""Ids as the data model defines them, and the small helpers that word them in messages.

Imports nothing of ours.
"""

from __future__ import annotations

import re
from typing import Any

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 64
RESERVED_IDS = {"index"}  # ids that would collide with generated index pages


def is_valid_id(text: str) -> bool:
    return len(text) <= ID_MAX and bool(ID_RE.match(text))


def quoted(value: Any) -> str:
    """``'value'`` for a message: one line (invisible characters escaped), at most 40 characters."""
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in text) + "'"


def suggest_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:ID_MAX].strip("-") or "my-id"

