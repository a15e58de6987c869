"""The ``journeybook`` command: validate, build, serve, clients, new, schema, reference, translations (build
and serve in :mod:`journeybook.cli_sites`).

Exit status: 0 clean, 1 problems found or the build failed, 2 wrong usage.
No traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__, errors
from .check.schema_variants import modeline, write_schemas
from .cli_sites import cmd_build, cmd_serve, unknown_client
from .editors.reference import write_reference
from .editors.scaffold import SCHEMAS_DIR, ensure_config, ensure_home_page, ensure_schemas, starter, write_new
from .errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .guides.clients import client_infos
from .model.ids import RESERVED_IDS, is_valid_id, suggest_id
from .read.config import find_config, i18n_languages, option_problems, project_from_config, read_config
from .read.files import rel
from .read.project import Project
from .resolve import load, validate_all


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors: keep that, shorter
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="journeybook", description="Customer-journey playbooks from YAML.")
    parser.add_argument("--version", action="version", version=f"journeybook {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    v = sub.add_parser("validate", help="check the data and every reference; print every problem")
    v.add_argument("dir", nargs="?", default=".", help="project root (where mkdocs.yml is); default: .")
    v.add_argument("--format", choices=("text", "github"), default="text")
    v.add_argument("--client", help="check only this client's guide (default: the base and every client)")
    v.add_argument("--strict", action="store_true", help="warnings count as problems (exit 1)")
    v.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="check reviews and stale measurements as of this date (default: today)")

    b = sub.add_parser("build", help="build the site(s), replacing the old one only on success")
    b.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="default: mkdocs")
    group = b.add_mutually_exclusive_group()
    group.add_argument("--client", help="build this client's guide into <site-dir>/<client>/")
    group.add_argument("--all-clients", action="store_true", help="build the base site and every client guide")
    b.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)), help="parallel client builds")
    b.add_argument("--site-dir", default=None, help="output directory (default: site_dir of mkdocs.yml, else site)")
    b.add_argument("--strict", action="store_true", help="warnings count as problems: that site is not built")
    b.add_argument("-f", "--config-file", default=None, help="mkdocs.yml to use (default: ./mkdocs.yml)")

    sv = sub.add_parser("serve", help="a live preview that rebuilds when a YAML or template file is saved")
    sv.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="default: mkdocs")
    sv.add_argument("--client", help="preview this client's guide instead of the base playbook")
    sv.add_argument("-a", "--dev-addr", default=None, metavar="IP:PORT", help="default: localhost:8000")
    sv.add_argument("-f", "--config-file", default=None, help="mkdocs.yml to use (default: ./mkdocs.yml)")

    c = sub.add_parser("clients", help="list the client ids (with name and language), e.g. for a CI job matrix")
    c.add_argument("dir", nargs="?", default=".", help="project root (where mkdocs.yml is); default: .")
    c.add_argument("--json", action="store_true", help="a JSON list of {id, name, language}")

    n = sub.add_parser("new", help="write a commented starter file (and mkdocs.yml and a home page when missing); "
                                   "never overwrites")
    n.add_argument("kind", choices=("persona", "journey", "touchpoint"))
    n.add_argument("id", help="the new id (the file name): lower-case letters, digits, hyphens")
    n.add_argument("--dir", default=".", help="project root; default: .")

    t = sub.add_parser("translations", help="how much of a guide in LANG is translated, per file; "
                                             "exchange the untranslated texts as gettext PO")
    t.add_argument("lang", help="the guide's language: nl, en, de, ...")
    t.add_argument("--client", help="the guide of this client (its language must be LANG)")
    t.add_argument("--dir", default=".", help="project root (where mkdocs.yml is); default: .")
    exchange = t.add_mutually_exclusive_group()
    exchange.add_argument("--export", metavar="FILE.po", help="write the untranslated texts to a PO file")
    exchange.add_argument("--import", dest="import_po", metavar="FILE.po",
                          help="write the translated entries of a PO file into <name>.LANG.yml files")

    s = sub.add_parser("schema", help="write JSON Schemas for every file kind")
    s.add_argument("--out", default="schemas", help="output directory; default: schemas")

    r = sub.add_parser("reference", help="write the YAML reference (every key of every file) as a Markdown page")
    r.add_argument("dir", nargs="?", default=".", help="project whose files give the examples; default: .")
    r.add_argument("--out", default="reference.md", help="the page to write; default: reference.md")
    return parser


# --------------------------------------------------------------------------- validate


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if not root.is_dir():
        print(f"journeybook: error: no such directory: {args.dir}", file=sys.stderr)
        return EXIT_USAGE
    project = dataclasses.replace(project_from_config(root), today=args.today)
    unknown = unknown_client(project, args.client)
    if unknown is not None:
        return unknown
    config_file = find_config(root)
    option_found = option_problems(config_file, project.root) if config_file else []
    languages = () if args.client else tuple(i18n_languages(read_config(config_file))[1]) if config_file else ()
    problems = sorted(option_found + validate_all(project, args.client, languages))
    print(errors.report(problems, args.format))
    failing = [p for p in problems if p.is_error or args.strict]
    return EXIT_PROBLEMS if failing else EXIT_OK


def cmd_clients(args: argparse.Namespace) -> int:
    config_file = find_config(Path(args.dir)) if Path(args.dir).is_dir() else None
    if config_file is None:
        print(f"journeybook: error: no mkdocs.yml in {args.dir}", file=sys.stderr)
        return EXIT_USAGE
    infos = client_infos(project_from_config(config_file.parent, config_file))
    if args.json:
        print(json.dumps([dataclasses.asdict(info) for info in infos], ensure_ascii=False))
    else:
        for info in infos:
            print(f"{info.id}\t{info.name or ''}\t{info.language}")
    return EXIT_OK


# --------------------------------------------------------------------------- new

def _journey_values(project: Project) -> dict[str, str] | None:
    """A new journey names a persona and phases that exist: the loaded playbook's (None: said why not)."""
    need_persona = "journeybook: error: a journey needs a persona; run `journeybook new persona ID` first"
    if not any(project.path(project.data_dir).glob("personas/*.y*ml")):
        print(need_persona, file=sys.stderr)
        return None
    result = load(project)
    if result.playbook is None:
        count = sum(1 for p in result.problems if p.is_error)
        print(f"journeybook: error: the playbook has {count} error{'s' if count != 1 else ''}; fix them first "
              "(`journeybook validate` lists them)", file=sys.stderr)
        return None
    if not result.playbook.personas:
        print(need_persona, file=sys.stderr)
        return None
    phases = [phase.id for phase in result.playbook.phases]
    return {"persona": next(iter(result.playbook.personas)), "phases": ", ".join(phases), "first_phase": phases[0],
            "touchpoints": ", ".join(result.playbook.touchpoints)}


