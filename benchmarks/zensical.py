"""Benchmark: the generated playbook on Zensical beside the same on MkDocs, and Zensical alone (issue 21).

For each size (default 2000 pages) it generates the benchmark playbook
(``generate.py``, as ``run.py`` does) and measures, each in its own child
process (wall time, CPU time, peak RSS from ``os.wait4``, bytes of the
published site):

- ``mkdocs``: ``journeybook build`` (MkDocs + Material, the plugin);
- ``zensical``: ``journeybook build --engine zensical`` (check, stage, Zensical, publish);
- ``zensical-alone``: Zensical on the very pages journeybook staged, as plain Markdown files
  (``python -m zensical build --clean`` on a kept staging folder): what Zensical itself costs;
- ``zensical-md``: Zensical on the same playbook written as hand-written Markdown (``generate_markdown``).

What generation adds is ``zensical`` over ``zensical-alone`` (goal: at most 10 %), judged by CPU time:
on a shared machine the wall time of two runs minutes apart says more about the other load than about them.

    .venv/bin/python benchmarks/zensical.py                 # 2000 pages
    .venv/bin/python benchmarks/zensical.py --sizes 500     # quicker
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generate import generate, generate_markdown

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
GOAL = 0.10  # generation adds at most 10 % to Zensical's own time


@dataclass
class Run:
    kind: str
    pages: int
    wall: float
    cpu: float
    rss_mb: float
    site_mb: float
    files: int
    ok: bool
    log: str = ""


def _size(path: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def measure(kind: str, pages: int, cmd: list[str], cwd: Path, site: Path, timeout: float = 1800) -> Run:
    """Run ``cmd`` in a fresh child; its rusage (and its waited-for children's) via wait4."""
    log_path = cwd / f"{kind}.log"
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=ENV)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
    size, files = _size(site) if site.is_dir() else (0, 0)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return Run(kind, pages, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size / 1e6, files,
               os.waitstatus_to_exitcode(status) == 0, text[-2000:])


def stage_only(project: Path, folder: Path) -> Path:
    """journeybook's staging of ``project`` into ``folder`` (kept), for Zensical alone; the config's path."""
    from journeybook.engines.zensical.build import options_from
    from journeybook.engines.zensical.stage import Stager
    from journeybook.read.config import project_from_config, read_config

    config_file = (project / "mkdocs.yml").resolve()
    user = read_config(config_file)
    stager = Stager(project_from_config(project, config_file), config_file, user, options_from(user), folder)
    stager.stage(stager.load())
    return stager.config_path


def show(r: Run) -> Run:
    print(f"{r.pages:>6} {r.kind:<15} {r.wall:>8.1f} {r.cpu:>8.1f} {r.rss_mb:>8.0f} {r.site_mb:>8.1f} "
          f"{r.files:>6}{'' if r.ok else '  FAILED'}", flush=True)
    if not r.ok:
        print(r.log, file=sys.stderr)
    return r


def run_size(pages: int, workdir: Path, mkdocs: bool = True, markdown: bool = True) -> list[Run]:
    project = generate(workdir / f"jb-{pages}", pages)
    journeybook = [sys.executable, "-m", "journeybook.cli", "build"]
    runs = []
    if mkdocs:
        runs.append(show(measure("mkdocs", pages, [*journeybook, "--site-dir", "site-mkdocs"], project,
                                 project / "site-mkdocs")))
        shutil.rmtree(project / "site-mkdocs", ignore_errors=True)
    runs.append(show(measure("zensical", pages, [*journeybook, "--engine", "zensical", "--site-dir",
                                                 "site-zensical"], project, project / "site-zensical")))
    shutil.rmtree(project / "site-zensical", ignore_errors=True)
    config = stage_only(project, project / "staged")
    zensical = [sys.executable, "-m", "zensical", "build", "--clean", "-f"]
    runs.append(show(measure("zensical-alone", pages, [*zensical, str(config)], config.parent,
                             config.parent / "site")))
    shutil.rmtree(project / "staged", ignore_errors=True)
    if markdown:
        hand_written = generate_markdown(workdir / f"md-{pages}", pages)
        runs.append(show(measure("zensical-md", pages, [*zensical, str(hand_written / "mkdocs.yml")], hand_written,
                                 hand_written / "site")))
        shutil.rmtree(hand_written / "site", ignore_errors=True)
    return runs


def main() -> int:
    ap = argparse.ArgumentParser(description="journeybook on Zensical vs MkDocs, and Zensical alone")
    ap.add_argument("--sizes", default="2000", help="comma-separated page counts (default 2000)")
    ap.add_argument("--workdir", default=None, help="parent folder for the temporary projects (default: system temp)")
    ap.add_argument("--no-mkdocs", action="store_true", help="skip the MkDocs build")
    ap.add_argument("--no-markdown", action="store_true", help="skip Zensical on the hand-written Markdown")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    workdir = Path(tempfile.mkdtemp(prefix="jb-zensical-bench-", dir=args.workdir))
    try:
        print(f"{'pages':>6} {'build':<15} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'site MB':>8} {'files':>6}")
        failed = False
        for pages in sizes:
            runs = run_size(pages, workdir, mkdocs=not args.no_mkdocs, markdown=not args.no_markdown)
            failed = failed or not all(r.ok for r in runs)
            by = {r.kind: r for r in runs}
            wall = by["zensical"].wall / by["zensical-alone"].wall - 1
            cpu = by["zensical"].cpu / by["zensical-alone"].cpu - 1  # the steadier figure on a shared machine
            verdict = "meets" if cpu <= GOAL else "misses"
            print(f"{pages:>6} generation adds {cpu:+.1%} CPU time ({wall:+.1%} wall time) to Zensical's own "
                  f"({verdict} the goal of {GOAL:.0%})", flush=True)
        return 1 if failed else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
