"""The package's modules import one way: down the pipeline, never back up (ARCHITECTURE.md draws it).

A module of ``journeybook`` may import
- the vocabulary every stage shares (:data:`VOCABULARY`), which itself imports nothing of journeybook but
  the vocabulary listed before it;
- any module of a stage listed before its own in :data:`STAGES` (a stage is a subpackage, or one of the
  top-level modules that tie them together);
- a module of its own subpackage listed before it in :data:`INSIDE` (where the order matters).
An engine imports no other engine. The stages' order is that of their imports, which is not quite the
pipeline's: translating needs the schema (which texts translate) and what a guide uses, so ``translation``
sits above ``check`` and ``guides``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers import REPO_DIR

PACKAGE = REPO_DIR / "plugins" / "journeybook"

# imported from everywhere; lowest first, each imports nothing of journeybook but the ones before it
VOCABULARY = ["__init__", "errors", "model.ids", "options", "model", "translation.i18n"]

# lowest first; a module imports only from stages before its own (and the vocabulary)
STAGES = [
    "read", "check", "guides", "translation", "model", "metrics", "editors", "render", "resolve", "session", "engines",
    "cli_sites", "cli",
]

# inside a stage, lowest first: a module imports only the modules before it
INSIDE = {
    "read": ["read.textpos", "read.yaml_hints", "read.yamlpos", "read.files", "read.project", "read.config"],
    "check": [
        "check.schema", "check.schema_variants", "check.contrast", "check.validate", "check.refs", "check.futures",
    ],
    "guides": ["guides.overlay", "guides.used", "guides.clients", "guides.brand"],
    "translation": ["translation.translate", "translation.coverage", "translation.po"],
    "model": ["model.shapes", "model.to_model"],
    "metrics": ["metrics.csvfile", "metrics.keys", "metrics.status", "metrics.load"],
    "editors": ["editors.review", "editors.reference", "editors.scaffold"],
    "render": [
        "render.minify", "render.titles", "render.urls", "render.spec", "render.svg", "render.sparkline",
        "render.avatar", "render.search", "render.markdown", "render.env", "render.site", "render.changes",
        "render.matrix", "render.kpi_spark", "render.kpis", "render.plans",
        "render.renderer", "render.cache", "render.parallel", "render", "render.nav",
    ],
    "engines.common": [
        "engines.common.assets", "engines.common.links", "engines.common.publish", "engines.common.jobs",
        "engines.common.theme", "engines.common.pages", "engines.common",
    ],
    "engines.zensical": [
        "engines.zensical.toc", "engines.zensical.config", "engines.zensical.stage", "engines.zensical.build",
        "engines.zensical.serve", "engines.zensical",
    ],
    "engines.mkdocs": [
        "engines.mkdocs.alternates", "engines.mkdocs.log",
        "engines.mkdocs.pages", "engines.mkdocs.state", "engines.mkdocs.theme", "engines.mkdocs.files",
        "engines.mkdocs.nav", "engines.mkdocs.shared", "engines.mkdocs.build", "engines.mkdocs.jobs",
        "engines.mkdocs",
    ],
}


def module_name(path: Path) -> str:
    """``read/files.py`` -> ``read.files``; a package's ``__init__.py`` is named by its package."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def own_imports(module: str) -> set[str]:
    """The journeybook modules ``module`` imports, at the top or inside a function."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" and module != "__init__" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1] + (node.module.split(".") if node.module else [])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "journeybook":
            base = node.module.split(".")[1:]
        elif isinstance(node, ast.Import):
            found |= {a.name.partition(".")[2] for a in node.names if a.name.startswith("journeybook.")}
            continue
        else:
            continue
        for alias in node.names:  # `from . import model` imports a module; `from .files import rel` a name
            name = ".".join([*base, alias.name])
            found.add(name if name in MODULES else ".".join(base) or "__init__")
    return found


def stage(module: str) -> str:
    return module if module in STAGES else module.split(".")[0]


def wrong_imports(module: str) -> list[str]:
    """The imports of ``module`` that run back up (or across engines), each with the reason."""
    wrong = []
    mine = stage(module)
    order = next((o for p, o in INSIDE.items() if module in o), None)
    for target in sorted(own_imports(module)):
        theirs = stage(target)
        if module in VOCABULARY:
            if target not in VOCABULARY[: VOCABULARY.index(module)]:
                wrong.append(f"{target} (the vocabulary imports only the vocabulary before it)")
        elif target in VOCABULARY:
            continue
        elif theirs != mine:
            if theirs not in STAGES or STAGES.index(theirs) >= STAGES.index(mine):
                wrong.append(f"{target} (stage {theirs} is not below {mine})")
        elif mine == "engines" and target.split(".")[:2] != module.split(".")[:2]:
            if target.split(".")[:2] != ["engines", "common"]:  # what every engine shares sits below them all
                wrong.append(f"{target} (another engine)")
        elif order is not None and (target not in order or order.index(target) >= order.index(module)):
            wrong.append(f"{target} (not before {module} inside {mine})")
    return wrong


def test_every_module_is_placed() -> None:
    unplaced = []
    for module, path in MODULES.items():
        if module in VOCABULARY:
            continue
        if stage(module) not in STAGES:
            unplaced.append(f"{module}: its stage is not in STAGES")
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        if package in INSIDE and module not in INSIDE[package] and own_imports(module):
            unplaced.append(f"{module}: not in INSIDE[{package!r}]")
    assert unplaced == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module: str) -> None:
    assert wrong_imports(module) == []


def test_the_reader_sees_every_form_of_import() -> None:
    """``from ...x import``, ``from . import x``, and imports inside a function (so no test above passes empty)."""
    assert own_imports("engines.mkdocs.files") == {
        "engines.common.assets", "engines.common.links", "engines.common.theme", "engines.mkdocs.log",
        "engines.mkdocs.state", "options", "read.project", "render.minify",
    }
    assert own_imports("read.project") == {"errors", "model"}
    assert "engines.mkdocs.jobs" in own_imports("cli_sites")  # imported inside a function


def test_only_the_command_line_imports_an_engine() -> None:
    """Nothing but the command line's build and serve (and the engine itself) imports an engine."""
    importers = sorted({m for m in MODULES for t in own_imports(m)
                        if t.startswith("engines.") and stage(m) != "engines"})
    assert importers == ["cli_sites"]


