"""Shared fixtures: real MkDocs builds of real projects in temporary folders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PARTS = ("mkdocs.yml", "content", "journeys", "clients", "theme")


def copy_sample(dest: Path) -> Path:
    """The repository's sample playbook, copied as a user's project would look."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest


def run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a console command of this venv (mkdocs, journeybook) in ``cwd``."""
    exe = Path(sys.executable).parent / args[0]
    return subprocess.run([str(exe), *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(["mkdocs", "build", "-q", *extra], project)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample playbook built once with `mkdocs build`; returns the site dir."""
    project = copy_sample(tmp_path_factory.mktemp("sample"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"
