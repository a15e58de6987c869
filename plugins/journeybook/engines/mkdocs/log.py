"""The one logger of the MkDocs adapter: messages read ``journeybook: ...``."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("journeybook")
