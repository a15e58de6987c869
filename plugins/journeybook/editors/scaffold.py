"""What ``journeybook new`` writes: the commented starter files, and a minimal project around them.

The starters are files in ``starters/``: ``<kind>.yml`` (with ``{placeholders}``
for :meth:`str.format`), ``mkdocs.yml`` and the home page ``index.md``. Nothing
is ever overwritten.
"""

from __future__ import annotations

from pathlib import Path

from ..check.schema_variants import write_schemas
from ..read.config import find_config
from ..read.project import Project

STARTERS_DIR = Path(__file__).parent.parent / "starters"
HOME_PAGES = ("index.md", "README.md")  # what MkDocs serves as a folder's page
SCHEMAS_DIR = "schemas"  # in the project root, as `journeybook schema` writes them by default


def starter(name: str, **values: str) -> str:
    """The starter file ``name`` (``persona``, ``journey``, ...; or ``mkdocs.yml``) with its placeholders filled."""
    path = STARTERS_DIR / (name if "." in name else f"{name}.yml")
    text = path.read_text(encoding="utf-8")
    return text.format(**values) if values else text


def write_new(path: Path, text: str) -> bool:
    """Write ``text`` to a new file ``path``; False (nothing written) when it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def ensure_config(root: Path) -> Path | None:
    """Write the starter ``mkdocs.yml`` into ``root`` unless it has one; the path written, or None."""
    if find_config(root) is not None:
        return None
    target = root / "mkdocs.yml"
    return target if write_new(target, starter("mkdocs.yml")) else None


def has_home_page(project: Project) -> bool:
    docs = project.path(project.docs_dir)
    return any((docs / name).is_file() for name in HOME_PAGES)


def ensure_home_page(project: Project) -> Path | None:
    """Write a starter home page into the docs dir unless it has one; the path written, or None."""
    if has_home_page(project):
        return None
    target = project.path(project.docs_dir) / "index.md"
    return target if write_new(target, starter("index.md", docs_dir=project.docs_dir)) else None


def ensure_schemas(root: Path) -> list[Path]:
    """Write the JSON Schemas into ``root/schemas/`` where missing or out of date; the paths written.

    They are generated (``journeybook schema`` writes the same files), so an
    older version's schema is replaced: a stale one would flag keys this
    version reads. Files of other names in the folder are left alone.
    """
    return write_schemas(root / SCHEMAS_DIR, changed_only=True)
