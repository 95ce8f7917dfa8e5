"""Headline renderings quoted in a story: found, linked to their source headline, checked,
and reported at their place in the story."""

from __future__ import annotations

from checker.document import Document, Segment, SegmentKind
from checker.engine import Result
from checker.headline.check import HeadlineChecker
from checker.headline.quoted import QuotedHeadlines
from checker.headline.quotes import find_quotes
from checker.model import Applicability
from checker.readers.text import read_text
from checker.source import SourceFile, read_source
from tests.headline.conftest import SAMPLES, pair

YUYUAN = pair(
    "日本官員低頭聽中方講話", "Japanese official listens to the Chinese side with head lowered"
)
MEETING = pair("刘劲松会见金井正彰", "Liu Jinsong meets Masaaki Kanai", pair_id="meeting")


def _story(text: str) -> Document:
    segment = Segment.literal(SegmentKind.BODY, text, 0)
    return Document(SourceFile("story.txt", text), (segment,))


def _check(checker: HeadlineChecker, document: Document) -> Result:
    result = checker.copy.check_document(document)
    return QuotedHeadlines(checker, [YUYUAN, MEETING]).check(document, result)


def _found(result: Result) -> list[tuple[str, int, int, str]]:
    text = result.source.text
    return [
        (f.code, f.span.start, f.span.end, text[f.span.start : f.span.end]) for f in result.findings
    ]


def test_quotations_that_read_like_headlines() -> None:
    text = (
        "Outlets ran headlines such as “Japanese official leaves ministry with head bowed.” "
        "Kihara said, “We have raised the issue.” He called it a “lecture.” "
        '"Two sentences here. And more words" and ‘Tokyo stocks slide as yen weakens’.'
    )
    quotes = find_quotes(text)
    assert [(q.text, q.cue) for q in quotes] == [
        ("Japanese official leaves ministry with head bowed", True),
        ("Tokyo stocks slide as yen weakens", False),
    ]
    first = quotes[0]
    assert text[first.start : first.end] == first.text


def test_the_seed_storys_quoted_headline_is_linked_and_checked(checker: HeadlineChecker) -> None:
    source = read_source(SAMPLES.parent / "kanai-liu-meeting.txt")
    document = read_text(source)
    plain = checker.copy.check_document(document)
    result = QuotedHeadlines(checker, [YUYUAN, MEETING]).check(document, plain)
    added = [f for f in result.findings if f.code.startswith("HL")]
    # "Chinese Foreign Ministry" renders the source's 中方 ("the Chinese side"): a
    # paraphrase of the country, no invented entity.
    assert source.text[729:753] == "Chinese Foreign Ministry"
    assert [(f.code, f.span.start, f.span.end) for f in added] == []
    assert len(result.findings) == len(plain.findings)


def test_a_quoted_headline_with_no_source_is_reported(checker: HeadlineChecker) -> None:
    document = _story(
        "On Tuesday media ran the headline “Tokyo stocks slide as the yen weakens”.\n"
    )
    found = _found(_check(checker, document))
    assert found == [("HL009", 35, 72, "Tokyo stocks slide as the yen weakens")]


def test_a_quotation_that_is_not_introduced_as_a_headline_is_left_alone(
    checker: HeadlineChecker,
) -> None:
    document = _story("He said it was “a quiet week for markets in Asia” and left.\n")
    assert _found(_check(checker, document)) == []


def test_source_findings_cover_the_whole_quotation(checker: HeadlineChecker) -> None:
    document = _story(
        "The headline read “Official listens to the Chinese side with head lowered”.\n"
    )
    result = _check(checker, document)
    assert _found(result) == [
        ("HL001", 19, 73, "Official listens to the Chinese side with head lowered")
    ]
    assert result.findings[0].message.startswith(
        "quoted headline (source '日本官員低頭聽中方講話'): "
        "'日本' (Japan) has no approved rendering"
    )


def test_findings_in_the_quotation_keep_their_fix_and_replace_the_storys_own(
    checker: HeadlineChecker,
) -> None:
    document = _story("A headline said “Liu Jingsong meets Masaaki Kanai in Beijing”.\n")
    result = _check(checker, document)
    assert _found(result) == [("HL003", 17, 29, "Liu Jingsong")]
    fix = result.findings[0].fix
    assert fix is not None
    assert (fix.edits[0].span.start, fix.edits[0].replacement) == (17, "Liu Jinsong")
    assert fix.applicability is Applicability.SAFE
