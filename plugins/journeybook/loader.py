"""Read playbook YAML into plain data that remembers where every value was written.

YAML is parsed into *events* only (libyaml's parser when PyYAML has it); this
module composes the events itself, iteratively, so that:

- text stays the text the editor wrote: no YAML 1.1 booleans, numbers or dates.
  Plain (unquoted) scalars are :class:`Plain` strings; the validator decides
  where a plain ``3`` is a number. ``null``, ``~`` and an empty value are None;
- duplicate keys, tags, undefined aliases and multiple documents are errors;
- nesting depth, file size and alias expansion are capped, so hostile files are
  refused quickly instead of exhausting the stack or memory.
"""

from __future__ import annotations

import contextlib
import contextvars

import bisect
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ERROR, WARNING, Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 64
YAML_SUFFIXES = (".yml", ".yaml")
RESERVED_IDS = {"index"}  # ids that would collide with generated index pages

_NULLS = {"", "~", "null", "Null", "NULL"}
_STR_TAGS = {"!", "tag:yaml.org,2002:str"}
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Pointer = tuple  # a path into the data: keys and list indexes
Pos = tuple[int, int]  # (line, col), 1-based


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
        raise LoadError(line, col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8") from None
    if "\x00" in text:
        raise LoadError(*_index_pos(text, text.index("\x00")), "the file contains a NUL character; is it a binary file?")
    return text


class _Lines:
    """Positions as editors count them: YAML also breaks lines at U+0085, U+2028 and U+2029."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] | None = None
        if "\x85" in text or "\u2028" in text or "\u2029" in text:
            self.starts = [0] + [m.end() for m in _BREAK_RE.finditer(text)]

    def pos(self, mark: Any) -> Pos:
        if self.starts is None or mark.index is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index)
        return line, mark.index - self.starts[line - 1] + 1

    def source_line(self, line: int) -> str:
        lines = _BREAK_RE.split(self.text)
        return lines[line - 1] if 0 < line <= len(lines) else ""


_BREAK_RE = re.compile(r"\r\n|\r|\n")


def _index_pos(text: str, index: int) -> Pos:
    """(line, col) of a character index, lines broken at CR LF, CR or LF."""
    starts = [0] + [m.end() for m in _BREAK_RE.finditer(text, 0, index)]
    return len(starts), index - starts[-1] + 1


def _yaml_hint(exc: yaml.MarkedYAMLError, text: str) -> LoadError:
    lines = _Lines(text)
    mark = exc.problem_mark or exc.context_mark
    line, col = lines.pos(mark) if mark else (1, 1)
    opened = lines.pos(exc.context_mark) if exc.context_mark else (line, col)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    src = lines.source_line(line)
    if "\t" in src[: max(col, 1)] or ("cannot start any token" in problem and src[col - 1 : col] == "\t"):
        return LoadError(line, col, "tab character in indentation: YAML indents with spaces only")
    if problem.startswith("mapping values are not allowed"):
        head = src[: col - 1]
        if re.match(r"^\s*(- )?[^\s#'\"][^:#]*:\s+\S", head):
            return LoadError(
                line, col,
                "unquoted ': ' inside text; put the whole text in quotes, "
                "e.g. key: \"Moment of truth: no surprises\"",
            )
        return LoadError(line, col, "unexpected ':' here; check the indentation of this line, or quote the text")
    if "sequence entries are not allowed" in problem:  # libyaml says "block sequence entries"
        return LoadError(line, col, "a '- ' list entry cannot start here; put the text in quotes, "
                                    "or start the list on the next line")
    if "scanning an alias" in context or "scanning an anchor" in context:
        char = "*" if "alias" in context else "&"
        return LoadError(*opened,
                         f"text that starts with '{char}' must be put in quotes ('{char}' starts a YAML "
                         f"{'alias' if char == '*' else 'anchor'})")
    if "flow sequence" in context:
        return LoadError(line, col, f"unclosed '[' (opened at line {opened[0]}): expected ',' or ']'")
    if "flow mapping" in context:
        return LoadError(line, col, f"unclosed '{{' (opened at line {opened[0]}): expected ',' or '}}'")
    if "quoted scalar" in context and "escape" in problem or "hexdecimal" in problem:
        backslash = src.rfind("\\", 0, col)  # the parsers point at, or past, the backslash
        col = backslash + 1 if backslash >= 0 else col
        return LoadError(line, col, "unknown escape sequence in double-quoted text: write '\\\\' for a "
                                    "backslash, or put the text in single quotes")
    if "quoted scalar" in context:
        return LoadError(*opened,
                         "unclosed quote: the text never ends with a matching quote")
    if problem.startswith("could not find expected ':'") and exc.context_mark:
        return LoadError(*opened,
                         "expected 'key: value' on this line; indent it further to continue the text above, "
                         "or add the missing key")
    if problem.startswith("expected <block end>") and "block collection" in context:  # pure-Python parser
        problem = "did not find expected '-' indicator"
    elif problem.startswith("expected <block end>"):
        problem = "did not find expected key"
    if problem.startswith("did not find expected key"):
        return LoadError(line, col, "unexpected text here: check the indentation of this line, and put text "
                                    "that starts with a quote or a bracket in quotes")
    if problem.startswith("did not find expected '-' indicator"):
        return LoadError(line, col, "expected a list entry ('- ...') here: check the indentation of this line")
    if "cannot start any token" in problem:
        char = src[col - 1 : col]
        return LoadError(line, col, f"the character {char!r} cannot start a value here; put the text in quotes")
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    return LoadError(line, col, " ".join(message.split()))


def _reader_hint(exc: yaml.reader.ReaderError, text: str) -> LoadError:
    """A character YAML does not allow (control characters, U+FFFE, ...)."""
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    index = text.find(char)
    if index < 0:
        index = min(max(exc.position, 0), len(text))
    line, col = _index_pos(text, index)
    return LoadError(line, col, f"the file contains the control character U+{ord(char):04X}, which YAML does "
                                "not allow; remove it")


# --------------------------------------------------------------------------- composing


class _Composer:
    def __init__(self, text: str):
        self.text = text
        self.lines = _Lines(text)
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
            container: Any = {} if kind is yaml.MappingStartEvent else []
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
        container, pointer = frame[0], frame[1]
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
        raise (_limit_before(exc, text) or _yaml_hint(exc, text)) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_hint(exc, text) from None
    except yaml.YAMLError as exc:  # other unmarked errors
        raise LoadError(1, 1, " ".join(f"invalid YAML: {exc}".split())) from None
    except UnicodeError:  # lone surrogates in a str that did not come from a file
        raise LoadError(1, 1, "the text contains characters that cannot be saved as UTF-8") from None
    except RecursionError:
        raise LoadError(1, 1, f"nesting deeper than {MAX_DEPTH} levels; refused") from None
    return Document(path, data, composer.positions, composer.key_positions)


# --------------------------------------------------------------------------- files


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class ParseCache:
    """Parsed files by path, reused while a file's mtime, size and inode stay the same.

    Opt-in (``serve`` keeps one across rebuilds): :func:`parse_cache` makes
    :func:`read_document` use it for the duration of a ``with`` block.
    """

    def __init__(self) -> None:
        self.files: dict[str, tuple[tuple[int, int, int], Document | None, list[Problem]]] = {}


_ACTIVE_CACHE: contextvars.ContextVar[ParseCache | None] = contextvars.ContextVar("journeybook_parse_cache", default=None)


@contextlib.contextmanager
def parse_cache(cache: ParseCache | None) -> Iterator[None]:
    token = _ACTIVE_CACHE.set(cache)
    try:
        yield
    finally:
        _ACTIVE_CACHE.reset(token)


def read_document(path: Path, root: Path, within: Path | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file (or take it from the active :class:`ParseCache`)."""
    cache = _ACTIVE_CACHE.get()
    if cache is None:
        return _read_document(path, root, within)
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        return _read_document(path, root, within)
    key = f"{path}|{root}|{within}"
    hit = cache.files.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1], list(hit[2])
    doc, problems = _read_document(path, root, within)
    cache.files[key] = (stamp, doc, list(problems))
    return doc, problems


