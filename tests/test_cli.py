"""The ``journeybook`` command line: exit status, output formats, ``new`` and ``schema``.

The commands run in-process (:func:`helpers.run_cli` calls ``journeybook.cli.main``);
only the tests of the entry point itself start a real process.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from helpers import REPO_DIR, minimal_project, problem_lines, run_cli, run_cli_process, write_tree
from journeybook.errors import Problem, format_github
from journeybook.read.files import TRANSLATION_NAME

SAMPLE_DATA = REPO_DIR / "journeys"  # the repository's sample playbook, found relative to this file
SAMPLE_CLIENTS = REPO_DIR / "clients"
KINDS = ("playbook", "persona", "touchpoint", "journey", "client")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return minimal_project(tmp_path / "project")


# --------------------------------------------------------------------------- exit status


def test_validate_clean_project_exits_0(tiny: Path) -> None:
    proc = run_cli("validate", tiny)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "No problems found.\n", "")


def test_validate_defaults_to_the_current_directory(tiny: Path) -> None:
    proc = run_cli("validate", cwd=tiny)
    assert proc.returncode == 0 and proc.stdout == "No problems found.\n"


def test_validate_problems_exit_1(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/ann.yml": "name: Ann\n"})
    proc = run_cli("validate", tiny)
    assert proc.returncode == 1
    assert proc.stdout == "journeys/personas/ann.yml:1:1: error: missing required key 'role'\n1 error.\n"


def test_warnings_exit_0_unless_strict(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/bob.yml": "name: Bob\nrole: Retired\n"})
    expected = "journeys/personas/bob.yml:1:1: warning: persona 'bob' is not in any journey\n0 errors, 1 warning.\n"
    proc = run_cli("validate", tiny)
    assert (proc.returncode, proc.stdout) == (0, expected)
    proc = run_cli("validate", "--strict", tiny)
    assert (proc.returncode, proc.stdout) == (1, expected)


@pytest.mark.parametrize("args", [
    [],
    ["frobnicate"],
    ["validate", "--bogus"],
    ["validate", "--format", "xml"],
    ["validate", "a", "b"],
    ["new"],
    ["new", "widget", "x"],
    ["build", "--client", "a", "--all-clients"],
    ["build", "--jobs", "many"],
], ids=lambda a: " ".join(a) or "no-arguments")
def test_wrong_usage_exits_2(args: list[str], tiny: Path) -> None:
    proc = run_cli(*args, cwd=tiny)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "usage:" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_help_exits_0() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0 and "validate" in proc.stdout and "schema" in proc.stdout


# --------------------------------------------------------------------------- the entry point (real processes)


def test_console_script_exit_status(tiny: Path) -> None:
    """The installed script makes main()'s return value, and argparse's exit, the process's exit status."""
    proc = run_cli_process("validate", tiny)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "No problems found.\n", "")
    write_tree(tiny, {"journeys/personas/ann.yml": "name: Ann\n"})
    proc = run_cli_process("validate", tiny)
    assert proc.returncode == 1
    assert proc.stdout == "journeys/personas/ann.yml:1:1: error: missing required key 'role'\n1 error.\n"
    proc = run_cli_process("validate", "--bogus", cwd=tiny)
    assert proc.returncode == 2 and "usage:" in proc.stderr and "Traceback" not in proc.stderr and proc.stdout == ""


def test_python_dash_m_runs_the_command(tiny: Path) -> None:
    module = [sys.executable, "-m", "journeybook.cli"]
    proc = run_cli_process("validate", tiny, command=module)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "No problems found.\n", "")
    proc = run_cli_process("new", "persona", "Bad Id", cwd=tiny, command=module)
    assert proc.returncode == 2 and "is not a valid id" in proc.stderr


def test_output_is_utf8(tiny: Path) -> None:
    """Non-ASCII problems reach stdout and stderr of a real process intact, as UTF-8."""
    write_tree(tiny, {"journeys/personas/ann.yml": "name: Ann\nrole: Busy parent\ngröße: 1\n"})
    proc = run_cli_process("validate", tiny)
    assert proc.returncode == 1
    assert proc.stdout.startswith("journeys/personas/ann.yml:3:1: error: unknown key 'größe'; allowed: name, ")
    proc = run_cli_process("new", "persona", "Zoë", cwd=tiny)
    assert proc.returncode == 2 and proc.stderr.startswith("journeybook: error: 'Zoë' is not a valid id")


def test_missing_directory_exits_2(tmp_path: Path) -> None:
    proc = run_cli("validate", tmp_path / "nowhere")
    assert proc.returncode == 2
    assert "no such directory" in proc.stderr and proc.stdout == ""
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert run_cli("validate", tmp_path / "file.txt").returncode == 2


def test_unknown_client_exits_2(tiny: Path) -> None:
    write_tree(tiny, {"clients/acme/client.yml": "name: Acme\n"})
    proc = run_cli("validate", "--client", "acme", tiny)
    assert (proc.returncode, proc.stdout) == (0, "No problems found.\n")
    proc = run_cli("validate", "--client", "acne", tiny)
    assert proc.returncode == 2 and "unknown client 'acne'; clients: acme" in proc.stderr


