"""A journeybook option of the wrong type in mkdocs.yml: a located error from `journeybook validate`,
`journeybook build` and `mkdocs build` alike (exit 1, no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mkdocs_build
from helpers import MKDOCS_YML, minimal_project, problem_lines, run_cli

PLUGIN = "  - journeybook\n"


def with_options(*lines: str) -> str:
    """The tiny project's mkdocs.yml with these option lines under the plugin: the first is line 8."""
    return MKDOCS_YML.replace(PLUGIN, "  - journeybook:\n" + "".join(f"      {line}\n" for line in lines))


WRONG = [
    ('material_fixes: "yes"',
     "mkdocs.yml:8:23: error: option 'material_fixes' for the journeybook plugin should be true or false, "
     "not the text 'yes'"),
    ('material_fixes: "true"',
     "mkdocs.yml:8:23: error: option 'material_fixes' for the journeybook plugin should be true or false, "
     "not the text 'true' (remove the quotes)"),
    ("material_fixes: {on: 1}",
     "mkdocs.yml:8:23: error: option 'material_fixes' for the journeybook plugin should be true or false, "
     "not a mapping (key: value pairs)"),
    ("data_dir: 3",
     "mkdocs.yml:8:17: error: option 'data_dir' for the journeybook plugin should be text, not the number 3 "
     "(put it in quotes: '3')"),
    ("client: [a]",
     "mkdocs.yml:8:15: error: option 'client' for the journeybook plugin should be text or null, not a list"),
    ("edit_root: no",
     "mkdocs.yml:8:18: error: option 'edit_root' for the journeybook plugin should be text or null, not false "
     "(put it in quotes: 'no')"),
    ('nav_max_items: "30"',
     "mkdocs.yml:8:22: error: option 'nav_max_items' for the journeybook plugin should be a whole number, "
     "not the text '30' (remove the quotes)"),
    ("nav_max_items: true",
     "mkdocs.yml:8:22: error: option 'nav_max_items' for the journeybook plugin should be a whole number, not true"),
    ("nav_max_items: 2.5",
     "mkdocs.yml:8:22: error: option 'nav_max_items' for the journeybook plugin should be a whole number, "
     "not the number 2.5"),
    ("base_only: about.md",
     "mkdocs.yml:8:18: error: option 'base_only' for the journeybook plugin should be a list of texts, "
     "not the text 'about.md' (write it as a list: [about.md])"),
    ("base_only:",
     "mkdocs.yml:8:17: error: option 'base_only' for the journeybook plugin should be a list of texts, "
     "not nothing (write [] for none)"),
    ("base_only: [about.md, 4]",
     "mkdocs.yml:8:29: error: option 'base_only' for the journeybook plugin should be a list of texts; "
     "item 2 is the number 4 (put it in quotes: '4')"),
    ('enabled: "no"',
     "mkdocs.yml:8:16: error: option 'enabled' for the journeybook plugin should be true or false, "
     "not the text 'no'"),
    ("nav_max_item: 3",
     "mkdocs.yml:8:7: error: unknown option 'nav_max_item' for the journeybook plugin "
     "(did you mean 'nav_max_items'?)"),
]


@pytest.mark.parametrize(("line", "expected"), WRONG, ids=[line for line, _ in WRONG])
def test_validate_locates_an_option_of_the_wrong_type(tmp_path: Path, line: str, expected: str) -> None:
    project = minimal_project(tmp_path, {"mkdocs.yml": with_options(line)})
    result = run_cli("validate", project)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (1, [expected, "1 error."], "")


RIGHT = [
    "material_fixes: yes",  # YAML 1.1, as MkDocs reads it: true
    "material_fixes: false",
    "client: null",
    "client: acme",
    "edit_root:",
    "data_dir:",  # empty: the default, as MkDocs reads it
    "nav_max_items: 5",
    "base_only: []",
    "base_only: [about.md, for-editors/]",
    "enabled: true",
    "clients_dir: !ENV [JOURNEYBOOK_CLIENTS, clients]",  # MkDocs reads the tag: not ours to guess
]


@pytest.mark.parametrize("line", RIGHT)
def test_validate_passes_an_option_of_the_right_type(tmp_path: Path, line: str) -> None:
    project = minimal_project(tmp_path, {"mkdocs.yml": with_options(line)})
    result = run_cli("validate", project)
    assert (result.returncode, result.stdout) == (0, "No problems found.\n")


def test_every_wrong_option_at_once_and_the_wrong_value_is_not_used(tmp_path: Path) -> None:
    project = minimal_project(tmp_path, {"mkdocs.yml": with_options(
        "data_dir: 3", 'material_fixes: "yes"', "colour: red", "client: [a]")})
    result = run_cli("validate", project)
    assert result.returncode == 1
    lines = problem_lines(result.stdout)
    assert lines[:2] + lines[3:] == [  # not "3:1:1: error: data dir '3' not found": the default is read instead
        "mkdocs.yml:8:17: error: option 'data_dir' for the journeybook plugin should be text, not the number 3 "
        "(put it in quotes: '3')",
        "mkdocs.yml:9:23: error: option 'material_fixes' for the journeybook plugin should be true or false, "
        "not the text 'yes'",
        "mkdocs.yml:11:15: error: option 'client' for the journeybook plugin should be text or null, not a list",
    ]
    far = lines[2]  # no close name: the options are listed instead of a guess
    assert far.startswith("mkdocs.yml:10:7: error: unknown option 'colour' for the journeybook plugin; options: "
                          "data_dir, clients_dir, client, ")
    assert "did you mean" not in far
    assert result.stdout.splitlines()[-1] == "4 errors."


