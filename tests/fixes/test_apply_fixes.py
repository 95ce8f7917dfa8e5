"""apply_fixes: edits spliced into the original bytes; overlaps, markup and encodings."""

from __future__ import annotations

import codecs
from collections.abc import Sequence

from checker.document import Chunk, Document, Segment, SegmentKind
from checker.fixes import apply_fixes, is_fixable
from checker.model import Applicability, Edit, Finding, Fix, Severity, Span
from checker.readers.text import read_text
from checker.source import SourceFile, decode


def finding(
    start: int,
    end: int,
    replacement: str,
    applicability: Applicability = Applicability.SAFE,
    code: str = "TM001",
) -> Finding:
    span = Span(start, end)
    fix = Fix(f"Replace with '{replacement}'", (Edit(span, replacement),), applicability)
    return Finding(code, "term-case", Severity.ERROR, "story.txt", span, "message", fix=fix)


def text_document(data: bytes, path: str = "story.txt") -> Document:
    return read_text(decode(data, path))


def test_a_safe_fix_is_spliced_into_the_bytes() -> None:
    document = text_document(b"Talks on taiwan ended.\n")
    outcome = apply_fixes(document, [finding(9, 15, "Taiwan")])
    assert outcome.data == b"Talks on Taiwan ended.\n"
    assert [f.span for f in outcome.applied] == [Span(9, 15)]
    assert outcome.skipped == ()


def test_unsafe_fixes_only_when_asked_and_display_only_never() -> None:
    document = text_document(b"Japanese Minister Sanae Takaichi spoke.")
    unsafe = finding(0, 17, "Prime Minister", Applicability.UNSAFE)
    shown = finding(18, 23, "Sanae", Applicability.DISPLAY_ONLY)
    assert apply_fixes(document, [unsafe, shown]).data == document.source.raw
    outcome = apply_fixes(document, [unsafe, shown], unsafe=True)
    assert outcome.data == b"Prime Minister Sanae Takaichi spoke."
    assert not is_fixable(shown, unsafe=True)
    assert is_fixable(unsafe, unsafe=True) and not is_fixable(unsafe)


def test_at_one_start_the_longer_edit_wins_and_overlaps_are_skipped() -> None:
    document = text_document(b"the meeting in taiwan")
    longer = finding(0, 11, "The meeting", code="MC001")
    shorter = finding(0, 3, "THE", code="TM001")
    overlapping = finding(4, 14, "session at", code="ST002")
    apart = finding(15, 21, "Taiwan")
    outcome = apply_fixes(document, [shorter, apart, overlapping, longer])
    assert outcome.data == b"The meeting in Taiwan"
    assert [f.code for f in outcome.applied] == ["MC001", "TM001"]
    assert {f.code for f in outcome.skipped} == {"TM001", "ST002"}
    assert [f.span for f in outcome.skipped] == [Span(0, 3), Span(4, 14)]


def test_two_insertions_at_one_place_are_not_both_taken() -> None:
    document = text_document(b"ab")
    outcome = apply_fixes(document, [finding(1, 1, "X"), finding(1, 1, "Y", code="MC002")])
    assert outcome.data == b"aYb"  # one order, decided by the rule code
    assert [f.code for f in outcome.applied] == ["MC002"]
    assert [f.code for f in outcome.skipped] == ["TM001"]


def markup_document(text: str, chunks: Sequence[Chunk], fmt: str = "html") -> Document:
    source = SourceFile("story.html", text, "utf-8", b"", text.encode("utf-8"))
    segment_text = "".join(text[c.src_start : c.src_end] if c.literal else "’" for c in chunks)
    segment = Segment(SegmentKind.BODY, segment_text, tuple(chunks))
    return Document(source, (segment,), format=fmt)


def test_an_edit_across_markup_or_a_reference_is_refused() -> None:
    # <p>Liu <em>jianchao</em> and Japan&#x2019;s</p>
    text = "<p>Liu <em>jianchao</em> and Japan&#x2019;s</p>"
    chunks = (
        Chunk(0, 4, 3, 7),  # "Liu "
        Chunk(4, 12, 11, 19),  # "jianchao"
        Chunk(12, 22, 24, 34),  # " and Japan"
        Chunk(22, 23, 34, 42, literal=False),  # &#x2019;
        Chunk(23, 24, 42, 43),  # "s"
    )
    document = markup_document(text, chunks)
    across_tags = finding(3, 19, "Liu Jianchao")
    over_reference = finding(29, 43, "Japan's")
    inside_text_node = finding(11, 19, "Jianchao")
    outcome = apply_fixes(document, [across_tags, over_reference, inside_text_node])
    assert outcome.data == b"<p>Liu <em>Jianchao</em> and Japan&#x2019;s</p>"
    assert [f.span for f in outcome.skipped] == [Span(3, 19), Span(29, 43)]


def test_replacements_are_escaped_for_html_and_xml() -> None:
    text = "<p>Smith and Sons</p>"
    document = markup_document(text, (Chunk(0, 14, 3, 17),))
    outcome = apply_fixes(document, [finding(3, 17, "Smith & Sons <Ltd>")])
    assert outcome.data == b"<p>Smith &amp; Sons &lt;Ltd&gt;</p>"
    as_text = markup_document(text, (Chunk(0, 14, 3, 17),), fmt="markdown")
    assert apply_fixes(as_text, [finding(3, 17, "Smith & Sons")]).data == (b"<p>Smith & Sons</p>")


def test_bom_utf16_and_crlf_survive() -> None:
    text = "TOKYO – talks on taiwan\r\nended.\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    document = text_document(data)
    start = text.index("taiwan")
    outcome = apply_fixes(document, [finding(start, start + 6, "Taiwan")])
    expected = codecs.BOM_UTF16_LE + text.replace("taiwan", "Taiwan").encode("utf-16-le")
    assert outcome.data == expected


def test_a_legacy_encoding_is_kept_and_an_unencodable_replacement_skipped() -> None:
    text = "東京で会談。taiwan"
    document = text_document(text.encode("shift_jis"), "story.txt")
    assert document.source.encoding in ("shift_jis", "cp932")
    start = text.index("taiwan")
    kept = apply_fixes(document, [finding(start, start + 6, "Taiwan")])
    assert kept.data == text.replace("taiwan", "Taiwan").encode("shift_jis")
    refused = apply_fixes(document, [finding(start, start + 6, "Taiwan 🇹🇼")])
    assert refused.data == document.source.raw
    assert len(refused.skipped) == 1


def test_a_format_splicer_receives_the_plain_edits() -> None:
    received: list[Sequence[Edit]] = []

    def splice(edits: Sequence[Edit]) -> bytes:
        received.append(edits)
        return b"spliced"

    source = SourceFile("story.docx", "Talks & taiwan", "zip", b"", b"PK\x03\x04")
    segment = Segment.literal(SegmentKind.BODY, source.text, 0)
    document = Document(source, (segment,), format="docx", splice=splice)
    outcome = apply_fixes(document, [finding(8, 14, "Taiwan & Co")])
    assert outcome.data == b"spliced"
    assert received == [[Edit(Span(8, 14), "Taiwan & Co")]]


def test_nothing_to_apply_gives_the_original_bytes() -> None:
    data = b"\xef\xbb\xbfNo findings here.\r\n"
    document = text_document(data)
    outcome = apply_fixes(document, [])
    assert outcome.data == data
    assert outcome.applied == outcome.skipped == ()
