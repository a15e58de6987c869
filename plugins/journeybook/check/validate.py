"""Check one parsed file against its JSON Schema and word the problems for editors.

The schemas live in :mod:`journeybook.check.schema`. A plain (unquoted) scalar counts
as the number YAML 1.2 reads where the schema asks for one (so
``emotion: 4.0`` is 4, as it is for an editor's schema check), and as text
everywhere else, so ``8:30``, ``no`` or ``true`` in a text field stay the text
that was written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, cast

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from ..errors import ERROR, Problem
from ..model.ids import quoted
from ..read.yamlpos import Document, Plain, Pointer
from .schema import DATE_PATTERN, HTTPS_PATTERN, ID_PATTERN, SCHEMAS, TEXT_TYPES, is_text

# The YAML 1.2 core schema's numbers (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_NUM_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BASED = {"0o": (re.compile(r"^0o[0-7]+$"), 8), "0x": (re.compile(r"^0x[0-9a-fA-F]+$"), 16)}


def yaml12_number(value: Any) -> int | float | None:
    """The number YAML 1.2 reads in a plain scalar (``4``, ``4.0``, ``0x1f``), or None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if not isinstance(value, Plain):
        return None
    if _INT_RE.match(value):
        return int(value)
    based = _BASED.get(value[:2])
    if based and based[0].match(value):
        return int(value[2:], based[1])
    return float(value) if _NUM_RE.match(value) else None


def as_int(value: Any) -> int | None:
    """The whole number a value stands for (``4.0`` is 4, as in JSON Schema), or None."""
    number = yaml12_number(value)
    if isinstance(number, float):
        return int(number) if number.is_integer() else None
    return number


def _is_integer(_checker: Any, value: Any) -> bool:
    return as_int(value) is not None


def _is_number(_checker: Any, value: Any) -> bool:
    return yaml12_number(value) is not None


def as_bool(value: Any) -> bool | None:
    """``true`` / ``false`` as written in YAML (the loader keeps plain scalars as text)."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(value) if isinstance(value, Plain) else None


def _is_boolean(_checker: Any, value: Any) -> bool:
    return as_bool(value) is not None


def _bound(name: str, compare: Any) -> Any:
    def check(validator: Any, limit: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        number = as_int(instance)
        if number is not None and not compare(number, limit):
            yield ValidationError(f"{name} {limit}")
    return check


_TYPES = Draft202012Validator.TYPE_CHECKER.redefine_many(
    {"integer": _is_integer, "number": _is_number, "boolean": _is_boolean}
)
_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    validators={"minimum": _bound("minimum", lambda n, lim: n >= lim),
                "maximum": _bound("maximum", lambda n, lim: n <= lim)},
    type_checker=_TYPES,
)


@cache
def validator_for(kind: str) -> Any:
    return _Validator(SCHEMAS[kind], format_checker=Draft202012Validator.FORMAT_CHECKER)


# --------------------------------------------------------------------------- wording


def kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    if yaml12_number(value) is not None:
        return f"the number {value}"
    if isinstance(value, str) and not isinstance(value, Plain) and _NUM_RE.match(value):
        return f"the quoted text {_short(value)} (remove the quotes to write a number)"
    return f"the text {_short(value)}"


_short = quoted


def expected(schema: dict[str, Any]) -> str:
    t = schema.get("type")
    if "enum" in schema:
        return "one of: " + ", ".join(schema["enum"])
    if t == TEXT_TYPES:  # free text (a number written there is read as text)
        return "text"
    if schema.get("pattern") == ID_PATTERN:
        return "an id"
    return {
        "string": "text",
        "array": "a list",
        "object": "a mapping (key: value pairs)",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
    }.get(t if isinstance(t, str) else "", "text or a number")


def _other_compound(a: str, b: str) -> bool:
    """Whether one id is the other plus whole words (``sales`` / ``after-sales``): another thing, not a typo."""
    words_a, words_b = set(re.split(r"[-_.]", a)), set(re.split(r"[-_.]", b))
    return words_a != words_b and (words_a < words_b or words_b < words_a)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice that looks like a typo of ``word``; else nothing."""
    lowered = {str(c).lower(): str(c) for c in choices}
    typed = str(word).lower()
    for match in difflib.get_close_matches(typed, list(lowered), n=3, cutoff=0.6):
        if not _other_compound(typed, match):
            return f" (did you mean '{lowered[match]}'?)"
    return ""


def label(pointer: tuple[Any, ...]) -> str:
    """``phases.purchase.touchpoints[2]`` style, for messages (always one line)."""
    out = ""
    for part in pointer:
        if not isinstance(part, int) and not str(part).isprintable():
            part = repr(str(part))[1:-1]
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


MISSING = "missing"  # at_key value of a message about a missing key: pointer names that key

Message = tuple[Pointer, str, bool | str]  # (pointer, message, at_key: True, False or MISSING)


def _schema(error: ValidationError) -> dict[str, Any]:
    """The schema an error is about (ours are mappings, never ``true``/``false``)."""
    return cast("dict[str, Any]", error.schema)


def _colon_hint(schema: dict[str, Any], inst: Any) -> str:
    """Text turned into a one-entry mapping by an unquoted ': ' inside it."""
    if is_text(schema) and isinstance(inst, dict) and len(inst) == 1 and all(
            isinstance(v, str) for v in inst.values()):
        return "; if the text contains ': ', put the whole text in quotes"
    return ""


