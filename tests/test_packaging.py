"""The installed package carries every data file it reads (templates, locales, starters, ...)."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "journeybook"


def test_every_data_file_is_declared_as_package_data() -> None:
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["journeybook"]
    declared = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    data = {p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")}
    assert sorted(p.relative_to(PACKAGE).as_posix() for p in data - declared) == []