def test_missing_data_dir_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\nplugins: [journeybook]\n", encoding="utf-8")
    proc = run_cli("validate", tmp_path)
    assert proc.returncode == 1
    assert problem_lines(proc.stdout) == ["journeys:1:1: error: data dir 'journeys' not found"]


# --------------------------------------------------------------------------- --format github


def test_format_github(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/ann.yml": "name: Ann\nrole: Busy parent\n'50%': x\n"})
    proc = run_cli("validate", "--format", "github", tiny)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "::error file=journeys/personas/ann.yml,line=3,col=1,title=journeybook::unknown key '50%25'; allowed: name, "
        "role, segment, avatar, quote, about, demographics, goals, frustrations, needs, triggers, channels, "
        "decision_drivers, owner, last_reviewed",
        "1 error.",
    ]


@pytest.mark.skipif(os.name == "nt", reason="':' and line breaks cannot be in Windows file names")
def test_format_github_escapes_the_file_property(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/a,b:c.yml": "x: 1\n", "journeys/personas/d\ne.yml": "x: 1\n"})
    proc = run_cli("validate", "--format", "github", tiny)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1 and lines[-1] == "2 errors."
    assert lines[0].startswith("::error file=journeys/personas/a%2Cb%3Ac.yml,line=1,col=1,title=journeybook::"
                               "file name 'a,b:c.yml' is not a valid id")
    assert lines[1].startswith("::error file=journeys/personas/d%0Ae.yml,line=1,col=1,title=journeybook::"
                               "file name 'd\\ne.yml' is not a valid id")
    # the text format keeps one problem per line too
    text = run_cli("validate", tiny).stdout.splitlines()
    assert len(text) == 3 and text[1].startswith("journeys/personas/d\\ne.yml:1:1: error: ")


def test_format_github_escapes_data_and_properties() -> None:
    problems = [
        Problem("journeys/a,b:c.yml", 3, 7, "error", "100% sure\r\nsecond line"),
        Problem("journeys/x.yml", 1, 1, "warning", "plain: text, with commas"),
    ]
    assert format_github(problems).splitlines() == [
        "::error file=journeys/a%2Cb%3Ac.yml,line=3,col=7,title=journeybook::100%25 sure%0D%0Asecond line",
        "::warning file=journeys/x.yml,line=1,col=1,title=journeybook::plain: text, with commas",
    ]


# --------------------------------------------------------------------------- new


@pytest.mark.parametrize(("kind", "path"), [
    ("persona", "journeys/personas/new-one.yml"),
    ("touchpoint", "journeys/touchpoints/new-one.yml"),
    ("journey", "journeys/new-one.yml"),
])
def test_new_writes_a_file_that_validates(kind: str, path: str, tiny: Path) -> None:
    proc = run_cli("new", kind, "new-one", cwd=tiny)
    schemas = "Wrote 13 JSON Schemas into schemas/ (for editor completion)\n"  # the modeline's target
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"{schemas}Wrote {path}\n", "")
    text = (tiny / path).read_text(encoding="utf-8")
    assert text.startswith("# ")  # a commented starter
    check = run_cli("validate", tiny)
    assert check.returncode == 0, check.stdout
    assert not [line for line in problem_lines(check.stdout) if ": error: " in line]

    again = run_cli("new", kind, "new-one", cwd=tiny)
    assert again.returncode == 1 and "already exists; not overwritten" in again.stderr
    assert (tiny / path).read_text(encoding="utf-8") == text