def _messages(error: ValidationError) -> Iterator[Message]:
    """(pointer, message, at_key) for one schema error."""
    pointer = tuple(error.absolute_path)
    what = label(pointer)
    v, schema, inst = error.validator, _schema(error), cast(Any, error.instance)
    if "propertyNames" in error.absolute_schema_path:
        if schema.get("pattern") == ID_PATTERN:
            return  # keys that are ids (phases, persona_notes) are references: resolve names the nearest id
        yield pointer + (inst,), (f"'{what}' key {_short(inst)} is not a valid name: use lower-case letters, "
                                  "digits and '_'"), True
    elif v == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else error.message
        yield pointer + (name,), f"missing required key '{name}'" + (f" in {what}" if pointer else ""), MISSING
    elif v in ("pattern", "maxLength") and "x-ref" in schema:
        return  # a reference that cannot resolve: resolve reports it, naming the nearest id
    elif v == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in inst:
            if key in schema.get("properties", {}) or str(key).startswith("x-"):
                continue
            hint = did_you_mean(key, allowed) or (f"; allowed: {', '.join(allowed)}" if allowed else "")
            yield pointer + (key,), f"unknown key {_short(key)}{hint}", True
    elif v == "type":
        if inst is None:
            yield pointer, f"'{what}' is empty; expected {expected(schema)}", False
        elif not pointer:
            yield pointer, f"the file should contain 'key: value' lines, not {kind_of(inst)}", False
        else:
            yield pointer, (f"'{what}' should be {expected(schema)}, not {kind_of(inst)}"
                            f"{_colon_hint(schema, inst)}"), False
    elif v == "enum":
        yield pointer, f"'{what}' must be one of: {', '.join(schema['enum'])}; got {_short(inst)}" + did_you_mean(
            inst, schema["enum"]), False
    elif v == "minimum" and schema.get("pattern") == ID_PATTERN:
        return  # an id written as a negative number: the pattern's message says what an id is
    elif v in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        yield pointer, f"'{what}' must be {bounds}, got {inst}", False
    elif v == "minItems":
        yield pointer, (f"'{what}' needs at least {schema['minItems']} "
                        f"entr{'y' if schema['minItems'] == 1 else 'ies'}"), False
    elif v == "minLength":
        yield pointer, f"'{what}' is empty; write some text", False
    elif v == "maxLength":
        yield pointer, f"'{what}' is longer than {schema['maxLength']} characters", False
    elif v == "pattern" or (v == "format" and schema.get("pattern") == DATE_PATTERN):
        yield pointer, _pattern_message(what, schema["pattern"], inst), False
    elif v == "propertyNames":
        yield pointer, f"'{what}' has a key that is not a valid id", False
    elif v == "oneOf":
        yield from _one_of(error)
    else:
        yield pointer, f"'{what}': {error.message}", False


def _pattern_message(what: str, pattern: str, value: Any) -> str:
    if pattern == HTTPS_PATTERN:
        return f"'{what}' must be an https:// URL, got {_short(value)}"
    if pattern == ID_PATTERN:
        return (f"'{what}' {_short(value)} is not a valid id: use lower-case letters, digits and single hyphens")
    if pattern == DATE_PATTERN:
        return f"'{what}' must be a date written as YYYY-MM-DD (e.g. 2026-03-01), got {_short(value)}"
    if pattern.startswith("^#"):
        return f"'{what}' must be a colour written as #rrggbb, got {_short(value)}"
    if pattern.startswith("^[a-z]{2}"):
        return f"'{what}' must be a language code such as en or nl, got {_short(value)}"
    return f"'{what}' {_short(value)} does not match the expected form {pattern}"


def _one_of(error: ValidationError) -> Iterator[Message]:
    """Report the branch whose type fits the value; else say what is accepted."""
    inst, one_of = error.instance, _schema(error)["oneOf"]
    for index, branch in enumerate(one_of):
        kinds = branch.get("type", "object")  # free text is ["string", "number"]
        fits = any(_TYPES.is_type(inst, kind) for kind in (kinds if isinstance(kinds, list) else [kinds]))
        if fits:
            for sub in error.context or []:
                if sub.relative_schema_path and sub.relative_schema_path[0] == index:
                    yield from _messages(sub)
            return
    what = label(tuple(error.absolute_path))
    branches = [b for b in one_of if b.get("type") != "null"]
    accepted = " or ".join(expected(b) for b in branches)
    if len(branches) < len(one_of):
        accepted += " (or left empty)"
    yield tuple(error.absolute_path), f"'{what}' should be {accepted}, not {kind_of(inst)}", False


def check(doc: Document, kind: str) -> list[Problem]:
    """Every schema problem of one document, located."""
    problems: list[Problem] = []
    for error in validator_for(kind).iter_errors(doc.data):
        for pointer, message, at_key in _messages(error):
            if at_key == MISSING:
                if pointer in doc.removed:  # an overlay's `key: null` removed a required key
                    path, (line, col) = doc.removed[pointer]
                    problems.append(Problem(path, line, col, ERROR,
                                            message.replace("missing required key", "required key", 1)
                                            + " cannot be removed with null"))
                    continue
                pointer = pointer[:-1]
                at_key = False
            line, col = doc.key_pos(pointer) if at_key else doc.pos(pointer)
            problems.append(Problem(doc.path_of(pointer), line, col, ERROR, message))
    return sorted(set(problems))
