"""Unit tests of the YAML composer (journeybook.read.yamlpos), its error hints (journeybook.read.yaml_hints),
safe file reading (journeybook.read.files) and client overlays (journeybook.guides.overlay)."""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from journeybook.guides.overlay import merge
from journeybook.read import files, yamlpos
from journeybook.read.files import read_document
from journeybook.read.yamlpos import MAX_DEPTH, MAX_NODES, Document, LoadError, Plain, decode, parse

# The pure-Python parser is what users without libyaml get: both must behave the same.
PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if hasattr(yaml, "CSafeLoader"):
    PARSERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    monkeypatch.setattr(yamlpos, "_Parser", request.param)
    return request.param


def error_of(text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        parse(text)
    return info.value


# --------------------------------------------------------------------------- positions


def test_positions_of_keys_and_values(parser: type) -> None:
    doc = parse(textwrap.dedent("""\
        name: Ann
        goals:
          - Save time
          -   Know the price
        needs: {latent: [Calm], concrete: []}
        """))
    assert doc.data == {"name": "Ann", "goals": ["Save time", "Know the price"],
                        "needs": {"latent": ["Calm"], "concrete": []}}
    assert doc.key_positions[("name",)] == (1, 1)
    assert doc.positions[("name",)] == (1, 7)
    assert doc.key_positions[("goals",)] == (2, 1)
    assert doc.positions[("goals", 0)] == (3, 5)
    assert doc.positions[("goals", 1)] == (4, 7)
    assert doc.key_positions[("needs", "concrete")] == (5, 25)
    assert doc.positions[("needs", "latent", 0)] == (5, 18)
    assert doc.positions[()] == (1, 1)


def test_pos_falls_back_to_the_nearest_located_ancestor() -> None:
    doc = parse("a:\n  b: [x]\n")
    assert doc.pos(("a", "b", 5)) == (2, 6)
    assert doc.pos(("nothing", "here")) == (1, 1)
    assert doc.key_pos(("a", "b")) == (2, 3)
    assert doc.key_pos(("a", "b", 0)) == doc.pos(("a", "b", 0)) == (2, 7)
    assert doc.path_of(("a", "b")) == "<string>"


def test_columns_count_characters_not_bytes() -> None:
    doc = parse("naam: Zoë Ürün\nrol: x\n")
    assert doc.positions[("rol",)] == (2, 6)
    doc = parse("über: [ä, ö]\n")
    assert doc.positions[("über", 1)] == (1, 11)


def test_crlf_and_bom_do_not_shift_positions() -> None:
    doc = parse(decode(b"\xef\xbb\xbfname: Ann\r\nrole: Busy\r\n"))
    assert doc.data == {"name": "Ann", "role": "Busy"}
    assert doc.key_positions[("role",)] == (2, 1)
    assert doc.positions[("name",)] == (1, 7)


# --------------------------------------------------------------------------- text stays text


def test_plain_and_quoted_scalars(parser: type) -> None:
    doc = parse("a: 3\nb: '3'\nc: \"3\"\nd: |\n  3\ne: >-\n  3\nf: !!str 3\n")
    assert isinstance(doc.data["a"], Plain) and doc.data["a"] == "3"
    for key in "bcdf":
        assert type(doc.data[key]) is str, key
    assert doc.data["d"] == "3\n" and doc.data["e"] == "3"


@pytest.mark.parametrize("text", [
    "NO", "no", "off", "On", "yes", "y", "true", "False", "8:30", "12:30:45", "0755", "0o17", "0x1F", "1e3", "1_000",
    ".inf", "-.Inf", ".NaN", "2019-05-01", "2001-12-14t21:59:43.10-05:00", "3.0", "+1", "=", "<<x", "~x", "nil",
])
def test_yaml11_scalars_stay_the_text_written(text: str, parser: type) -> None:
    doc = parse(f"value: {text}\nlist: [{text}]\n")
    assert doc.data == {"value": text, "list": [text]}
    assert isinstance(doc.data["value"], Plain)


@pytest.mark.parametrize("text", ["", "~", "null", "Null", "NULL"])
def test_nulls(text: str, parser: type) -> None:
    assert parse(f"a: {text}\nb: [{text}]\n".replace("[]", "[~]")).data == {"a": None, "b": [None]}


def test_quoted_null_words_are_text() -> None:
    assert parse("a: 'null'\nb: \"~\"\nc: nULL\n").data == {"a": "null", "b": "~", "c": "nULL"}


def test_empty_documents_are_none() -> None:
    for text in ["", "\n\n", "# only a comment\n", "---\n", "---\n...\n"]:
        assert parse(text).data is None, repr(text)


def test_a_top_level_scalar_is_kept() -> None:
    """A file holding a single text is not mistaken for an empty file."""
    doc = parse("just some text\n")
    assert doc.data == "just some text" and isinstance(doc.data, Plain)
    assert parse("'quoted'\n").data == "quoted"


def test_keys_are_text() -> None:
    assert parse("1: a\ntrue: b\n2019-05-01: c\n'x': d\n").data == {"1": "a", "true": "b", "2019-05-01": "c", "x": "d"}


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(("text", "line", "col", "words"), [
    ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first written at line 1)"),
    ("a: b: c\n", 1, 5, "unquoted ': ' inside text"),
    ("summary: Moment of truth: no surprises\n", 1, 25, "put the whole text in quotes"),
    ("a:\n\t- b\n", 2, 1, "tab character in indentation"),
    ("a: [b, c\nd: e\n", 2, 2, "unclosed '[' (opened at line 1)"),
    ("a: {b: c\n", 2, 1, "unclosed '{' (opened at line 1)"),
    ("a: 'b\nc: d\n", 1, 4, "unclosed quote"),
    ("a: \"C:\\Users\"\n", 1, 7, "unknown escape sequence"),
    ("a: 1\n---\nb: 2\n", 2, 1, "only one YAML document per file"),
    ("a: !!python/object/apply:os.system [ls]\n", 1, 4,
     "YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system'"),
    ("a: !custom x\n", 1, 4, "YAML tags such as '!custom' are not supported"),
    ("a: *nothing\n", 1, 4, "unknown alias '*nothing'"),
    ("a: *bold*\n", 1, 4, "text that starts with '*' must be put in quotes"),
    ("a: @me\n", 1, 4, "the character '@' cannot start a value here"),
    ("a: - b\n", 1, 4, "a '- ' list entry cannot start here"),
    ("? [a]\n: b\n", 1, 3, "a key must be plain text"),
    ("a: &x [1]\n*x : b\n", 2, 1, "a key must be plain text"),
    ("~: b\n", 1, 1, "a key is missing here"),
    ("base: &b {a: 1}\n<<: *b\n", 2, 1, "merge keys ('<<: *name') are not supported"),
    ("a: b\x07\n", 1, 5, "control character U+0007"),
    ("a: |\n  b\nc\n", 3, 1, "expected 'key: value' on this line"),
    ("- a\nb: c\n", 2, 1, "expected a list entry ('- ...') here"),
    ("a:\n  - b\n c: d\n", 3, 2, "check the indentation of this line"),
])
def test_located_errors_with_a_hint(text: str, line: int, col: int, words: str, parser: type) -> None:
    error = error_of(text)
    assert (error.line, error.col) == (line, col), error.message
    assert words in error.message
    assert "\n" not in error.message


