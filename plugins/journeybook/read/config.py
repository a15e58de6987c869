"""Read the few settings the core needs from ``mkdocs.yml``, without importing MkDocs.

``journeybook validate`` and ``new`` must work where MkDocs is not the builder,
so this reads ``docs_dir``, ``site_name``, ``theme.language`` and the
``journeybook`` plugin options, following ``INHERIT``. Unknown YAML tags (such
as ``!!python/name:`` or ``!ENV``) are read as plain values.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..errors import ERROR, Problem
from ..options import NAMES, Options, unknown_option
from .project import Project

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class _Lenient(yaml.SafeLoader):
    pass


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


_Lenient.add_multi_constructor("", _any_tag)
_Lenient.add_multi_constructor("!", _any_tag)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def read_config(path: Path, depth: int = 0) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient) or {}  # noqa: S506 (_Lenient is a SafeLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 5:
        data = _deep_merge(read_config((path.parent / parent).resolve(), depth + 1), data)
    return data


def plugin_options(config: dict[str, Any], name: str = "journeybook") -> dict[str, Any]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        if isinstance(entry, dict) and name in entry:
            found = entry[name]
            return dict(found) if isinstance(found, dict) else {}
    return {}


def i18n_languages(config: dict[str, Any]) -> tuple[str | None, list[str]]:
    """mkdocs-static-i18n's default language, and the further languages it builds."""
    default, others = None, []
    for entry in plugin_options(config, "i18n").get("languages") or []:
        if not isinstance(entry, dict) or not entry.get("locale"):
            continue
        if entry.get("default"):
            default = str(entry["locale"])
        elif entry.get("build", True) is not False:
            others.append(str(entry["locale"]))
    return default, others


def option_problems(config_file: Path, root: Path, depth: int = 0) -> list[Problem]:
    """Unknown options of the journeybook plugin, located in ``config_file`` and the files it INHERITs."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_Lenient)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []
    problems: list[Problem] = []
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode) and depth < 5:
            problems += option_problems((config_file.parent / value.value).resolve(), root, depth + 1)
        is_list = isinstance(value, (yaml.SequenceNode, yaml.MappingNode))
        entries = value.value if key.value == "plugins" and is_list else []
        for entry in entries:
            pairs = entry.value if isinstance(entry, yaml.MappingNode) else [entry] if isinstance(entry, tuple) else []
            for name, options in pairs:
                ours = name.value == "journeybook" and isinstance(options, yaml.MappingNode)
                for option, _ in options.value if ours else []:
                    if option.value not in NAMES:
                        mark = option.start_mark
                        path = Path(os.path.relpath(config_file, root)).as_posix()
                        message = unknown_option(option.value)
                        problems.append(Problem(path, mark.line + 1, mark.column + 1, ERROR, message))
    return problems


def project_from_config(root: Path, config_file: Path | None = None, client: str | None = None) -> Project:
    """A :class:`Project` for ``root`` from its mkdocs.yml (defaults where there is none)."""
    root = root.resolve()
    config_file = config_file or find_config(root)
    config = read_config(config_file) if config_file else {}
    options = plugin_options(config)
    theme = config.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    return Project(
        root=root,
        data_dir=str(options.get("data_dir") or Options.data_dir),
        clients_dir=str(options.get("clients_dir") or Options.clients_dir),
        docs_dir=str(config.get("docs_dir") or "docs") if config_file else "content",
        site_name=str(config.get("site_name") or "Playbook"),
        language=str(theme.get("language") or "en"),
        client=client if client is not None else options.get("client"),
        base_language=i18n_languages(config)[0],
    )
