"""The golden bad-input corpus: every rule of the data model, as an editor breaks it.

Each ``tests/bad/<case>.yml`` holds ``description``, ``files`` (relative path ->
content, written on top of :func:`helpers.minimal_project`; ``null`` deletes a
file), ``expected`` (the exact problem lines of ``journeybook validate``),
``summary`` (the exact count line printed after them) and, for valid cases,
optionally ``loads`` (attribute path in the resolved playbook -> value) and
``client``. Cases that cannot be stored as text (bad bytes, huge or special
files, symlinks) are built in code below.

``journeybook validate`` runs in-process (:func:`helpers.run_cli`); the
console script itself is tested in ``test_cli.py``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import TESTS_DIR, minimal_project, problem_lines, project, run_cli, write_tree
from journeybook.resolve import load

CORPUS_DIR = TESTS_DIR / "bad"
CASE_FILES = sorted(CORPUS_DIR.glob("*.yml"))
CASE_KEYS = {"description", "files", "expected", "summary", "loads", "client"}


def read_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict) and set(case) <= CASE_KEYS, f"{path.name}: keys must be among {sorted(CASE_KEYS)}"
    assert isinstance(case.get("description"), str) and case["description"].strip(), f"{path.name}: needs a description"
    assert isinstance(case.get("files"), dict) and case["files"], f"{path.name}: needs files"
    assert isinstance(case.get("expected"), list), f"{path.name}: needs an expected list"
    assert isinstance(case.get("summary"), str), f"{path.name}: needs the expected summary line"
    return case


def assert_validate(root: Path, expected: list[str], summary: str, timeout: float = 60) -> None:
    """``journeybook validate ROOT`` prints exactly ``expected``, then ``summary``, with the right exit status."""
    proc = run_cli("validate", root, cwd=root, timeout=timeout)
    output = f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    assert "Traceback" not in proc.stdout + proc.stderr, output
    assert problem_lines(proc.stdout) == expected, output
    assert proc.stdout.strip().splitlines()[-1] == summary, output
    errors = [line for line in expected if ": error: " in line]
    assert proc.returncode == (1 if errors else 0), output
    assert proc.stderr == "", output


def attribute(value: Any, path: str) -> Any:
    """``journeys.buy.phases.0.goal`` -> that value of the resolved playbook."""
    for part in path.split("."):
        if isinstance(value, dict):
            value = value[part]
        elif isinstance(value, (list, tuple)):
            value = value[int(part)]
        else:
            value = getattr(value, part)
    return value


def plain(value: Any) -> Any:
    """Model values as plain Python data (``Plain`` strings compare as str anyway)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


# --------------------------------------------------------------------------- the stored corpus


def test_corpus_is_big_enough() -> None:
    assert len(CASE_FILES) >= 45
    valid = [p for p in CASE_FILES if not read_case(p)["expected"]]
    assert valid, "the corpus needs valid cases too (x- keys, CRLF, BOM, YAML 1.1 traps)"


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda p: p.stem)
def test_corpus_case(case_file: Path, tmp_path: Path) -> None:
    case = read_case(case_file)
    minimal_project(tmp_path, case["files"])
    assert_validate(tmp_path, case["expected"], case["summary"])
    if "loads" in case:
        result = load(dataclasses.replace(project(tmp_path), client=case.get("client")))
        assert result.ok, result.problems
        for path, value in case["loads"].items():
            got = plain(attribute(result.playbook, path))
            assert got == value, f"{path}: {got!r} != {value!r}"
            assert isinstance(got, str) if isinstance(value, str) else type(got) is type(value), f"{path}: {got!r}"


def test_several_problems_are_reported_at_once(tmp_path: Path) -> None:
    """Cases that break different files, put together, report the union of their problems in one run."""
    names = ["tab-indentation", "unquoted-colon-in-text", "source-urls", "unknown-phase-key", "client-errors"]
    files: dict[str, str] = {}
    expected: set[str] = set()
    for name in names:
        case = read_case(CORPUS_DIR / f"{name}.yml")
        assert not set(case["files"]) & set(files), f"{name} overlaps another case"
        files.update(case["files"])
        expected.update(case["expected"])
    minimal_project(tmp_path, files)
    def position(line: str) -> tuple[str, int, int, str]:
        path, row, col = line.split(":")[:3]
        return path, int(row), int(col), line

    lines = sorted(expected, key=position)
    assert len({line.split(":")[0] for line in lines}) == len(names)
    assert_validate(tmp_path, lines, "16 errors.")