def test_options_that_are_not_a_mapping(tmp_path: Path) -> None:
    config = MKDOCS_YML.replace(PLUGIN, "  - journeybook: [a]\n")
    project = minimal_project(tmp_path, {"mkdocs.yml": config})
    result = run_cli("validate", project)
    assert (result.returncode, result.stdout.splitlines()) == (1, [
        "mkdocs.yml:7:18: error: the options of the journeybook plugin should be a mapping (option: value lines), "
        "not a list",
        "1 error."])


# --------------------------------------------------------------------------- INHERIT: the options MkDocs reads


def test_an_inherited_wrong_option_is_located_in_its_file(tmp_path: Path) -> None:
    project = minimal_project(tmp_path, {"base.yml": with_options('material_fixes: "yes"'),
                                         "mkdocs.yml": "INHERIT: base.yml\n"})
    assert problem_lines(run_cli("validate", project).stdout) == [
        "base.yml:8:23: error: option 'material_fixes' for the journeybook plugin should be true or false, "
        "not the text 'yes'"]


def test_a_plugins_list_replaces_the_inherited_one(tmp_path: Path) -> None:
    child = "INHERIT: base.yml\nplugins:\n  - journeybook:\n      nav_max_items: 5\n"
    project = minimal_project(tmp_path, {"base.yml": with_options('material_fixes: "yes"'), "mkdocs.yml": child})
    result = run_cli("validate", project)
    assert (result.returncode, result.stdout) == (0, "No problems found.\n")


def test_a_plugins_mapping_merges_option_by_option(tmp_path: Path) -> None:
    base = MKDOCS_YML.replace("plugins:\n  - search\n" + PLUGIN, "plugins:\n  search: {}\n  journeybook:\n"
                              '    material_fixes: "yes"\n    nav_max_items: "3"\n')
    child = "INHERIT: base.yml\nplugins:\n  journeybook:\n    material_fixes: true\n"
    project = minimal_project(tmp_path, {"base.yml": base, "mkdocs.yml": child})
    assert problem_lines(run_cli("validate", project).stdout) == [  # material_fixes is the child's: true
        "base.yml:9:20: error: option 'nav_max_items' for the journeybook plugin should be a whole number, "
        "not the text '3' (remove the quotes)"]


# --------------------------------------------------------------------------- the builds say the same


def test_journeybook_build_refuses_with_the_located_errors(tmp_path: Path) -> None:
    project = minimal_project(tmp_path, {"mkdocs.yml": with_options('material_fixes: "yes"', "nav_max_item: 3")})
    result = run_cli("build", cwd=project)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (1, [
        "mkdocs.yml:8:23: error: option 'material_fixes' for the journeybook plugin should be true or false, "
        "not the text 'yes'",
        "mkdocs.yml:9:7: error: unknown option 'nav_max_item' for the journeybook plugin "
        "(did you mean 'nav_max_items'?)",
        "2 errors."], "journeybook: the base playbook and its guides not built: 2 errors\n")
    assert not (project / "site").exists()


@pytest.mark.parametrize(("line", "message"), [
    ('material_fixes: "yes"',  # MkDocs' own check finds it too, without a place
     "mkdocs.yml:8:23: error: option 'material_fixes' for the journeybook plugin should be true or false, "
     "not the text 'yes'"),
    ("nav_max_items: true",  # MkDocs alone takes true for a number
     "mkdocs.yml:8:22: error: option 'nav_max_items' for the journeybook plugin should be a whole number, not true"),
    ("nav_max_item: 3",  # MkDocs alone only warns
     "mkdocs.yml:8:7: error: unknown option 'nav_max_item' for the journeybook plugin "
     "(did you mean 'nav_max_items'?)"),
])
def test_mkdocs_build_stops_with_the_same_located_error(tmp_path: Path, line: str, message: str) -> None:
    option = line.split(":")[0]
    project = minimal_project(tmp_path, {"mkdocs.yml": with_options(line)})
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert f"Config value 'plugins': Plugin 'journeybook' option '{option}': {message}\n" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_mkdocs_build_refuses_options_that_are_not_a_mapping_without_a_traceback(tmp_path: Path) -> None:
    project = minimal_project(tmp_path, {"mkdocs.yml": MKDOCS_YML.replace(PLUGIN, "  - journeybook: [a]\n")})
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "Invalid config options for the 'journeybook' plugin." in result.stderr  # MkDocs' words: it asks first
    assert "Traceback" not in result.stderr + result.stdout
