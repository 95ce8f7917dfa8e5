"""DOCX: paragraphs as lines, tracked changes accepted, warnings, and splicing fixes."""

from __future__ import annotations

import io
import zipfile

import pytest

from checker.document import Document, SegmentKind
from checker.errors import InputError
from checker.model import Edit, Span
from checker.readers import reader_for
from checker.source import decode, read_source
from tests.readers.conftest import SAMPLES

SAMPLE = SAMPLES / "kanai-liu-meeting.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: str, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:document {W}><w:body>{body}</w:body></w:document>",
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def read(data: bytes, path: str = "story.docx") -> Document:
    return reader_for(path)(decode(data, path))


def test_sample_paragraphs_are_lines() -> None:
    document = read_sample()
    lines = document.source.text.split("\n")
    story = (SAMPLES / "kanai-liu-meeting.txt").read_text(encoding="utf-8").split("\n")
    assert lines[2:] == story
    assert document.segments[0].kind is SegmentKind.HEADLINE
    assert [s.name for s in document.segments[:3]] == ["p[1]", "p[2]", "p[3]"]
    assert document.warnings == (
        "the document has tracked changes: insertions are read, deletions are ignored",
    )


def read_sample() -> Document:
    return reader_for(str(SAMPLE))(read_source(SAMPLE))


def test_runs_tabs_symbols_insertions_and_deletions() -> None:
    body = (
        "<w:p><w:r><w:t>Liu </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>Jinsong</w:t></w:r>"
        "<w:del><w:r><w:delText>old </w:delText></w:r></w:del>"
        '<w:ins><w:r><w:t xml:space="preserve"> new</w:t></w:r></w:ins>'
        '<w:r><w:tab/><w:t>A&amp;B</w:t><w:sym w:char="2013"/></w:r>'
        "<w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p/>"
    )
    document = read(docx(body))
    assert document.source.text == "Liu Jinsong new\tA&B–link\ncell\n"
    first = document.segments[0]
    assert first.is_literal(Span(4, 11))
    assert not first.is_literal(Span(0, 11))  # across two runs
    assert not first.is_literal(Span(16, 19))  # 'A&B' holds a reference


def test_text_boxes_and_footnotes_are_named_in_a_warning() -> None:
    body = (
        '<w:p><w:r><w:t>Body</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></w:r></w:p>"
    )
    document = read(docx(body))
    assert document.source.text == "Body"
    assert document.warnings == ("not read: footnotes, text boxes (their text is not checked)",)


def test_splice_changes_only_the_text_of_one_w_t() -> None:
    document = read_sample()
    text = document.source.text
    start = text.index("chinese state media")
    taiwan = text.index("taiwan.")
    new = document.splice(
        [Edit(Span(start, start + 7), "Chinese"), Edit(Span(taiwan, taiwan + 6), "Taiwan")]
    )
    original = zipfile.ZipFile(SAMPLE)
    fixed = zipfile.ZipFile(io.BytesIO(new))
    assert original.namelist() == fixed.namelist()
    changed = [n for n in original.namelist() if original.read(n) != fixed.read(n)]
    assert changed == ["word/document.xml"]
    before = original.read("word/document.xml").decode()
    after = fixed.read("word/document.xml").decode()
    assert after == before.replace("in chinese state", "in Chinese state").replace(
        "on taiwan.", "on Taiwan."
    )
    reread = read(new, "fixed.docx")
    assert reread.source.text == text.replace("in chinese", "in Chinese").replace(
        "on taiwan.", "on Taiwan."
    )


def test_spliced_file_opens_in_python_docx() -> None:
    docx_module = pytest.importorskip("docx")
    document = read_sample()
    at = document.source.text.index("dialog.")
    new = document.splice([Edit(Span(at, at + 6), "dialogue")])
    paragraphs = [p.text for p in docx_module.Document(io.BytesIO(new)).paragraphs]
    assert paragraphs[4].endswith("through dialogue.")