def test_decode() -> None:
    assert decode(b"\xef\xbb\xbfa: b\n") == "a: b\n"
    with pytest.raises(LoadError, match="not valid UTF-8 \\(byte 0xe9\\)") as info:
        decode(b"a: b\nc: caf\xe9\n")
    assert (info.value.line, info.value.col) == (2, 7)
    with pytest.raises(LoadError, match="NUL") as info:
        decode(b"a: b\nc: d\x00\n")
    assert (info.value.line, info.value.col) == (2, 5)
    with pytest.raises(LoadError, match="UTF-16"):
        decode("a: b\n".encode("utf-16"))


def test_lone_surrogates_are_an_error_not_a_crash() -> None:
    assert "UTF-8" in error_of("a: \ud800\n").message


# --------------------------------------------------------------------------- limits


def test_small_aliases_are_fine(parser: type) -> None:
    doc = parse("a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n")
    assert doc.data == {"a": ["1", "2"], "b": ["1", "2"], "c": "text", "d": "text"}


def test_alias_expansion_is_capped(parser: type) -> None:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    error = error_of("\n".join(lines) + "\n")
    assert f"expand the file to more than {MAX_NODES} values" in error.message
    assert error.line <= 6  # refused early, not after expanding 10**9 values


def test_many_values_without_aliases_are_capped() -> None:
    error = error_of("a:\n" + "  - x\n" * (MAX_NODES + 10))
    assert error.message == f"the file has more than {MAX_NODES} values; split it"


