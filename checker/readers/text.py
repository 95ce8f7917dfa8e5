"""Plain text: one body segment, the whole file; the story date from a dateline.

Every line is kept as it is (comment lines included), so that line and column in a
finding are those of the file.
"""

from __future__ import annotations

from checker.dates import date_in_dateline
from checker.document import Document, Segment, SegmentKind
from checker.source import SourceFile


def read_text(source: SourceFile) -> Document:
    segment = Segment.literal(SegmentKind.BODY, source.text, 0)
    date = date_in_dateline(source.text)
    return Document(source, (segment,), date, "dateline" if date else None, source.warnings)
