"""Exchange untranslated texts with translators as gettext PO files (with polib).

``journeybook translations LANG --export FILE.po`` writes one entry per text
a guide shows untranslated: the text as written (``msgid``), where it is
(``msgctxt``: the file and the place in it, list items named by id), and the
line as a reference. ``--import FILE.po`` writes every translated entry
(not fuzzy, not obsolete) into the translation file beside the text's file,
``<name>.<lang>.yml``, creating it or adding to it. An entry whose text
changed since the export is skipped and reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polib
import yaml

from ..errors import ERROR, WARNING, Problem
from ..read.project import Text
from ..read.yamlpos import LoadError, decode, parse
from .coverage import translation_name


def export_po(texts: list[Text], lang: str, path: Path) -> int:
    """Write the untranslated ``texts`` as a PO file for ``lang``; the number of entries."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "journeybook",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    count = 0
    for text in texts:
        if text.translated:
            continue
        comment = "A label and its text: translate both, keep the ': ' between them." if text.whole != text.pointer \
            and isinstance(text.pointer[-1], str) else ""
        po.append(polib.POEntry(msgctxt=text.context, msgid=text.text, msgstr="",
                                occurrences=[(text.source, str(text.line))], comment=comment))
        count += 1
    po.save(str(path))
    return count


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _plain(value: Any) -> Any:
    """Parsed data as plain Python values (the loader's text subclasses become ``str``)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return None if value is None else str(value) if isinstance(value, str) else value


def _put(node: Any, segments: list[Any], value: Any) -> None:
    """Set ``value`` at ``segments`` inside ``node``.

    Segments are keys, list items named ``{"id": ...}`` or ``{"ref": ...}``, or positions ``{"at", "of"}``.
    """
    segment, rest = segments[0], segments[1:]
    if isinstance(segment, str):
        if not rest:
            node[segment] = value
            return
        if not isinstance(node.get(segment), (dict, list)):
            node[segment] = [] if isinstance(rest[0], dict) else {}
        _put(node[segment], rest, value)
    elif "at" not in segment:
        (name, key), = segment.items()
        item = next((i for i in node if isinstance(i, dict) and str(i.get(name)) == key), None)
        if item is None:
            item = {name: key}
            node.append(item)
        _put(item, rest, value)
    else:
        node.extend([None] * (segment["of"] - len(node)))
        if not rest:
            node[segment["at"]] = value
            return
        if not isinstance(node[segment["at"]], (dict, list)):
            node[segment["at"]] = [] if isinstance(rest[0], dict) else {}
        _put(node[segment["at"]], rest, value)


def _unit(texts: list[Text], done: dict[str, str]) -> Any:
    """The value a translation replaces: one text, or a whole list of texts or label mapping."""
    if len(texts) == 1 and texts[0].whole == texts[0].pointer:
        return done[texts[0].context]
    if isinstance(texts[0].pointer[-1], str):  # a mapping of labels to text: "label: text"
        pairs = [done.get(t.context, t.text).split(": ", 1) for t in texts]
        return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}
    return [done.get(t.context, t.text) for t in texts]


def _read_existing(path: Path, shown: str) -> tuple[dict[str, Any], list[Problem]]:
    if not path.is_file():
        return {}, []
    try:
        data = parse(decode(path.read_bytes()), shown).data
    except LoadError as exc:
        return {}, [Problem(shown, exc.line, exc.col, ERROR, f"{exc.message}; not changed")]
    return (_plain(data) if isinstance(data, dict) else {}), []


def import_po(path: Path, texts: list[Text], lang: str, root: Path) -> tuple[list[str], list[Problem]]:
    """Write the translated entries of the PO file into translation files; (files written, problems)."""
    po = polib.pofile(str(path))
    shown_po = path.name
    by_context = {t.context: t for t in texts if not t.translated}
    done: dict[str, str] = {}
    problems: list[Problem] = []
    for entry in po.translated_entries():
        text = by_context.get(entry.msgctxt or "")
        if text is None or text.text != entry.msgid:
            line = entry.linenum if isinstance(entry.linenum, int) else 1
            problems.append(Problem(shown_po, line, 1, WARNING,
                                    "skipped: the text changed or was translated since the export "
                                    f"({entry.msgctxt})"))
            continue
        done[text.context] = entry.msgstr
    units: dict[tuple[str, tuple[Any, ...]], list[Text]] = {}
    for text in texts:
        if text.context in done or (not text.translated and text.whole != text.pointer):
            units.setdefault((text.source, text.whole), []).append(text)
    written: list[str] = []
    trees: dict[str, dict[str, Any]] = {}
    broken: set[str] = set()
    for (source, whole), members in units.items():
        target = translation_name(source, lang)
        if target in broken or not any(t.context in done for t in members):
            continue
        if target not in trees:
            trees[target], found = _read_existing(root / target, target)
            problems += found
            if found:
                broken.add(target)
                continue
        context = members[0].context
        segments = json.loads(context[context.index(" [") + 1:])[: len(whole)]
        _put(trees[target], segments, _unit(members, done))
    for target, tree in sorted(trees.items()):
        if target in broken or not tree:
            continue
        header = "" if (root / target).is_file() else (
            f"# Translation ({lang}) of {target.rsplit('/', 1)[-1].split('.')[0]}: "
            "texts only, list items named by id.\n")
        body = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        (root / target).write_text(header + body, encoding="utf-8")
        written.append(target)
    return written, problems
