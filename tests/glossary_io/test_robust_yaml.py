"""YAML read with libyaml's events and with PyYAML's pure-Python parser (the fallback where
PyYAML has no C parser) gives the same data and the same errors at the same place."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from checker.bundled import bundled_glossaries
from checker.errors import GlossaryError
from checker.glossary import robust_yaml
from checker.glossary.load_yaml import glossary_from_yaml, load_yaml_glossary
from checker.glossary.robust_yaml import LINE, MAX_ALIASED, parse_yaml
from tests.hostile.test_glossary_probes import CASES

needs_libyaml = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="PyYAML was built without libyaml"
)


def error_of(text: str, pure: bool) -> str:
    with pytest.raises(GlossaryError) as caught:
        glossary_from_yaml(text, "g.yaml", pure=pure)
    return str(caught.value)


@needs_libyaml
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_hostile_glossaries_give_the_same_error_either_way(case: str) -> None:
    text, expected = CASES[case]
    assert error_of(text, pure=False) == error_of(text, pure=True) == expected


@needs_libyaml
@pytest.mark.parametrize("path", bundled_glossaries(), ids=lambda p: p.name)
def test_the_bundled_glossaries_read_the_same_either_way(path: object) -> None:
    fast = load_yaml_glossary(str(path))
    pure = load_yaml_glossary(str(path), pure=True)
    assert fast == pure
    assert [e.line for e in fast.entries] == [e.line for e in pure.entries]
    assert [f.line for e in fast.entries for f in e.forms] == [
        f.line for e in pure.entries for f in e.forms
    ]


MIXED = """\
# a comment
top: &base
  plain: text
  quoted: '2025-01-02'
  number: 42
  hex: 0x1F
  float: 2.5
  big-float: 1e999
  yes-no: [yes, No, true, off, ~, null, '']
  date: 2025-01-02
  stamp: 2025-01-02 10:30:00
  folded: >
    two
    lines
  literal: |
    kept
    as is
  "quoted key": "escaped \\u00e9 \\t tab"
  empty:
  binary: !!binary aGVsbG8=
  str-tag: !!str 123
list:
- a
- {b: 1, c: [d, e]}
- - nested
  - list
again: *base
"""


@pytest.mark.parametrize("pure", [False, True])
def test_every_kind_of_value_is_read_as_pyyaml_reads_it(pure: bool) -> None:
    data = parse_yaml(MIXED, "m.yaml", pure=pure)
    top = data["top"]
    assert top == {
        "plain": "text",
        "quoted": "2025-01-02",
        "number": 42,
        "hex": 31,
        "float": 2.5,
        "big-float": "1e999",  # not a YAML 1.1 float: text, as PyYAML reads it
        "yes-no": [True, False, True, False, None, None, ""],
        "date": dt.date(2025, 1, 2),
        "stamp": dt.datetime(2025, 1, 2, 10, 30),
        "folded": "two lines\n",
        "literal": "kept\nas is\n",
        "quoted key": "escaped é \t tab",
        "empty": None,
        "binary": b"hello",
        "str-tag": "123",
        LINE: 2,  # where the node starts: at its anchor
    }
    assert data["list"] == ["a", {"b": 1, "c": ["d", "e"], LINE: 24}, ["nested", "list"]]
    assert data["again"] is top
    assert data[LINE] == 2
    without_lines = yaml.safe_load(MIXED)
    assert _drop_lines(data) == without_lines


def _drop_lines(value: object) -> object:
    if isinstance(value, dict):
        return {k: _drop_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_drop_lines(v) for v in value]
    return value


BAD = {
    "tab": ("entries:\n\t- id: a\n", 2),
    "bad-indent": ("entries:\n- id: a\n   kind: term\n  en: x\n", 3),
    "unclosed-flow": ("entries: [a, b\n", 2),
    "two-documents": ("a: 1\n---\nb: 2\n", 2),
    "undefined-alias": ("a: 1\nb: *x\n", 2),
    "duplicate-anchor": ("a: &x 1\nb: &x 2\n", 2),
    "recursive-alias": ("a:\n  b: &x [*x]\n", 2),
    "unknown-tag": ("a:\n  b: !python/object:os.system echo\n", 2),
    "set-tag": ("a: 1\nb: !!set {x, y}\n", 2),
    "merge-key": ("a: &b {x: 1}\nc:\n  <<: *b\n", 3),
    "list-as-key": ("a: 1\n? [b]\n: 1\n", 2),
    "equal-keys": ("1: a\ntrue: b\n", 2),
    "deep-mapping": ("a: " + "{b: " * 40 + "1" + "}" * 40 + "\n", 1),
    "impossible-date": ("a:\n  - 2025-02-30\n", 2),
    "long-integer": ("a:\n  b: -1_000_000_000_000_000_000\n", 2),
    "float-overflow": ("a:\n  b: 1.0e+999\n", 2),
}


@needs_libyaml
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_yaml_is_reported_on_the_same_line_either_way(case: str) -> None:
    text, line = BAD[case]
    fast, pure = error_of(text, pure=False), error_of(text, pure=True)
    assert fast.startswith(f"g.yaml:{line}:") and pure.startswith(f"g.yaml:{line}:")
    assert "\n" not in fast and "invalid YAML: " in fast


@needs_libyaml
@pytest.mark.parametrize(
    "case", ["duplicate-anchor", "recursive-alias", "unknown-tag", "equal-keys", "deep-mapping"]
)
def test_what_the_builder_checks_reads_the_same_either_way(case: str) -> None:
    text, _ = BAD[case]
    assert error_of(text, pure=False) == error_of(text, pure=True)


@pytest.mark.parametrize("pure", [False, True])
def test_aliases_cannot_multiply_a_small_file_into_a_huge_value(pure: bool) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(GlossaryError) as caught:  # at the 8th alias of a5 (1,012,228 values)
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml", pure=pure)
    assert str(caught.value) == (
        f"bomb.yaml:6:45: invalid YAML: aliases stand for more than {MAX_ALIASED:,} values"
    )


def test_without_the_c_parser_the_pure_one_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = bundled_glossaries()[0]
    expected = load_yaml_glossary(path)
    monkeypatch.setattr(robust_yaml, "C_PARSER", None)
    assert load_yaml_glossary(path) == expected
    text, message = CASES["deep-flow"]
    assert error_of(text, pure=False) == message


ENTRY = "- id: a\n  kind: term\n  en: Alpha\n"


@pytest.mark.parametrize("pure", [False, True])
def test_a_bad_entry_is_reported_after_the_file_is_known_to_be_yaml_and_a_glossary(
    pure: bool,
) -> None:
    """Entries are read as the parser gives them, but the errors come in the order of a
    file read whole first: the YAML, the glossary's shape, then the entries in order."""
    bad_entry = "- id: b\n  kind: nothing\n  en: Beta\n"
    assert error_of(f"entries:\n{ENTRY}{bad_entry}x: [\n", pure) == (
        "g.yaml:9:1: invalid YAML: did not find expected node content"
        if not pure
        else "g.yaml:9:1: invalid YAML: expected the node content, but found '<stream end>'"
    )
    assert error_of(f"entries:\n{ENTRY}{bad_entry}extra: 1\n", pure) == (
        "g.yaml:1: unknown key 'extra' in glossary"
    )
    assert error_of(f"entries:\n{ENTRY}{bad_entry}{bad_entry}", pure).startswith(
        "g.yaml:5: entry 'b': kind must be one of"
    )
    assert error_of(f"{ENTRY}- [x]\n", pure) == (
        "g.yaml:1: each entry is a mapping with an 'id' and a 'kind'"
    )