def _read_document(path: Path, root: Path, within: Path | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file. Never raises for bad content.

    The file (after following symlinks, of the file or of a folder above it) must
    lie inside ``root`` or inside ``within`` (the data dir, which may be elsewhere).
    """
    shown = rel(path, root)
    try:
        resolved = path.resolve()
        inside = resolved.is_relative_to(root.resolve()) or (
            within is not None and resolved.is_relative_to(within.resolve()))
        if not inside:
            return None, [Problem(shown, 1, 1, ERROR, "a symlink (of the file or of a folder above it) points "
                                                      "outside the project; refused")]
        if path.is_symlink() and not path.exists():
            return None, [Problem(shown, 1, 1, ERROR, "broken symlink: the file it points to does not exist")]
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return None, [Problem(shown, 1, 1, ERROR, "is a directory, but its name says it is a YAML file")]
        if not stat.S_ISREG(mode):  # reading a FIFO would wait forever
            return None, [Problem(shown, 1, 1, ERROR, "not a regular file (a pipe or a device?); refused")]
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(shown, 1, 1, ERROR,
                                  f"file is {size // 1024} KiB, more than the {MAX_BYTES // 1024} KiB limit; split it")]
        raw = path.read_bytes()
    except RuntimeError:  # Python < 3.13 raises this for a symlink loop
        return None, [Problem(shown, 1, 1, ERROR, "symlink loop: the link points (through others) to itself")]
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [Problem(shown, 1, 1, ERROR, "symlink loop: the link points (through others) to itself")]
        return None, [Problem(shown, 1, 1, ERROR, f"cannot read file: {exc.strerror or exc}")]
    try:
        doc = parse(decode(raw), shown)
    except LoadError as exc:
        return None, [Problem(shown, exc.line, exc.col, ERROR, exc.message)]
    if doc.data is None:
        return None, [Problem(shown, 1, 1, ERROR, "the file is empty; expected keys such as 'name:'")]
    return doc, []


@dataclass
class RawFile:
    """A file found in a data dir: its kind, id and parsed document."""

    kind: str  # playbook | persona | touchpoint | journey | client
    id: str
    rel_path: str  # relative to the data dir, e.g. "personas/sanne.yml"
    doc: Document


_KIND_DIRS = {"personas": "persona", "touchpoints": "touchpoint"}


def _candidates(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """(kind, path) for every YAML-named entry in a data dir, sorted by name."""
    if not data_dir.is_dir():
        return
    for entry in sorted(data_dir.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(YAML_SUFFIXES):
            yield ("playbook" if entry.stem == "playbook" else "journey"), entry
        elif entry.name in _KIND_DIRS and entry.is_dir():
            for sub in sorted(entry.iterdir(), key=lambda p: p.name):
                if sub.name.endswith(YAML_SUFFIXES):
                    yield _KIND_DIRS[entry.name], sub


def load_dir(data_dir: Path, root: Path, broken: set[tuple[str, str]] | None = None) -> tuple[list[RawFile], list[Problem]]:
    """Every playbook file of a data dir, parsed, with the problems found so far.

    ``broken`` (when given) receives ``(kind, id)`` of every file that exists but
    could not be read or parsed, so that references to it are not reported too.
    """
    files: list[RawFile] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    for kind, path in _candidates(data_dir):
        shown = rel(path, root)
        stem = path.name.rsplit(".", 1)[0]
        if kind != "playbook" and not is_valid_id(stem):
            problems.append(Problem(shown, 1, 1, ERROR,
                                    f"file name {quoted(path.name)} is not a valid id: use lower-case letters, digits "
                                    f"and single hyphens, at most {ID_MAX} characters (e.g. '{suggest_id(stem)}{path.suffix}')"))
            continue
        if kind != "playbook" and stem in RESERVED_IDS:
            problems.append(Problem(shown, 1, 1, ERROR, f"the id '{stem}' is reserved (it names the section's index page); rename the file"))
            continue
        if (kind, stem) in seen:
            problems.append(Problem(shown, 1, 1, ERROR, f"duplicate {kind} id '{stem}': also defined by {seen[(kind, stem)]}"))
            continue
        seen[(kind, stem)] = shown
        doc, found = read_document(path, root, data_dir)
        problems.extend(found)
        if doc is not None:
            files.append(RawFile(kind, stem, rel(path, data_dir), doc))
        elif broken is not None:
            broken.add((kind, stem))
    return files, problems


def hidden_yaml_warning(data_dir: Path, root: Path) -> list[Problem]:
    """YAML files in folders journeybook does not read: worth a warning, not an error."""
    problems = []
    if not data_dir.is_dir():
        return problems
    for dirpath, dirnames, filenames in os.walk(data_dir):
        dirnames.sort()
        here = Path(dirpath)
        if here == data_dir or (here.parent == data_dir and here.name in _KIND_DIRS):
            continue
        for name in sorted(filenames):
            if name.endswith(YAML_SUFFIXES):
                problems.append(Problem(rel(here / name, root), 1, 1, WARNING,
                                        "ignored: playbook files live directly in the data dir, in personas/ or in touchpoints/"))
    return problems
