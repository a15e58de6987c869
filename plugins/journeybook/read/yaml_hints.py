"""Parser errors reworded for editors: the one place that reads the parsers' English.

PyYAML's two parsers (libyaml and the pure-Python one) word the same mistake
differently, and neither says what to do about it. Every test of their message
text (``problem``, ``context``) lives here and nowhere else, so a PyYAML or
libyaml release that rewords a message touches this module only; the tests in
``tests/test_loader.py`` run every hint against both parsers.

A hint is ``(line, col, message)``; :mod:`journeybook.read.yamlpos` raises it as a
``LoadError``.
"""

from __future__ import annotations

import re

import yaml

from .textpos import Lines, index_pos

Hint = tuple[int, int, str]  # (line, col, message), 1-based


def yaml_hint(exc: yaml.MarkedYAMLError, text: str) -> Hint:
    """Where a parser error is, and what the editor should do about it."""
    lines = Lines(text)
    mark = exc.problem_mark or exc.context_mark
    line, col = lines.pos(mark) if mark else (1, 1)
    opened = lines.pos(exc.context_mark) if exc.context_mark else (line, col)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    src = lines.source_line(line)
    if "\t" in src[: max(col, 1)] or ("cannot start any token" in problem and src[col - 1 : col] == "\t"):
        return line, col, "tab character in indentation: YAML indents with spaces only"
    if problem.startswith("mapping values are not allowed"):
        head = src[: col - 1]
        if re.match(r"^\s*(- )?[^\s#'\"][^:#]*:\s+\S", head):
            return line, col, ("unquoted ': ' inside text; put the whole text in quotes, "
                               "e.g. key: \"Moment of truth: no surprises\"")
        return line, col, "unexpected ':' here; check the indentation of this line, or quote the text"
    if "sequence entries are not allowed" in problem:  # libyaml says "block sequence entries"
        return line, col, ("a '- ' list entry cannot start here; put the text in quotes, "
                           "or start the list on the next line")
    if "scanning an alias" in context or "scanning an anchor" in context:
        char = "*" if "alias" in context else "&"
        return *opened, (f"text that starts with '{char}' must be put in quotes ('{char}' starts a YAML "
                         f"{'alias' if char == '*' else 'anchor'})")
    if "flow sequence" in context:
        return line, col, f"unclosed '[' (opened at line {opened[0]}): expected ',' or ']'"
    if "flow mapping" in context:
        return line, col, f"unclosed '{{' (opened at line {opened[0]}): expected ',' or '}}'"
    if "quoted scalar" in context and "escape" in problem or "hexdecimal" in problem:
        backslash = src.rfind("\\", 0, col)  # the parsers point at, or past, the backslash
        col = backslash + 1 if backslash >= 0 else col
        return line, col, ("unknown escape sequence in double-quoted text: write '\\\\' for a "
                           "backslash, or put the text in single quotes")
    if "quoted scalar" in context:
        return *opened, "unclosed quote: the text never ends with a matching quote"
    if problem.startswith("could not find expected ':'") and exc.context_mark:
        return *opened, ("expected 'key: value' on this line; indent it further to continue the text above, "
                         "or add the missing key")
    if problem.startswith("expected <block end>") and "block collection" in context:  # pure-Python parser
        problem = "did not find expected '-' indicator"
    elif problem.startswith("expected <block end>"):
        problem = "did not find expected key"
    if problem.startswith("did not find expected key"):
        return line, col, ("unexpected text here: check the indentation of this line, and put text "
                           "that starts with a quote or a bracket in quotes")
    if problem.startswith("did not find expected '-' indicator"):
        return line, col, "expected a list entry ('- ...') here: check the indentation of this line"
    if "cannot start any token" in problem:
        char = src[col - 1 : col]
        return line, col, f"the character {char!r} cannot start a value here; put the text in quotes"
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    return line, col, " ".join(message.split())


def reader_hint(exc: yaml.reader.ReaderError, text: str) -> Hint:
    """A character YAML does not allow (control characters, U+FFFE, ...)."""
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    index = text.find(char)
    if index < 0:
        index = min(max(exc.position, 0), len(text))
    line, col = index_pos(text, index)
    return line, col, (f"the file contains the control character U+{ord(char):04X}, which YAML does "
                       "not allow; remove it")
