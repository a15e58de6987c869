"""The plugin's options are declared once; `journeybook validate` locates unknown ones in mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import MKDOCS_YML, REPO_DIR, minimal_project
from journeybook import cli
from journeybook.options import NAMES, Options, declared, options_of


@pytest.mark.parametrize(("plugins", "where"), [
    ("plugins:\n  - search\n  - journeybook:\n      data_dir: journeys\n      data-dir: journeys\n", "mkdocs.yml:9:7"),
    ("plugins:\n  search: {}\n  journeybook:\n    data-dir: journeys\n", "mkdocs.yml:8:5"),
])
def test_validate_locates_an_unknown_plugin_option(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   plugins: str, where: str) -> None:
    config = MKDOCS_YML.replace("plugins:\n  - search\n  - journeybook\n", plugins)
    project = minimal_project(tmp_path, {"mkdocs.yml": config})
    assert cli.main(["validate", str(project)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{where}: error: unknown option 'data-dir' for the journeybook plugin (did you mean 'data_dir'?)",
        "1 error.",
    ]


def test_validate_locates_an_unknown_option_in_an_inherited_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = MKDOCS_YML.replace("  - journeybook\n", "  - journeybook:\n      nav_max: 3\n")
    project = minimal_project(tmp_path, {"base.yml": base, "mkdocs.yml": "INHERIT: base.yml\n"})
    assert cli.main(["validate", str(project)]) == 1
    assert "base.yml:8:7: error: unknown option 'nav_max' for the journeybook plugin (did you mean 'nav_max_items'?)" \
        in capsys.readouterr().out


def test_known_options_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = [("data_dir", "journeys"), ("material_fixes", True), ("nav_max_items", 5), ("edit_root", "blob/x/")]
    options = "".join(f"      {name}: {value!r}\n" for name, value in values)
    config = MKDOCS_YML.replace("  - journeybook\n", "  - journeybook:\n" + options)
    project = minimal_project(tmp_path, {"mkdocs.yml": config})
    assert cli.main(["validate", str(project)]) == 0, capsys.readouterr().out


def test_mkdocs_config_is_derived_from_the_declaration() -> None:
    from journeybook.engines.mkdocs import JourneybookConfig

    schema = dict(JourneybookConfig._schema)
    assert tuple(schema) == NAMES
    config = JourneybookConfig()
    config.load_dict({})
    errors, warnings = config.validate()
    assert not errors and not warnings
    assert options_of({name: config[name] for name in NAMES}) == Options()
    assert [d[:3] for d in declared()] == [
        ("data_dir", str, False), ("clients_dir", str, False), ("client", str, True),
        ("edit_root", str, True), ("nav_max_items", int, False), ("material_fixes", bool, False),
        ("base_only", tuple, False),
    ]
    config.load_dict({"base_only": ["about.md", "for-editors/"]})
    assert not any(config.validate())
    assert options_of({name: config[name] for name in NAMES}).base_only == ("about.md", "for-editors/")
    config.load_dict({"base_only": "about.md"})
    assert config.validate()[0], "a single string is not a list of patterns"


def test_readme_documents_every_option() -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    assert [name for name in NAMES if f"{name}:" not in readme] == []
