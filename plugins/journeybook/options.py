"""The journeybook plugin's options in ``mkdocs.yml``, declared once (no MkDocs here).

The MkDocs config class of :mod:`journeybook.engines.mkdocs` is derived from
:class:`Options`, and ``journeybook validate`` reports any other name and a
value of the wrong type (:func:`journeybook.read.config.option_problems`, with the
words of :func:`wrong_type`).
"""

from __future__ import annotations

import difflib
import functools
import types
import typing
from dataclasses import dataclass, fields
from typing import Any

from .model.ids import quoted


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
# `journeybook serve --client ID` runs `mkdocs serve` with this set: under `mkdocs serve` the plugin builds
# that client's guide when `client` is not set in mkdocs.yml (MkDocs' serve cannot be handed a plugin option
# any other way); a build never reads it.
CLIENT_ENV = "JOURNEYBOOK_CLIENT"
ENABLED = "enabled"  # MkDocs' own switch of any plugin that declares none: true or false


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


_EXPECTED = {str: "text", int: "a whole number", bool: "true or false", tuple: "a list of texts"}


@functools.cache
def _kinds() -> dict[str, tuple[type, bool]]:
    return {name: (kind, optional) for name, kind, optional, _ in declared()} | {ENABLED: (bool, False)}


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    return f"the {type(value).__name__} {quoted(value)}"  # a date


def _hint(kind: type, value: Any, written: str | None) -> str:
    """How to write what was probably meant."""
    quoted_word = isinstance(value, str) and written is None and (  # written in quotes
        (kind is bool and value.lower() in ("true", "false")) or (kind is int and value.strip().isdigit()))
    if quoted_word:
        return " (remove the quotes)"
    if kind is str and isinstance(value, (bool, int, float)) and written is not None:
        return f" (put it in quotes: '{written}')"
    if kind is tuple and isinstance(value, str):
        return f" (write it as a list: [{value}])"
    if kind is tuple and value is None:
        return " (write [] for none)"
    return ""


def wrong_type(name: str, value: Any, written: str | None = None) -> str | None:
    """What is wrong with ``value`` (as YAML reads it) for the known option ``name``; None: nothing.

    ``written``: the value's text in the file when it is a plain (unquoted)
    scalar, else None. A list option's items are checked by :func:`wrong_item`.
    Empty values (null) take the default, as MkDocs reads them, except where a
    list is expected (MkDocs refuses an empty list option).
    """
    kind, optional = _kinds()[name]
    if value is None and kind is not tuple:
        return None
    if kind is tuple:
        right = isinstance(value, list)
    elif kind is int:
        right = isinstance(value, int) and not isinstance(value, bool)
    else:
        right = isinstance(value, kind)
    if right:
        return None
    expected = _EXPECTED.get(kind, f"a {kind.__name__}") + (" or null" if optional else "")  # a kind added later
    return (f"option '{name}' for the journeybook plugin should be {expected}, "
            f"not {_kind_of(value)}{_hint(kind, value, written)}")


def wrong_item(name: str, index: int, value: Any, written: str | None = None) -> str | None:
    """What is wrong with item ``index`` (0-based) of the list option ``name``; None: nothing."""
    if isinstance(value, str):
        return None
    return (f"option '{name}' for the journeybook plugin should be {_EXPECTED[tuple]}; "
            f"item {index + 1} is {_kind_of(value)}{_hint(str, value, written)}")
