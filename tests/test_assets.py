"""journeybook's own CSS and JS as a built site ships them: minified, the scripts
deferred, nothing render-blocking added, and small (≤ 20 KB gzipped together)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from journeybook.render.minify import ASSETS_DIR, minified

BUDGET = 20 * 1024  # bytes, gzipped, all of journeybook's CSS and JS together


def built_assets(site: Path) -> dict[str, bytes]:
    folder = site / "assets" / "journeybook"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".css", ".js")}


def test_own_css_and_js_fit_the_budget(sample_site: Path) -> None:
    assets = built_assets(sample_site)
    assert {"journeybook.css", "journeybook.js"} <= set(assets)
    total = sum(len(gzip.compress(data, 9)) for data in assets.values())
    assert total <= BUDGET, f"journeybook's CSS and JS are {total} bytes gzipped (budget {BUDGET})"


def test_built_assets_are_minified(sample_site: Path) -> None:
    for name, data in built_assets(sample_site).items():
        source = (ASSETS_DIR / name).read_bytes()
        text = data.decode("utf-8")
        assert len(data) < 0.8 * len(source), f"{name} is not minified: {len(data)} of {len(source)} bytes"
        assert "/*" not in text, f"{name} still has comments"
        assert not re.search(r"\n[ \t]", text), f"{name} still has its indentation"


def test_scripts_are_deferred_and_nothing_else_blocks(sample_site: Path) -> None:
    html = (sample_site / "touchpoints" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script\b[^>]*\bsrc="[^"]*assets/journeybook/[^"]+"[^>]*>', html)
    assert len(scripts) == 2, scripts  # journeybook.js and material-fixes.js (material_fixes: true)
    for tag in scripts:
        assert re.search(r"\sdefer\b", tag), f"not deferred: {tag}"
    sheets = re.findall(r'<link\b[^>]*href="[^"]*assets/journeybook/([^"]+)"', html)
    assert sorted(sheets) == ["journeybook.css", "material-fixes.css"]


def test_minified_keeps_what_the_css_and_js_say() -> None:
    css = minified("journeybook.css")
    assert "@page jb{" in css and "@top-left{" in css  # nested at-rules survive
    assert ".md-typeset .jb-checklist{" in css
    js = minified("journeybook.js")
    assert '"journeybook:"' in js and "\\ufeff" in js  # strings untouched


def test_every_block_of_our_css_is_closed() -> None:
    """A block left open (a merge that lands rules inside the block above) would swallow every rule after it."""
    for path in sorted(ASSETS_DIR.glob("*.css")):
        depth = 0
        text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8"),
                      flags=re.S)  # comments out, their lines kept: the numbers are the file's
        for number, line in enumerate(text.splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path.name}:{number}: a block closed that was never opened"
            if line.startswith((".", "@")):
                assert depth == line.count("{") - line.count("}") or depth == 0, \
                    f"{path.name}:{number}: a rule at the start of a line sits inside an open block"
        assert depth == 0, f"{path.name}: {depth} blocks left open"