def test_new_refuses_when_the_other_suffix_exists(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/zoe.yaml": "name: Zoe\nrole: Student\n"})
    proc = run_cli("new", "persona", "zoe", cwd=tiny)
    assert proc.returncode == 1 and not (tiny / "journeys/personas/zoe.yml").exists()


@pytest.mark.parametrize("bad", ["Bad Id", "UPPER", "a--b", "a-", "x" * 65, "über", "a/b", "../escape"])
def test_new_refuses_a_bad_id(bad: str, tiny: Path) -> None:
    before = sorted(p.relative_to(tiny) for p in tiny.rglob("*"))
    proc = run_cli("new", "persona", bad, cwd=tiny)
    assert proc.returncode == 2 and "is not a valid id" in proc.stderr
    assert sorted(p.relative_to(tiny) for p in tiny.rglob("*")) == before


def test_new_journey_uses_the_playbooks_own_phases(tiny: Path) -> None:
    playbook = "phases:\n  - id: orient\n    name: Orient\n  - id: buy\n    name: Buy\n"
    write_tree(tiny, {"journeys/playbook.yml": playbook, "journeys/buy.yml": None})
    assert run_cli("new", "journey", "walk-in", cwd=tiny).returncode == 0
    check = run_cli("validate", tiny)
    assert check.returncode == 0, check.stdout


def test_new_journey_needs_a_persona(tmp_path: Path) -> None:
    proc = run_cli("new", "journey", "first", cwd=tmp_path)
    assert proc.returncode == 1 and "needs a persona" in proc.stderr
    assert run_cli("new", "persona", "first", cwd=tmp_path).returncode == 0
    assert run_cli("new", "journey", "first", cwd=tmp_path).returncode == 0



def test_new_journey_waits_for_a_playbook_without_errors(tiny: Path) -> None:
    """Its persona and phase ids come from the loaded playbook, which a broken file keeps from loading."""
    write_tree(tiny, {"journeys/personas/ann.yml": "name: Ann\n"})
    proc = run_cli("new", "journey", "walk-in", cwd=tiny)
    assert proc.returncode == 1 and "the playbook has 1 error; fix them first" in proc.stderr
    assert not (tiny / "journeys/walk-in.yml").exists()
    assert run_cli("new", "persona", "bea", cwd=tiny).returncode == 0  # the other kinds need nothing loaded

# --------------------------------------------------------------------------- schema


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("schemas")
    proc = run_cli("schema", "--out", out / "json")
    assert proc.returncode == 0, proc.stderr
    files = sorted((out / "json").iterdir())
    assert {p.name for p in files} >= {f"{kind}.schema.json" for kind in KINDS}
    return {p.name.split(".")[0]: json.loads(p.read_text(encoding="utf-8")) for p in files
            if p.name.count(".") == 2}


def test_schema_default_out_dir(tmp_path: Path) -> None:
    proc = run_cli("schema", cwd=tmp_path)
    assert proc.returncode == 0
    assert len(list((tmp_path / "schemas").glob("*.schema.json"))) == 13  # 5 kinds, 4 overlays, 4 translations


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str, schemas: dict[str, dict[str, Any]]) -> None:
    schema = schemas[kind]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"{kind}.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def sample_files() -> list[tuple[Path, str]]:
    files = [(SAMPLE_DATA / "playbook.yml", "playbook")] if (SAMPLE_DATA / "playbook.yml").is_file() else []
    files += [(p, "persona") for p in sorted((SAMPLE_DATA / "personas").glob("*.y*ml"))]
    files += [(p, "touchpoint") for p in sorted((SAMPLE_DATA / "touchpoints").glob("*.y*ml"))]
    files += [(p, "journey") for p in sorted(SAMPLE_DATA.glob("*.y*ml")) if p.stem != "playbook"]
    files += [(p, "client") for p in sorted(SAMPLE_CLIENTS.glob("*/client.yml"))]
    return [(p, kind) for p, kind in files if not TRANSLATION_NAME.match(p.name)]  # translations hold text only


def _types_disagree(error: jsonschema.ValidationError) -> bool:
    """YAML 1.1 made a number, boolean or date of text (``8:30``, ``no``): not a disagreement of the data."""
    scalar = (int, float, bool, datetime.date)
    return error.validator == "type" and isinstance(error.instance, scalar) and "string" in str(error.validator_value)


def test_the_sample_has_files_of_every_kind() -> None:
    kinds = {kind for _path, kind in sample_files()}
    assert {"playbook", "persona", "touchpoint", "journey"} <= kinds


@pytest.mark.parametrize(("path", "kind"), sample_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_sample_files_validate_against_the_written_schemas(
    path: Path, kind: str, schemas: dict[str, dict[str, Any]],
) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schemas[kind])
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data) if not _types_disagree(e)]
    assert errors == []


def test_the_written_schemas_reject_bad_data(schemas: dict[str, dict[str, Any]]) -> None:
    persona = jsonschema.Draft202012Validator(schemas["persona"])
    assert not persona.is_valid({"name": "Ann"})  # role is required
    assert not persona.is_valid({"name": "Ann", "role": "x", "nmae": "typo"})
    assert persona.is_valid({"name": "Ann", "role": "x", "x-team": {"any": "thing"}})
    journey = jsonschema.Draft202012Validator(schemas["journey"])
    good = {"title": "T", "personas": ["ann"], "phases": {"purchase": {"emotion": {"score": 3}}}}
    assert journey.is_valid(good)
    assert not journey.is_valid({**good, "phases": {"purchase": {"emotion": 6}}})
    assert not journey.is_valid({**good, "phases": {"Purchase": {}}})
    playbook = jsonschema.Draft202012Validator(schemas["playbook"])
    assert not playbook.is_valid({"sources": [{"id": "a", "claim": "c", "url": "javascript:alert(1)"}]})


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    """`schemas/` in the repository (for editors) is what `journeybook schema` writes today."""
    repo = Path(__file__).resolve().parent.parent
    proc = run_cli("schema", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in tmp_path.glob("*.schema.json"))
    assert written == sorted(p.name for p in (repo / "schemas").glob("*.schema.json"))
    for name in written:
        expected = (repo / "schemas" / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == expected, name
