"""Benchmark: journeybook vs the same site as hand-written Markdown (plain MkDocs + Material).

For each size (default 500 and 2000 pages) it generates both projects in a fresh
temporary folder, builds each with ``mkdocs build`` in its own child process and
measures wall time, CPU time, peak RSS (``os.wait4`` of that child) and output
size; every output is deleted as soon as it is measured. Then it starts
``mkdocs serve`` on the largest journeybook project, edits one touchpoint YAML
file and times the rebuild from the log. Prints numbers, not pass/fail, and
the ratios next to the targets of the issue.

    .venv/bin/python benchmarks/run.py                  # 500 and 2000 pages (~5 minutes)
    .venv/bin/python benchmarks/run.py --sizes 100,500  # quick
    .venv/bin/python benchmarks/run.py --no-baseline --keep   # journeybook only, keep the projects
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import counts, generate, generate_markdown

TARGETS = {"speedup": 10.0, "growth": 1.5, "rss_mb": 500.0, "output_mb": 150.0, "rebuild_s": 2.0}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}


@dataclass
class Build:
    kind: str
    pages: int
    wall: float
    cpu: float
    rss_mb: float
    output_mb: float
    files: int
    ok: bool
    log: str = ""


def _dir_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
                files += 1
            except OSError:
                pass
    return total, files


def build(project: Path, kind: str, pages: int, timeout: float = 600) -> Build:
    """``mkdocs build`` of ``project`` in a fresh child; its own rusage via wait4."""
    site = project / "site"
    log_path = project / f"build-{kind}.log"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, stdout=log, stderr=subprocess.STDOUT, env=ENV)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    size, files = _dir_size(site) if site.is_dir() else (0, 0)
    shutil.rmtree(site, ignore_errors=True)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return Build(kind, pages, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size / 1e6, files,
                 proc.returncode == 0, text[-2000:])


# --------------------------------------------------------------------------- serve


@dataclass
class Rebuild:
    detect: float  # edit -> "Detected file changes"
    total: float  # edit -> "Reloading browsers"
    build: float  # "Building documentation..." -> "Reloading browsers"
    seen: bool  # the edit shows on the served page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Lines:
    """A child's output lines with their arrival time, read by a thread."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.q: queue.Queue[tuple[float, str]] = queue.Queue()
        self.all: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip()
            self.all.append(line)
            self.q.put((time.perf_counter(), line))
        self.q.put((time.perf_counter(), "\0EOF"))

    def wait_for(self, pattern: str, timeout: float) -> tuple[float, str]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {pattern!r} within {timeout:.0f} s")
            try:
                at, line = self.q.get(timeout=left)
            except queue.Empty:
                continue
            if line == "\0EOF":
                raise RuntimeError(f"mkdocs serve exited while waiting for {pattern!r}")
            if "An error happened during the rebuild" in line:
                raise RuntimeError("the rebuild failed")
            if re.search(pattern, line):
                return at, line


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def serve_rebuilds(project: Path, edits: int = 2) -> tuple[float, list[Rebuild], float | None, str]:
    """(first build s, rebuilds, peak RSS MB of the server, error) for ``mkdocs serve`` of ``project``."""
    port = _free_port()
    tmp = project / "serve-tmp"
    tmp.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}",
           "-f", str(project / "mkdocs.yml")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**ENV, "TMPDIR": str(tmp)})
    assert proc.stdout is not None
    lines = _Lines(proc.stdout)
    rebuilds: list[Rebuild] = []
    first = float("nan")
    hwm = None
    error = ""
    try:
        at, line = lines.wait_for(r"Serving on", timeout=600)
        first = at - start
        base = re.search(r"Serving on (http://\S+)", line).group(1).rstrip("/")  # type: ignore[union-attr]
        # let the polling observer (0.5 s period) snapshot; .25 off its phase = average detection delay
        time.sleep(1.75)
        candidates = sorted((project / "journeys" / "touchpoints").glob("*.yml"))
        target = candidates[len(candidates) // 2]
        original = target.read_text(encoding="utf-8")
        name = re.search(r"^name: (.+)$", original, re.M).group(1)  # type: ignore[union-attr]
        for n in range(edits):
            marker = f"{name} edited {n + 1}"
            target.write_text(original.replace(f"name: {name}", f"name: {marker}", 1), encoding="utf-8")
            t0 = time.perf_counter()
            t_detect, _ = lines.wait_for(r"Detected file changes", timeout=30)
            t_build, _ = lines.wait_for(r"Building documentation", timeout=30)
            t_done, _ = lines.wait_for(r"Reloading browsers", timeout=300)
            url = f"{base}/touchpoints/{target.stem}/"
            try:
                body = urllib.request.urlopen(url, timeout=10).read().decode("utf-8", "replace")
                seen = marker in body
            except OSError:
                seen = False
            rebuilds.append(Rebuild(t_detect - t0, t_done - t0, t_done - t_build, seen))
            time.sleep(1.25)
        target.write_text(original, encoding="utf-8")
        hwm = _vm_hwm_mb(proc.pid)
    except (TimeoutError, RuntimeError) as exc:
        error = f"{exc}; last lines:\n" + "\n".join(lines.all[-15:])
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
        shutil.rmtree(tmp, ignore_errors=True)
    return first, rebuilds, hwm, error


# --------------------------------------------------------------------------- report


def _fmt(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None or value != value else format(value, spec)


def _versions() -> str:
    out = []
    for dist in ("mkdocs", "mkdocs-material", "journeybook"):
        try:
            out.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist} ?")
    return ", ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description="journeybook vs plain MkDocs + Material")
    ap.add_argument("--sizes", default="500,2000", help="comma-separated page counts (default 500,2000)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the hand-written Markdown builds")
    ap.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild measurement")
    ap.add_argument("--workdir", default=None, help="parent folder for the temporary projects (default: system temp)")
    ap.add_argument("--keep", action="store_true", help="keep the generated projects (outputs are deleted anyway)")
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})

    root = Path(tempfile.mkdtemp(prefix="journeybook-bench-", dir=args.workdir))
    print(f"# journeybook benchmark — {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; {_versions()}", flush=True)
    print(f"# projects in {root}", flush=True)
    results: list[Build] = []
    serve_result = None
    try:
        for pages in sizes:
            p, t, j = counts(pages)
            print(f"## {pages} pages: {p} personas, {t} touchpoints, {j} journeys (x6 pages)", flush=True)
            jb = generate(root / f"jb-{pages}", pages)
            results.append(build(jb, "journeybook", pages))
            _progress(results[-1])
            if not args.no_baseline:
                md = generate_markdown(root / f"md-{pages}", pages)
                results.append(build(md, "material-md", pages))
                _progress(results[-1])
                if not args.keep:
                    shutil.rmtree(md, ignore_errors=True)
        if not args.no_serve:
            big = root / f"jb-{sizes[-1]}"
            print(f"## mkdocs serve, {sizes[-1]} pages: editing one touchpoint YAML", flush=True)
            serve_result = serve_rebuilds(big)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    report(results, sizes, serve_result)
    return 0 if all(r.ok for r in results) else 1


