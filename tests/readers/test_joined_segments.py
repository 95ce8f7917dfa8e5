"""Consecutive one-line body paragraphs are checked as joined segments: the findings,
their positions, their segment names and their fixes are those of a segment per
paragraph. The joining is forced on small documents by making runs of two paragraphs
join (`JOINED_PARAGRAPHS`), and compared with the same documents read without it."""

from __future__ import annotations

import io
import zipfile

import pytest

import checker.readers.segments as segments_module
from checker.document import Chunk, ChunkTable, Segment, SegmentKind
from checker.engine import Checker, Result
from checker.model import Span
from checker.readers import reader_for
from checker.source import decode
from tests.readers.conftest import SAMPLES

PARAGRAPHS = [
    "TOKYO, Nov. 19 – Japan's Deputy Foreign Minister Masaaki Kanai met Liu jianchao.",
    "“We will keep talking,” said chinese officials.",
    "“The talks were frank.",
    "“Both sides listened,” Kanai said.",
    "The meeting in beijing lasted two hours; taiwan was raised.",
    "Liu Jinsong, of the Chinese foreign ministry, attended.",
    "He said Kanai Hiroshi would visit.",
    "‘Fine,’ he said.",
    "The ministry said the talks would go on.",
]


def _nitf(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<nitf><head><title>Talks</title></head>'
        f"<body><body.content>\n{body}</body.content></body></nitf>"
    ).encode()


def _html(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    tail = "<h2>More</h2><p>Wang Yi spoke.</p>"
    return f"<html><body><h1>Talks</h1>\n{body}{tail}</body></html>".encode()


def _docx(paragraphs: list[str]) -> bytes:
    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{main}"><w:body>'
            f"{body}</w:body></w:document>",
        )
    return out.getvalue()


GENERATED = {
    "story.xml": _nitf(PARAGRAPHS * 3),
    "story.html": _html(PARAGRAPHS * 3),
    "story.docx": _docx(PARAGRAPHS * 3),
}
SAMPLE_FILES = ["nitf.xml", "newsml.xml", "html", "docx"]


def _result(checker: Checker, name: str, data: bytes) -> Result:
    source = decode(data, name)
    return checker.check_document(reader_for(name)(source))


def _findings(result: Result) -> list[tuple[object, ...]]:
    return [
        (f.code, f.span, f.segment, f.message, f.fix.edits if f.fix else None)
        for f in result.findings
    ]


def _inputs() -> list[tuple[str, bytes]]:
    samples = [
        (f"kanai-liu-meeting.{s}", (SAMPLES / f"kanai-liu-meeting.{s}").read_bytes())
        for s in SAMPLE_FILES
    ]
    return samples + list(GENERATED.items())


@pytest.mark.parametrize(
    ("name", "data"), _inputs(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_joined_paragraphs_give_the_same_findings(
    checker: Checker, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    apart = _result(checker, name, data)
    monkeypatch.setattr(segments_module, "JOINED_PARAGRAPHS", 2)
    joined = _result(checker, name, data)
    assert len(joined.segments) < len(apart.segments)
    assert any(s.paragraphs is not None for s in joined.segments)
    assert [n for s in joined.segments for n in s.names] == [s.name for s in apart.segments]
    assert apart.findings
    assert _findings(joined) == _findings(apart)


def test_a_joined_segment_maps_each_paragraph_to_its_source() -> None:
    first = Segment(SegmentKind.BODY, "Liu said.", (Chunk(0, 9, 3, 12),), "p[1]")
    second = Segment(
        SegmentKind.BODY,
        "A&B met.",
        (Chunk(0, 1, 20, 21), Chunk(1, 2, 21, 26, False), Chunk(2, 8, 26, 32)),
        "p[2]",
    )
    joined = Segment.joined([first, second])
    assert joined.text == "Liu said.\n\nA&B met."
    assert joined.names == ("p[1]", "p[2]")
    assert [joined.name_at(i) for i in (0, 8, 11, 18)] == ["p[1]", "p[1]", "p[2]", "p[2]"]
    assert joined.to_source(Span(0, 3)) == Span(3, 6)
    assert joined.to_source(Span(11, 12)) == Span(20, 21)
    assert joined.to_source(Span(12, 13)) == Span(21, 26)  # the reference, whole
    assert joined.to_source(Span(13, 19)) == Span(26, 32)
    assert joined.is_literal(Span(13, 16))
    assert not joined.is_literal(Span(12, 14))
    assert not joined.is_literal(Span(4, 13))  # across the paragraph break
    assert joined.chunks == ChunkTable(
        [
            Chunk(0, 9, 3, 12),
            Chunk(11, 12, 20, 21),
            Chunk(12, 13, 21, 26, False),
            Chunk(13, 19, 26, 32),
        ]
    )


def test_multi_line_paragraphs_and_headlines_stay_apart() -> None:
    listing = segments_module.SegmentList()
    body = [
        Segment.literal(SegmentKind.BODY, f"Paragraph {i}.", 20 * i, f"p[{i}]") for i in range(600)
    ]
    listing.extend(body[:300])
    listing.append(Segment.literal(SegmentKind.BODY, "Two\nlines.", 7000, "p[x]"))
    listing.append(Segment.literal(SegmentKind.HEADLINE, "Talks", 7100, "h2[1]"))
    listing.extend(body[300:])
    found = listing.segments()
    joined = [s for s in found if s.paragraphs is not None]
    assert [len(s.names) for s in joined] == [segments_module.JOINED_PARAGRAPHS] * 2
    assert [n for s in found for n in s.names] == [
        *(f"p[{i}]" for i in range(300)),
        "p[x]",
        "h2[1]",
        *(f"p[{i}]" for i in range(300, 600)),
    ]
