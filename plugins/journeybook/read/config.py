"""Read the few settings the core needs from ``mkdocs.yml``, without importing MkDocs.

``journeybook validate`` and ``new`` must work where MkDocs is not the builder,
so this reads ``docs_dir``, ``site_name``, ``theme.language`` and the
``journeybook`` plugin options, following ``INHERIT``. Unknown YAML tags (such
as ``!!python/name:`` or ``!ENV``) are read as plain values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ERROR, Problem
from ..options import ENABLED, NAMES, Options, unknown_option, wrong_item, wrong_type
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
# the options' check composes nodes (tags need no constructor) and reads untagged values only: libyaml where there is
_Composer: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


Where = tuple[str, yaml.Node, yaml.Node]  # an option as written: (file, its name's node, its value's node)


@dataclass
class _InEffect:
    """The journeybook plugin's options in effect as one config file sets them (with what it INHERITs)."""

    mapping: bool  # `plugins:` is a mapping (merged into an inherited mapping key by key) rather than a list
    listed: bool = False  # the plugin is in `plugins:`
    options: list[Where] = field(default_factory=list)
    merges: bool = True  # its options are a mapping (or none): they merge into inherited ones
    problems: list[Problem] = field(default_factory=list)  # options that are not a mapping


def _at(path: str, node: yaml.Node, message: str) -> Problem:
    return Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, ERROR, message)


def _own(plugins: yaml.Node, path: str) -> _InEffect:
    """The plugin's options in one file's ``plugins:`` node (a list of entries, or a mapping)."""
    found = _InEffect(mapping=isinstance(plugins, yaml.MappingNode))
    entries = plugins.value if isinstance(plugins, (yaml.SequenceNode, yaml.MappingNode)) else []
    for entry in entries:
        pairs = entry.value if isinstance(entry, yaml.MappingNode) else [entry] if isinstance(entry, tuple) else []
        if isinstance(entry, yaml.ScalarNode) and entry.value == "journeybook":
            found.listed = True
        for name, options in pairs:
            if name.value != "journeybook":
                continue
            found.listed = True
            if isinstance(options, yaml.MappingNode):
                found.options += [(path, option, value) for option, value in options.value]
            elif not (isinstance(options, yaml.ScalarNode) and options.tag.endswith(":null")):
                found.merges = False
                found.problems.append(_at(path, options, "the options of the journeybook plugin should be a mapping "
                                                         "(option: value lines), not " + _kind_of_node(options)))
    return found


def _kind_of_node(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else f"the value '{node.value}'"


def _in_effect(config_file: Path, root: Path, depth: int = 0) -> _InEffect | None:
    """The options MkDocs reads, where they are written: a file's ``plugins:`` replaces an inherited
    list, and merges into an inherited mapping (its options into the inherited ones, by name)."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_Composer)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    inherited, plugins = None, None
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode) and depth < 5:
            inherited = _in_effect((config_file.parent / value.value).resolve(), root, depth + 1)
        elif key.value == "plugins":
            plugins = value
    if plugins is None:
        return inherited
    own = _own(plugins, Path(os.path.relpath(config_file, root)).as_posix())
    if not (own.mapping and inherited is not None and inherited.mapping):
        return own
    if not own.listed:
        return inherited
    if own.merges and inherited.merges:
        names = {option.value for _, option, _ in own.options}
        own.options = [o for o in inherited.options if o[1].value not in names] + own.options
    return own


def _standard(node: yaml.Node) -> bool:
    """Not tagged by the user (``!ENV``, ``!relative``, ...): what YAML reads is what MkDocs gets."""
    return node.tag.startswith("tag:yaml.org,2002:") and not node.tag.startswith("tag:yaml.org,2002:python/")


def _value(loader: yaml.SafeLoader, node: yaml.Node) -> tuple[bool, Any, str | None]:
    """(readable, the value YAML reads, the text of a plain scalar); not readable: tagged, here or within."""
    if not _standard(node):
        return False, None, None
    plain = node.value if isinstance(node, yaml.ScalarNode) and not node.style else None  # libyaml: '', else None
    try:
        return True, loader.construct_object(node, deep=True), plain
    except (ValueError, TypeError, yaml.YAMLError):
        return False, None, plain


def option_findings(config_file: Path, root: Path) -> list[tuple[str, Problem]]:
    """(option name, problem) of every journeybook option in effect that is unknown or of the wrong type,
    located where it is written: ``config_file`` or a file it INHERITs. A structural problem has no name."""
    found = _in_effect(config_file, root)
    if found is None:
        return []
    out: list[tuple[str, Problem]] = [("", problem) for problem in found.problems]
    loader = _Composer("")
    for path, option, node in found.options:
        name = option.value
        if name not in NAMES and name != ENABLED:
            out.append((name, _at(path, option, unknown_option(name))))
            continue
        readable, value, plain = _value(loader, node)
        if not readable:
            continue
        message = wrong_type(name, value, plain)
        if message:
            out.append((name, _at(path, node, message)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                readable, value, plain = _value(loader, item)
                message = wrong_item(name, index, value, plain) if readable else None
                if message:
                    out.append((name, _at(path, item, message)))
    loader.dispose()
    return out


def option_problems(config_file: Path, root: Path) -> list[Problem]:
    """Unknown options of the journeybook plugin, and values of the wrong type, located in ``config_file``
    and the files it INHERITs (the paths relative to ``root``)."""
    return [problem for _, problem in option_findings(config_file, root)]


def client_folder(folder: Path, clients_dir: str) -> tuple[Path, str] | None:
    """(the project root, the client id) when ``folder`` is a client's own folder, ``<root>/<clients_dir>/<id>``
    with its ``client.yml``: its ``mkdocs.yml`` (which INHERITs the base's) builds that client's guide."""
    folder = folder.resolve()
    depth = len(Path(clients_dir).parts)  # clients_dir may be nested: sites/clients
    if Path(clients_dir).is_absolute() or ".." in Path(clients_dir).parts or depth >= len(folder.parents):
        return None
    root = folder.parents[depth]
    if (folder / "client.yml").is_file() and (root / clients_dir).resolve() == folder.parent:
        return root, folder.name
    return None


def project_from_config(root: Path, config_file: Path | None = None, client: str | None = None,
                        guides: bool = True) -> Project:
    """A :class:`Project` for ``root`` from its mkdocs.yml (defaults where there is none); with ``guides``,
    the mkdocs.yml of a client's own folder (:func:`client_folder`) is that client's guide in its project."""
    root = root.resolve()
    config_file = config_file or find_config(root)
    config = read_config(config_file) if config_file else {}
    options = {name: value for name, value in plugin_options(config).items()  # a wrong type is reported by
               if name in NAMES and wrong_type(name, value) is None}     # option_problems: the default here
    theme = config.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    clients_dir = str(options.get("clients_dir") or Options.clients_dir)
    docs_dir = str(config.get("docs_dir") or "docs") if config_file else "content"
    own = client_folder(root, clients_dir) if guides and config_file and config_file.resolve().parent == root \
        else None
    if own is not None:  # docs_dir is written from the client's folder; the project's paths from the root
        docs = (root / docs_dir).resolve()
        root, client = own[0], client or options.get("client") or own[1]
        docs_dir = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
    return Project(
        root=root,
        data_dir=str(options.get("data_dir") or Options.data_dir),
        clients_dir=clients_dir,
        docs_dir=docs_dir,
        site_name=str(config.get("site_name") or "Playbook"),
        language=str(theme.get("language") or "en"),
        client=client if client is not None else options.get("client"),
        base_language=i18n_languages(config)[0],
    )
