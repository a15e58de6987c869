"""A Python-Markdown extension that gives a generated page its table of contents under Zensical.

Zensical builds the table of contents from ``md.toc_tokens``; the toc extension
finds no heading in a page that is one raw HTML block, so it leaves that empty.
A staged page names its headings (the core's ``PageSpec.toc``) on its first
line, in a comment this extension removes; once the raw HTML is back in place it
fills ``md.toc_tokens`` with them. Pages without that line are left alone.

Zensical imports it by name from ``markdown_extensions``
(``journeybook.engines.zensical.toc``).
"""

from __future__ import annotations

import html
import json
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

MARK = "<!-- journeybook-toc "
END = " -->"


def toc_line(toc: tuple[tuple[int, str, str], ...]) -> str:
    """The line a staged page starts with: its headings as ``[level, id, title]``."""
    return MARK + json.dumps([list(entry) for entry in toc], ensure_ascii=False).replace("--", "-\\u002d") + END


def tokens(toc: list[list[Any]]) -> list[dict[str, Any]]:
    """Python-Markdown's toc tokens (nested by level), with the keys Zensical reads."""
    out: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, title in toc:
        name = html.escape(str(title))
        token = {"level": int(level), "id": str(anchor), "name": name, "html": name, "data-toc-label": "",
                 "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else out).append(token)
        stack.append(token)
    return out


class _Read(Preprocessor):
    def __init__(self, md: Markdown, found: dict[int, list[dict[str, Any]]]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, lines: list[str]) -> list[str]:
        self.found.pop(id(self.md), None)
        for index, line in enumerate(lines[:3]):  # front matter is gone by now: the mark is the first line
            if line.startswith(MARK) and line.endswith(END):
                self.found[id(self.md)] = tokens(json.loads(line[len(MARK):-len(END)]))
                return lines[:index] + lines[index + 1:]
        return lines


class _Fill(Postprocessor):
    def __init__(self, md: Markdown, found: dict[int, list[dict[str, Any]]]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, text: str) -> str:
        found = self.found.get(id(self.md))  # (kept: the toc extension runs postprocessors on heading texts too)
        if found is not None:
            self.md.toc_tokens = found  # type: ignore[attr-defined]
        return text


class JourneybookTocExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        found: dict[int, list[dict[str, Any]]] = {}
        md.preprocessors.register(_Read(md, found), "journeybook_toc", 40)  # before the raw HTML is stashed (30)
        md.postprocessors.register(_Fill(md, found), "journeybook_toc", 5)  # after it is restored (30)


def makeExtension(**kwargs: Any) -> JourneybookTocExtension:
    return JourneybookTocExtension(**kwargs)
