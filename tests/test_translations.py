"""Translations beside the text they translate, the untranslated report and the PO exchange.

A tiny English base with a Dutch client guide (``language: nl``); every
expected value is a literal of the fixture below.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polib
import pytest

from helpers import minimal_project, run_cli
from journeybook.read.config import project_from_config
from journeybook.resolve import load

BASE: dict[str, str | bytes | None] = {
    "journeys/touchpoints/checkout.yml": """\
name: Checkout
category: checkout
summary: Where the customer pays.
checklist:
  - id: no-surprises
    text: No surprise costs
    evidence: [wait-study]
  - id: guest
    text: Order without an account
    priority: must
kpis:
  - name: Completion rate
    target: 70%
pitfalls:
  - Shipping costs at the last step
""",
    "journeys/buy.yml": """\
title: Buying online
personas: [ann]
phases:
  purchase:
    emotion: {score: 2, note: Nervous}
    touchpoints:
      - checkout
      - {ref: checkout, note: Show the total price}
""",
    "clients/bakker/client.yml": "name: Bakker\nlanguage: nl\n",
}

DUTCH: dict[str, str | bytes | None] = {
    "journeys/touchpoints/checkout.nl.yml": """\
name: Afrekenen
checklist:
  - id: guest
    text: Bestellen zonder account
""",
    "journeys/buy.nl.yml": """\
title: Online kopen
phases:
  purchase:
    emotion: {note: Zenuwachtig}
    touchpoints:
      - {ref: checkout, note: Toon de totaalprijs}
