"""Read and check the metrics CSV files of a build into one compact series per KPI.

A row is ``date,kpi,value[,source]`` (extra columns ignored, any order, the
header required). Every bad row is a located error and is left out; the other
rows of the file still count. Per KPI only what pages need is kept: dates as
ordinals and values as floats in arrays, sorted by date, one value per date.
"""

from __future__ import annotations

import bisect
import datetime
import difflib
import itertools
import math
import operator
import os
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..check.validate import did_you_mean
from ..errors import ERROR, WARNING, Problem
from ..model import Series
from ..read.files import rel
from ..read.project import Project
from .csvfile import Record, Unreadable, cell_start, records, records_of, refusal

COLUMNS = ("date", "kpi", "value")  # required; "source" is optional
LINE_BITS = 40  # an origin is file index << LINE_BITS | line
LINE_MASK = (1 << LINE_BITS) - 1
DAY_BITS = 22  # a date's ordinal (up to 9999-12-31) fits in 22 bits
CHUNK_BYTES = 1 << 20
Columns = tuple[int, int, int, int | None]  # where date, kpi, value and source (if any) are in a row


@dataclass
class Metrics:
    """What the metrics files of a build give: series by KPI key, problems, files read."""

    series: dict[str, Series] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def metrics_files(folder: Path) -> list[Path]:
    """The ``*.csv`` files in ``folder`` and in its subfolders (say one a year), by path; hidden ones
    (a name starting with ``.``) left out. Symbolic links to folders are not followed."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found += [Path(dirpath, name) for name in filenames
                  if name.lower().endswith(".csv") and not name.startswith(".")]
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def metrics_dir(project: Project) -> Path:
    """Where a build's measurements are: ``<data dir>/metrics``, or a guide's own ``clients/<id>/journeys/metrics``
    (a guide never shows the base's measurements)."""
    if project.client:
        return project.path(project.clients_dir) / project.client / "journeys" / "metrics"
    return project.path(project.data_dir) / "metrics"


def stamp_of(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    """Path (within ``folder``), modification time, size and inode of every CSV file in it."""
    out = []
    for path in metrics_files(folder):
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((path.relative_to(folder).as_posix(), st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


def _day(text: str, memo: dict[str, int]) -> int | None:
    day = memo.get(text)
    if day is None:
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            return None
        try:
            day = datetime.date.fromisoformat(text).toordinal()
        except ValueError:
            return None
        memo[text] = day
    return day


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) and "_" not in text else None


class _Reader:
    """Reads the files of one build. Rows go into flat arrays (KPI index, day, value, origin), sorted apart by
    KPI and day at the end. A chunk of lines without quotes is read with ``str.split`` and whole-column
    conversions; a chunk with anything odd (quotes, a bad cell, a blank line) goes through :mod:`csv` row by row,
    which locates each problem."""

    def __init__(self, keys: set[str], root: Path, within: Path) -> None:
        self.keys = keys
        self.sorted_keys = sorted(keys)
        self.index = {key: n for n, key in enumerate(self.sorted_keys)}
        self.root, self.within = root, within
        self.kpi: array[int] = array("L")
        self.day: array[int] = array("l")
        self.value: array[float] = array("d")
        self.origin: array[int] = array("Q")
        self.sources: dict[int, tuple[int, str]] = {}  # KPI index -> (day, source) of the latest row seen
        self.problems: list[Problem] = []
        self.paths: list[Path] = []
        self.date_cells: list[int] = []  # per file: the index of its date column
        self.widths: list[int] = []  # per file: the number of cells of its header
        self.days: dict[str, int] = {}
        self.hints: dict[str, str] = {}  # unknown KPI -> its "did you mean"

    def error(self, shown: str, where: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(shown, where[0], where[1], ERROR, message))

    def read(self, path: Path) -> None:
        shown = rel(path, self.root)
        refused = refusal(path, self.root, self.within)
        if refused:
            self.error(shown, (1, 1), refused)
            return
        try:
            with path.open("rb") as handle:
                header = next(records_of(handle, 1), None)
                if header is None:
                    self.error(shown, (1, 1), "the file is empty; the first line must be the header: date,kpi,value")
                    return
                columns = self._columns(shown, header)
                if columns is None:
                    return
                self.paths.append(path)
                self.date_cells.append(columns[0])
                self.widths.append(len(header.cells))
                self._chunks(shown, handle, header.line + len(header.text), columns)
        except Unreadable as exc:
            self.error(shown, (exc.line, 1), exc.message)

    def _columns(self, shown: str, header: Record) -> Columns | None:
        names = [cell.strip().lower() for cell in header.cells]
        missing = [c for c in COLUMNS if c not in names]
        if not missing:
            source = names.index("source") if "source" in names else None
            return names.index("date"), names.index("kpi"), names.index("value"), source
        if _day(header.cells[0].strip(), self.days) is not None:
            self.error(shown, (header.line, 1), "the first line must be the header naming the columns: "
                                                "date,kpi,value (and optionally source)")
            return None
        for name in missing:
            close = difflib.get_close_matches(name, [n for n in names if n not in COLUMNS], n=1, cutoff=0.6)
            hint = f" (is {close[0]!r} meant to be {name!r}?)" if close else ""
            self.error(shown, (header.line, 1), f"the header has no {name!r} column{hint}; it needs date, kpi and "
                                                f"value (found: {', '.join(header.cells)})")
        return None

    def _chunks(self, shown: str, handle: BinaryIO, line: int, columns: Columns) -> None:
        while True:
            chunk = handle.readlines(CHUNK_BYTES)
            if not chunk:
                return
            raw = b"".join(chunk)
            if b'"' in raw:  # a quoted cell may hold line breaks: the rest of the file through csv
                self._rows(shown, records_of(itertools.chain(chunk, handle), line), columns)
                return
            if not self._fast(raw, line, len(chunk), columns):
                self._rows(shown, records_of(iter(chunk), line), columns)
            line += len(chunk)

    def _fast(self, raw: bytes, line: int, count: int, columns: Columns) -> bool:
        """Take a chunk of plain lines whole; False (and nothing taken) when a line needs a closer look."""
        try:
            text = raw.decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError:
            return False
        if "\r" in text or "_" in text:
            return False
        # every line as wide as the header: one split of the whole chunk, columns by slicing. A line with
        # fewer or more cells shifts the ones after it, so that dates, KPIs or numbers no longer read: csv then.
        width = self.widths[-1]
        cells = text.replace("\n", ",").split(",")
        if cells[-1] == "" and text.endswith("\n"):
            cells.pop()
        if len(cells) != count * width:
            return False
        date_at, kpi_at, value_at, source_at = columns
        dates = cells[date_at::width]
        memo = self.days
        if any(_day(d, memo) is None for d in set(dates).difference(memo)):
            return False
        kpis = cells[kpi_at::width]
        if not self.keys.issuperset(kpis):
            return False
        try:
            values = array("d", map(float, cells[value_at::width]))
        except ValueError:
            return False
        if not all(map(math.isfinite, values)):
            return False
        days = array("l", map(memo.__getitem__, dates))
        indexes = array("L", map(self.index.__getitem__, kpis))
        self.kpi.extend(indexes)
        self.day.extend(days)
        self.value.extend(values)
        base = (len(self.paths) - 1) << LINE_BITS
        self.origin.extend(range(base | line, base | (line + count)))
        if source_at is not None:
            for kpi, last in dict(zip(indexes, range(count), strict=True)).items():
                self._source(kpi, days[last], cells[last * width + source_at])
        return True

    def _source(self, kpi: int, day: int, source: str) -> None:
        seen = self.sources.get(kpi)
        if seen is None or day >= seen[0]:
            self.sources[kpi] = (day, source.strip())

    def _rows(self, shown: str, rows: Iterator[Record], columns: Columns) -> None:
        date_at, kpi_at, value_at, source_at = columns
        need = max(date_at, kpi_at, value_at) + 1
        base = (len(self.paths) - 1) << LINE_BITS
        for record in rows:
            cells = record.cells
            if len(cells) < need:
                missing = [name for name, at in zip(COLUMNS, columns[:3], strict=True) if at >= len(cells)]
                self.error(shown, record.where(len(cells)),
                           f"the row ends before its {' and '.join(repr(m) for m in missing)} "
                           f"cell{'s' if len(missing) > 1 else ''}; a row is date,kpi,value")
                continue
            day_text, key, value_text = cells[date_at].strip(), cells[kpi_at].strip(), cells[value_at].strip()
            day = _day(day_text, self.days)
            number = _number(value_text)
            known = key in self.keys
            if day is None or number is None or not known:
                self._bad_row(shown, record, columns, day is None, number is None, known)
                continue
            kpi = self.index[key]
            self.kpi.append(kpi)
            self.day.append(day)
            self.value.append(number)
            self.origin.append(base | record.line)
            if source_at is not None and source_at < len(cells):
                self._source(kpi, day, cells[source_at])

    def _bad_row(self, shown: str, record: Record, columns: Columns,
                 bad_date: bool, bad_number: bool, known: bool) -> None:
        date_at, kpi_at, value_at, _ = columns
        cells = record.cells
        if bad_date:
            self.error(shown, record.where(date_at), f"date {cells[date_at].strip()!r} is not a date written "
                                                     "YYYY-MM-DD (e.g. 2026-11-30)")
        if not known:
            key = cells[kpi_at].strip()
            hint = self.hints.get(key)
            if hint is None:
                hint = self.hints[key] = did_you_mean(key, self.sorted_keys)
            self.error(shown, record.where(kpi_at),
                       f"unknown KPI {key!r}{hint}; name a KPI that has an id: <touchpoint>/<kpi-id> or "
                       "<journey>/<phase>/<kpi-id>")
        if bad_number:
            self.error(shown, record.where(value_at), f"value {cells[value_at].strip()!r} is not a number; write "
                                                      "digits with '.' for decimals and no thousands separator "
                                                      "(e.g. 64.5)")

    def finish(self, today: datetime.date, stale_after: int | None) -> dict[str, Series]:
        """Sort the rows by KPI and date (stable: of two rows for one date, the first read comes first), report
        duplicate dates and stale series, and keep one compact series per KPI."""
        out: dict[str, Series] = {}
        wanted: dict[int, list[tuple[str, str]]] = {}  # origin -> messages (located by reading the line again)
        kpi, day = self.kpi, self.day
        both = array("q", map(operator.or_, map(operator.lshift, kpi, itertools.repeat(DAY_BITS)), day))
        order = sorted(range(len(kpi)), key=both.__getitem__)
        del both
        start = 0
        while start < len(order):
            index = kpi[order[start]]
            end = bisect.bisect_right(order, index, lo=start, key=kpi.__getitem__)
            out_key = self.sorted_keys[index]
            rows = order[start:end]
            days = array("l", map(day.__getitem__, rows))
            if len(set(days)) < len(days):
                kept = [rows[0]]
                for row in rows[1:]:
                    if day[row] == day[kept[-1]]:
                        first = self.origin[kept[-1]]
                        wanted.setdefault(self.origin[row], []).append((ERROR, (
                            f"a second value for {out_key!r} on {datetime.date.fromordinal(day[row]).isoformat()} "
                            f"(the first is at {self._shown(first)}:{first & LINE_MASK}); "
                            "keep one row per KPI and date")))
                    else:
                        kept.append(row)
                rows = kept
                days = array("l", map(day.__getitem__, rows))
            seen = self.sources.get(index)
            series = Series(out_key, days, array("d", map(self.value.__getitem__, rows)),
                            (seen[1] or None) if seen is not None and seen[0] == days[-1] else None)
            out[out_key] = series
            latest, _ = series.latest
            if stale_after is not None and (today - latest).days > stale_after:
                wanted.setdefault(self.origin[rows[-1]], []).append((WARNING, (
                    f"KPI {out_key!r} was last measured on {latest.isoformat()}, {(today - latest).days} days ago "
                    f"(metrics_stale_after: {stale_after} days); add newer measurements")))
            start = end
        self._locate(wanted)
        return dict(sorted(out.items()))

    def _shown(self, origin: int) -> str:
        return rel(self.paths[origin >> LINE_BITS], self.root)

    def _locate(self, wanted: dict[int, list[tuple[str, str]]]) -> None:
        """Report ``wanted`` messages at the date cell of their rows, reading those files once more."""
        by_file: dict[int, dict[int, list[tuple[str, str]]]] = {}
        for origin, messages in wanted.items():
            by_file.setdefault(origin >> LINE_BITS, {})[origin & LINE_MASK] = messages
        for index, lines in sorted(by_file.items()):
            path = self.paths[index]
            shown = rel(path, self.root)
            try:
                for record in records(path):
                    messages = lines.pop(record.line, [])
                    if messages:
                        line, col = cell_start(record.text, self.date_cells[index], record.line)
                        self.problems += [Problem(shown, line, col, severity, message)
                                          for severity, message in messages]
            except Unreadable:
                pass  # reported when it was first read
            self.problems += [Problem(shown, line, 1, severity, message)  # changed since: at its line
                              for line, messages in lines.items() for severity, message in messages]


def load_metrics(folders: list[Path], keys: set[str], root: Path, within: Path,
                 today: datetime.date, stale_after: int | None) -> Metrics:
    """The series of every KPI measured in the ``*.csv`` files of ``folders``, and every problem of those files.

    ``keys`` are the KPIs that may be measured; ``within`` is the data dir (which may lie outside ``root``).
    """
    reader = _Reader(keys, root, within)
    paths = [path for folder in folders for path in metrics_files(folder)]
    for path in paths:
        reader.read(path)
    series = reader.finish(today, stale_after)
    return Metrics(series, sorted(reader.problems), [rel(p, root) for p in paths])