def _progress(b: Build) -> None:
    state = "ok" if b.ok else "FAILED"
    print(f"   {b.kind:<12} {b.wall:7.2f} s wall  {b.cpu:7.2f} s cpu  {b.rss_mb:6.0f} MB RSS  "
          f"{b.output_mb:8.1f} MB out  {state}", flush=True)
    if not b.ok:
        print("   " + b.log.replace("\n", "\n   "), flush=True)


def report(results: list[Build], sizes: list[int],
           serve_result: tuple[float, list[Rebuild], float | None, str] | None) -> None:
    by = {(r.kind, r.pages): r for r in results}
    print()
    print("| pages | build | wall s | cpu s | ms/page | peak RSS MB | output MB | files |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r.pages} | {r.kind}{'' if r.ok else ' (FAILED)'} | {r.wall:.2f} | {r.cpu:.2f} "
              f"| {1000 * r.wall / r.pages:.1f} | {r.rss_mb:.0f} | {r.output_mb:.1f} | {r.files} |")
    print()
    hi = sizes[-1]
    jb_hi, md_hi = by.get(("journeybook", hi)), by.get(("material-md", hi))
    print("| measure | value | target |")
    print("|---|---:|---:|")
    for n in sizes:
        jb, md = by.get(("journeybook", n)), by.get(("material-md", n))
        if jb and md:
            goal = f">= {TARGETS['speedup']:.0f}x" if n == hi else ""
            print(f"| speed-up vs Material at {n} pages (wall / cpu) "
                  f"| {md.wall / jb.wall:.1f}x / {md.cpu / jb.cpu:.1f}x | {goal} |")
    for a, b in itertools.pairwise(sizes):
        for kind, label, target in (("journeybook", "journeybook", f"<= {TARGETS['growth']}x"),
                                    ("material-md", "Material", "(reference)")):
            ra, rb = by.get((kind, a)), by.get((kind, b))
            if ra and rb:
                shown = target if kind == "journeybook" and b == hi else ""
                print(f"| {label} per-page cost growth {a} -> {b} (wall / cpu) "
                      f"| {(rb.wall / b) / (ra.wall / a):.2f}x / {(rb.cpu / b) / (ra.cpu / a):.2f}x | {shown} |")
    if jb_hi:
        print(f"| journeybook peak RSS at {hi} pages | {jb_hi.rss_mb:.0f} MB | <= {TARGETS['rss_mb']:.0f} MB |")
        print(f"| journeybook output at {hi} pages | {jb_hi.output_mb:.1f} MB | <= {TARGETS['output_mb']:.0f} MB |")
    if md_hi:
        print(f"| Material output at {hi} pages | {md_hi.output_mb:.1f} MB | (reference) |")
    if serve_result is not None:
        first, rebuilds, hwm, error = serve_result
        print(f"| serve: first build at {hi} pages | {_fmt(first)} s | |")
        for i, rebuild in enumerate(rebuilds, 1):
            print(f"| serve: one-file edit #{i} -> browsers reloaded | {rebuild.total:.2f} s "
                  f"| <= {TARGETS['rebuild_s']} s |")
            print(f"| serve: edit #{i}, change detected / rebuild itself "
                  f"| {rebuild.detect:.2f} s / {rebuild.build:.2f} s | |")
            print(f"| serve: edit #{i} visible on the served page | {'yes' if rebuild.seen else 'NO'} | |")
        if hwm is not None:
            print(f"| serve: peak RSS of the server after {len(rebuilds)} rebuilds | {hwm:.0f} MB | |")
        if error:
            print(f"\nserve measurement failed: {error}")


if __name__ == "__main__":
    sys.exit(main())
