"""``journeybook build`` and ``journeybook serve``: which sites a command builds or serves (the base, a
client's guide, every guide, or the one guide a config builds), with which engine, and the usage errors of
naming a client that is not there or another than the config builds."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import errors
from .errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .guides.clients import client_ids
from .options import CLIENT_ENV
from .read.config import find_config, option_problems, project_from_config, read_config
from .read.project import Project

if TYPE_CHECKING:
    from .engines.common.jobs import Outcome


def unknown_client(project: Project, client: str | None) -> int | None:
    """The usage error (said) when ``client`` is named and is not one of the project's (None: no error)."""
    clients = client_ids(project) if client else []
    if not client or client in clients:
        return None
    print(f"journeybook: error: unknown client '{client}'; clients: {', '.join(clients) or 'none'}", file=sys.stderr)
    return EXIT_USAGE


def _report(target: str | None, outcome: Outcome) -> None:
    """A target that was not built: its problems (when they stopped it) and what stays published."""
    what = f"client '{target}'" if target else "the base playbook"
    kept = "; its previous guide is kept" if target else ""
    if outcome.refused:
        print(errors.report(outcome.problems, "text"))
        what = f"{what} not built" if target else "the base playbook and its guides not built"
        print(f"journeybook: {what}: {errors.summary(outcome.problems).rstrip('.')}{kept}", file=sys.stderr)
    elif outcome.failed is not None:
        print(f"journeybook: build of {what} failed: {outcome.failed}{kept}", file=sys.stderr)


def _config_and_project(args: argparse.Namespace) -> tuple[Path, Project] | None:
    """The mkdocs.yml of ``-f`` (or here) and its project (None: said there is none)."""
    config_file = Path(args.config_file) if args.config_file else find_config(Path("."))
    if config_file is None or not config_file.is_file():
        print("journeybook: error: no mkdocs.yml here (use -f to name one)", file=sys.stderr)
        return None
    return config_file, project_from_config(config_file.parent, config_file)


def cmd_build(args: argparse.Namespace) -> int:
    from .engines.common.jobs import Job, Outcome
    from .engines.mkdocs.jobs import build_sites

    found = _config_and_project(args)
    if found is None:
        return EXIT_USAGE
    config_file, project = found
    wrong_options = option_problems(config_file, project.root)
    if wrong_options:  # as `validate` reports them, located (MkDocs would stop on them without a place)
        _report(project.client, Outcome(wrong_options, refused=True))
        return EXIT_PROBLEMS
    wrong = _asked_client(config_file, project, args.client, args.all_clients)
    if wrong is not None:
        return wrong
    clients = client_ids(project)
    targets: list[str | None] = [args.client] if args.client else [None]
    if args.all_clients:
        targets = [None, *clients]
    site_dir = Path(args.site_dir or read_config(config_file).get("site_dir") or "site")
    if not site_dir.is_absolute():
        site_dir = Path(os.path.normpath(config_file.parent / site_dir))
    if project.client is not None:  # the config builds one guide (the one asked for), into its own site_dir
        return _build_configured_guide(args, project, config_file, site_dir)
    if args.engine == "zensical":
        from .engines.zensical import require
        from .engines.zensical.build import zensical_build

        require()
        outcomes = zensical_build(project, config_file.resolve(), site_dir, targets, clients, args.strict)
        return _finish_build(targets, outcomes, site_dir)
    config = str(config_file.resolve())
    jobs = [Job(dataclasses.replace(project, client=t), config, str(site_dir / t), args.strict,
                shared_base=str(site_dir.resolve())) if t
            else Job(project, config, str(site_dir), args.strict, keep=tuple(clients)) for t in targets]
    return _finish_build(targets, build_sites(jobs, jobs=max(1, args.jobs)), site_dir)


def _asked_client(config_file: Path, project: Project, client: str | None, all_clients: bool = False,
                  ) -> int | None:
    """The usage error (said) when the client asked for is unknown, or when the config already builds one
    client's guide (a client's own mkdocs.yml, or the ``client`` option) and the command asks for another or
    for all (None: no error)."""
    unknown = unknown_client(project, client)
    if unknown is not None:
        return unknown
    configured = project.client
    if configured is None or (client in (None, configured) and not all_clients):
        return None
    asked = "--all-clients asks for every guide" if all_clients else f"--client {client} asks for another"
    print(f"journeybook: error: {config_file} builds only the guide of client '{configured}'; {asked}",
          file=sys.stderr)
    return EXIT_USAGE


def _build_configured_guide(args: argparse.Namespace, project: Project, config_file: Path, site_dir: Path) -> int:
    """The one guide a config builds, into that config's site_dir (not a sub-folder of it)."""
    from .engines.common.jobs import Job

    job = Job(project, str(config_file.resolve()), str(site_dir), args.strict)
    if args.engine == "zensical":
        from .engines.zensical import require
        from .engines.zensical.build import build_one

        require()
        outcomes = {project.client: build_one(job)}
    else:
        from .engines.mkdocs.jobs import build_sites

        outcomes = build_sites([job])
    return _finish_build([project.client], outcomes, site_dir)


def _finish_build(targets: list[str | None], outcomes: dict[str | None, Outcome], site_dir: Path) -> int:
    for target in targets:  # in the order of the targets: the base, then the clients by id
        if target in outcomes:
            _report(target, outcomes[target])
    built = [t for t in targets if t in outcomes and outcomes[t].built]
    if built:
        print(f"Built {', '.join(t or 'the playbook' for t in built)} into {site_dir}")
    return EXIT_OK if len(built) == len(targets) else EXIT_PROBLEMS


def cmd_serve(args: argparse.Namespace) -> int:
    found = _config_and_project(args)
    if found is None:
        return EXIT_USAGE
    config_file, project = found
    wrong = _asked_client(config_file, project, args.client)
    if wrong is not None:
        return wrong
    if args.client:
        project = dataclasses.replace(project, client=args.client)
    if args.engine == "mkdocs":
        address = ["-a", args.dev_addr] if args.dev_addr else []
        env = {name: value for name, value in os.environ.items() if name != CLIENT_ENV}  # not a shell's stale one
        if args.client:
            env[CLIENT_ENV] = args.client
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), *address]
        if os.name == "nt":  # Windows has no exec: a child, waited for
            import subprocess

            return subprocess.call(command, env=env)
        sys.stdout.flush()
        # `mkdocs serve` takes this process's place: a signal to stop it reaches the server itself
        os.execve(sys.executable, command, env)
    from .engines.zensical import require
    from .engines.zensical.serve import zensical_serve

    require()
    return zensical_serve(project, config_file.resolve(), args.dev_addr)