@pytest.mark.parametrize("pure", [False, True])
def test_plain_scalars_read_again_and_again_keep_their_values(
    pure: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same keys and values in every item, some of them read as other types, and more
    # distinct ones than are remembered: every item reads as PyYAML reads it.
    monkeypatch.setattr(robust_yaml, "_REMEMBERED", 16)
    count = 60
    items = "".join(
        f"- {{from: 2019-09-{i % 28 + 1:02d}, to: null, on: yes, note: n{i}, "
        f"family: Tanaka, t{i}: {i}, f{i}: 2.5, n: ~, o: off}}\n"
        for i in range(count)
    )
    text = f"entries:\n{items}"
    data = parse_yaml(text, "m.yaml", pure=pure)
    assert _drop_lines(data) == yaml.safe_load(text)
    assert data["entries"][-1][LINE] == count + 1
    assert data["entries"][-1]["from"] == dt.date(2019, 9, (count - 1) % 28 + 1)


@pytest.mark.parametrize("pure", [False, True])
def test_a_bad_value_like_a_good_one_read_before_it_is_reported_at_its_own_line(
    pure: bool,
) -> None:
    text = "a:\n  - 2025-02-03\n  - 2025-02-03\n  - null\n  - 2025-02-30\n"
    with pytest.raises(GlossaryError, match=r"^g\.yaml:5:.*'2025-02-30' is not a date"):
        parse_yaml(text, "g.yaml", pure=pure)


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\nb: \x07\n",  # a duplicate key before it
        "a: [1\nb: \x07\n",  # bad YAML before it
        "entries:\n- id: x\n  kind: nothing\n- note: \x07\n",  # a bad entry before it
        "a: '\ud800'\n",  # a lone surrogate
        "a: 1\n" * 2_000 + "b: \x1b[31m\n",  # far into the file
    ],
)
def test_a_character_yaml_does_not_allow_is_the_problem_named_wherever_it_is(
    text: str, pure: bool
) -> None:
    with pytest.raises(GlossaryError) as caught:
        glossary_from_yaml(text, "g.yaml", pure=pure)
    line = text.count("\n", 0, next(i for i, c in enumerate(text) if c in "\x07\ud800\x1b")) + 1
    character = next(c for c in text if c in "\x07\ud800\x1b")
    assert str(caught.value) == (
        f"g.yaml:{line}: invalid YAML: character U+{ord(character):04X} is not allowed in YAML"
    )
