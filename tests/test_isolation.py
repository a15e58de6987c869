"""The core (load, validate, resolve, render, nav, the validate/new/schema commands) runs without MkDocs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CODE = """
import contextlib, io, sys
from pathlib import Path
from journeybook import cli, files, nav, render, resolve, schema, to_model, validate, yamlpos
from journeybook.config import project_from_config
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
