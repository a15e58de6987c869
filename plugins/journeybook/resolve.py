"""Load, check and resolve a whole playbook (optionally a client's guide) into the model.

The orchestration only; :func:`load` is the pipeline, one call per stage: read the YAML with positions
and merge a client's overlay (:mod:`journeybook.read`, :mod:`journeybook.guides.overlay`), translate
(:mod:`journeybook.translation`), check each file, fill in a client's brand variables
(:mod:`journeybook.guides.brand`), check across files (:mod:`journeybook.check`), read the measured
KPIs (:mod:`journeybook.metrics`), build the model (:mod:`journeybook.model.to_model`). Every problem is
collected, not just the first. :func:`validate_all` runs it for the base and every guide (and each
language of a mkdocs-static-i18n site), as ``journeybook validate`` reports them.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .check.contrast import contrast_warnings
from .check.futures import check_futures, client_selection_warnings
from .check.refs import (
    DocFacts,
    check_avatars,
    check_inside,
    check_references,
    doc_facts,
    known_ids,
    unused_warnings,
)
from .check.validate import check, did_you_mean
from .editors.review import overdue_warnings
from .errors import ERROR, Problem, has_errors
from .guides.brand import brand_of, render_brand
from .guides.clients import client_ids
from .guides.overlay import merge
from .metrics.keys import kpi_keys, stale_after
from .metrics.load import Metrics, load_metrics, metrics_dir, stamp_of
from .model.ids import is_valid_id
from .model.to_model import build_model
from .read.files import (
    Documents,
    ParseCache,
    RawFile,
    hidden_yaml_warning,
    load_dir,
    parse_cache,
    read_document,
    rel,
)
from .read.project import Project, Result
from .read.yamlpos import Document
from .translation.coverage import Census, Translation, translate_guide, untranslated_warnings
from .translation.translate import Applied

Facts = Callable[[Document, str], DocFacts]  # what one file says on its own (LoadCache.facts keeps them)


def _add(files: Documents, raw: RawFile, client_overlay: bool) -> None:
    if raw.kind == "playbook":
        files.playbook = merge(files.playbook, raw.doc) if client_overlay and files.playbook else raw.doc
        return
    table = files.table(raw.kind)
    if client_overlay and raw.id in table:
        table[raw.id] = merge(table[raw.id], raw.doc)
    else:
        table[raw.id] = raw.doc


def known_client(project: Project) -> bool:
    """Whether ``project.client`` names a client: a valid id with a ``clients/<id>/client.yml``."""
    client = project.client
    return client is not None and is_valid_id(client) and (
        project.path(project.clients_dir) / client / "client.yml").is_file()


def load_client(project: Project) -> tuple[Document | None, list[Problem]]:
    client_dir = project.path(project.clients_dir) / str(project.client)
    path = client_dir / "client.yml"
    if not known_client(project):
        known = sorted(p.name for p in project.path(project.clients_dir).glob("*") if (p / "client.yml").is_file())
        shown = rel(path, project.root)
        return None, [Problem(shown, 1, 1, ERROR,
                              f"unknown client '{project.client}'" + did_you_mean(str(project.client), known)
                              + (f"; clients: {', '.join(known)}" if known else ""))]
    doc, problems = read_document(path, project.root)
    if doc is not None:
        problems += check(doc, "client")
        problems += contrast_warnings(doc) if not has_errors(problems) else []
        for key in ("logo", "favicon"):
            inside = doc.data.get(key) if isinstance(doc.data, dict) else None
            if isinstance(inside, str):
                problems += check_inside(doc, (key,), inside, client_dir, "the client folder")
    return doc, problems


@dataclass
class Read:
    """The playbook's files as read: the base, with a client's overlay merged in, and the client's ``client.yml``."""

    files: Documents
    client_doc: Document | None
    problems: list[Problem]
    paths: list[str]  # every file read, for the build's fingerprint