# State that outlives a call, outside session.py: each named with its reason (session.py owns the rest)
KNOWN_STATE = {
    "check.validate": {"validator_for"},  # a compiled validator per file kind, from the schemas in the package
    "engines.mkdocs.build": {"_BATCH"},  # the session.Batch of this process's builds, for the workers it forks
    "options": {"_kinds"},  # the type of each declared option, read once from the declaration
    "read.files": {"_ACTIVE_CACHE"},  # the parse cache of the load under way (a LoadCache's, set by resolve.load)
    "render": {"_iso_day"},  # a pure function's memo: a measurement's day as ISO text, for playbook.json
    "render.markdown": {"md_block", "md_inline"},  # memos of pure functions of their text
    "render.parallel": {"_FORKED"},  # what forked render workers inherit
    "translation.i18n": {"_load", "_section"},  # the locale files shipped in the package, read once
}
MEMO = {"cache", "lru_cache"}
CONTAINERS = {"ContextVar", "dict", "list", "set", "defaultdict"}


def kept_state(module: str) -> set[str]:
    """Names in ``module`` that keep state across calls: globals assigned in functions, context variables,
    memoised functions, and mutable containers made empty at module level (to be filled later)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found |= set(node.names)
        elif isinstance(node, ast.FunctionDef) and any(callee(d) in MEMO for d in node.decorator_list):
            found.add(node.name)
    for node in tree.body:
        target, value = ((node.targets[0], node.value) if isinstance(node, ast.Assign)
                         else (node.target, node.value) if isinstance(node, ast.AnnAssign) else (None, None))
        if not isinstance(target, ast.Name) or value is None:
            continue
        empty = (isinstance(value, ast.Dict) and not value.keys
                 or isinstance(value, ast.List | ast.Set) and not value.elts)
        if empty or isinstance(value, ast.Call) and callee(value) in CONTAINERS:
            found.add(target.id)
    return found


def callee(node: ast.expr) -> str:
    """``cache`` for ``@cache``, ``@functools.cache`` and ``@lru_cache(maxsize=8)``; the same for a call."""
    node = node.func if isinstance(node, ast.Call) else node
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def test_state_is_kept_only_where_named() -> None:
    found = {module: names for module in MODULES if module != "session" and (names := kept_state(module))}
    assert found == KNOWN_STATE


ARCHITECTURE = REPO_DIR / "ARCHITECTURE.md"
PLANNED: tuple[str, ...] = ()  # named as planned until they land


def test_every_path_architecture_names_exists() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = sorted({m for m in re.findall(r"`([^`\s]+)`", text) if "/" in m or m.endswith((".py", ".md"))})
    assert len(named) > 20  # the code map names its folders
    pattern = {name: re.sub(r"<[^>]+>", "*", name).rstrip("/") for name in named}  # clients/<id>/: any client
    missing = [name for name in named if not name.startswith(PLANNED)
               and not any(next(base.glob(pattern[name]), None) for base in (PACKAGE, REPO_DIR))]
    assert missing == []
