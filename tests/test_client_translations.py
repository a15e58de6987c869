"""A client's own translations: ``clients/<id>/journeys/<kind>/<name>.<lang>.yml`` translates the base file of
that name for that client's guide, with or without an overlay of its own, and a translation file that no build
applies is a warning at the file.

A tiny English base (the one of ``helpers.MINIMAL_FILES``, with a summary added) and one client, ``bakker``;
every expected value is a literal of the fixtures below. The guides are built for real with
``journeybook build --client``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import MINIMAL_FILES, minimal_project, problem_lines, run_cli
from test_translated_guides import I18N

BASE: dict[str, str | bytes | None] = {
    "journeys/touchpoints/checkout.yml": """\
name: Checkout
category: checkout
summary: Where the customer pays.
checklist:
  - id: no-surprises
    text: No surprise costs
""",
    "clients/bakker/client.yml": "name: Bakker\nlanguage: nl\n",
}

SIDECAR = """\
name: Afrekenen bij Bakker
summary: Waar de klant bij Bakker betaalt.
checklist:
  - id: no-surprises
    text: Geen verrassingen bij Bakker
"""


def _project(tmp_path: Path, files: dict[str, str | bytes | None]) -> Path:
    return minimal_project(tmp_path, {**BASE, **files})


def _checkout(project: Path) -> str:
    """The text of the checkout page of bakker's guide, built now (``--strict``), whitespace collapsed."""
    built = run_cli("build", "--client", "bakker", "--strict", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    page = project / "site" / "bakker" / "touchpoints" / "checkout" / "index.html"
    return " ".join(page.read_text(encoding="utf-8").split())


def _shows(page: str, *texts: str) -> list[str]:
    """Which of ``texts`` the page shows (the expected ones, in order, when it is right)."""
    return [text for text in texts if text in page]


def test_a_client_sidecar_without_an_overlay_translates_the_base_file(tmp_path: Path) -> None:
    project = _project(tmp_path, {"clients/bakker/journeys/touchpoints/checkout.nl.yml": SIDECAR})
    page = _checkout(project)
    assert _shows(page, "Afrekenen bij Bakker", "Waar de klant bij Bakker betaalt.", "Geen verrassingen bij Bakker",
                  "Checkout", "Where the customer pays.", "No surprise costs") == [
        "Afrekenen bij Bakker", "Waar de klant bij Bakker betaalt.", "Geen verrassingen bij Bakker"]
    counted = run_cli("translations", "nl", "--client", "bakker", "--dir", project)
    assert counted.returncode == 0, counted.stderr
    assert "journeys/touchpoints/checkout.yml: 3 of 3 translated" in counted.stdout.splitlines()
    checked = run_cli("validate", project, "--client", "bakker")
    assert not [line for line in problem_lines(checked.stdout) if "checkout" in line], checked.stdout


def test_a_client_sidecar_beats_the_base_sidecar_and_yields_to_the_client_overlay(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "journeys/touchpoints/checkout.nl.yml": """\
name: Afrekenen
summary: Waar de klant betaalt.
checklist:
  - id: no-surprises
    text: Geen verrassingen
""",
        "clients/bakker/journeys/touchpoints/checkout.yml": "summary: Hier betaalt de klant van Bakker.\n",
        "clients/bakker/journeys/touchpoints/checkout.nl.yml": """\
name: Afrekenen bij Bakker
summary: Dit staat ook in de overlay van Bakker.
""",
    })
    # name: the client's translation over the base's; summary: the client's overlay (in the guide's language)
    # over the client's translation; the checklist item: the base's translation, which the client left alone
    page = _checkout(project)
    assert _shows(page, "Afrekenen bij Bakker", "Hier betaalt de klant van Bakker.", "Geen verrassingen",
                  "<h1>Afrekenen</h1>", "Waar de klant betaalt.", "Dit staat ook in de overlay van Bakker.",
                  "Checkout", "No surprise costs") == [
        "Afrekenen bij Bakker", "Hier betaalt de klant van Bakker.", "Geen verrassingen"]


def test_a_regional_client_reads_its_general_then_its_regional_translations(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "clients/bakker/client.yml": "name: Bakker\nlanguage: nl-BE\n",
        "journeys/touchpoints/checkout.nl-BE.yml": "name: Afrekenen (België)\nsummary: Waar de klant betaalt.\n",
        "clients/bakker/journeys/touchpoints/checkout.nl.yml": SIDECAR,
        "clients/bakker/journeys/touchpoints/checkout.nl-BE.yml": "name: Betalen bij Bakker\n",
    })
    # the client's nl-BE over its nl over the base's nl-BE; its nl still over the base's nl-BE
    page = _checkout(project)
    assert _shows(page, "Betalen bij Bakker", "Waar de klant bij Bakker betaalt.", "Geen verrassingen bij Bakker",
                  "Afrekenen (België)", "Checkout", "No surprise costs") == [
        "Betalen bij Bakker", "Waar de klant bij Bakker betaalt.", "Geen verrassingen bij Bakker"]
    counted = run_cli("translations", "nl-BE", "--client", "bakker", "--dir", project)
    assert "journeys/touchpoints/checkout.yml: 3 of 3 translated" in counted.stdout.splitlines(), counted.stdout



