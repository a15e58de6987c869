"""What `journeybook new` sets up for a new project: schemas its modelines can reach, and material_fixes on.

The browser half (axe on the built pages of such a project) is tests/browser/test_new_project.py.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import jsonschema
import yaml

from conftest import REPO
from helpers import run_cli, write_tree

SCHEMAS_LINE = "Wrote 13 JSON Schemas into schemas/ (for editor completion)"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def readme_new_commands() -> list[list[str]]:
    """The `journeybook new ...` lines of the README's "Your own playbook", as arguments."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    part = readme[readme.index("\n## Your own playbook\n"):]
    block = re.search(r"^```sh\n(.*?)^```$", part, flags=re.S | re.M)
    assert block is not None
    return [shlex.split(line)[1:] for line in block.group(1).splitlines() if line.startswith("journeybook new ")]


def schema_of(path: Path) -> Path:
    """The file the modeline on the first line of ``path`` names, relative to the file's folder."""
    found = MODELINE.fullmatch(path.read_text(encoding="utf-8").splitlines()[0])
    assert found, f"no modeline on the first line of {path.name}"
    return path.parent / found.group(1)


def test_the_readmes_new_files_name_schemas_that_exist_and_validate_them(tmp_path: Path) -> None:
    commands = readme_new_commands()
    assert commands == [["new", "persona", "busy-parent"], ["new", "touchpoint", "web-shop"],
                        ["new", "journey", "online-purchase"]]
    outputs = [run_cli(*args, cwd=tmp_path) for args in commands]
    assert [(o.returncode, o.stderr) for o in outputs] == [(0, "")] * 3
    assert outputs[0].stdout.splitlines() == ["Wrote mkdocs.yml", "Wrote content/index.md", SCHEMAS_LINE,
                                              "Wrote journeys/personas/busy-parent.yml"]
    written = {"journeys/personas/busy-parent.yml": "../../schemas/persona.schema.json",
               "journeys/touchpoints/web-shop.yml": "../../schemas/touchpoint.schema.json",
               "journeys/online-purchase.yml": "../schemas/journey.schema.json"}
    for name, target in written.items():
        path = tmp_path / name
        schema = schema_of(path)
        assert schema == path.parent / target
        assert schema.is_file(), f"{name} names {target}, which is not there"
        validator = jsonschema.Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], name
    wrong = yaml.safe_load((tmp_path / "journeys/personas/busy-parent.yml").read_text(encoding="utf-8"))
    assert not validator.is_valid(wrong), "the journey schema must not take a persona: the check can fail"


def test_modelines_follow_a_deeper_data_dir(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": "site_name: X\nplugins:\n  - journeybook:\n      data_dir: data/journeys\n"})
    for kind, name in (("persona", "ann"), ("touchpoint", "web-shop"), ("journey", "buy")):
        assert run_cli("new", kind, name, cwd=tmp_path).returncode == 0
    assert {name: schema_of(tmp_path / name).relative_to(tmp_path).as_posix() for name in (
        "data/journeys/personas/ann.yml", "data/journeys/touchpoints/web-shop.yml", "data/journeys/buy.yml")} == {
        "data/journeys/personas/ann.yml": "data/journeys/personas/../../../schemas/persona.schema.json",
        "data/journeys/touchpoints/web-shop.yml": "data/journeys/touchpoints/../../../schemas/touchpoint.schema.json",
        "data/journeys/buy.yml": "data/journeys/../../schemas/journey.schema.json",
    }
    assert all(schema_of(path).is_file() for path in (tmp_path / "data").rglob("*.yml"))


def test_new_refreshes_stale_schemas_and_leaves_current_and_other_files_alone(tmp_path: Path) -> None:
    assert run_cli("new", "persona", "ann", cwd=tmp_path).stdout.splitlines()[2] == SCHEMAS_LINE
    schemas = tmp_path / "schemas"
    current = (schemas / "persona.schema.json").read_text(encoding="utf-8")
    (schemas / "persona.schema.json").write_text("{}\n", encoding="utf-8")  # as an older version wrote it
    (schemas / "team.schema.json").write_text("{}\n", encoding="utf-8")  # the team's own
    before = {p.name: p.stat().st_mtime_ns for p in schemas.iterdir()}

    second = run_cli("new", "persona", "bob", cwd=tmp_path)
    assert second.stdout.splitlines() == ["Wrote 1 JSON Schema into schemas/ (for editor completion)",
                                          "Wrote journeys/personas/bob.yml"]
    assert (schemas / "persona.schema.json").read_text(encoding="utf-8") == current
    assert (schemas / "team.schema.json").read_text(encoding="utf-8") == "{}\n"
    after = {p.name: p.stat().st_mtime_ns for p in schemas.iterdir()}
    assert [name for name in before if before[name] != after[name]] == ["persona.schema.json"]

    third = run_cli("new", "touchpoint", "web-shop", cwd=tmp_path)
    assert third.stdout.splitlines() == ["Wrote journeys/touchpoints/web-shop.yml"]


def test_new_writes_the_same_schemas_as_the_schema_command(tmp_path: Path) -> None:
    assert run_cli("new", "persona", "ann", cwd=tmp_path).returncode == 0
    assert run_cli("schema", "--out", tmp_path / "by-command").returncode == 0
    by_new = {p.name: p.read_bytes() for p in (tmp_path / "schemas").iterdir()}
    by_command = {p.name: p.read_bytes() for p in (tmp_path / "by-command").iterdir()}
    assert by_new == by_command


def test_a_schemas_file_in_the_way_is_a_warning_and_the_starter_is_still_written(tmp_path: Path) -> None:
    write_tree(tmp_path, {"schemas": "not a folder\n"})
    result = run_cli("new", "persona", "ann", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        0, "journeybook: warning: the JSON Schemas for editor completion were not written into schemas/: "
           "File exists\n")
    assert (tmp_path / "journeys/personas/ann.yml").is_file()


def test_the_new_mkdocs_yml_turns_material_fixes_on_and_says_what_it_does(tmp_path: Path) -> None:
    assert run_cli("new", "persona", "ann", cwd=tmp_path).returncode == 0
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert config["plugins"][1]["journeybook"]["material_fixes"] is True
    line = next(line for line in text.splitlines() if line.lstrip().startswith("material_fixes:"))
    assert line == ("      material_fixes: true   # opt-in fixes to Material's own chrome (tab and footer "
                    "contrast,")
    assert "the default is false: see journeybook's README" in text
