"""Translated guides as built: the Dutch sample guide, the English sample client, a static-i18n language."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_sample, run
from helpers import run_cli
from html_tools import parse_file
from inprocess import build
from test_build import MINIMAL, write
from test_citizen import I18N as I18N_EN
from test_citizen import I18N_DUTCH


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with both client guides built, each by `journeybook build --client` in its own process."""
    project = copy_sample(tmp_path_factory.mktemp("guides"))
    for client in ("fietsbaas", "acme-outdoor"):
        result = run(["journeybook", "build", "--client", client], project)
        assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_the_dutch_guide_has_nothing_left_to_translate(sample: Path) -> None:
    result = run_cli("translations", "nl", "--client", "fietsbaas", "--dir", sample)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].endswith(" texts translated, 0 untranslated."), lines[-1]
    assert "journeys/online-purchase.yml: 131 of 131 translated" in lines
    checked = run_cli("validate", sample, "--client", "fietsbaas", "--strict")
    assert checked.returncode == 0, checked.stdout


def _text(page: Path) -> str:
    return " ".join(page.read_text(encoding="utf-8").split())


def test_the_dutch_guide_shows_the_dutch_texts(sample: Path) -> None:
    site = sample / "site" / "fietsbaas"
    journey = site / "journeys" / "online-purchase" / "index.html"
    assert parse_file(journey).find("html", lang="nl")
    text = _text(journey)
    assert "<h1" in text and "Online een product kopen" in text
    assert "Buying a product online" not in text
    checkout = _text(site / "touchpoints" / "checkout" / "index.html")
    assert "Laat klanten bestellen zonder een account aan te maken" in checkout  # a checklist item, merged by id
    assert 'data-jb-item="checkout/guest-checkout"' in checkout  # ids stay: saved ticks keep working
    assert "Allow ordering without creating an account" not in checkout
    persona = _text(site / "personas" / "busy-parent" / "index.html")
    assert "Woonplaats" in persona and "Werkende moeder van twee" in persona  # demographics, labels too
    sources = _text(site / "sources" / "index.html")
    assert "Bijna 90% haakt af als ze lang moeten wachten." in sources
    home = parse_file(site / "index.html")
    toggles = {el.attrs.get("title") for el in home.find("label") if el.attrs.get("for", "").startswith("__palette")}
    assert toggles == {"Donkere modus inschakelen", "Lichte modus inschakelen"}
    footer = _text(site / "index.html")
    assert "Klantreis-playbook van Fietsbaas" in footer and "Made with" not in footer


def test_the_english_client_stays_english(sample: Path) -> None:
    site = sample / "site" / "acme-outdoor"
    checkout = _text(site / "touchpoints" / "checkout" / "index.html")
    assert parse_file(site / "touchpoints" / "checkout" / "index.html").find("html", lang="en")
    assert "Allow ordering without creating an account" in checkout
    assert "Laat klanten bestellen" not in checkout
    home = parse_file(site / "index.html")
    toggles = {el.attrs.get("title") for el in home.find("label") if el.attrs.get("for", "").startswith("__palette")}
    assert toggles == {"Switch to dark mode", "Switch to light mode"}  # the base's own names
    assert "Made with" in _text(site / "index.html")
    result = run_cli("translations", "en", "--client", "acme-outdoor", "--dir", sample)
    assert result.stdout.splitlines() == ["0 of 0 texts translated, 0 untranslated."]


I18N = I18N_EN + I18N_DUTCH


def test_each_static_i18n_language_shows_its_translations(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs_static_i18n")
    files = dict(MINIMAL)
    files["mkdocs.yml"] = MINIMAL["mkdocs.yml"].replace("  - search\n", "  - search\n" + I18N)
    files["content/index.nl.md"] = "# Klein\n"
    files["journeys/bike.nl.yml"] = ("title: Een fiets kopen\n"
                                     "phases:\n  purchase:\n    moments_of_truth: [Verrassende verzendkosten]\n")
    project = write(tmp_path, files)
    build(project)  # strict: untranslated texts are no build warning (validate lists them)
    site = project / "site"
    english = _text(site / "journeys" / "bike" / "purchase" / "index.html")
    dutch = _text(site / "nl" / "journeys" / "bike" / "purchase" / "index.html")
    assert "Buying a bike" in english and "Surprise shipping costs" in english
    assert "Een fiets kopen" in dutch and "Verrassende verzendkosten" in dutch and "Buying a bike" not in dutch
    assert "Show shipping costs early" in dutch  # not translated: shown as written


def test_validate_checks_each_static_i18n_language(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["mkdocs.yml"] = MINIMAL["mkdocs.yml"].replace("  - search\n", "  - search\n" + I18N)
    files["journeys/bike.nl.yml"] = "title: Een fiets kopen\n"
    project = write(tmp_path, files)
    result = run_cli("validate", project)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout
    assert ("journeys/touchpoints/webshop.yml:1:7: warning: untranslated: the guide in 'nl' shows this text in 'en' "
            "(translate it in journeys/touchpoints/webshop.nl.yml) (in the 'nl' build)") in lines
    assert not any(line.startswith("journeys/bike.yml:1:8:") for line in lines)  # the title is translated
    assert run_cli("validate", project, "--strict").returncode == 1
    coverage = run_cli("translations", "nl", "--dir", project).stdout.splitlines()
    assert "journeys/bike.yml: 1 of 2 translated, 1 untranslated" in coverage


def test_a_regional_guide_takes_the_general_translations_then_its_own(tmp_path: Path) -> None:
    """A guide in `nl-BE` shows the `*.nl.yml` texts, and a `*.nl-BE.yml` text over them; nothing is left
    untranslated, since Dutch counts in a Belgian-Dutch guide."""
    project = copy_sample(tmp_path / "p")
    client = project / "clients" / "vlaanderen"
    client.mkdir()
    (client / "client.yml").write_text("name: Fietsen Vlaanderen\nlanguage: nl-BE\njourneys: [online-purchase]\n",
                                       encoding="utf-8")
    (project / "journeys" / "touchpoints" / "checkout.nl-BE.yml").write_text(
        "checklist:\n  - id: guest-checkout\n    text: Laat klanten bestellen zonder een account te maken\n",
        encoding="utf-8")
    result = run_cli("build", "--client", "vlaanderen", cwd=project, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    checkout = _text(project / "site" / "vlaanderen" / "touchpoints" / "checkout" / "index.html")
    assert "Laat klanten bestellen zonder een account te maken" in checkout  # nl-BE, over the nl text
    assert "zonder een account aan te maken" not in checkout
    assert "Geen verrassende verzendkosten" in checkout  # nl, where nl-BE says nothing
    assert "No surprise shipping costs" not in checkout
    coverage = run_cli("translations", "nl-BE", "--client", "vlaanderen", "--dir", project)
    assert coverage.returncode == 0, coverage.stderr
    assert coverage.stdout.splitlines()[-1].endswith(" texts translated, 0 untranslated."), coverage.stdout
