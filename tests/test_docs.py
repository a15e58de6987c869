"""The documentation in the project: the generated YAML reference, the editors' guide, the README's own playbook."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run
from helpers import minimal_project, run_cli, write_tree
from inprocess import build, logs  # noqa: F401 (logs is a fixture)
from journeybook.editors.reference import reference_page
from journeybook.read.config import project_from_config

REFERENCE = REPO / "content" / "for-editors" / "reference.md"
GUIDE = REPO / "content" / "for-editors" / "index.md"
README = REPO / "README.md"


def fenced(markdown: str, language: str) -> list[str]:
    """The contents of every ```language block of ``markdown``, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```$", markdown, flags=re.S | re.M)


def section(markdown: str, heading: str) -> str:
    """The text under ``## heading`` up to the next ``## `` heading."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end if end != -1 else None]


# --------------------------------------------------------------------------- the reference


def test_the_published_reference_is_current() -> None:
    expected = reference_page(project_from_config(REPO))
    assert REFERENCE.read_text(encoding="utf-8") == expected, (
        "content/for-editors/reference.md is out of date: run "
        "`journeybook reference --out content/for-editors/reference.md`")


def rows_of(page: str) -> dict[str, str]:
    """The reference's entries (one list item per key) by their key."""
    return {m.group(1): m.group(0) for m in re.finditer(r"^- `([^`]+)` .*$", page, flags=re.M)}