def read_playbook(project: Project) -> Read:
    """Read the data dir's YAML (with positions) and, for a client's guide, merge its overlay over it."""
    files = Documents()
    data_dir = project.path(project.data_dir)
    if not data_dir.is_dir():
        return Read(files, None, [Problem(project.data_dir, 1, 1, ERROR, f"data dir '{project.data_dir}' not found")],
                    [])
    raws, problems = load_dir(data_dir, project.root, files.broken)
    problems += hidden_yaml_warning(data_dir, project.root)
    for raw in raws:
        _add(files, raw, client_overlay=False)
    read = [raw.doc.path for raw in raws]
    client_doc = None
    if project.client:
        client_doc, found = load_client(project)
        problems += found
        overlay_dir = project.path(project.clients_dir) / project.client / "journeys"
        if client_doc is not None and overlay_dir.is_dir():
            raws, found = load_dir(overlay_dir, project.root, files.broken)
            problems += found
            for raw in raws:
                _add(files, raw, client_overlay=True)
            read += [raw.doc.path for raw in raws]
        if client_doc is not None:
            read.append(client_doc.path)
    return Read(files, client_doc, problems, read)


def language_of(project: Project, client_doc: Document | None) -> str:
    if (client_doc is not None and isinstance(client_doc.data, dict)
            and isinstance(client_doc.data.get("language"), str)):
        return str(client_doc.data["language"])
    return project.language


class LoadCache:
    """What ``serve`` (and one process building many guides) keeps across loads: parsed files, what each
    says on its own, and the base files' translations and untranslated texts by language.

    It trims itself after each load (:meth:`trim`), so it holds what the last load used and a bounded
    number of translations for guides in other languages.
    """

    def __init__(self) -> None:
        self.parsed = ParseCache()
        self.checked: dict[int, tuple[Document, DocFacts]] = {}
        self.translated: Applied = {}  # base files translated, for the next guide in the same language
        self.counted: Census = {}  # the texts of base files in another language, for the same
        self.measured: tuple[object, Metrics] | None = None  # the metrics files read last, by what they depend on

    def facts(self, doc: Document, kind: str) -> DocFacts:
        hit = self.checked.get(id(doc))
        if hit is None or hit[0] is not doc:
            hit = (doc, doc_facts(doc, kind))
            self.checked[id(doc)] = hit
        return hit[1]

    def trim(self, files: Documents, read: Iterable[str]) -> None:
        """Forget documents a load no longer has (ids may be reused); keep translations within bounds.

        Kept: the documents of ``files``, those the kept translations came from, and the files this load
        ``read`` (a translated guide's base files, for the next guide).
        """
        live = {id(doc) for _, doc in files.all()}
        room = 4 * len(live) + 100  # translations for guides in other languages stay, within bounds
        if len(self.translated) > room:
            self.translated = dict(list(self.translated.items())[-room:])
        now = set(read)
        read_now = {id(doc) for _, doc, _ in self.parsed.files.values() if doc is not None and doc.path in now}
        kept = live | {id(entry[2]) for entry in self.translated.values()} | read_now  # (the memo keeps those)
        self.checked = {k: v for k, v in self.checked.items() if k in kept}
        self.counted = {k: v for k, v in self.counted.items() if id(v[0]) in kept}


def translate(project: Project, read: Read, language: str, cache: LoadCache | None) -> Translation:
    """Apply the translation files into the guide's ``language`` (nothing to do when it is the base's)."""
    if cache is None:
        return translate_guide(project, read.files, read.client_doc, language)
    return translate_guide(project, read.files, read.client_doc, language, cache.translated, cache.counted)


def check_each(read: Read, facts: Facts) -> list[Problem]:
    """Each file against the schema of its kind."""
    return [problem for kind, doc in read.files.all() for problem in facts(doc, kind).schema]


def fill_brand(project: Project, read: Read) -> list[Problem]:
    """Put a client's brand variables (``{{ brand.<key> }}``) into the texts of ``read.files``."""
    brand = brand_of(project, read.files, read.client_doc)
    problems: list[Problem] = []
    for kind, doc in list(read.files.all()):
        filled, found = render_brand(doc, kind, brand)
        problems += found
        if filled is not doc:
            read.files.put(kind, doc, filled)
    return problems


