"""The seed story in every format gives the findings of the text version, each at its
place in its own file."""

from __future__ import annotations

import pytest

from checker.document import SegmentKind
from checker.engine import Checker, Result
from checker.model import Applicability, Span
from checker.readers import reader_for
from checker.source import read_source
from tests.readers.conftest import SAMPLES

HEADLINE = "Tokyo protests Chinese TV portrayal of Beijing talks as tensions rise"

FORMATS = ("nitf.xml", "newsml.xml", "html", "md", "docx")


def check(checker: Checker, suffix: str) -> Result:
    return checker.check_path(SAMPLES / f"kanai-liu-meeting.{suffix}")


def positions(result: Result) -> list[tuple[int, int, int, int, str]]:
    lines = result.source.lines
    return [
        (*lines.line_col(f.span.start), *lines.line_col(f.span.end), f.code)
        for f in result.findings
    ]


@pytest.mark.parametrize("suffix", FORMATS)
def test_same_rule_codes_as_the_text_version(checker: Checker, suffix: str) -> None:
    expected = [f.code for f in check(checker, "txt").findings]
    assert len(expected) == 17
    assert [f.code for f in check(checker, suffix).findings] == expected


@pytest.mark.parametrize("suffix", FORMATS)
def test_each_finding_covers_the_same_words(checker: Checker, suffix: str) -> None:
    """The flagged source text, markup and references removed, is the text version's."""
    plain = check(checker, "txt")
    other = check(checker, suffix)
    for text_finding, finding in zip(plain.findings, other.findings, strict=True):
        words = plain.source.text[text_finding.span.start : text_finding.span.end]
        flagged = other.source.text[finding.span.start : finding.span.end]
        for markup in ("<em>", "</em>", "*", "&#x2019;"):
            flagged = flagged.replace(markup, "’" if markup == "&#x2019;" else "")
        assert flagged == words


EXACT = {
    # (line, column, end line, end column, code)
    "txt": [(1, 140, 1, 147, "TM001"), (1, 329, 1, 341, "TM001"), (4, 1, 4, 12, "MC001")],
    "nitf.xml": [
        (31, 149, 31, 156, "TM001"),  # 'chinese': the paragraph starts after '      <p>'
        (31, 301, 31, 339, "TT001"),  # 'Japan&#x2019;s Deputy Foreign Minister'
        (31, 345, 31, 361, "TM001"),  # 'Liu <em>jianchao': after the entity, ends inside <em>
        (34, 10, 34, 21, "MC001"),
        (35, 97, 35, 116, "MC002"),
    ],
    "newsml.xml": [
        (34, 155, 34, 162, "TM001"),
        (34, 351, 34, 367, "TM001"),
        (37, 16, 37, 27, "MC001"),
        (39, 327, 39, 343, "TM001"),
    ],
    "html": [
        (38, 147, 38, 154, "TM001"),
        (38, 343, 38, 359, "TM001"),
        (41, 276, 41, 282, "ST002"),  # 'dialog' on the second line of a wrapped paragraph
        (42, 8, 42, 19, "MC001"),
        (44, 319, 44, 335, "TM001"),
    ],
    "md": [
        (9, 140, 9, 147, "TM001"),
        (9, 292, 9, 330, "TT001"),
        (10, 5, 10, 18, "TM001"),  # 'Liu *jianchao' on the line after a soft break
        (16, 1, 16, 12, "MC001"),
        (18, 88, 18, 107, "MC002"),
    ],
    "docx": [
        (3, 140, 3, 147, "TM001"),  # paragraph 3 (after the headline and the byline)
        (3, 329, 3, 341, "TM001"),  # 'Liu jianchao' across two runs
        (5, 364, 5, 370, "ST002"),  # after the tracked insertion, the deletion ignored
        (6, 1, 6, 12, "MC001"),
    ],
}


@pytest.mark.parametrize("suffix", list(EXACT))
def test_exact_positions(checker: Checker, suffix: str) -> None:
    found = positions(check(checker, suffix))
    for expected in EXACT[suffix]:
        assert expected in found


@pytest.mark.parametrize("suffix", FORMATS)
def test_fix_across_markup_is_display_only(checker: Checker, suffix: str) -> None:
    result = check(checker, suffix)
    name = next(f for f in result.findings if "jianchao" in f.message)
    assert name.fix is not None
    assert name.fix.applicability is Applicability.DISPLAY_ONLY
    chinese = next(f for f in result.findings if "'chinese'" in f.message)
    assert chinese.fix is not None and chinese.fix.applicability is Applicability.SAFE


@pytest.mark.parametrize(
    ("suffix", "origin"),
    [
        ("nitf.xml", "metadata (date.issue)"),
        ("newsml.xml", "metadata (firstCreated)"),
        ("html", "metadata (datePublished)"),
        ("md", "metadata (front matter date)"),
    ],
)
def test_story_date_from_metadata(suffix: str, origin: str) -> None:
    path = SAMPLES / f"kanai-liu-meeting.{suffix}"
    document = reader_for(str(path))(read_source(path))
    assert (str(document.date), document.date_origin) == ("2025-11-19", origin)


@pytest.mark.parametrize("suffix", FORMATS)
def test_headline_is_read_and_clean(checker: Checker, suffix: str) -> None:
    path = SAMPLES / f"kanai-liu-meeting.{suffix}"
    document = reader_for(str(path))(read_source(path))
    headlines = [s for s in document.segments if s.kind is SegmentKind.HEADLINE]
    assert headlines[0].text == HEADLINE
    result = checker.check_document(document)
    for headline in headlines:
        where = headline.to_source(Span(0, len(headline.text)))
        assert not [f for f in result.findings if where.overlaps(f.span)]
