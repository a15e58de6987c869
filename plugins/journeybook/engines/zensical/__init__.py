"""The Zensical adapter: the only package that runs Zensical.

Zensical has no API for third-party Python code, so journeybook drives it from
outside: it loads and checks the playbook with the core, writes the generated
pages as Markdown into a staging folder beside the user's own pages
(:mod:`.stage`), writes a config Zensical reads (:mod:`.config`), has Zensical
build that folder and publishes the result atomically (:mod:`.build`), or
regenerates the pages on every save while ``zensical serve`` serves them
(:mod:`.serve`). A Python-Markdown extension (:mod:`.toc`) gives the generated
pages their table of contents; a template override points "Edit this page" at
the YAML.
"""

from __future__ import annotations

import importlib.util
import sys

TESTED = "0.0.73"  # the Zensical this adapter is tested with (`pip install "journeybook[zensical]"`)


def missing() -> str | None:
    """Why the Zensical engine cannot run here (None: it can)."""
    if importlib.util.find_spec("zensical") is None:
        return 'the zensical engine needs Zensical: pip install "journeybook[zensical]"'
    return None


def require() -> None:
    """Stop with a usage error (exit 2) saying what is missing, where the Zensical engine cannot run."""
    why = missing()
    if why is not None:
        print(f"journeybook: error: {why}", file=sys.stderr)
        raise SystemExit(2)
