"""The mechanism of the declared mapping: a :class:`Shape` per model dataclass, its
:class:`Field` entries and how each value is read (:class:`Read`), and :func:`build`,
which turns a checked document's object into the dataclass.

The declarations themselves, one per model dataclass, are in :mod:`journeybook.model.to_model`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..read.project import Project


@dataclass(frozen=True)
class Context:
    """What a reader may need beyond the value: the project, the language, the phase order."""

    project: Project
    language: str
    phase_order: tuple[str, ...] = ()


class Read:
    """How the value found at a field's source becomes the model's value (``None``: absent)."""

    def __call__(self, value: Any, ctx: Context) -> Any:
        raise NotImplementedError

    def shapes(self) -> tuple[Shape, ...]:
        """The shapes this reader builds values of (for the shape test)."""
        return ()

    def parts(self) -> tuple[str, ...]:
        """The path inside the source this reader reads, when it reads less than all of it."""
        return ()


@dataclass(frozen=True)
class Field:
    """A model field fed by the property at ``source`` (a dotted path inside the object)."""

    source: str
    read: Read

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.source.split("."))


@dataclass(frozen=True)
class Shape:
    """How one object of a schema becomes one model dataclass."""

    model: type
    schema: dict[str, Any]  # an object schema of journeybook.check.schema
    fields: dict[str, Field]  # model field -> the property that feeds it
    derived: dict[str, str] = field(default_factory=dict)  # model field -> where its value comes from instead
    not_carried: dict[str, str] = field(default_factory=dict)  # property path -> why the model does not hold it
    shorthand: str | None = None  # a scalar written instead of the object stands for {shorthand: scalar}

    def default(self, path: tuple[str, ...]) -> Any:
        """The ``"default"`` the schema declares for the property at ``path``, if any."""
        node: Mapping[str, Any] = self.schema
        for key in path:
            node = node.get("properties", {}).get(key, {})
        return node.get("default")


def read_fields(shape: Shape, data: Any, ctx: Context) -> dict[str, Any]:
    """The model values of every field ``shape`` declares, read from ``data``."""
    if not isinstance(data, dict):
        data = {shape.shorthand: data} if shape.shorthand and data is not None else {}
    values: dict[str, Any] = {}
    for name, fed in shape.fields.items():
        value = _get(data, fed.path)
        values[name] = fed.read(shape.default(fed.path) if value is None else value, ctx)
    return values


def build(shape: Shape, data: Any, ctx: Context, **derived: Any) -> Any:
    """An instance of ``shape.model`` from ``data`` and the ``derived`` fields."""
    return shape.model(**read_fields(shape, data, ctx), **derived)


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
