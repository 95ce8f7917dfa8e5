"""Plain text: body segments of whole paragraphs (paragraphs end at a blank line); the
story date from a dateline.

Every line is kept as it is (comment lines included), so that line and column in a
finding are those of the file. A story is one segment; a file larger than
`SEGMENT_CHARACTERS` is cut at the first paragraph break past each multiple of it, so
that a large file is folded and matched a part at a time (never a copy of its whole
text at once) while a file of many tiny paragraphs does not cost an object per line.
"""

from __future__ import annotations

import re

from checker.dates import date_in_dateline
from checker.document import Document, Segment, SegmentKind
from checker.source import SourceFile

SEGMENT_CHARACTERS = 64 * 1024
# A paragraph break: a line ending, then one or more blank lines (spaces allowed).
_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+")


def read_text(source: SourceFile) -> Document:
    text = source.text
    segments = []
    start = 0
    while len(text) - start > SEGMENT_CHARACTERS:
        cut = _BREAK.search(text, start + SEGMENT_CHARACTERS)
        if cut is None:
            break
        segments.append(Segment.literal(SegmentKind.BODY, text[start : cut.start()], start))
        start = cut.end()
    if start < len(text) or not segments:
        segments.append(Segment.literal(SegmentKind.BODY, text[start:], start))
    date = date_in_dateline(text[:4096])
    return Document(source, tuple(segments), date, "dateline" if date else None, source.warnings)
