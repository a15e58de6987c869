"""Read and check the metrics CSV files of a build into one compact series per KPI.

A row is ``date,kpi,value[,source]`` (extra columns ignored, any order, the
header required). Every bad row is a located error and is left out; the other
rows of the file still count. Per KPI only what pages need is kept: dates as
ordinals and values as floats in arrays, sorted by date, one value per date.
"""

from __future__ import annotations

import datetime
import difflib
import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ERROR, WARNING, Problem
from ..files import rel
from ..model import Series
from ..validate import did_you_mean
from .csvfile import Record, Unreadable, cell_start, records, refusal

COLUMNS = ("date", "kpi", "value")  # required; "source" is optional
LINE_BITS = 40  # an origin is file index << LINE_BITS | line
LINE_MASK = (1 << LINE_BITS) - 1


@dataclass
class _Growing:
    """One KPI's rows as read, before sorting."""

    days: array[int] = field(default_factory=lambda: array("l"))
    values: array[float] = field(default_factory=lambda: array("d"))
    origins: array[int] = field(default_factory=lambda: array("Q"))
    last_day: int = 0
    source: str | None = None


@dataclass
class Metrics:
    """What the metrics files of a build give: series by KPI key, problems, files read."""

    series: dict[str, Series] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def metrics_files(folder: Path) -> list[Path]:
    """The ``*.csv`` files directly in ``folder``, by name."""
    return sorted(p for p in folder.glob("*.csv")) if folder.is_dir() else []


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
    def __init__(self, keys: set[str], root: Path, within: Path) -> None:
        self.keys = keys
        self.sorted_keys = sorted(keys)
        self.root, self.within = root, within
        self.growing: dict[str, _Growing] = {}
        self.problems: list[Problem] = []
        self.paths: list[Path] = []
        self.date_cells: list[int] = []  # per file: the index of its date column
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
        rows = records(path)
        try:
            header = next(rows, None)
            if header is None:
                self.error(shown, (1, 1), "the file is empty; the first line must be the header: date,kpi,value")
                return
            columns = self._columns(shown, header)
            if columns is None:
                return
            self.paths.append(path)
            self.date_cells.append(columns[0])
            self._rows(shown, rows, columns, len(self.paths) - 1)
        except Unreadable as exc:
            self.error(shown, (exc.line, 1), exc.message)

    def _columns(self, shown: str, header: Record) -> tuple[int, int, int, int | None] | None:
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

    def _rows(self, shown: str, rows: Iterator[Record], columns: tuple[int, int, int, int | None],
              file_index: int) -> None:
        date_at, kpi_at, value_at, source_at = columns
        need = max(date_at, kpi_at, value_at) + 1
        growing, days, keys = self.growing, self.days, self.keys
        base = file_index << LINE_BITS
        for record in rows:
            cells = record.cells
            if len(cells) < need:
                missing = [name for name, at in zip(COLUMNS, columns[:3], strict=True) if at >= len(cells)]
                self.error(shown, record.where(len(cells)),
                           f"the row ends before its {' and '.join(repr(m) for m in missing)} "
                           f"cell{'s' if len(missing) > 1 else ''}; a row is date,kpi,value")
                continue
            day_text, key, value_text = cells[date_at].strip(), cells[kpi_at].strip(), cells[value_at].strip()
            day = _day(day_text, days)
            number = _number(value_text)
            known = key in keys
            if day is None or number is None or not known:
                self._bad_row(shown, record, columns, day is None, number is None, known)
                continue
            series = growing.get(key)
            if series is None:
                series = growing[key] = _Growing()
            series.days.append(day)
            series.values.append(number)
            series.origins.append(base | record.line)
            if day >= series.last_day:
                series.last_day = day
                series.source = cells[source_at].strip() or None if source_at is not None and source_at < len(
                    cells) else None

    def _bad_row(self, shown: str, record: Record, columns: tuple[int, int, int, int | None],
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
        """Sort every series by date, report duplicate dates and stale series, keep the compact arrays."""
        out: dict[str, Series] = {}
        wanted: dict[int, list[tuple[str, str]]] = {}  # origin -> messages (located by reading the line again)
        for key in sorted(self.growing):
            grown = self.growing[key]
            days, values, origins = grown.days, grown.values, grown.origins
            if any(days[i] >= days[i + 1] for i in range(len(days) - 1)):
                order = sorted(range(len(days)), key=days.__getitem__)  # stable: the first one read comes first
                kept: list[int] = []
                for i in order:
                    if kept and days[kept[-1]] == days[i]:
                        first = origins[kept[-1]]
                        wanted.setdefault(origins[i], []).append((ERROR, (
                            f"a second value for {key!r} on {datetime.date.fromordinal(days[i]).isoformat()} "
                            f"(the first is at {self._shown(first)}:{first & LINE_MASK}); "
                            "keep one row per KPI and date")))
                    else:
                        kept.append(i)
                days = array("l", (days[i] for i in kept))
                values = array("d", (values[i] for i in kept))
                origins = array("Q", (origins[i] for i in kept))
            series = Series(key, days, values, grown.source)
            out[key] = series
            latest, _ = series.latest
            if stale_after is not None and (today - latest).days > stale_after:
                wanted.setdefault(origins[-1], []).append((WARNING, (
                    f"KPI {key!r} was last measured on {latest.isoformat()}, {(today - latest).days} days ago "
                    f"(metrics_stale_after: {stale_after} days); add newer measurements")))
        self._locate(wanted)
        return out

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
