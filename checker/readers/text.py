"""Plain text: one body segment per paragraph (paragraphs end at a blank line); the story
date from a dateline.

Every line is kept as it is (comment lines included), so that line and column in a
finding are those of the file. The blank lines between paragraphs belong to no segment:
a paragraph is matched and checked on its own, so a large file never needs a copy of its
whole text at once while it is folded and matched.
"""

from __future__ import annotations

import re

from checker.dates import date_in_dateline
from checker.document import Document, Segment, SegmentKind
from checker.source import SourceFile

# A paragraph break: a line ending, then one or more blank lines (spaces allowed).
_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+")


def read_text(source: SourceFile) -> Document:
    text = source.text
    segments = []
    start = 0
    for match in _BREAK.finditer(text):
        if match.start() > start:
            segments.append(Segment.literal(SegmentKind.BODY, text[start : match.start()], start))
        start = match.end()
    if start < len(text) or not segments:
        segments.append(Segment.literal(SegmentKind.BODY, text[start:], start))
    date = date_in_dateline(text[:4096])
    return Document(source, tuple(segments), date, "dateline" if date else None, source.warnings)
