"""Find and safely read the files of a playbook.

A file is read only when it is a regular file inside the project (or the data
dir), after following symlinks, and not larger than :data:`MAX_BYTES`; FIFOs,
devices, directories, broken links and link loops are located errors, never a
hang or a crash. :func:`load_dir` finds every playbook file of a data dir and
checks its name; :class:`Documents` holds what was read, by kind and id.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ERROR, WARNING, Problem
from ..model.ids import ID_MAX, RESERVED_IDS, is_valid_id, quoted, suggest_id
from .yamlpos import Document, LoadError, decode, parse

MAX_BYTES = 1024 * 1024
YAML_SUFFIXES = (".yml", ".yaml")
# <name>.<lang>.yml translates <name>.yml into <lang> (the suffix convention of mkdocs-static-i18n)
TRANSLATION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<lang>[a-z]{2}(?:-[A-Za-z]{2})?)\.(?:yml|yaml)$")


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


_ACTIVE_CACHE: contextvars.ContextVar[ParseCache | None] = contextvars.ContextVar("journeybook_parse_cache",
                                                                                  default=None)


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


def _yaml_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """(kind, path) for every YAML-named entry in a data dir, sorted by name."""
    if not data_dir.is_dir():
        return
    for entry in sorted(data_dir.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(YAML_SUFFIXES):
            found = TRANSLATION_NAME.match(entry.name)
            stem = found["stem"] if found else entry.stem
            yield ("playbook" if stem == "playbook" else "journey"), entry
        elif entry.name in _KIND_DIRS and entry.is_dir():
            for sub in sorted(entry.iterdir(), key=lambda p: p.name):
                if sub.name.endswith(YAML_SUFFIXES):
                    yield _KIND_DIRS[entry.name], sub


def _candidates(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """(kind, path) of every playbook file of a data dir; translations are not playbook files."""
    return ((kind, path) for kind, path in _yaml_files(data_dir) if not TRANSLATION_NAME.match(path.name))


def translation_files(data_dir: Path, lang: str) -> Iterator[tuple[str, str, Path]]:
    """(kind, id, path) of every ``<id>.<lang>.yml`` in a data dir (``playbook.<lang>.yml``: id ``playbook``)."""
    for kind, path in _yaml_files(data_dir):
        found = TRANSLATION_NAME.match(path.name)
        if found and found["lang"] == lang:
            yield kind, found["stem"], path


def translation_languages(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """(lang, path) of every ``<name>.<lang>.yml`` in a data dir, whatever its language."""
    for _kind, path in _yaml_files(data_dir):
        found = TRANSLATION_NAME.match(path.name)
        if found:
            yield found["lang"], path


def load_dir(data_dir: Path, root: Path,
             broken: set[tuple[str, str]] | None = None) -> tuple[list[RawFile], list[Problem]]:
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
                                    f"and single hyphens, at most {ID_MAX} characters "
                                    f"(e.g. '{suggest_id(stem)}{path.suffix}')"))
            continue
        if kind != "playbook" and stem in RESERVED_IDS:
            problems.append(Problem(shown, 1, 1, ERROR,
                                    f"the id '{stem}' is reserved (it names the section's index page); "
                                    "rename the file"))
            continue
        if kind == "persona" and stem == "matrix":
            problems.append(Problem(shown, 1, 1, ERROR, "the persona id 'matrix' is reserved (it names the "
                                    "personas × touchpoints page); rename the file"))
            continue
        if (kind, stem) in seen:
            problems.append(Problem(shown, 1, 1, ERROR,
                                    f"duplicate {kind} id '{stem}': also defined by {seen[(kind, stem)]}"))
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
    problems: list[Problem] = []
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
                                        "ignored: playbook files live directly in the data dir, "
                                        "in personas/ or in touchpoints/"))
    return problems


@dataclass
class Documents:
    """The documents of one playbook (after client overlays), by kind and id."""

    playbook: Document | None = None
    personas: dict[str, Document] = field(default_factory=dict)
    touchpoints: dict[str, Document] = field(default_factory=dict)
    journeys: dict[str, Document] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of files that exist but did not load

    def table(self, kind: str) -> dict[str, Document]:
        return {"persona": self.personas, "touchpoint": self.touchpoints, "journey": self.journeys}[kind]

    def put(self, kind: str, old: Document, new: Document) -> None:
        if kind == "playbook":
            self.playbook = new
            return
        table = self.table(kind)
        for key, doc in table.items():
            if doc is old:
                table[key] = new

    def all(self) -> Iterator[tuple[str, Document]]:
        if self.playbook is not None:
            yield "playbook", self.playbook
        for kind in ("persona", "touchpoint", "journey"):
            for _id, doc in sorted(self.table(kind).items()):
                yield kind, doc

