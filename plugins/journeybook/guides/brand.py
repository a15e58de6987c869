"""``{{ brand.<key> }}`` in text: the values, and a sandbox that can read them and nothing else."""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..check.schema import SCHEMAS, walk
from ..check.validate import did_you_mean
from ..errors import ERROR, Problem
from ..model.ids import quoted
from ..read.files import Documents
from ..read.project import Project
from ..read.yamlpos import Document, Pointer

MAX_TEMPLATE_OUTPUT = 10_000


class _BrandEnvironment(ImmutableSandboxedEnvironment):
    """Text can read ``brand.<key>`` and nothing else: no operators, filters, tests or calls
    (``brand.name.center(10**9)`` would otherwise allocate gigabytes)."""

    intercepted_binops = frozenset({"*", "**", "+", "-", "/", "//", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"the operator '{operator}' is not allowed")

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        raise SecurityError("calls are not allowed")


_ENV = _BrandEnvironment(undefined=StrictUndefined, autoescape=False)
_ENV.globals.clear()
_ENV.filters.clear()
_ENV.tests.clear()
_ONLY_BRAND = "only {{ brand.<key> }} can be used in text"


def _template_message(exc: Exception, brand: dict[str, str]) -> str:
    known = ", ".join(f"brand.{k}" for k in sorted(brand))
    if isinstance(exc, UndefinedError):
        attribute = re.search(r"has no attribute '([^']*)'", str(exc))
        if attribute:
            name = f"brand.{attribute.group(1)}"
            hint = did_you_mean(name, [f"brand.{k}" for k in brand])
            return f"unknown variable {quoted(name)}{hint}; known variables: {known}"
        undefined = re.search(r"'([^']*)' is undefined", str(exc))
        if undefined:
            return f"unknown variable {quoted(undefined.group(1))}: {_ONLY_BRAND}; known variables: {known}"
    reason = " ".join(str(getattr(exc, "message", None) or exc).split()).rstrip(".")
    if isinstance(exc, TemplateSyntaxError) and reason.startswith("No filter named"):
        reason = "filters such as '|upper' are not allowed"
    elif isinstance(exc, TemplateSyntaxError):
        reason = f"cannot read the '{{{{ ... }}}}' in this text: {reason}"
    return f"{_ONLY_BRAND} ({reason}); known variables: {known}"


def render_brand(doc: Document, kind: str, brand: dict[str, str]) -> tuple[Document, list[Problem]]:
    """``{{ brand.<key> }}`` filled in: a new document when any text had variables, else ``doc``."""
    problems: list[Problem] = []
    filled: list[tuple[Pointer, str]] = []
    for pointer, _schema, value in list(walk(doc.data, SCHEMAS[kind])):
        if not isinstance(value, str) or ("{{" not in value and "{%" not in value and "{#" not in value):
            continue
        line, col = doc.pos(pointer)
        where = doc.path_of(pointer)
        if "{%" in value:
            problems.append(Problem(where, line, col, ERROR,
                                    "only {{ brand.<key> }} is allowed in text, not {% ... %}"))
            continue
        try:
            out = _ENV.from_string(value).render(brand=brand)
        except (TemplateError, SecurityError, TypeError, ValueError, OverflowError, RecursionError) as exc:
            problems.append(Problem(where, line, col, ERROR, _template_message(exc, brand)))
            continue
        if len(out) > MAX_TEMPLATE_OUTPUT:
            problems.append(Problem(where, line, col, ERROR, "text with variables filled in is too long"))
            continue
        filled.append((pointer, type(value)(out)))
    if not filled:
        return doc, problems
    new = dataclasses.replace(doc, data=copy.deepcopy(doc.data))
    for pointer, value in filled:
        _set(new.data, pointer, value)
    return new, problems


def _set(data: Any, pointer: Pointer, value: Any) -> None:
    for part in pointer[:-1]:
        data = data[part]
    data[pointer[-1]] = value


def brand_of(project: Project, files: Documents, client_doc: Document | None) -> dict[str, str]:
    pdata = files.playbook.data if files.playbook is not None and isinstance(files.playbook.data, dict) else {}
    brand = {"name": str(pdata.get("title") or project.site_name)}
    if client_doc is not None and isinstance(client_doc.data, dict):
        cdata = client_doc.data
        if isinstance(cdata.get("vars"), dict):
            brand.update({str(k): str(v) for k, v in cdata["vars"].items() if isinstance(v, str)})
        if isinstance(cdata.get("name"), str):
            brand["name"] = cdata["name"]
    return brand

