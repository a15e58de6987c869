"""Read playbook YAML into plain data that remembers where every value was written.

YAML is parsed into *events* only (libyaml's parser when PyYAML has it); this
module composes the events itself, iteratively, so that:

- text stays the text the editor wrote: no YAML 1.1 booleans, numbers or dates.
  Plain (unquoted) scalars are :class:`Plain` strings; the validator decides
  where a plain ``3`` is a number. ``null``, ``~`` and an empty value are None;
- duplicate keys, tags, undefined aliases and multiple documents are errors;
- nesting depth and alias expansion are capped, so hostile files are refused
  quickly instead of exhausting the stack or memory (file size is capped by
  :mod:`journeybook.read.files`, which reads the files).

Parser errors are reworded by :mod:`journeybook.read.yaml_hints`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model.ids import quoted
from .textpos import Lines, Pos, index_pos
from .yaml_hints import reader_hint, yaml_hint

MAX_DEPTH = 40
MAX_NODES = 100_000

_NULLS = {"", "~", "null", "Null", "NULL"}
_STR_TAGS = {"!", "tag:yaml.org,2002:str"}
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Pointer = tuple[Any, ...]  # a path into the data: keys and list indexes


class Plain(str):
    """A scalar written without quotes: may stand for a number where one is expected."""

    __slots__ = ()


@dataclass
class Document:
    """One YAML file: its data and the position of every value and key."""

    path: str  # relative to the project root, forward slashes
    data: Any
    positions: dict[Pointer, Pos] = field(default_factory=dict)
    key_positions: dict[Pointer, Pos] = field(default_factory=dict)
    origins: dict[Pointer, str] = field(default_factory=dict)  # values merged in from another file
    removed: dict[Pointer, tuple[str, Pos]] = field(default_factory=dict)  # keys an overlay's null removed: (file, pos)

    def path_of(self, pointer: Pointer) -> str:
        """The file that wrote the value at ``pointer`` (differs from ``path`` after an overlay)."""
        pointer = tuple(pointer)
        while True:
            if pointer in self.origins:
                return self.origins[pointer]
            if not pointer:
                return self.path
            pointer = pointer[:-1]

    def pos(self, pointer: Pointer) -> Pos:
        """Position of the value at ``pointer``, or of its nearest located ancestor."""
        pointer = tuple(pointer)
        while pointer not in self.positions and pointer:
            pointer = pointer[:-1]
        return self.positions.get(pointer, (1, 1))

    def key_pos(self, pointer: Pointer) -> Pos:
        pointer = tuple(pointer)
        return self.key_positions.get(pointer) or self.pos(pointer)


class LoadError(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


class LimitError(LoadError):
    """One of the loader's own limits (nesting depth, number of values) was reached."""


