"""journeybook's own CSS and JS as they ship: minified (rcssmin, rjsmin), comments and all gone.

The sources in ``assets/`` stay readable; a build writes the minified copies.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin  # type: ignore[import-untyped]  # no type hints shipped
import rjsmin  # type: ignore[import-untyped]

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"


def minified(name: str) -> str:
    """The minified text of ``assets/<name>`` (a ``.css`` or ``.js`` file)."""
    text = (ASSETS_DIR / name).read_text(encoding="utf-8")
    if name.endswith(".css"):
        return str(rcssmin.cssmin(text)) + "\n"
    if name.endswith(".js"):
        return str(rjsmin.jsmin(text)) + "\n"
    raise ValueError(f"not a CSS or JS file: {name}")
