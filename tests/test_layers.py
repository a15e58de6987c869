"""The core's modules import one way: each only from the ones below it.

From reading YAML up to the whole playbook: ids and positions, the YAML
composer, safe file reading, validation, cross-file checks, brand variables,
the mapping into the model, and the orchestration in ``resolve``. Rendering,
the nav, the CLI and the MkDocs adapter sit above all of them.
"""

from __future__ import annotations

import ast

import pytest

from helpers import REPO_DIR

PACKAGE = REPO_DIR / "plugins" / "journeybook"

# lowest first; a module may import only modules listed before it
LAYERS = [
    "errors", "minify", "ids", "titles", "options", "textpos", "model", "schema", "schema_variants", "i18n",
    "yaml_hints", "yamlpos", "overlay", "project", "shapes", "used", "contrast", "files", "clients",
    "validate", "refs", "review", "brand", "to_model", "translate", "coverage", "po", "metrics", "resolve", "config",
    "reference", "scaffold",
]


def own_imports(module: str) -> set[str]:
    """The journeybook modules ``module`` imports (first component below the package); a subpackage (``metrics``)
    counts as one module: what its modules import from outside it."""
    if (PACKAGE / module).is_dir():
        return {name for path in sorted((PACKAGE / module).glob("*.py"))
                for name in _imports(ast.parse(path.read_text(encoding="utf-8")), 2)}
    return _imports(ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8")), 1)


def _imports(tree: ast.Module, level: int) -> set[str]:
    """What ``tree`` imports from the package, for a module ``level`` folders below it."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == level:
            found |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("journeybook"):
            found.add(node.module.split(".")[1] if "." in node.module else "__init__")
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("journeybook.")}
    return found


def test_every_core_module_is_layered() -> None:
    above = {"__init__", "plugin", "cli", "publish", "nav", "session"}  # these may import render/
    modules = {p.stem for p in PACKAGE.glob("*.py")} | {"metrics"}
    assert modules - set(LAYERS) - above == set(), "place new core modules in LAYERS"


@pytest.mark.parametrize("module", LAYERS)
def test_imports_run_one_way(module: str) -> None:
    below = set(LAYERS[: LAYERS.index(module)])
    wrong = own_imports(module) - below
    assert not wrong, f"{module} imports {sorted(wrong)}, which sit at or above it in the layers"
