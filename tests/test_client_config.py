"""A config that builds one client's guide: a client's own `clients/<id>/mkdocs.yml` (which INHERITs the base's)
or the base's with the plugin's `client` option. journeybook's commands take it as that guide, as `mkdocs build
-f` does: the checks, the build and its place, and a usage error when the command asks for another guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_sample, run
from journeybook.read.config import client_folder

ACME = "clients/acme-outdoor/mkdocs.yml"  # site_dir: ../../site/acme-outdoor


@pytest.mark.parametrize("also", [[], ["--client", "acme-outdoor"]], ids=["", "asked-by-name"])
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_clients_own_mkdocs_yml_builds_its_guide(tmp_path: Path, engine: str, also: list[str]) -> None:
    project = copy_sample(tmp_path / "p")
    result = run(["journeybook", "build", "--engine", engine, "-f", ACME, *also], project)
    assert (result.returncode, result.stdout) == (0, "Built acme-outdoor into site/acme-outdoor\n"), result.stderr
    home = (project / "site" / "acme-outdoor" / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Acme Outdoor</title>" in home
    assert sorted(p.name for p in (project / "site").iterdir()) == ["acme-outdoor"]  # that guide only
    assert not (project / "site" / "acme-outdoor" / "acme-outdoor").exists()  # not a folder deeper


def test_the_client_option_builds_that_guide_into_the_site_dir(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - journeybook:\n" in text
    config.write_text(text.replace("  - journeybook:\n", "  - journeybook:\n      client: fietsbaas\n"),
                      encoding="utf-8")
    result = run(["journeybook", "build"], project)
    assert (result.returncode, result.stdout) == (0, "Built fietsbaas into site\n"), result.stderr
    assert '<html lang="nl"' in (project / "site" / "index.html").read_text(encoding="utf-8")

    result = run(["journeybook", "build", "--client", "acme-outdoor"], project)
    assert (result.returncode, result.stderr) == (2, "journeybook: error: mkdocs.yml builds only the guide of "
                                                     "client 'fietsbaas'; --client acme-outdoor asks for another\n")


@pytest.mark.parametrize(("args", "asked"), [
    (["build", "--all-clients"], "--all-clients asks for every guide"),
    (["build", "--client", "fietsbaas"], "--client fietsbaas asks for another"),
    (["serve", "--client", "fietsbaas"], "--client fietsbaas asks for another"),
])
def test_asking_a_guides_config_for_another_guide_is_a_usage_error(tmp_path: Path, args: list[str],
                                                                   asked: str) -> None:
    project = copy_sample(tmp_path / "p")
    result = run(["journeybook", *args, "-f", ACME], project, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"journeybook: error: {ACME} builds only the guide of client 'acme-outdoor'; "
                             f"{asked}\n")
    assert not (project / "site").exists()


def test_validate_in_a_clients_folder_checks_the_project(tmp_path: Path) -> None:
    """`journeybook validate clients/<id>` reads the project the guide is part of, not a project of its own."""
    project = copy_sample(tmp_path / "p")
    result = run(["journeybook", "validate", "clients/acme-outdoor"], project)
    assert (result.returncode, result.stdout) == (0, "No problems found.\n"), result.stdout


def test_a_problem_in_the_base_config_is_located_from_the_project_root(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - journeybook:\n", "  - journeybook:\n      colour: red\n"), encoding="utf-8")
    line = text[:text.index("  - journeybook:\n")].count("\n") + 2
    for command in (["validate", "clients/acme-outdoor"], ["build", "-f", ACME]):
        result = run(["journeybook", *command], project)
        assert result.returncode == 1
        out = result.stdout + result.stderr
        assert f"\nmkdocs.yml:{line}:7: error: " in "\n" + out, out  # not ../../mkdocs.yml
    assert "journeybook: client 'acme-outdoor' not built" in out, out


def test_new_in_a_clients_folder_writes_that_clients_file(tmp_path: Path) -> None:
    """`journeybook new --dir clients/<id>` writes where it is asked: a file of that client's own."""
    project = copy_sample(tmp_path / "p")
    result = run(["journeybook", "new", "touchpoint", "pop-up-store", "--dir", "clients/acme-outdoor"], project)
    assert result.returncode == 0, result.stderr
    assert (project / "clients/acme-outdoor/journeys/touchpoints/pop-up-store.yml").is_file()
    assert not (project / "journeys/touchpoints/pop-up-store.yml").exists()


def test_translations_in_a_clients_folder_name_the_client(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    result = run(["journeybook", "translations", "nl", "--dir", "clients/acme-outdoor"], project)
    assert (result.returncode, result.stderr) == (
        2, "journeybook: error: the guide of client 'acme-outdoor' is in 'en', not 'nl'\n")


@pytest.mark.parametrize(("clients_dir", "folder", "found"), [
    ("clients", "clients/acme", ("", "acme")),
    ("sites/clients", "sites/clients/acme", ("", "acme")),  # a nested clients_dir
    ("sites/clients", "clients/acme", None),  # not where the clients_dir says
    ("clients", "clients/no-client-yml", None),
])
def test_a_clients_folder_is_found_by_the_projects_clients_dir(tmp_path: Path, clients_dir: str, folder: str,
                                                              found: tuple[str, str] | None) -> None:
    for name in ("clients/acme", "sites/clients/acme"):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "client.yml").write_text("name: Acme\n", encoding="utf-8")
    (tmp_path / "clients/no-client-yml").mkdir()
    got = client_folder(tmp_path / folder, clients_dir)
    assert got == (None if found is None else (tmp_path.resolve() / found[0], found[1]))
