"""Labels, default phase names and default category names in English and Dutch.

The strings live in ``locales/<lang>.yml`` (loaded once, cached). Unknown
languages fall back to English, and so does every key a locale lacks, so a
partial locale never breaks a build. Language tags are matched on their primary
subtag: ``nl-BE`` and ``nl_NL`` use ``nl``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

FALLBACK = "en"
LOCALES_DIR = Path(__file__).parent.parent / "locales"


def _base_language(lang: str | None) -> str:
    """``nl-BE`` / ``nl_NL`` / ``NL`` -> ``nl``; empty or None -> English."""
    if not lang:
        return FALLBACK
    return lang.replace("_", "-").split("-", 1)[0].strip().lower() or FALLBACK


@cache
def _load(lang: str) -> dict[str, Any]:
    path = LOCALES_DIR / f"{lang}.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


@cache
def _section(lang: str, key: str) -> Mapping[str, str]:
    """One section of the locale, English underneath, in English key order."""
    english = _load(FALLBACK).get(key) or {}
    own = _load(_base_language(lang)).get(key) or {}
    merged = {k: str(own.get(k, v)) for k, v in english.items()}
    merged.update({k: str(v) for k, v in own.items() if k not in merged})
    return MappingProxyType(merged)


def labels(lang: str) -> Mapping[str, str]:
    """Interface labels for ``lang`` (read-only); English for anything missing."""
    return _section(_base_language(lang), "labels")


def default_phase_names(lang: str) -> dict[str, str]:
    """Default phase id -> localised name, in journey order (a fresh dict)."""
    return dict(_section(_base_language(lang), "phases"))


def default_category_names(lang: str) -> dict[str, str]:
    """Default touchpoint category id -> localised name, in a fixed order (a fresh dict)."""
    return dict(_section(_base_language(lang), "categories"))


SECTIONS = ("journeys", "personas", "touchpoints", "sources")


def section_names(lang: str) -> dict[str, str]:
    """Top-level section id (journeys, personas, touchpoints, sources) -> localised title."""
    names = labels(lang)
    return {key: names[key] for key in SECTIONS}