# --------------------------------------------------------------------------- cases built in code

P = "journeys/personas/ann.yml"
NEEDS_SYMLINKS = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")


def _bytes(path: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: write_tree(root, {path: data})


def _sparse(root: Path) -> None:
    """A 50 MB file, written sparse so the test stays fast."""
    with open(root / P, "wb") as handle:
        handle.write(b"name: Ann\nrole: Busy parent\n")
        handle.truncate(50 * 1024 * 1024)


def _directories(root: Path) -> None:
    (root / "journeys/returns.yml").mkdir()
    (root / "journeys/personas/bob.yaml").mkdir()


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "outside.yml"
    outside.write_text("name: Mallory\nrole: Outsider\n", encoding="utf-8")
    (root / "journeys/personas/mallory.yml").symlink_to(outside)


def _folder_symlink_outside(root: Path) -> None:
    outside = root.parent / "outside-personas"
    outside.mkdir()
    (outside / "ann.yml").write_text("name: Ann\nrole: Busy parent\n", encoding="utf-8")
    personas = root / "journeys/personas"
    (personas / "ann.yml").unlink()
    personas.rmdir()
    personas.symlink_to(outside, target_is_directory=True)


def _symlink_inside(root: Path) -> None:
    (root / "journeys/personas/annie.yml").symlink_to(root / P)


def _dangling(root: Path) -> None:
    (root / "journeys/personas/bob.yml").symlink_to(root / "journeys/personas/gone.txt")


def _loop(root: Path) -> None:
    (root / "journeys/personas/bob.yml").symlink_to(root / "journeys/personas/cy.yml")
    (root / "journeys/personas/cy.yml").symlink_to(root / "journeys/personas/bob.yml")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "journeys/personas/bob.yml")


def _unreadable(root: Path) -> None:
    (root / P).chmod(0)


def _deep(text: str) -> Callable[[Path], None]:
    return lambda root: write_tree(root, {P: "name: Ann\nrole: Busy parent\ngoals: " + text + "\n"})


ROOT_OR_NOT_POSIX = not hasattr(os, "getuid") or os.getuid() == 0
NOT_ALLOWED = "a symlink (of the file or of a folder above it) points outside the project; refused"

