"""Benchmark: what a metrics folder of a million rows adds to a build.

Generates a 500-page playbook (``generate.py``), gives 300 of its touchpoint
KPIs an ``id``, ``min``/``max`` and a unit, and writes ``journeys/metrics/``
with ten years of daily values for each (300 × 3,650 = 1,095,000 rows, in one
file per year, day by day as an analytics export is). Then it builds the same
project with ``mkdocs build`` in a child process, once without the metrics
folder and once with it (alternating, ``--runs`` times each), and reports the
wall time and peak RSS (``os.wait4``) each adds, the size of ``/kpis/`` and of
``playbook.json``. Numbers, not pass/fail; the goals of issue 22 beside them.

    .venv/bin/python benchmarks/metrics.py            # one build of each (~2 minutes on 2 cores)
    .venv/bin/python benchmarks/metrics.py --runs 3   # the median of three of each
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import _dump, generate

GOALS = {"added_s": 5.0, "added_mb": 200.0, "kpis_html_mb": 1.0}
KPIS, YEARS = 300, 10
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def measured_kpis(root: Path, count: int = KPIS) -> list[str]:
    """Give the first ``count`` touchpoint KPIs an id, bounds and a unit; their keys."""
    keys: list[str] = []
    for path in sorted((root / "journeys" / "touchpoints").glob("*.yml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, kpi in enumerate(data.get("kpis", []), start=1):
            if len(keys) == count:
                break
            kpi.update({"id": f"k{n}", "min": 40 + len(keys) % 40, "unit": "%"})
            keys.append(f"{path.stem}/k{n}")
        path.write_text(_dump(data), encoding="utf-8")
    if len(keys) < count:
        raise SystemExit(f"only {len(keys)} touchpoint KPIs; generate more pages")
    return keys


def write_metrics(folder: Path, keys: list[str], years: int = YEARS) -> int:
    """Daily values of every KPI for ``years`` years, one CSV file per year; the number of rows."""
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime.date(2026, 12, 1) - datetime.timedelta(days=365 * years)
    rows = 0
    for year in range(years):
        with (folder / f"year-{year + 1:02d}.csv").open("w", encoding="utf-8", newline="") as out:
            out.write("date,kpi,value,source\n")
            for d in range(365 * year, 365 * (year + 1)):
                day = (start + datetime.timedelta(days=d)).isoformat()
                lines = [f"{day},{key},{50 + 30 * math.sin(d / 40 + k):.2f},GA4 export\n"
                         for k, key in enumerate(keys)]
                out.write("".join(lines))
                rows += len(lines)
    return rows


def build(root: Path, site: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of ``mkdocs build`` in a child process."""
    shutil.rmtree(site, ignore_errors=True)
    exe = Path(sys.executable).parent / "mkdocs"
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe), "build", "-q", "-d", str(site)], cwd=root, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    output = proc.stdout.read().decode() if proc.stdout else ""
    if status != 0:
        raise SystemExit(f"build failed:\n{output}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="builds of each kind (the median is reported)")
    parser.add_argument("--keep", action="store_true", help="keep the project (its path is printed)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="jb-metrics-bench-"))
    try:
        root = generate(work / "project", 500)
        keys = measured_kpis(root)
        metrics = root / "journeys" / "metrics"
        began = time.perf_counter()
        rows = write_metrics(work / "metrics", keys)
        print(f"{len(keys)} KPIs, {rows:,} rows in {YEARS} files "
              f"({sum(p.stat().st_size for p in (work / 'metrics').iterdir()) / 1e6:.1f} MB), "
              f"written in {time.perf_counter() - began:.1f} s")
        without: list[tuple[float, float, float]] = []
        with_: list[tuple[float, float, float]] = []
        for _ in range(args.runs):
            shutil.rmtree(metrics, ignore_errors=True)
            without.append(build(root, work / "site-a"))
            shutil.copytree(work / "metrics", metrics)
            with_.append(build(root, work / "site-b"))
        wall_a, wall_b = (statistics.median(w for w, _, _ in runs) for runs in (without, with_))
        cpu_a, cpu_b = (statistics.median(c for _, c, _ in runs) for runs in (without, with_))
        rss_a, rss_b = (statistics.median(r for _, _, r in runs) for runs in (without, with_))
        kpis_html = (work / "site-b" / "kpis" / "index.html").stat().st_size / 1e6
        json_mb = (work / "site-b" / "playbook.json").stat().st_size / 1e6
        print(f"build without metrics: {wall_a:.1f} s wall, {cpu_a:.1f} s CPU, peak RSS {rss_a:.0f} MB")
        print(f"build with metrics:    {wall_b:.1f} s wall, {cpu_b:.1f} s CPU, peak RSS {rss_b:.0f} MB")
        print(f"added: {wall_b - wall_a:.1f} s wall, {cpu_b - cpu_a:.1f} s CPU (goal <= {GOALS['added_s']:.0f} s; "
              f"on a busy machine the CPU time is the steadier figure), "
              f"{rss_b - rss_a:.0f} MB peak RSS (goal <= {GOALS['added_mb']:.0f} MB)")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"/kpis/: {kpis_html:.2f} MB of HTML (goal < {GOALS['kpis_html_mb']:.0f} MB); "
              f"playbook.json {json_mb:.1f} MB")
        print(f"runs (wall): without {[round(w, 1) for w, _, _ in without]}, with {[round(w, 1) for w, _, _ in with_]}")
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
