"""A config that builds one client's guide: a client's own `clients/<id>/mkdocs.yml` (which INHERITs the base's)
or the base's with the plugin's `client` option. journeybook's commands take it as that guide, as `mkdocs build
-f` does: the checks, the build and its place, and a usage error when the command asks for another guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_sample, run

ACME = "clients/acme-outdoor/mkdocs.yml"  # site_dir: ../../site/acme-outdoor


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_clients_own_mkdocs_yml_builds_its_guide(tmp_path: Path, engine: str) -> None:
    project = copy_sample(tmp_path / "p")
    result = run(["journeybook", "build", "--engine", engine, "-f", ACME], project)
    assert (result.returncode, result.stdout) == (0, "Built acme-outdoor into site/acme-outdoor\n"), result.stderr
    home = (project / "site" / "acme-outdoor" / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Acme Outdoor</title>" in home
    assert sorted(p.name for p in (project / "site").iterdir()) == ["acme-outdoor"]  # that guide only


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
