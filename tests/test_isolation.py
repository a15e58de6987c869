"""The core (load, validate, resolve, render, nav, the validate/new/schema commands) runs without MkDocs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CODE = """
import contextlib, io, sys
from pathlib import Path
from journeybook import cli, render, resolve
from journeybook.read import files, yamlpos
from journeybook.render import nav
from journeybook.check import schema, validate
from journeybook.model import to_model
from journeybook.read.config import project_from_config
project = project_from_config(Path(sys.argv[1]))
result = resolve.load(project)
assert result.ok, result.problems
render.render_pages(result.playbook, render.RenderOptions())
nav.build_nav(result.playbook, render.RenderOptions())
with contextlib.redirect_stdout(io.StringIO()):
    assert cli.main(["validate", sys.argv[1]]) == 0
print(sorted(m for m in sys.modules if m == "mkdocs" or m.startswith("mkdocs.")))
"""


def test_core_does_not_import_mkdocs() -> None:
    proc = subprocess.run([sys.executable, "-c", CODE, str(REPO)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_only_the_adapter_package_imports_mkdocs() -> None:
    """Read, not run: every module outside ``journeybook/engines/mkdocs/`` is free of MkDocs imports."""
    import ast

    package = REPO / "plugins" / "journeybook"
    importers = set()
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                importers.add(path.relative_to(package).parent.as_posix())
    assert importers == {"engines/mkdocs"}


def test_adapter_modules_stay_small() -> None:
    for path in sorted((REPO / "plugins" / "journeybook" / "engines" / "mkdocs").glob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.name}: {lines} lines"
