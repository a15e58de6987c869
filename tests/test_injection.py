"""Hostile text in every field of every kind never becomes markup that runs.

The site is built for real; an HTML parser then proves that no page carries a
script or an event handler journeybook did not write itself, no `javascript:`
URL and no embedded frame, while the hostile text is still shown (escaped).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml

from conftest import mkdocs_build
from html_tools import parse_file, parse_html

PAYLOADS = [
    "<script>alert('s1')</script>",
    "<img src=x onerror=alert('s2')>",
    "[click](javascript:alert('s3'))",
    "</textarea><svg onload=alert('s4')>",
    "\" onmouseover=\"alert('s5')",
    "<a href=\"javascript:alert('s6')\">x</a>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "![x](javascript:alert('s8'))",
    "<details open ontoggle=alert('s9')>",
    "'><script>alert('s10')</script>",
    "<svg><script>alert('s11')</script></svg>",
    "[x](JaVaScRiPt:alert('s12'))",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert('s14')&lt;/script&gt;",
    "`<b>code</b>` **bold** <!-- comment -->",
]
ALLOWED_SCRIPT_ENDINGS = ("journeybook.js",)
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data")


def hostile_project(root: Path) -> None:
    texts = itertools.cycle(PAYLOADS)

    def t() -> str:
        return next(texts)

    def tl(n: int = 3) -> list[str]:
        return [t() for _ in range(n)]

    files = {
        "playbook.yml": {
            "title": t(),
            "phases": [{"id": p, "name": t(), "summary": t(), "question": t()}
                       for p in ("awareness", "consideration", "purchase", "service", "loyalty")],
            "categories": [{"id": "seo", "name": t(), "description": t()}],
            "channels": [{"id": "web", "name": t(), "type": "online", "description": t()}],
            "sources": [{"id": "src", "claim": t(), "value": t(), "publisher": t(),
                         "url": "https://example.org/a?b=<c>&d=\"e\"", "year": 2020}],
        },
        "personas/pat.yml": {
            "name": t(), "role": t(), "segment": "b2c", "quote": t(), "about": t(),
            "demographics": {"age": t(), "where": t()}, "goals": tl(), "frustrations": tl(),
            "needs": {"latent": tl(), "concrete": tl()}, "triggers": tl(), "channels": ["web"],
            "decision_drivers": tl(),
        },
        "touchpoints/site.yml": {
            "name": t(), "category": "seo", "channel": "web", "contact": "direct", "owner": t(), "summary": t(),
            "checklist": [{"id": f"i{n}", "text": t(), "detail": t(), "priority": "must", "evidence": ["src"]}
                          for n in range(4)],
            "kpis": [{"name": t(), "target": t()}], "pitfalls": tl(), "evidence": ["src"],
        },
        "trip.yml": {
            "title": t(), "personas": ["pat"], "summary": t(), "goal": t(), "trigger": t(),
            "phases": {
                p: {
                    "goal": t(), "actions": tl(), "questions": tl(), "emotion": {"score": 2, "note": t()},
                    "steps": [{"id": "s1", "action": t(), "touchpoints": ["site"], "emotion": 3, "thought": t()},
                              {"id": "s2", "action": t(), "emotion": {"score": 1, "note": t()}}],
                    "touchpoints": [{"ref": "site", "note": t()}], "pain_points": tl(), "opportunities": tl(),
                    "moments_of_truth": tl(), "kpis": [{"name": t(), "target": t()}], "evidence": ["src"],
                    "persona_notes": {"pat": t()},
                }
                for p in ("awareness", "consideration", "purchase", "service", "loyalty")
            },
        },
    }
    for rel, data in files.items():
        path = root / "journeys" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Injection test\ndocs_dir: content\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - journeybook\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    hostile_project(root)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def generated_pages(site: Path) -> list[Path]:
    parts = ("journeys", "personas", "touchpoints", "sources")
    pages = [p for part in parts for p in (site / part).rglob("index.html")]
    assert len(pages) >= 12
    return sorted(pages)


def test_no_foreign_script_handler_or_frame(hostile_site: Path) -> None:
    offences = []
    for page in generated_pages(hostile_site):
        for el in parse_file(page).elements:
            where = f"{page.relative_to(hostile_site)} <{el.tag}>"
            material_own = ((el.tag == "style" and el.text.startswith(":root{--md-text-font:"))
                            or (el.tag == "form" and el.attrs.get("class") == "md-search__form"))
            if el.tag in ("iframe", "object", "embed", "base", "form", "style") and not material_own:
                offences.append(f"{where} element")
            for name, value in el.attrs.items():
                if name.startswith("on"):
                    offences.append(f"{where} {name}={value}")
                if name in URL_ATTRS and value and "javascript:" in value.replace(" ", "").lower():
                    offences.append(f"{where} {name}={value}")
            if el.tag == "script":
                src = el.attrs.get("src") or ""
                if src and "/assets/javascripts/bundle." not in src and not src.endswith(ALLOWED_SCRIPT_ENDINGS):
                    offences.append(f"{where} src={src}")
                if "alert(" in el.text:
                    offences.append(f"{where} {el.text[:60]}")
    assert offences == []


def test_hostile_text_is_still_shown(hostile_site: Path) -> None:
    shown = ""
    for page in generated_pages(hostile_site):
        shown += " ".join(el.text for el in parse_file(page).find("body"))
    for payload in ("<script>alert('s1')</script>", "<img src=x onerror=alert('s2')>",
                    "</textarea><svg onload=alert('s4')>", "\" onmouseover=\"alert('s5')",
                    "<details open ontoggle=alert('s9')>"):
        assert payload in shown, payload


def test_playbook_json_stays_valid_and_carries_the_text(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "playbook.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert "<script>alert('s1')</script>" in text


def test_emotion_curve_svg_has_no_markup_from_text(hostile_site: Path) -> None:
    text = (hostile_site / "journeys" / "trip" / "index.html").read_text(encoding="utf-8")
    start = text.index('<svg class="jb-emotion-curve')
    end = text.index('</svg>\n<ol class="jb-curve__phases"', start) + len("</svg>")  # the outer svg's end
    svg = text[start:end]
    tags = {el.tag for el in parse_html(svg).elements}
    assert tags <= {"svg", "title", "desc", "g", "line", "polyline", "circle", "text", "rect", "path", "tspan"}
    assert "<script>alert('s1')</script>" not in svg
    assert 'class="jb-curve__note jb-curve__note--low"' in svg  # a note from the data is printed, as text


def test_templates_in_text_are_not_evaluated(tmp_path: Path) -> None:
    hostile_project(tmp_path)
    persona = tmp_path / "journeys" / "personas" / "pat.yml"
    data = yaml.safe_load(persona.read_text(encoding="utf-8"))
    data["quote"] = "{{ brand.__class__.__mro__ }} {{ 7*7 }}"
    persona.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    assert "journeys/personas/pat.yml:" in result.stdout + result.stderr
    assert "49" not in result.stdout + result.stderr
