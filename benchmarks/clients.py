"""Benchmark: an agency's 100 client guides, built with ``journeybook build --all-clients``.

Copies the repository's sample playbook (its base: not its own two clients)
into a fresh temporary folder, adds generated client overlays (``clients/client-NNN/client.yml``: a name, a
language, brand colours and a selection of the base journeys), builds the
base site and every guide in one child process and reports its wall time and
peak memory (the largest RSS of the process and its build workers, from
``getrusage(RUSAGE_CHILDREN)``), and the bytes published: in total (each file
counted once) and per guide. Prints numbers and the targets, not pass/fail.

    .venv/bin/python benchmarks/clients.py                # 100 clients, 2 jobs
    .venv/bin/python benchmarks/clients.py --clients 20   # quick
    .venv/bin/python benchmarks/clients.py --runs 5       # the median of five builds
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PARTS = ("mkdocs.yml", "content", "journeys", "theme")  # the base; the guides are all generated
JOURNEYS = ("online-purchase", "repair-request", "business-software")
TARGETS = {"wall_s": 30.0, "total_mb": 150.0, "guide_share": 0.5}


def make_project(folder: Path, clients: int, seed: int = 13) -> Path:
    folder.mkdir(parents=True)
    for part in SAMPLE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, folder / part)
        elif src.is_file():
            shutil.copy2(src, folder / part)
    rng = random.Random(seed)
    for n in range(1, clients + 1):
        chosen = sorted(rng.sample(JOURNEYS, rng.randint(1, len(JOURNEYS))))
        colour = f"#{rng.randrange(0x1000000):06x}"
        client = folder / "clients" / f"client-{n:03d}"
        client.mkdir(parents=True)
        (client / "client.yml").write_text(
            f"name: Client {n:03d}\nlanguage: {'nl' if n % 2 else 'en'}\n"
            f"colors:\n  primary: \"{colour}\"\njourneys: [{', '.join(chosen)}]\n", encoding="utf-8")
    return folder


def published_bytes(folder: Path, seen: set[tuple[int, int]]) -> int:
    """Bytes of the files under ``folder`` not counted before (hard links count once)."""
    total = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            st = os.lstat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def machine_speed() -> float:
    """Seconds of CPU for a fixed pure-Python loop: this machine's speed varies from minute to minute (by a fifth
    and more), so a wall time is read against it."""
    start = time.process_time()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.process_time() - start


def main() -> int:
    ap = argparse.ArgumentParser(description="100 client guides: time, memory, bytes")
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=1,
                    help="build it this many times, from scratch, and report the median (this machine's speed varies)")
    ap.add_argument("--keep", action="store_true", help="keep the generated project")
    args = ap.parse_args()
    if args.runs < 1 or args.clients < 1:
        ap.error("--runs and --clients take a number from 1")
    work = Path(tempfile.mkdtemp(prefix="jb-bench-clients-"))
    try:
        project = make_project(work / "agency", args.clients)
        exe = Path(sys.executable).parent / "journeybook"
        walls, cpus = [], []
        speeds = [machine_speed()]
        for _ in range(args.runs):
            shutil.rmtree(project / "site", ignore_errors=True)
            os.sync()  # the last run's writes and deletions are on disk, not still going on during this one
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run([str(exe), "build", "--all-clients", "--jobs", str(args.jobs)], cwd=project,
                                    capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            walls.append(time.perf_counter() - start)
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime)
            speeds.append(machine_speed())
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
                return 1
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        site = project / "site"
        guides = sorted(p for p in site.iterdir() if p.is_dir() and (project / "clients" / p.name).is_dir())
        seen: set[tuple[int, int]] = set()
        per_guide = [published_bytes(g, seen) for g in guides]
        base = published_bytes(site, seen)  # what is left: the base site
        total = base + sum(per_guide)
        mb = 1024 * 1024
        print(f"{len(guides)} guides + the base site, --jobs {args.jobs}, {os.cpu_count()} CPUs")
        runs = f"; median of {args.runs}: " + ", ".join(f"{w:.1f}" for w in walls) if args.runs > 1 else ""
        print(f"  wall time      {wall:6.1f} s    (target <= {TARGETS['wall_s']:.0f} s{runs})")
        print(f"  CPU time       {cpu:6.1f} s    ({cpu / (len(guides) + 1):.2f} s per site; all processes"
              f"{'; the median over the runs' if args.runs > 1 else ''})")
        print(f"  machine speed  {min(speeds):6.2f}-{max(speeds):.2f} s for a fixed loop, before and after each run"
              " (lower is faster)")
        over = ", over all runs" if args.runs > 1 else ""
        print(f"  peak memory    {peak_mb:6.0f} MB   (largest process of the build{over})")
        print(f"  total bytes    {total / mb:6.1f} MB   (target <= {TARGETS['total_mb']:.0f} MB; each file once)")
        print(f"  base site      {base / mb:6.1f} MB")
        print(f"  per guide      {sum(per_guide) / len(per_guide) / mb:6.2f} MB mean, {max(per_guide) / mb:.2f} MB max"
              f"   (target <= {TARGETS['guide_share'] * base / mb:.2f} MB: half the base site)")
        if args.keep:
            print(f"  project kept in {project}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