def check_across(project: Project, read: Read, language: str, facts: Facts) -> list[Problem]:
    """The checks across files: references, avatars, items nothing uses, reviews overdue."""
    files = read.files
    problems = check_references(files, known_ids(files, language), read.client_doc, facts,
                                rel(project.path(project.data_dir) / "playbook.yml", project.root))
    problems += check_avatars(files, project)
    problems += check_futures(files)
    problems += client_selection_warnings(files, read.client_doc)
    if project.client is None:  # a client's selection of journeys leaves base items unused on purpose
        problems += unused_warnings(files, facts)
    problems += overdue_warnings(files, project.today or datetime.date.today())
    return problems


def load(project: Project, cache: LoadCache | None = None) -> Result:
    """Read, check and resolve the playbook of ``project``. Never raises for bad input.

    A ``cache`` (kept by ``serve``) skips parsing and checking files that did not change.
    """
    with parse_cache(cache.parsed if cache is not None else None):  # translations too
        read = read_playbook(project)
        language = language_of(project, read.client_doc)
        translation = translate(project, read, language, cache)
    facts = (cache if cache is not None else LoadCache()).facts  # each document is checked once
    problems = read.problems + translation.problems + check_each(read, facts)
    paths = read.paths + translation.read
    if cache is not None:
        cache.trim(read.files, paths)
    problems += fill_brand(project, read)
    problems += check_across(project, read, language, facts)
    measured = _metrics(project, read.files, read.client_doc, cache)
    problems += measured.problems
    paths += measured.files
    if has_errors(problems):
        return Result(None, sorted(set(problems)), sorted(paths))
    playbook = build_model(read.files, project, read.client_doc, language)
    playbook.metrics = measured.series
    return Result(playbook, sorted(set(problems)), sorted(paths), translation.texts(playbook))


def _metrics(project: Project, files: Documents, client_doc: Document | None, cache: LoadCache | None) -> Metrics:
    """The measurements of this build, read again only when a CSV file, the KPIs or the date changed."""
    if project.client and client_doc is None:
        return Metrics()
    folder = metrics_dir(project)
    today = project.today or datetime.date.today()
    key = (stamp_of(folder), frozenset(kpi_keys(files)), today, stale_after(files), str(project.root), str(folder))
    if cache is not None and cache.measured is not None and cache.measured[0] == key:
        return cache.measured[1]
    measured = load_metrics([folder], set(key[1]), project.root, project.path(project.data_dir), today, key[3])
    if cache is not None:
        cache.measured = (key, measured)
    return measured


def validate_all(project: Project, client: str | None = None, languages: tuple[str, ...] = ()) -> list[Problem]:
    """Problems of the base playbook and of every client guide (or of one client).

    A base file's problem is reported once, as the base check words it; a problem
    that only a client's guide has in a base file says which client. The further
    ``languages`` of a mkdocs-static-i18n site are checked as guides of their own.
    """
    def problems(target: str | None, language: str | None = None) -> list[Problem]:
        base = project.base_language or project.language
        built = dataclasses.replace(project, client=target, language=language or project.language,
                                    base_language=base if language else project.base_language)
        result = load(built)
        return result.problems + untranslated_warnings(result.texts)

    if client:
        return sorted(set(problems(client)))
    found = set(problems(None))
    located = {(p.path, p.line, p.col) for p in found}
    for target in client_ids(project):
        own = rel(project.path(project.clients_dir) / target, project.root) + "/"
        for problem in problems(target):
            if problem in found or (problem.path, problem.line, problem.col) in located:
                continue
            if not problem.path.startswith(own):
                problem = dataclasses.replace(problem, message=f"{problem.message} (in the guide of client '{target}')")
            found.add(problem)
    for language in languages:
        for problem in problems(None, language):
            if problem not in found and (problem.path, problem.line, problem.col) not in located:
                found.add(dataclasses.replace(problem, message=f"{problem.message} (in the '{language}' build)"))
    return sorted(found)
