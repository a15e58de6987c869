"""Many sites from one project: the base and its client guides, each checked, built and published on its own.

A guide whose data has errors, or whose build fails, is reported and keeps its
previous version; the others are published. Guides build ``jobs`` at a time in
worker processes; each checks its data and builds from the one load.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ...errors import has_errors
from ...session import Session
from ..common.jobs import Job, Outcome, failure
from ..common.publish import publish, restore
from .build import mkdocs_build, process_batch, start_batch


def run_job(job: Job) -> Outcome:
    """Check, build and publish one site; a site that is not built keeps its old version.

    The check loads the playbook into this process's batch, and the build takes
    that load from it (the data is read once).
    """
    restore(Path(job.site_dir))
    batch = process_batch()
    problems = Session(job.project, batch=batch).load()[0].problems
    if has_errors(problems) or (job.strict and problems):
        return Outcome(problems, refused=True)
    try:
        publish(Path(job.site_dir),
                lambda tmp: mkdocs_build(Path(job.config_file), tmp, job.client, job.strict,
                                         Path(job.shared_base) if job.shared_base else None, batch),
                job.keep)
    except (Exception, SystemExit) as exc:
        return Outcome(problems, failed=failure(exc))
    return Outcome(problems)


def build_sites(jobs_to_run: list[Job], jobs: int = 1) -> dict[str | None, Outcome]:
    """Run every job, the base first, then the guides ``jobs`` at a time; the outcomes by client.

    A base whose data has errors stops the guides too (each is built on it).
    """
    start_batch()  # the workers fork after the base is built: they start with its files read and checked
    outcomes: dict[str | None, Outcome] = {}
    for job in jobs_to_run:
        if job.client is None:
            outcomes[None] = run_job(job)
            if outcomes[None].refused:
                return outcomes
    guides = [job for job in jobs_to_run if job.client is not None]
    if jobs > 1 and len(guides) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            done = list(pool.map(run_job, guides))
    else:
        done = [run_job(job) for job in guides]
    outcomes.update({job.client: outcome for job, outcome in zip(guides, done, strict=True)})
    return outcomes