""",
}


def _bakker(root: Path) -> object:
    return load(dataclasses.replace(project_from_config(root), client="bakker"))


def test_translations_merge_by_id_and_replace_only_text(tmp_path: Path) -> None:
    result = load(dataclasses.replace(project_from_config(minimal_project(tmp_path, {**BASE, **DUTCH})),
                                      client="bakker"))
    assert result.ok, [str(p) for p in result.problems]
    assert result.playbook is not None
    checkout = result.playbook.touchpoints["checkout"]
    assert checkout.name == "Afrekenen"
    assert [(i.id, i.text, i.priority) for i in checkout.checklist] == [
        ("no-surprises", "No surprise costs", "should"),  # not in the translation: left as it is
        ("guest", "Bestellen zonder account", "must"),  # merged by id; the priority stays
    ]
    assert checkout.checklist[0].evidence == ("wait-study",)
    entry = result.playbook.journeys["buy"].phases[0]
    assert result.playbook.journeys["buy"].title == "Online kopen"
    assert entry.emotion is not None and (entry.emotion.score, entry.emotion.note) == (2, "Zenuwachtig")
    assert [(u.ref, u.note) for u in entry.touchpoints] == [("checkout", None), ("checkout", "Toon de totaalprijs")]
    assert "journeys/buy.nl.yml" in result.files


def test_translation_files_are_not_journeys_and_apply_only_to_their_language(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {**BASE, **DUTCH})
    base = load(project_from_config(root))
    assert base.ok and base.playbook is not None
    assert sorted(base.playbook.journeys) == ["buy"]  # buy.nl.yml is no journey "buy.nl"
    assert base.playbook.touchpoints["checkout"].name == "Checkout"
    assert base.texts == [] and not base.problems


@pytest.mark.parametrize(("translation", "error"), [
    ("checklist:\n  - id: guest\n    priority: could\n",
     "3:15: error: 'checklist.1.priority' is not translatable (one of must, should, could): keep it as in "
     "journeys/touchpoints/checkout.yml ('must') or leave it out"),
    ("category: kassa\n",
     "1:11: error: 'category' is not translatable (a reference to a category): keep it as in "
     "journeys/touchpoints/checkout.yml ('checkout') or leave it out"),
    ("checklist:\n  - id: gast\n    text: Gast\n",
     "2:9: error: no item with id 'gast' in journeys/touchpoints/checkout.yml (or it is not a mapping there); "
     "a translation translates only what is there"),
    ("pitfalls: Te laat\n", "1:11: error: expected a list, as in the file it translates"),
    ("colour: rood\n", "1:1: error: unknown key 'colour'"),
    ("owner: Webteam\n",
     "1:1: error: 'owner' is not in journeys/touchpoints/checkout.yml: a translation translates only what is there"),
])
def test_what_is_not_text_is_a_located_error(tmp_path: Path, translation: str, error: str) -> None:
    root = minimal_project(tmp_path, {**BASE, "journeys/touchpoints/checkout.nl.yml": translation})
    found = [str(p) for p in _bakker(root).problems if p.is_error]  # type: ignore[attr-defined]
    assert found == [f"journeys/touchpoints/checkout.nl.yml:{error}"]


def test_a_kpi_target_is_text_and_is_translated(tmp_path: Path) -> None:
    """A target such as '70%' is text (not a number), so a translation may replace it."""
    translation = "kpis:\n  - name: Voltooid\n    target: 80%\n"
    root = minimal_project(tmp_path, {**BASE, "journeys/touchpoints/checkout.nl.yml": translation})
    result = _bakker(root)
    assert result.problems == []  # type: ignore[attr-defined]
    kpis = result.playbook.touchpoints["checkout"].kpis  # type: ignore[attr-defined]
    assert [(k.name, k.target) for k in kpis] == [("Voltooid", "80%")]


def test_a_translated_number_is_a_located_error(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {**BASE, "journeys/buy.nl.yml": "phases:\n  purchase:\n    emotion: {score: 4}\n"})
    found = [str(p) for p in _bakker(root).problems if p.is_error]  # type: ignore[attr-defined]
    assert found == ["journeys/buy.nl.yml:3:22: error: 'phases.purchase.emotion.score' is not translatable "
                     "(a number): keep it as in journeys/buy.yml ('2') or leave it out"]


def test_untranslated_texts_are_warned_at_the_base_text(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {**BASE, **DUTCH})
    result = run_cli("validate", root, "--client", "bakker")
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout
    assert ("journeys/touchpoints/checkout.yml:3:10: warning: untranslated: the guide in 'nl' shows this text "
            "in 'en' (translate it in journeys/touchpoints/checkout.nl.yml)") in lines
    untranslated = {line.split(": warning")[0] for line in lines if "untranslated" in line}
    assert "journeys/touchpoints/checkout.yml:6:11" in untranslated  # no-surprises, not in the translation
    assert "journeys/touchpoints/checkout.yml:9:11" not in untranslated  # guest, translated
    assert "journeys/touchpoints/checkout.yml:1:7" not in untranslated  # the name, translated
    assert run_cli("validate", root, "--client", "bakker", "--strict").returncode == 1


def test_coverage_per_file(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {**BASE, **DUTCH})
    result = run_cli("translations", "nl", "--client", "bakker", "--dir", root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "journeys/buy.yml: 3 of 3 translated" in lines
    assert "journeys/personas/ann.yml: 0 of 2 translated, 2 untranslated" in lines
    assert lines[-1] == "5 of 14 texts translated, 9 untranslated."
    assert "journeys/touchpoints/checkout.yml: 2 of 7 translated, 5 untranslated" in lines


PO_FIXTURE_TRANSLATIONS = {
    "Buying online": "Online kopen",
    "Nervous": "Zenuwachtig",
    "Show the total price": "Toon de totaalprijs",
    "Where the customer pays.": "Waar de klant betaalt.",
    "No surprise costs": "Geen verrassende kosten",
    "Shipping costs at the last step": "Verzendkosten bij de laatste stap",
    "Completion rate": "Voltooide bestellingen",
    "Ann": "Anne",
    "Busy parent": "Drukke ouder",
    "Tiny playbook": "Klein playbook",
    "Almost 90% drop out when they have to wait long": "Bijna 90% haakt af als ze lang moeten wachten",
}


def test_po_export_then_import_round_trip(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, {**BASE, "journeys/touchpoints/checkout.nl.yml": DUTCH[
        "journeys/touchpoints/checkout.nl.yml"]})
    po_file = tmp_path / "nl.po"
    exported = run_cli("translations", "nl", "--client", "bakker", "--dir", root, "--export", po_file)
    assert exported.returncode == 0, exported.stderr
    po = polib.pofile(str(po_file))
    assert po.metadata["Language"] == "nl"
    assert sorted(e.msgid for e in po) == sorted([
        "Buying online", "Nervous", "Show the total price", "Where the customer pays.", "No surprise costs",
        "Completion rate", "70%", "Shipping costs at the last step", "Ann", "Busy parent", "Tiny playbook",
        "Almost 90% drop out when they have to wait long",
    ])
    pitfall = next(e for e in po if e.msgid == "No surprise costs")
    assert pitfall.occurrences == [("journeys/touchpoints/checkout.yml", "6")]
    for entry in po:
        entry.msgstr = PO_FIXTURE_TRANSLATIONS.get(entry.msgid, "")
    po.save(str(po_file))
    imported = run_cli("translations", "nl", "--client", "bakker", "--dir", root, "--import", po_file)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Wrote journeys/buy.nl.yml" in imported.stdout
    assert (root / "journeys/touchpoints/checkout.nl.yml").read_text(encoding="utf-8").startswith("name: Afrekenen\n")
    result = _bakker(root)
    playbook = result.playbook  # type: ignore[attr-defined]
    checkout = playbook.touchpoints["checkout"]
    assert (checkout.summary, checkout.pitfalls) == ("Waar de klant betaalt.", ["Verzendkosten bij de laatste stap"])
    assert [i.text for i in checkout.checklist] == ["Geen verrassende kosten", "Bestellen zonder account"]
    assert [(k.name, k.target) for k in checkout.kpis] == [("Voltooide bestellingen", "70%")]
    entry = playbook.journeys["buy"].phases[0]
    assert (playbook.journeys["buy"].title, entry.emotion.note, entry.touchpoints[1].note) == (
        "Online kopen", "Zenuwachtig", "Toon de totaalprijs")
    assert (playbook.title, playbook.personas["ann"].role) == ("Klein playbook", "Drukke ouder")
    assert playbook.sources[0].claim == "Bijna 90% haakt af als ze lang moeten wachten"
    left = [t.text for t in result.texts if not t.translated]  # type: ignore[attr-defined]
    assert left == ["70%"]  # the one entry left empty in the PO file
