"""Every HL rule documents itself, and its Bad and Good examples run: Bad triggers the rule,
Good does not. Examples are pairs written as `source:`, `translation:`, `reference:` lines,
with a `story:` line for rules about headlines quoted in a story."""

from __future__ import annotations

import pytest

from checker.document import Document, Segment, SegmentKind
from checker.engine import Result
from checker.headline.check import HeadlineChecker
from checker.headline.pairs import new_pair
from checker.headline.quoted import QuotedHeadlines
from checker.rules import REGISTRY, doc_sections, examples
from checker.source import SourceFile
from tests.headline.conftest import DATE

HL_RULES = sorted(code for code in REGISTRY if code.startswith("HL"))


def _fields(example: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in example.splitlines():
        key, _, value = line.strip().partition(": ")
        assert key in ("source", "translation", "reference", "story"), line
        fields.setdefault(key, []).append(value)
    return fields


def _codes(checker: HeadlineChecker, example: str) -> set[str]:
    fields = _fields(example)
    item = new_pair(
        "example", fields["source"][0], fields["translation"][0], fields.get("reference", [])
    )
    if "story" not in fields:
        return {f.code for f in checker.check_pair(item).findings}
    story = fields["story"][0]
    segment = Segment.literal(SegmentKind.BODY, story, 0)
    document = Document(SourceFile("story.txt", story), (segment,))
    result = Result("story.txt", (), DATE, "--date", document.source)
    quoted = QuotedHeadlines(checker, [item]).check(document, result)
    return {f.code for f in quoted.findings}


def test_there_are_hl_rules() -> None:
    registered = sorted(code for code in REGISTRY if code.startswith("HL"))
    assert registered == [f"HL00{n}" for n in range(1, 10)]


@pytest.mark.parametrize("code", HL_RULES)
def test_rule_is_documented(code: str) -> None:
    sections = doc_sections(REGISTRY[code])
    for name in ("summary", "why", "bad", "good", "fix safety"):
        assert sections.get(name), f"{code} lacks '{name}'"
    assert REGISTRY[code].name.startswith("headline-")


@pytest.mark.parametrize("code", HL_RULES)
def test_bad_example_triggers_the_rule(checker: HeadlineChecker, code: str) -> None:
    bad = examples(REGISTRY[code], "bad")
    assert bad
    for example in bad:
        assert code in _codes(checker, example), example


@pytest.mark.parametrize("code", HL_RULES)
def test_good_example_does_not(checker: HeadlineChecker, code: str) -> None:
    good = examples(REGISTRY[code], "good")
    assert good
    for example in good:
        assert code not in _codes(checker, example), example


def test_example_parser_reads_every_field() -> None:
    fields = _fields("source: 甲\ntranslation: A\nreference: B\nreference: C")
    assert fields == {"source": ["甲"], "translation": ["A"], "reference": ["B", "C"]}
