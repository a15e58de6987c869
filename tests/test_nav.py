"""The scoped sidebar: large sections list only the current branch, yet no page becomes unreachable."""

from __future__ import annotations

import posixpath
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import mkdocs_build
from html_tools import parse_file
from test_build import write


def scoped_project(root: Path, people: int = 8, touchpoints: int = 9, journeys: int = 6) -> Path:
    files = {
        "mkdocs.yml": (
            "site_name: Scoped\ndocs_dir: content\ntheme:\n  name: material\n  features: [navigation.tabs]\n"
            "plugins:\n  - search\n  - journeybook:\n      nav_max_items: 3\n"
        ),
        "content/index.md": "# Home\n",
    }
    for n in range(people):
        files[f"journeys/personas/p{n}.yml"] = f"name: Person {n}\nrole: Role {n}\n"
    for n in range(touchpoints):
        category = ("seo", "checkout", "delivery")[n % 3]
        files[f"journeys/touchpoints/t{n}.yml"] = (f"name: Touch {n}\ncategory: {category}\n"
                                                   f"checklist:\n  - id: a\n    text: Check {n}\n")
    for n in range(journeys):
        phases = "".join(
            f"  {phase}:\n    touchpoints: [t{(n + k) % touchpoints}]\n"
            for k, phase in enumerate(("awareness", "consideration", "purchase", "service", "loyalty"))
        )
        personas = f"[p{n % people}, p{(n + 3) % people}]"
        files[f"journeys/j{n}.yml"] = f"title: Journey {n}\npersonas: {personas}\nphases:\n{phases}"
    return write(root, files)


def crawl(site: Path) -> set[Path]:
    seen = {site / "index.html"}
    queue = deque(seen)
    while queue:
        page = queue.popleft()
        for a in parse_file(page).find("a", href=None):
            parts = urlsplit(a.attrs["href"] or "")
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = page.parent.relative_to(site).as_posix()
            target = site / posixpath.normpath(posixpath.join(base, unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file() and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def sidebar_links(page: Path) -> list[str]:
    html = parse_file(page)
    primary = list(html.has_class("md-nav--primary"))
    assert primary
    return [a.attrs.get("href") or "" for a in html.has_class("md-nav__link") if a.tag == "a"]


def test_every_page_stays_reachable(tmp_path: Path) -> None:
    project = scoped_project(tmp_path)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    built = set(site.rglob("index.html")) - {site / "404.html"}
    assert crawl(site) == built


def test_large_sections_are_scoped_to_the_current_page(tmp_path: Path) -> None:
    project = scoped_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    links = sidebar_links(site / "personas" / "p5" / "index.html")
    last_parts = [h.rstrip("/").split("/")[-1] for h in links]
    persona_links = [part for part in last_parts if part.startswith("p") and part[1:].isdigit()]
    assert len(persona_links) <= 2, persona_links
    phase_page = sidebar_links(site / "journeys" / "j2" / "purchase" / "index.html")
    assert not any("/j4/" in h or h.startswith("../../j4") for h in phase_page)
    assert any(h.rstrip("/").endswith("loyalty") for h in phase_page)
