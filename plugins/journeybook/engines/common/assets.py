"""The files journeybook adds to every site it builds, and the folder of the site they go to.

Named here, apart from the code that adds them (:mod:`.files`) and the code that links them in the
theme (:mod:`.theme`), so neither imports the other for a name.
"""

from __future__ import annotations

ASSETS = ("journeybook.css", "journeybook.js")
MATERIAL_FIXES = ("material-fixes.css", "material-fixes.js")  # the option `material_fixes`
ASSET_URI = "assets/journeybook/"


def assets(material_fixes: bool) -> tuple[str, ...]:
    return ASSETS + MATERIAL_FIXES if material_fixes else ASSETS