def test_an_english_client_over_a_dutch_base(tmp_path: Path) -> None:
    mkdocs = MINIMAL_FILES["mkdocs.yml"]
    assert isinstance(mkdocs, str)
    project = _project(tmp_path, {
        "mkdocs.yml": mkdocs.replace("  name: material\n", "  name: material\n  language: nl\n"),
        "journeys/touchpoints/checkout.yml": """\
name: Afrekenen
category: checkout
summary: Waar de klant betaalt.
checklist:
  - id: no-surprises
    text: Geen verrassingen
""",
        "clients/bakker/client.yml": "name: Bakker\nlanguage: en\n",
        "clients/bakker/journeys/touchpoints/checkout.en.yml": """\
name: Checkout at Bakker
checklist:
  - id: no-surprises
    text: No surprises at Bakker
""",
    })
    page = _checkout(project)
    assert _shows(page, "Checkout at Bakker", "No surprises at Bakker", "Waar de klant betaalt.",
                  "<h1>Afrekenen</h1>", "Geen verrassingen") == [
        "Checkout at Bakker", "No surprises at Bakker", "Waar de klant betaalt."]
    counted = run_cli("translations", "en", "--client", "bakker", "--dir", project)
    assert "journeys/touchpoints/checkout.yml: 2 of 3 translated, 1 untranslated" in counted.stdout.splitlines()
    checked = run_cli("validate", project, "--client", "bakker")
    assert [line for line in problem_lines(checked.stdout) if "checkout" in line] == [
        "journeys/touchpoints/checkout.yml:3:10: warning: untranslated: the guide in 'en' shows this text in 'nl' "
        "(translate it in journeys/touchpoints/checkout.en.yml)"], checked.stdout

UNAPPLIED = [
    "clients/bakker/journeys/touchpoints/checkout.de.yml:1:1: warning: no build applies this translation into "
    "'de': the guide of client 'bakker' is in 'nl' (its translations are named <name>.nl.yml)",
    "clients/bakker/journeys/touchpoints/nope.nl.yml:1:1: warning: translates nothing: there is no touchpoint "
    "'nope' in the base playbook or beside it",
]


def test_a_translation_no_build_applies_is_a_warning_at_the_file(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "journeys/touchpoints/checkout.nl.yml": "name: Afrekenen\n",
        "clients/bakker/journeys/touchpoints/checkout.de.yml": "name: Kasse\n",
        "clients/bakker/journeys/touchpoints/nope.nl.yml": "name: Niets\n",
    })
    for args in (("--client", "bakker"), ()):
        checked = run_cli("validate", project, *args)
        assert checked.returncode == 0, checked.stdout
        found = [line for line in problem_lines(checked.stdout) if line.startswith("clients/")]
        assert found == UNAPPLIED, (args, checked.stdout)
    strict = run_cli("build", "--client", "bakker", "--strict", cwd=project)
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert UNAPPLIED[0] in strict.stdout + strict.stderr
    lenient = run_cli("build", "--client", "bakker", cwd=project)
    assert lenient.returncode == 0, lenient.stdout + lenient.stderr
    assert (project / "site" / "bakker" / "touchpoints" / "checkout" / "index.html").is_file()


def test_a_regional_guide_applies_its_general_language_and_warns_at_another_region(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "clients/bakker/client.yml": "name: Bakker\nlanguage: nl-BE\n",
        "clients/bakker/journeys/touchpoints/checkout.nl.yml": "name: Afrekenen\n",
        "clients/bakker/journeys/touchpoints/checkout.nl-NL.yml": "name: Afrekenen (Nederland)\n",
    })
    checked = run_cli("validate", project, "--client", "bakker")
    found = [line for line in problem_lines(checked.stdout) if line.startswith("clients/")]
    assert found == [
        "clients/bakker/journeys/touchpoints/checkout.nl-NL.yml:1:1: warning: no build applies this translation "
        "into 'nl-NL': the guide of client 'bakker' is in 'nl-BE' (its translations are named <name>.nl.yml or "
        "<name>.nl-BE.yml)"], checked.stdout


def test_a_client_without_a_language_on_a_static_i18n_site_translates_for_each_language(tmp_path: Path) -> None:
    """Its guide is built in each of the site's languages: its Dutch translation shows in the Dutch build, and
    no build warns about it (the English one does not apply it)."""
    pytest.importorskip("mkdocs_static_i18n")
    mkdocs = MINIMAL_FILES["mkdocs.yml"]
    assert isinstance(mkdocs, str)
    project = _project(tmp_path, {
        "mkdocs.yml": mkdocs.replace("  - search\n", "  - search\n" + I18N),
        "content/index.nl.md": "# Klein\n",
        "clients/bakker/client.yml": "name: Bakker\n",
        "clients/bakker/journeys/touchpoints/checkout.nl.yml": SIDECAR,
    })
    built = run_cli("build", "--client", "bakker", "--strict", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    guide = project / "site" / "bakker"
    dutch = " ".join((guide / "nl" / "touchpoints" / "checkout" / "index.html").read_text(encoding="utf-8").split())
    english = " ".join((guide / "touchpoints" / "checkout" / "index.html").read_text(encoding="utf-8").split())
    assert _shows(dutch, "Afrekenen bij Bakker", "Geen verrassingen bij Bakker", "No surprise costs") == [
        "Afrekenen bij Bakker", "Geen verrassingen bij Bakker"]
    assert _shows(english, "Afrekenen bij Bakker", "No surprise costs") == ["No surprise costs"]
    checked = run_cli("validate", project, "--client", "bakker")
    assert not [line for line in problem_lines(checked.stdout) if line.startswith("clients/")], checked.stdout