# --------------------------------------------------------------------------- text


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is skipped); bad bytes are a located error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(1, 1, "the file is saved as UTF-16; save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise LoadError(line, col,
                        f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8") from None
    if "\x00" in text:
        raise LoadError(*index_pos(text, text.index("\x00")), "the file contains a NUL character; is it a binary file?")
    return text

# --------------------------------------------------------------------------- composing


class _Composer:
    def __init__(self, text: str):
        self.text = text
        self.lines = Lines(text)
        self.positions: dict[Pointer, Pos] = {}
        self.key_positions: dict[Pointer, Pos] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.aliases = False

    def text_at(self, mark: Any) -> str:
        start = max(0, mark.index - 1) if mark.index is not None else 0
        return self.text[start : start + 2] if mark.index is not None else ""

    def _count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            if self.aliases:
                raise LimitError(*self.lines.pos(mark),
                                 f"aliases ('*name') expand the file to more than {MAX_NODES} values; refused")
            raise LimitError(*self.lines.pos(mark), f"the file has more than {MAX_NODES} values; split it")

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        mark = event.start_mark
        if event.tag and event.tag not in _STR_TAGS:
            raise LoadError(*self.lines.pos(mark),
                            f"YAML tags such as {event.tag!r} are not supported; remove the tag")
        if event.style in (None, "") and not event.tag:
            return None if event.value in _NULLS else Plain(event.value)
        return str(event.value)

    def compose(self, events: Iterator[Any]) -> Any:
        # Each frame: [container, pointer, pending_key, size_before]
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        for event in events:
            kind = type(event)
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    m = event.start_mark
                    raise LoadError(*self.lines.pos(m), "only one YAML document per file ('---' starts a second one)")
                continue
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                container, pointer, _key, size_before, anchor = stack.pop()
                if anchor:
                    self.anchors[anchor] = (container, self.nodes - size_before)
                value = container
                if not stack:
                    root = value
                continue
            mark = event.start_mark
            if kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise LoadError(*self.lines.pos(mark),
                                    f"unknown alias '*{event.anchor}'; to write text that starts with '*', "
                                    "put it in quotes")
                self.aliases = True
                value, size = self.anchors[event.anchor]
                self._count(size, mark)
                self._place(stack, value, mark, is_alias=True)
                if not stack:
                    root = value
                continue
            self._count(1, mark)
            tag = getattr(event, "tag", None)
            if kind is yaml.ScalarEvent:
                value = self._scalar(event)
                placed = self._place(stack, value, mark)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                if not stack and placed is not None:
                    root = value
                continue
            if tag and tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                raise LoadError(*self.lines.pos(mark), f"YAML tags such as {tag!r} are not supported; remove the tag")
            if len(stack) >= MAX_DEPTH:
                raise LimitError(*self.lines.pos(mark), f"nesting deeper than {MAX_DEPTH} levels; refused")
            container = {} if kind is yaml.MappingStartEvent else []
            pointer = self._place(stack, container, mark)
            if pointer is None:  # the container is a mapping key
                if self.text_at(mark).startswith("{{"):  # the mark is on the second '{'
                    line, col = self.lines.pos(mark)
                    raise LoadError(line, max(1, col - 1),
                                    "text that starts with '{{' must be quoted, e.g. summary: \"{{ brand.name }} ...\"")
                raise LoadError(*self.lines.pos(mark), "a key must be plain text, not a list or mapping")
            stack.append([container, pointer, None, self.nodes, event.anchor])
            if len(stack) == 1:
                root = container
        return root

    def _place(self, stack: list[list[Any]], value: Any, mark: Any, is_alias: bool = False) -> Pointer | None:
        pos = self.lines.pos(mark)
        if not stack:
            self.positions[()] = pos
            return ()
        frame = stack[-1]
        container: Any = frame[0]
        pointer: Pointer = frame[1]
        if isinstance(container, list):
            child = pointer + (len(container),)
            container.append(value)
            self.positions[child] = pos
            return child
        if frame[2] is None:  # this value is a key
            if isinstance(value, (dict, list)):
                if is_alias:
                    raise LoadError(pos[0], pos[1], "a key must be plain text, not a list or mapping")
                return None
            if value is None:
                raise LoadError(pos[0], pos[1], "a key is missing here: write 'key: value'")
            if value == "<<" and isinstance(value, Plain):
                raise LoadError(pos[0], pos[1], "merge keys ('<<: *name') are not supported; write the keys out")
            key = str(value)
            child = pointer + (key,)
            if key in container:
                first = self.key_positions.get(child, pos)
                raise LoadError(pos[0], pos[1], f"duplicate key {quoted(key)} (first written at line {first[0]})")
            self.key_positions[child] = pos
            frame[2] = (key,)
            return child
        key = frame[2][0]
        frame[2] = None
        container[key] = value
        child = pointer + (key,)
        self.positions[child] = pos
        return child


def _limit_before(exc: yaml.MarkedYAMLError, text: str) -> LimitError | None:
    """Our own limit (depth, values) that a parser error may have got ahead of, if any.

    libyaml's scanner reads up to 1024 characters ahead of the events it has
    handed out (to decide whether a ``[`` starts a mapping key), and newer
    libyaml releases refuse deep flow nesting themselves while doing so: the
    composer never sees the 41st level. So when the fast parser fails on text
    that could nest more than :data:`MAX_DEPTH` flow collections before the
    error, the text up to the error is composed again with the pure-Python
    parser, which has no limit of its own. Our limit, if it fires there, is the
    one reported: every PyYAML and libyaml release gives the same message.
    """
    mark = exc.problem_mark or exc.context_mark
    if _Parser is yaml.SafeLoader or mark is None or mark.index is None:
        return None
    head = text[: mark.index]
    if head.count("[") + head.count("{") <= MAX_DEPTH:
        return None
    try:
        _Composer(head).compose(yaml.parse(head, Loader=yaml.SafeLoader))
    except LimitError as limit:
        return limit
    except (LoadError, yaml.YAMLError):
        pass
    return None


def parse(text: str, path: str = "<string>") -> Document:
    """Parse YAML text; raises :class:`LoadError` with a located, readable message."""
    composer = _Composer(text)
    try:
        data = composer.compose(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as exc:
        raise (_limit_before(exc, text) or LoadError(*yaml_hint(exc, text))) from None
    except yaml.reader.ReaderError as exc:
        raise LoadError(*reader_hint(exc, text)) from None
    except yaml.YAMLError as exc:  # other unmarked errors
        raise LoadError(1, 1, " ".join(f"invalid YAML: {exc}".split())) from None
    except UnicodeError:  # lone surrogates in a str that did not come from a file
        raise LoadError(1, 1, "the text contains characters that cannot be saved as UTF-8") from None
    except RecursionError:
        raise LoadError(1, 1, f"nesting deeper than {MAX_DEPTH} levels; refused") from None
    return Document(path, data, composer.positions, composer.key_positions)