def cmd_new(args: argparse.Namespace) -> int:
    if not is_valid_id(args.id):
        print(f"journeybook: error: '{args.id}' is not a valid id; try '{suggest_id(args.id)}'", file=sys.stderr)
        return EXIT_USAGE
    if args.id in RESERVED_IDS or (args.kind == "journey" and args.id == "playbook"):
        why = "it names playbook.yml" if args.id == "playbook" else "it names the section's index page"
        print(f"journeybook: error: the id '{args.id}' is reserved ({why}); choose another id", file=sys.stderr)
        return EXIT_USAGE
    root = Path(args.dir)
    project = project_from_config(root, guides=False)  # in a client's folder: a file of that client's own
    data_dir = project.path(project.data_dir)
    folder = {"persona": data_dir / "personas", "touchpoint": data_dir / "touchpoints", "journey": data_dir}[args.kind]
    target = folder / f"{args.id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        print(f"journeybook: error: {target.relative_to(project.root)} already exists; not overwritten",
              file=sys.stderr)
        return EXIT_PROBLEMS
    values = {"title": args.id.replace("-", " ").capitalize(), "category": "seo"}
    if args.kind == "journey":
        found = _journey_values(project)
        if found is None:
            return EXIT_PROBLEMS
        values.update(found)
    written = [ensure_config(root)]  # a new project: the first `new` writes what a site needs around the data
    written.append(ensure_home_page(project_from_config(root, guides=False)))
    for path in written:
        if path is not None:
            print(f"Wrote {rel(path.resolve(), project.root.resolve())}")
    _write_schemas(project.root)
    text = modeline(target, project.root / SCHEMAS_DIR, args.kind) + "\n" + starter(args.kind, **values)
    if write_new(target, text):
        print(f"Wrote {rel(target.resolve(), project.root.resolve())}")
    return EXIT_OK


def _write_schemas(root: Path) -> None:
    """The schemas the new file's modeline names, where missing or out of date (said in one line)."""
    try:
        count = len(ensure_schemas(root))
    except OSError as exc:
        print(f"journeybook: warning: the JSON Schemas for editor completion were not written into "
              f"{SCHEMAS_DIR}/: {exc.strerror or exc}", file=sys.stderr)
        return
    if count:
        print(f"Wrote {count} JSON Schema{'s' if count != 1 else ''} into {SCHEMAS_DIR}/ (for editor completion)")


def cmd_translations(args: argparse.Namespace) -> int:
    from .translation.coverage import coverage_lines
    from .translation.po import export_po, import_po

    root = Path(args.dir)
    project = project_from_config(root)
    unknown = unknown_client(project, args.client)
    if unknown is not None:
        return unknown
    if args.client:
        project = dataclasses.replace(project, client=args.client)
    else:
        base = project.base_language or project.language
        project = dataclasses.replace(project, language=args.lang, base_language=base)
    result = load(project)
    if result.playbook is None:
        print(errors.report([p for p in result.problems if p.is_error], "text"))
        return EXIT_PROBLEMS
    if result.playbook.language != args.lang:
        print(f"journeybook: error: the guide of client '{project.client}' is in '{result.playbook.language}', "
              f"not '{args.lang}'", file=sys.stderr)
        return EXIT_USAGE
    if args.export:
        count = export_po(result.texts, args.lang, Path(args.export))
        print(f"Wrote {count} untranslated text{'s' if count != 1 else ''} to {args.export}")
        return EXIT_OK
    if args.import_po:
        written, problems = import_po(Path(args.import_po), result.texts, args.lang, project.root)
        for problem in problems:
            print(problem)
        for path in written:
            print(f"Wrote {path}")
        after = load(project)
        print(errors.report([p for p in after.problems if p.is_error], "text"))
        return EXIT_PROBLEMS if errors.has_errors(after.problems + problems) else EXIT_OK
    for line in coverage_lines(result.texts):
        print(line)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out)):
        print(f"Wrote {path}")
    return EXIT_OK


def cmd_reference(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if not root.is_dir():
        print(f"journeybook: error: no such directory: {args.dir}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {write_reference(project_from_config(root), Path(args.out))}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"validate": cmd_validate, "build": cmd_build, "serve": cmd_serve, "clients": cmd_clients, "new": cmd_new,
               "schema": cmd_schema, "reference": cmd_reference, "translations": cmd_translations}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("journeybook: interrupted", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
