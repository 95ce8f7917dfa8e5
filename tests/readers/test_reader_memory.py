"""What a reader keeps once a document is read: no parse tree, no reference cycles that
would hold it until a full collection, and Python memory a small multiple of the input
(the segments' text and their maps). Documents are generated here, a few hundred KB each;
`bench/memory.py` measures whole runs on large ones."""

from __future__ import annotations

import gc
import io
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator

import pytest
from lxml import etree

from checker.document import JOINED_PARAGRAPHS, Document
from checker.model import Edit, Span
from checker.readers import reader_for
from checker.source import SourceFile, decode

PARAGRAPH = (
    "Vice Foreign Minister Liu Jinsong met Masaaki Kanai, director-general of the Asian "
    "and Oceanian Affairs Bureau, in Beijing on Wednesday &amp; the talks lasted hours."
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraphs(count: int) -> str:
    return "".join(f"<p>{PARAGRAPH} {i}</p>\n" for i in range(count))


def nitf(count: int) -> bytes:
    body = _paragraphs(count)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<nitf><head><title>Talks</title></head>'
        f"<body><body.content>\n{body}</body.content></body></nitf>"
    ).encode()


def newsml(count: int) -> bytes:
    body = _paragraphs(count)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta>'
        "<headline>Talks</headline></contentMeta><contentSet>"
        '<inlineXML contenttype="application/nitf+xml"><nitf '
        'xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>'
        f"{body}</body.content></body></nitf></inlineXML></contentSet></newsItem>"
    ).encode()


def page(count: int) -> bytes:
    body = _paragraphs(count)
    return (
        f"<!doctype html><html><body><article><h1>Talks</h1>{body}</article></body></html>".encode()
    )


def docx(count: int) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{PARAGRAPH} {i}</w:t></w:r></w:p>" for i in range(count))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>',
        )
    return out.getvalue()


FORMATS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "nitf": ("story.xml", nitf),
    "newsml": ("story.newsml.xml", newsml),
    "html": ("story.html", page),
    "docx": ("story.docx", docx),
}


def source_of(name: str, count: int) -> SourceFile:
    filename, make = FORMATS[name]
    return decode(make(count), filename)


def read(source: SourceFile) -> Document:
    return reader_for(source.path)(source)


def read_traced(source: SourceFile) -> tuple[Document, int, int]:
    """The document, and the Python memory reading it kept and took at its peak."""
    tracemalloc.start()
    try:
        document = read(source)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return document, kept, peak


@pytest.fixture
def no_automatic_collection() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("no_automatic_collection")
@pytest.mark.parametrize("name", list(FORMATS))
def test_reading_leaves_no_cycles_and_no_tree(name: str) -> None:
    document = read(source_of(name, 200))
    assert len(document.segments) >= 200
    # Nothing the reader made waits for the cycle collector (a self-calling closure or an
    # expat handler once kept every block and so the whole tree alive until then)...
    assert gc.collect() == 0
    # ...and no element of the parsed tree outlives the reading, also not through the
    # splicer a Word document keeps for fixes.
    assert not [o for o in gc.get_objects() if isinstance(o, etree._Element)]


@pytest.mark.parametrize("name", list(FORMATS))
def test_python_memory_of_reading_is_a_small_multiple_of_the_text(name: str) -> None:
    read(source_of(name, 1))  # the reader's modules are imported: they are no input
    source = source_of(name, 2000)  # about a third of a megabyte of text
    document, kept, peak = read_traced(source)
    text = sum(len(s.text) for s in document.segments)
    assert text > 2000 * len(PARAGRAPH) * 0.95
    # The segments' text and their maps (a segment, its chunk, its name: a few hundred
    # bytes each, a lot beside paragraphs of 165 characters); the parse and the source map
    # come and go. (When cycles kept them, 12 to 23 times the text stayed after reading.)
    assert kept < 6 * text, (kept, text)
    assert peak < 13 * text, (peak, text)


def test_a_fix_in_a_large_word_file_is_written_from_the_kept_offsets() -> None:
    document = read(source_of("docx", 2000))
    assert document.splice is not None
    text = document.source.text
    at = text.index("Beijing", text.rindex("\n", 0, len(text) - 1) + 1)
    fixed = document.splice([Edit(Span(at, at + 7), "Peking")])
    assert read(decode(fixed, "fixed.docx")).source.text == text[:at] + "Peking" + text[at + 7 :]


def _one_word_paragraphs(name: str, count: int) -> SourceFile:
    """A document of one-word paragraphs, the worst case for a cost per paragraph."""
    words = [f"Word{i % 7}." for i in range(count)]
    if name == "docx":
        body = "".join(f"<w:p><w:r><w:t>{w}</w:t></w:r></w:p>" for w in words)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "word/document.xml",
                f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}'
                "</w:body></w:document>",
            )
        return decode(out.getvalue(), "story.docx")
    paragraphs = "".join(f"<p>{w}</p>\n" for w in words)
    if name == "html":
        data = page(0).replace(b"</h1>", b"</h1>" + paragraphs.encode(), 1)
        return decode(data, FORMATS[name][0])
    data = nitf(0) if name == "nitf" else newsml(0)
    data = data.replace(b"<body.content>", b"<body.content>" + paragraphs.encode(), 1)
    return decode(data, FORMATS[name][0])


@pytest.mark.parametrize("name", ["nitf", "newsml", "docx", "html"])
def test_streamed_readers_keep_a_few_bytes_a_tiny_paragraph(name: str) -> None:
    """NITF, NewsML-G2, Word and HTML bodies are read a block at a time and their tiny
    paragraphs joined into segments: reading never holds an object per paragraph."""
    read(_one_word_paragraphs(name, 10))
    source = _one_word_paragraphs(name, 20_000)
    if name == "docx":  # its XML once unzipped
        markup = (
            zipfile.ZipFile(io.BytesIO(source.raw or b"")).getinfo("word/document.xml").file_size
        )
    else:
        markup = len(source.text)
    document, kept, peak = read_traced(source)
    assert sum(len(s.names) for s in document.segments) >= 20_000
    apart = [s for s in document.segments if s.paragraphs is None]
    assert len(apart) < JOINED_PARAGRAPHS  # the last run, too short to be joined
    # Per paragraph of about 14 bytes of markup (40 in a Word file): its text, one chunk
    # (five 32-bit numbers), its name and where it starts. (Read as a tree, NITF kept 29
    # and peaked at 44 times the markup, a Word file 12 and 37 times its XML; HTML, read as
    # libxml2's tree with a map of its nodes, peaked at 25 times, its tree not counted.)
    assert kept < 5 * markup, (kept, markup)
    assert peak < 8 * markup, (peak, markup)
