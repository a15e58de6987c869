"""The journeybook plugin's options in ``mkdocs.yml``, declared once (no MkDocs here).

The MkDocs config class of :mod:`journeybook.engines.mkdocs` is derived from
:class:`Options`, and ``journeybook validate`` reports any other name
(:func:`journeybook.read.config.option_problems`).
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Options:
    data_dir: str = "journeys"
    clients_dir: str = "clients"
    client: str | None = None  # a client id: build that client's guide
    edit_root: str | None = None  # URL prefix (after repo_url) of the project root, for edit links to the YAML
    nav_max_items: int = 30  # sections with more pages are scoped to the current page in the sidebar
    material_fixes: bool = False  # accessibility fixes to Material's own chrome, on every page
    base_only: tuple[str, ...] = ()  # docs pages (gitignore-style patterns) that client guides leave out


NAMES: tuple[str, ...] = tuple(f.name for f in fields(Options))


def declared() -> list[tuple[str, type, bool, object]]:
    """Each option as (name, type, optional, default); optional ones default to None.

    A list option (``tuple[str, ...]``) is declared as ``tuple``: written as a YAML list of strings.
    """
    hints = typing.get_type_hints(Options)
    out = []
    for f in fields(Options):
        hint = hints[f.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 1
        kind = args[0] if optional else typing.get_origin(hint) or hint
        out.append((f.name, kind, optional, f.default))
    return out


def options_of(values: dict[str, object]) -> Options:
    """The options from the values MkDocs validated (lists become tuples)."""
    return Options(**{name: tuple(value) if isinstance(value, list) else value  # type: ignore[arg-type]
                      for name, value in values.items() if name in NAMES})


def unknown_option(name: str) -> str:
    close = difflib.get_close_matches(name.replace("-", "_").lower(), NAMES, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else f"; options: {', '.join(NAMES)}"
    return f"unknown option '{name}' for the journeybook plugin{hint}"
