"""Whole builds: failures keep the old site, reproducible output, languages, anyone's project."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import copy_sample, mkdocs_build, run
from html_tools import parse_file

MINIMAL = {
    "mkdocs.yml": "site_name: Tiny playbook\ndocs_dir: content\ntheme:\n  name: material\n"
                  "plugins:\n  - search\n  - journeybook\n",
    "content/index.md": "# Tiny\n\nHello.\n",
    "journeys/personas/sam.yml": "name: Sam\nrole: Buys bikes\n",
    "journeys/touchpoints/webshop.yml": (
        "name: Webshop\ncategory: checkout\nchecklist:\n  - id: costs\n    text: Show shipping costs early\n"
    ),
    "journeys/bike.yml": (
        "title: Buying a bike\npersonas: [sam]\nphases:\n  purchase:\n    emotion: 2\n"
        "    touchpoints: [webshop]\n    moments_of_truth: [Surprise shipping costs]\n"
    ),
}


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_project_without_theme_folder_gets_the_full_site(tmp_path: Path) -> None:
    project = write(tmp_path, MINIMAL)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html = parse_file(site / "journeys" / "bike" / "purchase" / "index.html")
    assert html.find("input", data_jb_item="webshop/costs")
    assert (site / "assets" / "journeybook" / "journeybook.css").is_file()
    assert (site / "assets" / "journeybook" / "journeybook.js").is_file()
    links = [el.attrs.get("href", "") for el in html.find("link", rel="stylesheet")]
    assert any(h.endswith("assets/journeybook/journeybook.css") for h in links)


def test_bad_data_stops_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = write(tmp_path, MINIMAL)
    assert mkdocs_build(project).returncode == 0
    before = digest(project / "site")
    (project / "journeys" / "bike.yml").write_text("title: Buying a bike\npersonas: [sma]\nphases: {}\n",
                                                   encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "journeys/bike.yml:2:12: error: unknown persona 'sma' (did you mean 'sam'?)" in output
    assert "Traceback" not in output
    assert digest(project / "site") == before
    validate = run(["journeybook", "validate"], project)
    assert validate.returncode == 1
    assert "journeys/bike.yml:2:12: error: unknown persona 'sma' (did you mean 'sam'?)" in validate.stdout


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    one = copy_sample(tmp_path / "one")
    two = copy_sample(tmp_path / "two")
    assert mkdocs_build(one).returncode == 0
    env_seed = dict(os.environ, PYTHONHASHSEED="12345")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-q"],
        cwd=two, env=env_seed, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert digest(one / "site") == digest(two / "site")


def test_dutch_labels_and_phase_names(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("name: material\n", "name: material\n  language: nl\n")
    project = write(tmp_path, files)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    assert (site / "journeys" / "bike" / "purchase" / "index.html").is_file()
    html = parse_file(site / "journeys" / "bike" / "purchase" / "index.html")
    assert any(el.text.strip().startswith("Aankoop") for el in html.find("h1"))
    english = write(tmp_path / "en", MINIMAL)
    assert mkdocs_build(english).returncode == 0
    html_en = parse_file(english / "site" / "journeys" / "bike" / "purchase" / "index.html")
    assert any(el.text.strip().startswith("Purchase") for el in html_en.find("h1"))


def test_strict_counts_journeybook_warnings(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["journeys/personas/unused.yml"] = "name: Una\nrole: Nobody's journey\n"
    project = write(tmp_path, files)
    assert mkdocs_build(project).returncode == 0
    for flags in (["--strict"], ["--strict", "-q"]):
        result = run(["mkdocs", "build", *flags], project)
        assert result.returncode != 0, flags
        assert "persona 'unused' is not in any journey" in result.stdout + result.stderr


def test_journeybook_build_is_atomic(tmp_path: Path) -> None:
    project = write(tmp_path, MINIMAL)
    assert run(["journeybook", "build"], project).returncode == 0
    before = digest(project / "site")
    (project / "journeys" / "touchpoints" / "webshop.yml").write_text("name: Webshop\ncategory: chekout\n",
                                                                      encoding="utf-8")
    result = run(["journeybook", "build"], project)
    assert result.returncode == 1
    assert "unknown category 'chekout' (did you mean 'checkout'?)" in result.stdout
    assert digest(project / "site") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".jb-")]


# A MkDocs hook of the test project (not of journeybook): the build kills itself,
# with no chance to clean up, once a page of the new site has been written into the
# folder it is publishing from, and before the next one is.
KILL_WHILE_PUBLISHING = """\
import os
import signal
from pathlib import Path