def test_depth_limit(parser: type) -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse(ok).data is not None
    too_deep = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert error_of(too_deep).message == f"nesting deeper than {MAX_DEPTH} levels; refused"


@pytest.mark.parametrize("shape", ["flow-list", "flow-map", "block-list", "unclosed"])
def test_100000_deep_nesting_is_refused_quickly(shape: str, parser: type, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hostile file is refused after a bounded amount of work, with the loader's own message.

    The work is counted, not timed: the parser events the loader pulls (from
    either parser, including any second look) stay in the hundreds, never near
    the file's 100,000 levels.
    """
    body = {
        "flow-list": "[" * 100_000 + "]" * 100_000,
        "flow-map": "{a: " * 100_000 + "}" * 100_000,
        "block-list": "\n  " + "- " * 100_000 + "x",
        "unclosed": "[" * 100_000,
    }[shape]
    pulled = 0
    real_parse = yaml.parse

    def counting_parse(*args: object, **kwargs: object) -> Iterator[object]:
        nonlocal pulled
        for event in real_parse(*args, **kwargs):
            pulled += 1
            yield event

    monkeypatch.setattr(yaml, "parse", counting_parse)
    error = error_of("name: Ann\ngoals: " + body + "\n")
    assert error.message == f"nesting deeper than {MAX_DEPTH} levels; refused"
    assert (error.line, error.col) == {"flow-list": (2, 47), "flow-map": (2, 164), "block-list": (3, 81),
                                       "unclosed": (2, 47)}[shape]
    assert pulled < 500


# --------------------------------------------------------------------------- files


def test_read_document_reports_instead_of_raising(tmp_path: Path) -> None:
    (tmp_path / "ok.yml").write_text("a: b\n", encoding="utf-8")
    doc, problems = read_document(tmp_path / "ok.yml", tmp_path)
    assert problems == [] and doc is not None and doc.path == "ok.yml" and doc.data == {"a": "b"}

    (tmp_path / "empty.yml").write_text("# nothing yet\n", encoding="utf-8")
    doc, problems = read_document(tmp_path / "empty.yml", tmp_path)
    assert doc is None and [str(p) for p in problems] == [
        "empty.yml:1:1: error: the file is empty; expected keys such as 'name:'"]

    (tmp_path / "bad.yml").write_text("a: [b\n", encoding="utf-8")
    doc, problems = read_document(tmp_path / "bad.yml", tmp_path)
    assert doc is None and [(p.line, p.col) for p in problems] == [(2, 1)]

    doc, problems = read_document(tmp_path / "missing.yml", tmp_path)
    assert doc is None and "cannot read file" in problems[0].message


def test_big_files_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    with open(path, "wb") as handle:
        handle.truncate(files.MAX_BYTES + 1)
    doc, problems = read_document(path, tmp_path)
    assert doc is None and "more than the 1024 KiB limit" in problems[0].message


def test_data_dir_outside_the_root_may_hold_files(tmp_path: Path) -> None:
    """``within`` (the data dir) is allowed even when it is not under the project root."""
    data = tmp_path / "shared"
    data.mkdir()
    (data / "a.yml").write_text("a: b\n", encoding="utf-8")
    root = tmp_path / "project"
    root.mkdir()
    assert read_document(data / "a.yml", root, data)[0] is not None
    assert "outside the project" in read_document(data / "a.yml", root)[1][0].message


# --------------------------------------------------------------------------- overlays


BASE = """\
title: Buying online
personas: [ann, bob]
summary: Base summary
phases:
  purchase:
    goal: Pay
    actions: [Compare, Pay]
    emotion: {score: 2, note: Nervous}
  service:
    goal: Get help
"""
OVER = """\
summary: null
personas: [zoe]
phases:
  purchase:
    goal: Pay at Acme
    emotion:
      note: null
  loyalty:
    goal: Come back
"""


def overlay_pair() -> tuple[Document, Document]:
    return parse(BASE, "journeys/buy.yml"), parse(OVER, "clients/acme/journeys/buy.yml")


def test_merge_mappings_merge_lists_replace_null_deletes() -> None:
    base, over = overlay_pair()
    out = merge(base, over)
    assert out.data == {
        "title": "Buying online",
        "personas": ["zoe"],
        "phases": {
            "purchase": {"goal": "Pay at Acme", "actions": ["Compare", "Pay"], "emotion": {"score": "2"}},
            "service": {"goal": "Get help"},
            "loyalty": {"goal": "Come back"},
        },
    }
    assert list(out.data) == ["title", "personas", "phases"]


def test_merge_positions_point_into_the_file_that_wrote_the_value() -> None:
    base, over = overlay_pair()
    out = merge(base, over)
    # replaced or added by the overlay
    assert out.path_of(("personas", 0)) == "clients/acme/journeys/buy.yml"
    assert out.pos(("personas", 0)) == (2, 12)
    assert out.path_of(("phases", "purchase", "goal")) == "clients/acme/journeys/buy.yml"
    assert out.pos(("phases", "purchase", "goal")) == (5, 11)
    assert out.path_of(("phases", "loyalty", "goal")) == "clients/acme/journeys/buy.yml"
    assert out.key_pos(("phases", "loyalty")) == (8, 3)
    # untouched: still the base file
    assert out.path_of(("title",)) == "journeys/buy.yml"
    assert out.pos(("title",)) == (1, 8)
    assert out.path_of(("phases", "purchase", "actions", 1)) == "journeys/buy.yml"
    assert out.pos(("phases", "purchase", "actions", 1)) == (7, 24)
    assert out.path_of(("phases", "purchase", "emotion", "score")) == "journeys/buy.yml"
    # deleted: no stale positions, and the removal is remembered where the null was written
    assert ("summary",) not in out.positions and ("phases", "purchase", "emotion", "note") not in out.positions
    assert out.removed[("summary",)] == ("clients/acme/journeys/buy.yml", (1, 1))
    assert out.removed[("phases", "purchase", "emotion", "note")] == ("clients/acme/journeys/buy.yml", (7, 7))


def test_merge_changes_neither_input() -> None:
    base, over = overlay_pair()
    before = copy.deepcopy((base.data, base.positions, base.key_positions, over.data, over.positions))
    merge(base, over)
    assert (base.data, base.positions, base.key_positions, over.data, over.positions) == before
    assert base.origins == {} and base.removed == {}


def test_merge_a_value_replaced_by_a_mapping_and_back() -> None:
    base = parse("emotion: 3\nsteps: {a: 1}\n", "base.yml")
    over = parse("emotion: {score: 4}\nsteps: [x]\n", "over.yml")
    out = merge(base, over)
    assert out.data == {"emotion": {"score": "4"}, "steps": ["x"]}
    assert out.path_of(("emotion", "score")) == "over.yml" and out.pos(("emotion", "score")) == (1, 18)
    assert out.path_of(("steps", 0)) == "over.yml" and ("steps", "a") not in out.positions


def test_merge_an_overlay_that_is_not_a_mapping_replaces_the_file() -> None:
    base = parse("a: b\n", "base.yml")
    over = parse("- x\n", "over.yml")
    out = merge(base, over)
    assert out.data == ["x"] and out.path == "over.yml" and out.path_of((0,)) == "over.yml"


def test_merge_twice_keeps_the_latest_origin() -> None:
    base = parse("a:\n  b: 1\n  c: 2\n", "base.yml")
    first = merge(base, parse("a:\n  b: 10\n", "one.yml"))
    second = merge(first, parse("a:\n  c: 20\n", "two.yml"))
    assert second.data == {"a": {"b": "10", "c": "20"}}
    assert second.path_of(("a", "b")) == "one.yml" and second.path_of(("a", "c")) == "two.yml"
    assert second.path_of(("a",)) == "base.yml"


def test_unusual_line_breaks_do_not_shift_positions(parser: type) -> None:
    """YAML breaks lines at U+2028 (and U+0085, U+2029); editors and GitHub do not."""
    doc = parse("a: one\u2028  two\nb: x\u2029  y\nc: [z]\n")
    assert doc.data == {"a": "one\u2028two", "b": "x\u2029y", "c": ["z"]}  # kept, as YAML says
    assert doc.key_positions[("b",)] == (2, 1)
    assert doc.positions[("c", 0)] == (3, 5)
    error = error_of("a: x\u2028  y\nb: [z\n")
    assert (error.line, error.message) == (3, "unclosed '[' (opened at line 2): expected ',' or ']'")
    assert error_of("a: b\u2028  c\nd: \x07\n").line == 2
    with pytest.raises(LoadError) as info:
        decode("a: b\u2028  c\nd: \x00\n".encode())
    assert (info.value.line, info.value.col) == (2, 4)
