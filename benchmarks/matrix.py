"""Benchmark: the personas × touchpoints page at 10 personas (``/personas/matrix/``).

Generates the benchmark playbook of 200 pages (``generate.py``: 10 personas,
77 touchpoints, 18 journeys) in a temporary folder, renders it and reports the
matrix page's body HTML (raw and gzipped), how many meetings it shows and the
share of the table and of the phone lists (one persona at a time), and the time
the matrix takes to compute. Prints numbers and the target, not pass/fail.

    .venv/bin/python benchmarks/matrix.py
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import counts, generate
from journeybook.read.project import Project
from journeybook.render import RenderOptions, render_pages
from journeybook.render.matrix import build_matrix
from journeybook.render.site import Site
from journeybook.resolve import load

PAGES = 200
TARGET_KB = 1024  # as /kpis/: a generated page stays under 1 MB of HTML


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder), PAGES)
        playbook = load(Project(root=root, site_name="Matrix benchmark")).playbook
        assert playbook is not None
        started = time.perf_counter()
        matrix = build_matrix(Site(playbook))
        computed = time.perf_counter() - started
        html = next(p.html for p in render_pages(playbook, RenderOptions()) if p.src_uri == "personas/matrix.md")
    body = html.encode("utf-8")
    table = body.index(b'class="jb-matrix__phone"')
    meetings = sum(len(cell) for _, rows in matrix.groups for row in rows for cell in row.cells)
    personas, touchpoints, journeys = counts(PAGES)
    print(f"playbook: {personas} personas, {touchpoints} touchpoints, {journeys} journeys; {meetings} meetings")
    print(f"matrix page body: {len(body) / 1024:.0f} KB ({len(gzip.compress(body)) / 1024:.1f} KB gzipped); "
          f"table {table / 1024:.0f} KB, phone lists {(len(body) - table) / 1024:.0f} KB (target < {TARGET_KB} KB)")
    print(f"computing the matrix: {computed * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
