"""Agency builds: every guide is built on its own, a broken client does not stop the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import copy_sample, run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with the base site and both guides built once; each test works on a copy."""
    project = copy_sample(tmp_path_factory.mktemp("agency"))
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "p", symlinks=True))


def _mark(site: Path, name: str) -> Path:
    """A file no build writes: it survives only when the folder it is in is kept."""
    marker = site / name / "kept-marker.txt"
    marker.write_text("from the previous build\n", encoding="utf-8")
    return marker


def test_clients_json_lists_ids_names_and_languages(built: Path) -> None:
    result = run(["journeybook", "clients", "--json"], built)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"id": "acme-outdoor", "name": "Acme Outdoor", "language": "en"},
        {"id": "fietsbaas", "name": "Fietsbaas", "language": "nl"},
    ]
    plain = run(["journeybook", "clients"], built)
    assert plain.stdout.splitlines() == ["acme-outdoor\tAcme Outdoor\ten", "fietsbaas\tFietsbaas\tnl"]


def test_one_broken_client_among_good_ones(project: Path) -> None:
    site = project / "site"
    broken, good, base = _mark(site, "acme-outdoor"), _mark(site, "fietsbaas"), site / "kept-marker.txt"
    base.write_text("old base\n", encoding="utf-8")
    (project / "clients" / "acme-outdoor" / "client.yml").write_text("name: [Acme\n", encoding="utf-8")
    result = run(["journeybook", "build", "--all-clients", "--jobs", "2"], project)
    assert result.returncode == 1
    assert "clients/acme-outdoor/client.yml:2:1: error:" in result.stdout
    assert "journeybook: client 'acme-outdoor' not built: 1 error; its previous guide is kept" in result.stderr
    assert broken.is_file()  # the broken client's previous guide stays, untouched
    assert (site / "acme-outdoor" / "journeys" / "online-purchase" / "index.html").is_file()
    assert not good.exists() and (site / "fietsbaas" / "journeys" / "index.html").is_file()  # rebuilt
    assert not base.exists() and (site / "index.html").is_file()  # the base was published anew
    assert "Built the playbook, fietsbaas into" in result.stdout


def test_base_only_build_keeps_the_guides(project: Path) -> None:
    site = project / "site"
    acme, fiets = _mark(site, "acme-outdoor"), _mark(site, "fietsbaas")
    result = run(["journeybook", "build"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert acme.is_file() and fiets.is_file()
    assert (site / "fietsbaas" / "index.html").is_file()
    assert not [p for p in project.iterdir() if p.name.startswith(".jb-")]


def test_strict_build_failure_names_the_client(project: Path) -> None:
    """A warning only MkDocs sees (a broken link in a client's own page) fails that guide under --strict."""
    page = project / "clients" / "fietsbaas" / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[kapot](nergens.md)\n", encoding="utf-8")
    _mark(project / "site", "fietsbaas")
    result = run(["journeybook", "build", "--all-clients", "--strict", "--jobs", "1"], project)
    assert result.returncode == 1
    assert "client 'fietsbaas': Doc file 'index.md' contains a link 'nergens.md'" in result.stderr
    assert "journeybook: build of client 'fietsbaas' failed: Aborted with 1 warnings in strict mode!" in result.stderr
    assert (project / "site" / "fietsbaas" / "kept-marker.txt").is_file()
    assert "Built the playbook, acme-outdoor into" in result.stdout