def on_post_page(output, page, config):
    if any(Path(config.site_dir).rglob("*.html")):
        os.kill(os.getpid(), signal.SIGKILL)
    return output
"""


def test_killed_build_leaves_the_old_site(tmp_path: Path) -> None:
    project = write(tmp_path / "p", MINIMAL)
    assert run(["journeybook", "build"], project).returncode == 0
    before = digest(project / "site")
    write(project, {"content/index.md": "# Tiny\n\nHello again.\n", "kill_hook.py": KILL_WHILE_PUBLISHING})
    config = project / "mkdocs.yml"
    config.write_text(MINIMAL["mkdocs.yml"] + "hooks:\n  - kill_hook.py\n", encoding="utf-8")

    killed = run(["journeybook", "build"], project)

    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert digest(project / "site") == before
    (partial,) = [p for p in project.iterdir() if p.name.startswith(".jb-build-site-")]
    assert list(partial.rglob("*.html")), "killed before the new site had a page"
    # the next build clears the leftovers and publishes
    config.write_text(MINIMAL["mkdocs.yml"], encoding="utf-8")
    assert run(["journeybook", "build"], project).returncode == 0
    assert not [p for p in project.iterdir() if p.name.startswith(".jb-")]
    assert "Hello again." in (project / "site" / "index.html").read_text(encoding="utf-8")


# The same, killed in the swap: after the old site is moved aside, as the new one is renamed into its place
# (an audit hook sees the rename before it happens).
KILL_WHILE_SWAPPING = """\
import os
import signal
import sys


def _kill_at_swap(event, args):
    if event == "os.rename" and os.path.basename(os.fspath(args[0])).startswith(".jb-build-site-"):
        os.kill(os.getpid(), signal.SIGKILL)


sys.addaudithook(_kill_at_swap)
"""


def test_a_build_killed_in_the_swap_leaves_the_old_site_to_the_next_build(tmp_path: Path) -> None:
    project = write(tmp_path / "p", MINIMAL)
    assert run(["journeybook", "build"], project).returncode == 0
    before = digest(project / "site")
    write(project, {"content/index.md": "# Tiny\n\nHello again.\n", "kill_hook.py": KILL_WHILE_SWAPPING})
    config = project / "mkdocs.yml"
    config.write_text(MINIMAL["mkdocs.yml"] + "hooks:\n  - kill_hook.py\n", encoding="utf-8")

    killed = run(["journeybook", "build"], project)

    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    (aside,) = [p for p in project.iterdir() if p.name.startswith(".jb-old-site-")]
    assert digest(aside / "site") == before
    # the next build is refused for its data, and the old site is back in its place
    config.write_text(MINIMAL["mkdocs.yml"], encoding="utf-8")
    webshop = project / "journeys" / "touchpoints" / "webshop.yml"
    webshop.write_text("name: Webshop\ncategory: chekout\n", encoding="utf-8")
    assert run(["journeybook", "build"], project).returncode == 1
    assert digest(project / "site") == before
    # and the one after that publishes, leaving nothing behind
    write(project, {"journeys/touchpoints/webshop.yml": MINIMAL["journeys/touchpoints/webshop.yml"]})
    assert run(["journeybook", "build"], project).returncode == 0
    assert not [p for p in project.iterdir() if p.name.startswith(".jb-")]
    assert "Hello again." in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_output_does_not_depend_on_listing_order(tmp_path: Path) -> None:
    one = copy_sample(tmp_path / "one")
    two = tmp_path / "two"
    for src in sorted(one.rglob("*"), reverse=True):  # create files in the opposite order
        target = two / src.relative_to(one)
        if src.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(src.read_bytes())
    assert mkdocs_build(one).returncode == 0
    assert mkdocs_build(two).returncode == 0
    assert digest(one / "site") == digest(two / "site")


def test_the_users_own_nav_is_kept(tmp_path: Path) -> None:
    files = dict(MINIMAL)
    files["content/about.md"] = "# About us\n"
    files["mkdocs.yml"] = MINIMAL["mkdocs.yml"].replace(
        "  name: material\n", "  name: material\n  features: [navigation.tabs]\n",
    ) + "nav:\n  - Start: index.md\n  - About us: about.md\n"
    project = write(tmp_path, files)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    html = parse_file(project / "site" / "journeys" / "bike" / "index.html")
    tabs = [" ".join(el.text.split()) for el in html.has_class("md-tabs__link")]
    assert tabs[:2] == ["Start", "About us"]
    assert tabs[2:] == ["Journeys", "Personas", "Touchpoints", "Sources"]
