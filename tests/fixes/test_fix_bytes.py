"""Fixes change only the bytes of their spans, in every encoding: characters that an
encoding can write two ways (Big5 0xA2CC and 0xA451 are both 十) keep the bytes they had.

Proved over every valid two-byte sequence of the legacy CJK encodings, and by property
tests over random documents of each reader's format, built from those byte sequences."""

from __future__ import annotations

import functools
import io
import zipfile

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker.engine import Checker
from checker.fix_file import fix_source
from checker.source import decode, splice_bytes
from tests.conftest import REPO, make_checker

ENCODINGS = ("big5", "big5hkscs", "cp932", "shift_jis", "gb18030")
WRONG = b" taiwan "
RIGHT = b" Taiwan "


@functools.cache
def two_byte_sequences(encoding: str) -> tuple[bytes, ...]:
    """Every lead byte 0x81-0xFE with every trail byte 0x40-0xFE that decodes alone."""
    found = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            pair = bytes((lead, trail))
            try:
                pair.decode(encoding)
            except UnicodeDecodeError:
                continue
            found.append(pair)
    return tuple(found)


@pytest.fixture(scope="module")
def story_checker() -> Checker:
    return make_checker()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_two_byte_sequence_survives_a_splice_beside_it(encoding: str) -> None:
    pairs = two_byte_sequences(encoding)
    assert len(pairs) > 7000
    lines = [b"".join(pairs[i : i + 64]) + WRONG + b"\n" for i in range(0, len(pairs), 64)]
    raw = b"".join(lines)
    source = decode(raw, "story.txt", encoding)
    text = source.text
    edits = []
    start = text.find(WRONG.decode())
    while start != -1:
        edits.append((start + 1, start + 7, "Taiwan"))
        start = text.find(WRONG.decode(), start + 1)
    assert len(edits) == len(lines)
    assert splice_bytes(source, edits) == raw.replace(WRONG, RIGHT)


@pytest.mark.parametrize("encoding", ["big5", "cp932", "gb18030"])
def test_every_two_byte_sequence_survives_fixing_a_file(
    encoding: str, story_checker: Checker
) -> None:
    pairs = two_byte_sequences(encoding)
    raw = b"".join(b"".join(pairs[i : i + 64]) + WRONG + b"\n" for i in range(0, len(pairs), 64))
    fixed = fix_source(story_checker, decode(raw, "story.txt", encoding))
    assert fixed.data == raw.replace(WRONG, RIGHT)


# -- property tests --------------------------------------------------------------------------


@st.composite
def filler(draw: st.DrawFn, encoding: str) -> bytes:
    """Random valid bytes of an encoding: its two-byte sequences and spaces."""
    pairs = two_byte_sequences(encoding)
    picks = draw(st.lists(st.integers(0, len(pairs)), max_size=40))
    return b"".join(pairs[i] if i < len(pairs) else b" " for i in picks)


@st.composite
def spliced_documents(draw: st.DrawFn) -> tuple[str, list[bytes], list[str]]:
    """Pieces of raw bytes and the replacements for every other piece."""
    encoding = draw(st.sampled_from(ENCODINGS))
    count = draw(st.integers(1, 6))
    pieces = [draw(filler(encoding)) for _ in range(2 * count + 1)]
    replacements = [
        draw(st.text("Taiwan Liu-'", max_size=6)) + draw(filler(encoding)).decode(encoding)
        for _ in range(count)
    ]
    return encoding, pieces, replacements


@settings(max_examples=200, deadline=None)
@given(spliced_documents())
def test_splicing_keeps_every_byte_outside_the_spans(
    document: tuple[str, list[bytes], list[str]],
) -> None:
    encoding, pieces, replacements = document
    source = decode(b"".join(pieces), "story.txt", encoding)
    edits = []
    offset = 0
    for i, piece in enumerate(pieces):
        length = len(piece.decode(encoding))
        if i % 2:
            edits.append((offset, offset + length, replacements[i // 2]))
        offset += length
    expected = b"".join(
        piece if i % 2 == 0 else replacements[i // 2].encode(encoding)
        for i, piece in enumerate(pieces)
    )
    assert splice_bytes(source, edits) == expected


def _text(encoding: str, body: bytes) -> tuple[str, bytes]:
    return "story.txt", body


def _markdown(encoding: str, body: bytes) -> tuple[str, bytes]:
    return "story.md", b"# Talks\n\n" + body


def _html(encoding: str, body: bytes) -> tuple[str, bytes]:
    head = f'<html><head><meta charset="{encoding}"><title>Talks</title></head>'.encode()
    return "story.html", head + b"<body><article><p>" + body + b"</p></article></body></html>"


def _nitf(encoding: str, body: bytes) -> tuple[str, bytes]:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode()
    return "story.xml", declaration + b"<nitf><body><body.content><p>" + body + (
        b"</p></body.content></body></nitf>\n"
    )


def _newsml(encoding: str, body: bytes) -> tuple[str, bytes]:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode()
    return "story.newsml.xml", declaration + (
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentSet>'
        b'<inlineXML contenttype="application/nitf+xml">'
        b'<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content><p>'
    ) + body + b"</p></body.content></body></nitf></inlineXML></contentSet></newsItem>\n"


FORMATS = {"text": _text, "markdown": _markdown, "html": _html, "nitf": _nitf, "newsml": _newsml}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.sampled_from(sorted(FORMATS)),
    st.sampled_from(("big5", "cp932", "gb18030")),
    st.data(),
)
def test_fixing_a_random_document_changes_only_the_fixed_word(
    story_checker: Checker, fmt: str, encoding: str, data: st.DataObject
) -> None:
    before = data.draw(filler(encoding))
    after = data.draw(filler(encoding))
    # A backtick on each side makes a Markdown code span, which is rightly left alone.
    assume(fmt != "markdown" or "`" not in (before + after).decode(encoding))
    name, raw = FORMATS[fmt](encoding, before + WRONG + after)
    fixed = fix_source(story_checker, decode(raw, name, encoding))
    assert fixed.data == raw.replace(WRONG, RIGHT)


def test_fixing_a_word_file_changes_only_the_fixed_text_node(story_checker: Checker) -> None:
    path = REPO / "samples" / "kanai-liu-meeting.docx"
    raw = path.read_bytes()
    fixed = fix_source(story_checker, decode(raw, path.name))
    assert fixed.changed
    with zipfile.ZipFile(io.BytesIO(raw)) as old, zipfile.ZipFile(io.BytesIO(fixed.data)) as new:
        assert old.namelist() == new.namelist()
        for name in old.namelist():
            if name != "word/document.xml":
                assert old.read(name) == new.read(name)