BUILT_CASES = [
    pytest.param(_bytes(P, b"name: Ann\nrole: Caf\xe9 owner\n"),
                 [f"{P}:2:10: error: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8"],
                 "1 error.", id="bad-utf8"),
    pytest.param(_bytes(P, "name: Ann\nrole: Busy parent\n".encode("utf-16")),
                 [f"{P}:1:1: error: the file is saved as UTF-16; save it as UTF-8"], "1 error.", id="utf16"),
    pytest.param(_bytes(P, b"name: Ann\nrole: Busy\x00parent\n"),
                 [f"{P}:2:11: error: the file contains a NUL character; is it a binary file?"],
                 "1 error.", id="nul-byte"),
    pytest.param(_bytes(P, b"\xef\xbb\xbfname: Ann\r\nrole: Busy parent\r\n"), [],
                 "No problems found.", id="bom-and-crlf-bytes"),
    pytest.param(_sparse, [f"{P}:1:1: error: file is 51200 KiB, more than the 1024 KiB limit; split it"],
                 "1 error.", id="50-mb-file"),
    pytest.param(_bytes(P, b"name: Ann\nrole: Busy parent\ngoals:\n" + b"  - goal\n" * 100_001),
                 [f"{P}:99997:5: error: the file has more than 100000 values; split it"],
                 "1 error.", id="too-many-values"),
    pytest.param(_directories, [
        "journeys/personas/bob.yaml:1:1: error: is a directory, but its name says it is a YAML file",
        "journeys/returns.yml:1:1: error: is a directory, but its name says it is a YAML file",
    ], "2 errors.", id="directory-named-yml"),
    pytest.param(_symlink_outside, [f"journeys/personas/mallory.yml:1:1: error: {NOT_ALLOWED}"],
                 "1 error.", id="symlink-outside-project", marks=NEEDS_SYMLINKS),
    pytest.param(_folder_symlink_outside, [f"{P}:1:1: error: {NOT_ALLOWED}"],
                 "1 error.", id="folder-symlink-outside-project", marks=NEEDS_SYMLINKS),
    pytest.param(_symlink_inside, ["journeys/personas/annie.yml:1:1: warning: persona 'annie' is not in any journey"],
                 "0 errors, 1 warning.", id="symlink-inside-project", marks=NEEDS_SYMLINKS),
    pytest.param(_dangling,
                 ["journeys/personas/bob.yml:1:1: error: broken symlink: the file it points to does not exist"],
                 "1 error.", id="dangling-symlink", marks=NEEDS_SYMLINKS),
    pytest.param(_loop, [
        "journeys/personas/bob.yml:1:1: error: symlink loop: the link points (through others) to itself",
        "journeys/personas/cy.yml:1:1: error: symlink loop: the link points (through others) to itself",
    ], "2 errors.", id="symlink-loop", marks=NEEDS_SYMLINKS),
    pytest.param(_fifo, ["journeys/personas/bob.yml:1:1: error: not a regular file (a pipe or a device?); refused"],
                 "1 error.", id="fifo", marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
    pytest.param(_unreadable, [f"{P}:1:1: error: cannot read file: Permission denied"],
                 "1 error.", id="unreadable-file",
                 marks=pytest.mark.skipif(ROOT_OR_NOT_POSIX, reason="root (or Windows) reads any file")),
    pytest.param(_deep("[" * 100_000 + "]" * 100_000), [f"{P}:3:47: error: nesting deeper than 40 levels; refused"],
                 "1 error.", id="100000-deep-flow-nesting"),
    pytest.param(_deep("{a: " * 100_000 + "}" * 100_000), [f"{P}:3:164: error: nesting deeper than 40 levels; refused"],
                 "1 error.", id="100000-deep-mapping-nesting"),
    pytest.param(_deep("[" * 100_000), [f"{P}:3:47: error: nesting deeper than 40 levels; refused"],
                 "1 error.", id="100000-deep-unclosed"),
    pytest.param(lambda root: write_tree(root, {P: f"name: Ann\nrole: Busy parent\ngoals:\n  {'- ' * 100_000}x\n"}),
                 [f"{P}:4:81: error: nesting deeper than 40 levels; refused"],
                 "1 error.", id="100000-deep-block-nesting"),
]


@pytest.mark.parametrize(("build", "expected", "summary"), BUILT_CASES)
def test_built_case(build: Callable[[Path], None], expected: list[str], summary: str, tmp_path: Path) -> None:
    root = tmp_path / "project"  # so that tmp_path / "outside..." is outside the project
    root.mkdir()
    minimal_project(root)
    build(root)
    assert_validate(root, expected, summary, timeout=30)


def test_corpus_files_are_well_formed() -> None:
    """The corpus itself: small files; expected lines are unique, located and one line each."""
    for path in CASE_FILES:
        case = read_case(path)
        assert len(path.read_bytes()) < 20_000, f"{path.name} is too big for a corpus case"
        assert len(set(case["expected"])) == len(case["expected"]), path.name
        for line in case["expected"]:
            _file, line_no, col, rest = line.split(":", 3)
            assert int(line_no) >= 1 and int(col) >= 1, line
            assert rest.startswith((" error: ", " warning: ")), line
            assert "\n" not in line and "\r" not in line, line


def base_build_lines(expected: list[str]) -> list[str]:
    """The expected problems that a build of the base playbook (not a client's guide) reports."""
    return [line for line in expected if not line.startswith("clients/") and "(in the guide of client" not in line]


def _base_errors(path: Path) -> list[str]:
    """The errors the plugin logs; those of its options in mkdocs.yml stop MkDocs' config check before
    (its own messages: tests/test_option_types.py)."""
    return [line for line in base_build_lines(read_case(path)["expected"])
            if ": error: " in line and not line.startswith("mkdocs.yml:")]


BASE_ERROR_CASES = [path for path in CASE_FILES if _base_errors(path)]


@pytest.mark.parametrize("case_file", BASE_ERROR_CASES, ids=[p.stem for p in BASE_ERROR_CASES])
def test_mkdocs_build_reports_the_same_problems(case_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build` stops on the same located errors as `journeybook validate`, before writing anything."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    case = read_case(case_file)
    errors = _base_errors(case_file)
    minimal_project(tmp_path, case["files"])
    monkeypatch.chdir(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    with caplog.at_level("WARNING", logger="mkdocs"), pytest.raises(Abort):
        build(config)
    logged = [r.getMessage().removeprefix("journeybook: ") for r in caplog.records if r.name.endswith("journeybook")]
    assert [line for line in logged if ": error: " in line] == errors
    assert not (tmp_path / "site").exists()