def test_splice_escapes_and_keeps_edge_spaces() -> None:
    document = read(docx("<w:p><w:r><w:t>Tokyo</w:t></w:r></w:p>"))
    new = document.splice([Edit(Span(5, 5), " & Beijing ")])
    xml = zipfile.ZipFile(io.BytesIO(new)).read("word/document.xml").decode()
    assert '<w:t xml:space="preserve">Tokyo &amp; Beijing </w:t>' in xml
    assert read(new).source.text == "Tokyo & Beijing "


def test_splice_refuses_an_edit_across_runs() -> None:
    document = read(docx("<w:p><w:r><w:t>Liu </w:t></w:r><w:r><w:t>jianchao</w:t></w:r></w:p>"))
    with pytest.raises(InputError, match="crosses runs"):
        document.splice([Edit(Span(0, 12), "Liu Jianchao")])


def test_not_a_zip_and_not_a_word_file() -> None:
    with pytest.raises(InputError, match="not a readable DOCX"):
        reader_for("a.docx")(decode(b"plain text", "a.docx"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="not a Word document"):
        read(out.getvalue())


def test_zip_bomb_member_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")
    with pytest.raises(InputError, match="zip bomb"):
        read(out.getvalue())


def test_zip_read_as_text_suffix_is_refused() -> None:
    with pytest.raises(InputError, match=r"a zip archive, not a \.txt document"):
        reader_for("story.txt")(decode(SAMPLE.read_bytes(), "story.txt"))


def test_a_run_across_the_parser_blocks_is_spliced_in_place() -> None:
    """The main part is parsed a block at a time: a run of text longer than a block, with
    references on both sides of a block's end, keeps its exact offsets."""
    from checker.readers.docx import _BLOCK

    filler = "word " * (_BLOCK // 5)
    body = f"<w:p><w:r><w:t>A&amp;B {filler}taiwan &lt;x&gt; {filler}taiwan.</w:t></w:r></w:p>"
    document = read(docx(body))
    text = document.source.text
    assert text == f"A&B {filler}taiwan <x> {filler}taiwan."
    first, last = text.index("taiwan"), text.rindex("taiwan")
    segment = document.segments[0]
    assert segment.is_literal(Span(first, first + 6)) and segment.is_literal(Span(last, last + 6))
    new = document.splice(
        [Edit(Span(first, first + 6), "Taiwan"), Edit(Span(last, last + 6), "Taiwan")]
    )
    xml = zipfile.ZipFile(io.BytesIO(new)).read("word/document.xml").decode()
    assert f"A&amp;B {filler}Taiwan &lt;x&gt; {filler}Taiwan.</w:t>" in xml
    assert read(new).source.text == text.replace("taiwan", "Taiwan")


def test_a_utf16_main_part_is_read_and_spliced_in_utf16() -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>刘劲松 met taiwan</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", xml.encode("utf-16"))
    document = read(out.getvalue())
    assert document.source.text == "刘劲松 met taiwan"
    new = document.splice([Edit(Span(8, 14), "Taiwan")])
    stored = zipfile.ZipFile(io.BytesIO(new)).read("word/document.xml")
    assert stored == xml.replace("taiwan", "Taiwan").encode("utf-16")


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (
            f'<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document {W}><w:body/></w:document>',
            "XML declares entities; refused",
        ),
        (
            f"<w:document {W}><w:body><w:p>{'<w:r>' * 300}</w:p></w:body></w:document>",
            "nested more than 256",
        ),
        (
            f"<w:document {W}><w:body><w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body>"
            "</w:document>",
            "undefined entity",
        ),
        (
            f"<w:document {W}><w:body><w:p></w:body></w:document>",
            "not well-formed XML: mismatched tag",
        ),
    ],
)
def test_hostile_main_parts_are_one_line_errors(xml: str, message: str) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", xml)
    with pytest.raises(InputError, match=message) as raised:
        read(out.getvalue())
    assert "story.docx:word/document.xml" in str(raised.value)
    assert "\n" not in str(raised.value)
