"""Quoted speech: where a document quotes someone, in source coordinates.

Two kinds of evidence: quotation marks in the text of a segment (straight and curly
double quotes, curly and straight single quotes, guillemets and corner brackets), and
quotation markup (`<q>`, `<blockquote>`, NITF `<bq>`) that a reader records
(`checker.readers.quoted_markup`). A double
quote opened and not closed in its paragraph runs to the paragraph's end: the
convention for a quotation over several paragraphs, each of which opens the mark again.
A single quote that is never closed is an apostrophe, not a quotation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from checker.model import Span

_DOUBLE_OPEN = "“„«「『"
_DOUBLE_CLOSE = "”»」』"
_MARK = re.compile("[\"“”„«»「」『』‘’']")
_DOUBLE_MARK = re.compile('["“”„«»「」『』]')  # enough when no single quote opens
_OPENING_CONTEXT = " \t\n\r\u00a0([{—–-/“‘\"'"


def quoted_spans(
    text: str, start: int = 0, end: int | None = None, singles: bool | None = None
) -> list[tuple[int, int]]:
    """The quotations of one paragraph (text[start:end]), outermost only, as [start, end)
    offsets into the text that include their marks. `singles`: whether a single quote
    may open in the text (worked out when not given)."""
    end = len(text) if end is None else end
    if singles is None:
        singles = _single_may_open(text)
    marks = (_MARK if singles else _DOUBLE_MARK).finditer(text, start, end)
    return _spans_of(text, ((m.start(), m.group(0)) for m in marks), end)


def _spans_of(text: str, marks: Iterable[tuple[int, str]], end: int) -> list[tuple[int, int]]:
    """The quotations that the marks (offset, character; in order) of one paragraph ending
    at `end` enclose."""
    spans: list[tuple[int, int]] = []
    double_start: int | None = None
    straight = False  # the open double quote is a straight one
    single_start: int | None = None
    single_straight = False
    for i, ch in marks:
        if ch in _DOUBLE_OPEN and double_start is None:
            double_start, straight, single_start = i, False, None
        elif ch in _DOUBLE_CLOSE and double_start is not None and not straight:
            spans.append((double_start, i + 1))
            double_start = None
        elif ch == '"':
            if double_start is None:
                double_start, straight, single_start = i, True, None
            elif straight:
                spans.append((double_start, i + 1))
                double_start = None
        elif double_start is None and ch in "‘'":
            if single_start is None:
                if _opens(text, i):
                    single_start, single_straight = i, ch == "'"
            elif _closes(text, i) and (ch == "'") == single_straight:
                spans.append((single_start, i + 1))
                single_start = None
        elif (
            double_start is None
            and ch == "’"
            and single_start is not None
            and not single_straight
            and _closes(text, i)
        ):
            spans.append((single_start, i + 1))
            single_start = None
    if double_start is not None:
        spans.append((double_start, end))
    spans.sort()
    return spans


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPENING_CONTEXT and after.isalpha()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


class Quotations:
    """Quoted source spans of one document, merged and sorted: asked whether a span lies
    inside quoted speech."""

    def __init__(self, spans: Iterable[Span]) -> None:
        merged: list[Span] = []
        for span in sorted(spans):
            if merged and span.start <= merged[-1].end:
                if span.end > merged[-1].end:
                    merged[-1] = Span(merged[-1].start, span.end)
            else:
                merged.append(span)
        self.spans: tuple[Span, ...] = tuple(merged)
        self._starts = [s.start for s in merged]

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def containing(self, span: Span) -> Span | None:
        """The quotation the span lies in, if any."""
        i = bisect.bisect_right(self._starts, span.start) - 1
        if i >= 0 and span.end <= self.spans[i].end:
            return self.spans[i]
        return None

    def overlapping(self, span: Span) -> bool:
        """True when the span shares a character with a quotation."""
        i = bisect.bisect_left(self._starts, span.end) - 1
        return i >= 0 and self.spans[i].end > span.start


def document_quotations(segments: Sequence[Any], marked: Iterable[Span]) -> Quotations:
    """Quotations of a document: those its markup declares, and those its segments'
    quotation marks enclose (mapped to the source)."""
    found = list(marked)
    for segment in segments:
        text = segment.text
        singles = _single_may_open(text)
        if not singles and not any(mark in text for mark in '"“„«「『'):
            continue
        # The text's marks are found at once and dealt to their paragraphs: most
        # paragraphs hold none.
        marks = [
            (m.start(), m.group(0)) for m in (_MARK if singles else _DOUBLE_MARK).finditer(text)
        ]
        for last, own in _marks_by_paragraph(marks, paragraphs(text)):
            for start, end in _spans_of(text, own, last):
                found.append(segment.to_source(Span(start, end)))
    return Quotations(found)


def _marks_by_paragraph(
    marks: list[tuple[int, str]], bounds: list[tuple[int, int]]
) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """The end of each paragraph that holds marks, with its marks (marks and paragraphs in
    order; no mark stands between paragraphs, which only white space separates)."""
    taken = 0
    for _, last in bounds:
        if taken == len(marks):
            return
        ending = taken
        while ending < len(marks) and marks[ending][0] < last:
            ending += 1
        if ending > taken:
            yield last, marks[taken:ending]
            taken = ending


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs of a segment's text: separated by blank lines where it has any
    (wrapped lines), else each line is one."""
    separator = _BLANK_LINES if _BLANK_LINE.search(text) else _LINE_BREAK
    result = []
    start = 0
    for match in separator.finditer(text):
        result.append((start, match.start()))
        start = match.end()
    result.append((start, len(text)))
    return [(s, e) for s, e in result if e > s]


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_BLANK_LINES = re.compile(r"\n[ \t\r]*\n\s*")
_LINE_BREAK = re.compile(r"\n")


def _single_may_open(text: str) -> bool:
    """A single quotation mark may open in the text (an apostrophe inside a word cannot)."""
    if "‘" in text or text.startswith("'"):
        return True
    # Each straight apostrophe's left neighbour, found with `str.find`: far quicker than a
    # pattern, as most texts have few apostrophes.
    at = text.find("'", 1)
    while at > 0:
        if text[at - 1] in _STRAIGHT_OPENING_CONTEXT:
            return True
        at = text.find("'", at + 1)
    return False


# What may stand before a straight single quote that opens a quotation.
_STRAIGHT_OPENING_CONTEXT = "".join(c for c in _OPENING_CONTEXT if c not in "\"'“‘")