def test_the_reference_has_an_entry_per_key_with_examples_from_the_projects_files(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    page = run_cli("reference", project, "--out", tmp_path / "out" / "ref.md", cwd=project)
    assert page.returncode == 0, page.stderr
    rows = rows_of((tmp_path / "out" / "ref.md").read_text(encoding="utf-8"))
    assert rows["checklist[].priority"] == (  # no file sets it: the default
        "- `checklist[].priority` (one of the values): must, should (default) or could. "
        "Allowed: `must`, `should` (default), `could`. Example: `priority: should`")
    assert rows["checklist[].id"] == (
        "- `checklist[].id` (id, **required**): Keys the reader's saved tick; keep it when the text changes. "
        "Allowed: lower-case letters, digits and single hyphens, at most 64 characters. Example: `id: no-surprises`")
    assert rows["sources[].year"].endswith("Allowed: 1900 to 2100. Example: `year: 2019`")
    assert rows["phases.<phase-id>.touchpoints"] == (
        "- `phases.<phase-id>.touchpoints` (list of touchpoint ids or mappings): "
        "The touchpoints used in this phase. Example: `touchpoints: [checkout]`")
    assert rows["phases.<phase-id>.touchpoints[].ref"].startswith(
        "- `phases.<phase-id>.touchpoints[].ref` (touchpoint id, **required**): ")
    assert rows["needs.latent"] == "- `needs.latent` (list of texts): Unconscious needs."  # no file: no example
    assert rows["vars"] == ("- `vars` (mapping: &lt;name> → text): Values for {{ brand.&lt;key> }} in text. "
                            "Allowed: keys matching `^[a-z_][a-z0-9_]*$`.")
    score = "phases.<phase-id>.emotion.score"
    assert rows[score].startswith(f"- `{score}` (whole number, **required**): ")
    assert "phases.<phase-id>.persona_notes.<persona-id>.note" in rows
    assert list(rows)[:3] == ["title", "phases", "phases[].id"]  # declaration order, depth first


def test_reference_examples_are_written_as_an_editor_would(tmp_path: Path) -> None:
    project = minimal_project(tmp_path, {
        "journeys/personas/ann.yml": 'name: Ann\nrole: "Parent: busy"\nquote: \'Fine\'\n'
                                     "about: |\n  First line\n  second line\n"
                                     "demographics: {age: 41, city: Utrecht}\n"
                                     "goals: [One, Two, Three, Four]\n",
        "journeys/buy.yml": "title: Buy\npersonas: [ann]\nphases:\n  purchase:\n    touchpoints: [checkout]\n"
                            "    emotion: {score: 2, note: Hm}\n  service:\n    emotion: 4\n",
    })
    rows = rows_of(reference_page(project_from_config(project)))
    assert rows["role"].endswith('Example: `role: "Parent: busy"`')
    assert rows["quote"].endswith("Example: `quote: Fine`")
    assert rows["about"].endswith("Example: `about: First line …`")
    assert rows["demographics"].endswith("Example: `demographics: {age: 41, city: Utrecht}`")
    assert rows["goals"].endswith("Example: `goals: [One, Two, Three, …]`")
    assert rows["phases.<phase-id>.emotion"].endswith("Example: `emotion: 4`")  # not the mapping: its keys follow


def test_the_reference_command_needs_an_existing_project(tmp_path: Path) -> None:
    result = run_cli("reference", tmp_path / "missing", "--out", tmp_path / "ref.md")
    assert result.returncode == 2
    assert "no such directory" in result.stderr
    assert not (tmp_path / "ref.md").exists()


# --------------------------------------------------------------------------- the editors' guide


def corpus_messages() -> set[str]:
    found: set[str] = set()
    for case in (REPO / "tests" / "bad").glob("*.yml"):
        found.update(yaml.safe_load(case.read_text(encoding="utf-8"))["expected"])
    return found


def test_every_message_the_guide_quotes_is_a_real_one() -> None:
    quoted = [line for block in fenced(GUIDE.read_text(encoding="utf-8"), "text") for line in block.splitlines()]
    assert len(quoted) >= 10
    assert sorted(set(quoted) - corpus_messages()) == []


def test_the_guide_covers_each_task_and_links_the_reference() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", guide, flags=re.M)
    for task in ("Add a persona", "Add a touchpoint", "Add a journey", "Add a client", "Add a translation",
                 "Check and preview", "What the messages mean"):
        assert task in headings
    assert "](reference.md)" in guide and "make serve" in guide


def test_the_guide_and_the_reference_are_reachable_from_the_home_page(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'href="for-editors/"' in home and 'href="for-editors/reference/"' in home
    reference = (sample_site / "for-editors" / "reference" / "index.html").read_text(encoding="utf-8")
    assert "<li><code>checklist[].priority</code> (one of the values): " in reference
    assert "{{ brand.&lt;key&gt; }}" in reference  # text, not a tag


# --------------------------------------------------------------------------- the README, followed literally


def test_the_readmes_own_playbook_builds_when_followed_literally(tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    block = fenced(section(readme, "Your own playbook"), "sh")[0]
    commands = [c for c in (line.split("#")[0].strip() for line in block.splitlines()) if c]
    assert commands[0].startswith("journeybook new") and "journeybook build" in commands
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "journeybook", command  # only the package's own command: nothing else is installed
        result = run(args, tmp_path)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "journeys" / "online-purchase" / "index.html").is_file()
    strict = run(["mkdocs", "build", "--strict", "-q", "--site-dir", "strict-site"], tmp_path)
    assert strict.returncode == 0, strict.stdout + strict.stderr  # no warning: the home page, every file used


def test_the_readme_shows_the_mkdocs_yml_that_new_writes(tmp_path: Path) -> None:
    shown = [b for b in fenced(section(README.read_text(encoding="utf-8"), "Your own playbook"), "yaml")
             if b.startswith("# mkdocs.yml\n")]
    assert run_cli("new", "persona", "ann", "--dir", tmp_path).returncode == 0
    assert shown == [(tmp_path / "mkdocs.yml").read_text(encoding="utf-8")]


# --------------------------------------------------------------------------- what `new` writes around the data


def test_new_writes_the_config_and_a_home_page_once(tmp_path: Path) -> None:
    first = run_cli("new", "persona", "ann", "--dir", tmp_path)
    assert first.stdout.splitlines() == ["Wrote mkdocs.yml", "Wrote content/index.md",
                                         "Wrote 13 JSON Schemas into schemas/ (for editor completion)",
                                         "Wrote journeys/personas/ann.yml"]
    (tmp_path / "content" / "index.md").write_text("# Ours\n", encoding="utf-8")
    second = run_cli("new", "touchpoint", "web-shop", "--dir", tmp_path)
    assert second.stdout.splitlines() == ["Wrote journeys/touchpoints/web-shop.yml"]
    assert (tmp_path / "content" / "index.md").read_text(encoding="utf-8") == "# Ours\n"


def test_new_writes_the_home_page_into_the_configured_docs_dir(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": "site_name: X\ndocs_dir: docs\nplugins:\n  - journeybook\n",
                          "docs/README.md": "# Home\n"})
    assert run_cli("new", "persona", "ann", "--dir", tmp_path).stdout.splitlines() == [
        "Wrote 13 JSON Schemas into schemas/ (for editor completion)", "Wrote journeys/personas/ann.yml"]
    (tmp_path / "docs" / "README.md").unlink()
    assert run_cli("new", "persona", "bob", "--dir", tmp_path).stdout.splitlines() == [
        "Wrote docs/index.md", "Wrote journeys/personas/bob.yml"]
    assert "edit `docs/index.md`" in (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")


def test_a_new_journey_uses_the_existing_touchpoints_in_its_phase(tmp_path: Path) -> None:
    for kind, name in (("persona", "ann"), ("touchpoint", "web-shop"), ("touchpoint", "returns"),
                       ("journey", "buy")):
        assert run_cli("new", kind, name, "--dir", tmp_path).returncode == 0
    journey = yaml.safe_load((tmp_path / "journeys" / "buy.yml").read_text(encoding="utf-8"))
    assert journey["phases"]["awareness"]["touchpoints"] == ["returns", "web-shop"]
    result = run_cli("validate", tmp_path, "--strict")
    assert (result.returncode, result.stdout) == (0, "No problems found.\n")


def test_a_site_without_a_home_page_warns(tmp_path: Path, logs) -> None:  # noqa: F811
    project = minimal_project(tmp_path, {"content/index.md": None, "content/about.md": "# About\n"})
    build(project, strict=False)
    assert [m for m in logs("mkdocs.plugins.journeybook") if "home page" in m] == [
        "journeybook: the site has no home page: add content/index.md (the logo and the site name link to it); "
        "`journeybook new` writes a starter"]


def test_a_readme_is_a_home_page(tmp_path: Path, logs) -> None:  # noqa: F811
    project = minimal_project(tmp_path, {"content/index.md": None, "content/README.md": "# Home\n"})
    build(project)  # strict: no warning


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"journeybook \d+\.\d+\.\d+\n", result.stdout)
