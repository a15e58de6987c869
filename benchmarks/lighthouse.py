"""Lighthouse on a phone: the journey map and a phase page against a plain Material page of the same site.

Builds the sample playbook into a temporary folder, serves it on 127.0.0.1 and
runs Lighthouse (``npx lighthouse``, its default mobile preset, performance and
accessibility) on each page ``--runs`` times, the pages interleaved so that
each round sees the same machine load. Prints the medians: performance score,
LCP, TBT, CLS and accessibility score, and the accessibility audits that fail.
A figure, not a test: scores move with the machine's load.

    .venv/bin/python benchmarks/lighthouse.py                      # 3 runs per page (~3 minutes)
    .venv/bin/python benchmarks/lighthouse.py --runs 5 --npm-prefix ~/.cache/lh
    .venv/bin/python benchmarks/lighthouse.py --site site/          # an already built site

Lighthouse is not a Python package: install it with npm (``npm install
--prefix ~/.cache/lh lighthouse``, then ``--npm-prefix ~/.cache/lh``, or ``npm
install -g lighthouse``). Chromium comes from ``CHROME_PATH``, else the first
``chromium``/``chromium-browser``/``google-chrome`` on PATH.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
PAGES = {  # label: path on the sample site
    "journey map": "journeys/online-purchase/",
    "phase page": "journeys/online-purchase/consideration/",
    "plain page": "about/",  # content/about.md: hand-written Markdown, no journeybook content
}
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg"}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
INSTALL_HINT = (
    "Lighthouse was not found: `npx --no -- lighthouse --version` failed.\n"
    "Install it with npm (Node.js 22 or newer for Lighthouse 13), for example\n"
    "    npm install --prefix ~/.cache/lh lighthouse\n"
    "and run again with --npm-prefix ~/.cache/lh (or `npm install -g lighthouse`)."
)


@dataclass(frozen=True)
class Run:
    performance: float  # 0-100
    lcp_ms: float
    tbt_ms: float
    cls: float
    accessibility: float  # 0-100
    failing: tuple[str, ...]  # accessibility audits that do not pass


def npx(prefix: str | None, *args: str) -> list[str]:
    """``npx --no`` (never download on the fly), in ``prefix``'s node_modules when given."""
    return ["npx", "--no", *(["--prefix", prefix] if prefix else []), "--", "lighthouse", *args]


def lighthouse_version(prefix: str | None) -> str | None:
    try:
        done = subprocess.run(npx(prefix, "--version"), capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def chrome_path() -> str | None:
    found = os.environ.get("CHROME_PATH")
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = found or shutil.which(name)
    return found


def build(dest: Path) -> Path:
    """The repository's sample playbook, built with ``mkdocs build`` into ``dest``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(dest)]
    subprocess.run(command, cwd=REPO, env=env, check=True)
    return dest


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Text files gzip-compressed when the browser asks, as a web host serves them (GitHub Pages, Netlify)."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wanted and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()  # as http.server does (and its redirect of a folder without "/")
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, compress: bool = True) -> Iterator[str]:
    """``site`` over HTTP on 127.0.0.1 (a free port); yields the base address."""
    handler = _GzipHandler if compress else _QuietHandler
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure(url: str, prefix: str | None, chrome: str, report: Path) -> Run:
    """One Lighthouse run (mobile preset) of ``url``, its JSON report written to ``report``."""
    args = [
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(npx(prefix, *args), env={**os.environ, "CHROME_PATH": chrome}, check=True, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    audits, categories = data["audits"], data["categories"]
    a11y = categories["accessibility"]
    failing = tuple(
        ref["id"]
        for ref in a11y["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    )
    return Run(
        performance=100 * (categories["performance"]["score"] or 0),
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        accessibility=100 * (a11y["score"] or 0),
        failing=failing,
    )


def table(results: dict[str, list[Run]]) -> str:
    """The medians per page, one row each."""
    head = f"{'page':<12} {'perf':>5} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6} {'a11y':>5}"
    rows = [f"{head}  runs (perf)  failing a11y audits"]
    for label, runs in results.items():
        failing = sorted({audit for run in runs for audit in run.failing})
        rows.append(
            f"{label:<12} {statistics.median(r.performance for r in runs):>5.0f} "
            f"{statistics.median(r.lcp_ms for r in runs) / 1000:>6.2f} "
            f"{statistics.median(r.tbt_ms for r in runs):>7.0f} "
            f"{statistics.median(r.cls for r in runs):>6.3f} "
            f"{statistics.median(r.accessibility for r in runs):>5.0f}  "
            f"{' '.join(f'{r.performance:.0f}' for r in runs):<11}  {', '.join(failing) or '-'}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3; the median is shown)")
    parser.add_argument("--site", type=Path, help="serve this built site instead of building the sample")
    parser.add_argument("--npm-prefix", help="folder whose node_modules has lighthouse (npx --prefix)")
    parser.add_argument("--no-gzip", action="store_true", help="serve uncompressed, as `python -m http.server` does")
    parser.add_argument("--reports", type=Path, help="keep every Lighthouse JSON report in this folder")
    parser.add_argument("--page", action="append", metavar="LABEL=PATH", help="pages to measure (default: the three)")
    args = parser.parse_args(argv)

    version = lighthouse_version(args.npm_prefix)
    if version is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    chrome = chrome_path()
    if chrome is None:
        print("No Chromium found: set CHROME_PATH or install chromium.", file=sys.stderr)
        return 2
    pages = dict(item.split("=", 1) for item in args.page) if args.page else PAGES

    with tempfile.TemporaryDirectory(prefix="jb-lighthouse-") as tmp:
        workdir = Path(tmp)
        site = args.site or build(workdir / "site")
        results: dict[str, list[Run]] = {label: [] for label in pages}
        reports = args.reports or workdir
        reports.mkdir(parents=True, exist_ok=True)
        with serve(site, compress=not args.no_gzip) as base:
            for round_no in range(1, args.runs + 1):
                for label, path in pages.items():
                    report = reports / f"{label.replace(' ', '-')}-{round_no}.json"
                    run = measure(base + path, args.npm_prefix, chrome, report)
                    results[label].append(run)
                    print(f"  round {round_no}: {label:<12} perf {run.performance:.0f}", file=sys.stderr, flush=True)
    served = "uncompressed" if args.no_gzip else "gzip"
    print(f"Lighthouse {version}, mobile preset, {served}, {args.runs} runs per page, interleaved; medians:")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
