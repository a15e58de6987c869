"""Read one metrics CSV file as a stream of rows, each able to say where its cells are.

Read with the standard :mod:`csv` module, one record at a time (a file of a
million rows is never held whole). UTF-8, with or without a byte order mark.
The physical lines of the current record are kept, so that a bad cell is
located by line and character column (1-based) only when it is bad.
"""

from __future__ import annotations

import csv
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple


class _Tap:
    """The file's lines as the csv reader asks for them, decoded one by one (so that text which is not UTF-8
    is found on its line), keeping the lines of the current record."""

    def __init__(self, raw_lines: Iterator[bytes], first_line: int) -> None:
        self.raw_lines = raw_lines
        self.lines: list[str] = []
        self.count = first_line - 1

    def __iter__(self) -> _Tap:
        return self

    def __next__(self) -> str:
        raw = next(self.raw_lines)
        self.count += 1
        try:
            line = raw.decode("utf-8-sig" if self.count == 1 else "utf-8")
        except UnicodeDecodeError:
            raise Unreadable(self.count, "the file is not UTF-8 text from here on; save it as 'CSV UTF-8'") from None
        self.lines.append(line)
        return line


class Record(NamedTuple):
    """One CSV record: its cells and the physical lines it was read from."""

    cells: list[str]
    line: int  # the line the record starts on, 1-based
    text: tuple[str, ...]  # its physical lines, as written

    def where(self, index: int) -> tuple[int, int]:
        """(line, column) where cell ``index`` starts; past the last cell: just after the record's end."""
        return cell_start(self.text, index, self.line)


def cell_start(lines: tuple[str, ...], index: int, first_line: int) -> tuple[int, int]:
    """Where cell ``index`` of a record starts, following the CSV quoting rules (``""`` inside quotes)."""
    line, col, cell, quoted = first_line, 1, 0, False
    for text in lines:
        for char in text:
            if cell == index:
                return line, col
            if char == '"':
                quoted = not quoted
            elif char == "," and not quoted:
                cell += 1
            elif char == "\n" and quoted:
                line, col = line + 1, 0
            elif char in "\r\n":
                break
            col += 1
        if not quoted:
            break
    return line, col  # fewer cells than asked for: the end of the record


class Unreadable(Exception):
    """The file cannot be read as text: located at the line it stopped on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def refusal(path: Path, root: Path, within: Path) -> str | None:
    """Why a metrics file is not read (a link pointing outside, not a regular file), or None."""
    try:
        resolved = path.resolve()
        if not (resolved.is_relative_to(root.resolve()) or resolved.is_relative_to(within.resolve())):
            return "a symlink (of the file or of a folder above it) points outside the project; refused"
        if not stat.S_ISREG(path.stat().st_mode):
            return "not a regular file (a pipe or a device?); refused"
    except (OSError, RuntimeError) as exc:
        return f"cannot read file: {getattr(exc, 'strerror', None) or exc}"
    return None


def records(path: Path) -> Iterator[Record]:
    """Every non-empty record of a CSV file, in order. Raises :class:`Unreadable` where the text stops being
    UTF-8 (the records before it have been yielded)."""
    with path.open("rb") as handle:
        yield from records_of(handle, 1)


def records_of(raw_lines: Iterator[bytes], first_line: int) -> Iterator[Record]:
    """The records of some lines of a file (bytes, as read), the first of which is line ``first_line``."""
    tap = _Tap(raw_lines, first_line)
    reader = csv.reader(tap, strict=False)
    line = first_line
    try:
        for cells in reader:
            text = tuple(tap.lines)
            tap.lines.clear()
            if cells:
                yield Record(cells, line, text)
            line += len(text)
    except csv.Error as exc:
        raise Unreadable(line, f"cannot read this line as CSV: {exc}") from None
