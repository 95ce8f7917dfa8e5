"""The XML source map: every text node at its exact offset, references non-literal; a
streamed body gives the blocks a tree gives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from checker.document import Segment
from checker.errors import InputError
from checker.model import Span
from checker.readers import reader_for
from checker.readers.nitf import NITF_RULES
from checker.readers.segments import (
    BlockRules,
    Piece,
    TextMap,
    local_name,
    separator,
)
from checker.readers.xml_stream import BlockStream, Node, NodeMap, parse_source, read_light
from checker.source import SourceFile, decode


def nitf(body: str, head: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">\n'
        f"<nitf><head>{head}</head><body><body.content>{body}</body.content></body></nitf>"
    )


def read(
    text: str, path: str = "story.xml", encoding: str = "utf-8"
) -> tuple[SourceFile, list[Segment]]:
    source = decode(text.encode(encoding), path)
    document = reader_for(path)(source)
    return document.source, list(document.segments)


def assert_literal_chunks_round_trip(source: SourceFile, segment: Segment) -> None:
    for chunk in segment.chunks:
        if chunk.literal:
            assert (
                source.text[chunk.src_start : chunk.src_end]
                == segment.text[chunk.text_start : chunk.text_end]
            )


def test_character_reference_is_a_non_literal_chunk() -> None:
    source, (segment,) = read(nitf("<p>Xi&#x2019;s visit</p>"))
    assert segment.text == "Xi’s visit"
    start = source.text.index("Xi&#x2019;s")
    assert [(c.src_start - start, c.src_end - start, c.literal) for c in segment.chunks] == [
        (0, 2, True),
        (2, 10, False),
        (10, 17, True),
    ]
    assert_literal_chunks_round_trip(source, segment)


def test_inline_markup_joins_the_name_and_keeps_the_map() -> None:
    source, (segment,) = read(nitf("<p>Liu <em>Jinsong</em> met Kanai.</p>"))
    assert segment.text == "Liu Jinsong met Kanai."
    name = segment.to_source(Span(4, 11))
    assert source.text[name.start : name.end] == "Jinsong"
    assert not segment.is_literal(Span(0, 11))
    assert_literal_chunks_round_trip(source, segment)


def test_amp_entity_cdata_and_comment() -> None:
    source, (segment,) = read(nitf("<p>A &amp; B<!-- note --> <![CDATA[C<D]]> end</p>"))
    assert segment.text == "A & B C<D end"
    cdata = segment.chunks[-1]
    assert source.text[cdata.src_start : cdata.src_end] in ("C<D end", " end")
    assert_literal_chunks_round_trip(source, segment)


def test_crlf_line_wrap_collapses_into_one_mapped_space() -> None:
    text = nitf("<p>Kanai\n    Hiroshi spoke.</p>").replace("\n", "\r\n")
    source, (segment,) = read(text)
    assert segment.text == "Kanai Hiroshi spoke."
    space = segment.chunks[1]
    assert (space.literal, source.text[space.src_start : space.src_end]) == (False, "\r\n    ")
    assert source.lines.line_col(segment.source_offset(6)) == (4, 1 + len("    "))


def test_line_break_element_separates_sentences() -> None:
    _, (segment,) = read(nitf("<p>First line.<br/>second line</p>"))
    assert segment.text == "First line.\nsecond line"


def test_declared_latin1_is_decoded_and_mapped_in_code_points() -> None:
    text = nitf("<p>Caf\u00e9 &#233; Kanai</p>").replace("UTF-8", "ISO-8859-1")
    source, (segment,) = read(text, encoding="latin-1")
    assert source.encoding == "iso8859-1"
    assert segment.text == "Café é Kanai"
    kanai = segment.to_source(Span(7, 12))
    assert source.text[kanai.start : kanai.end] == "Kanai"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8-sig"])
def test_bom_encodings(encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8-sig": b""}[encoding]
    text = nitf("<p>Liu Jinsong 刘劲松</p>").replace("UTF-8", "UTF-16" if bom else "UTF-8")
    source = decode(bom + text.encode(encoding), "story.xml")
    (segment,) = reader_for("story.xml")(source).segments
    assert segment.text == "Liu Jinsong 刘劲松"
    assert source.text[segment.chunks[0].src_start :].startswith("Liu Jinsong 刘劲松</p>")


def test_map_text_equals_lxml_text_for_every_node() -> None:
    text = nitf("<p>a<em>b&amp;<b>c</b>d</em>e&#65;</p><!--x-->tail<?pi x?>more")
    source = decode(text.encode(), "x.xml")
    tree = parse_source(source)
    light = read_light(source, lambda *_: None)
    nodes = list(light.iter())
    assert len(nodes) == len(list(tree.getroot().iter()))
    for node, element in zip(nodes, tree.getroot().iter(), strict=True):
        if isinstance(element.tag, str):
            assert node.tag == element.tag
            assert "".join(p.text for p in node.text_pieces) == (element.text or "")
        assert "".join(p.text for p in node.tail_pieces) == (element.tail or "")


STREAMED = [
    "<p>Liu <em>Jin</em>song said.</p>\n<p>Two<br/>lines<br/></p>",
    "<block>before<p>inside</p>between<p>again <br/> after</p>last</block>",
    "<p>a<media-reference>skipped<p>hidden</p></media-reference>b<!--c-->d</p>",
    "<p>x&amp;y &#x2019;\r\n  wrapped</p><bq><p>“Quoted,”</p> he said</bq><p/>",
    "<table><tr><td>cell<br/></td><td><hl2>head</hl2>tail</td></tr></table>",
]


@pytest.mark.parametrize("body", STREAMED)
def test_a_streamed_body_gives_the_blocks_of_the_tree(body: str) -> None:
    """The event walker emits what `block_pieces` emits over the same body as a tree."""
    source = decode(nitf(body).encode(), "x.xml")
    streamed: list[tuple[str | None, list[Piece]]] = []

    def open_stream(node: Node, ancestors: object) -> BlockStream | None:
        if node.tag != "body":
            return None
        return BlockStream(node, NITF_RULES, lambda b, p: streamed.append((b.tag, list(p))))

    read_light(source, open_stream)
    tree = read_light(source, lambda *_: None)
    whole: list[tuple[str | None, list[Piece]]] = []
    body_node = next(n for n in tree.iter() if n.tag == "body")
    block_pieces(body_node, NodeMap(), NITF_RULES, lambda b, p: whole.append((b.tag, list(p))))
    assert streamed == whole
    assert any(pieces for _, pieces in whole)


def test_undeclared_html_entity_is_refused_in_one_line() -> None:
    with pytest.raises(InputError) as error:
        read(nitf("<p>a&nbsp;b</p>"))
    assert "entity" in str(error.value) and "\n" not in str(error.value)


def test_malformed_xml_names_line_and_column() -> None:
    with pytest.raises(InputError) as error:
        read('<?xml version="1.0"?>\n<nitf><body>\n<p>open</body></nitf>')
    assert str(error.value).startswith("story.xml:3:")


# -- the tree walk the stream is held to ---------------------------------------------------

Emit = Callable[[Any, list[Piece]], None]


def block_pieces(root: Any, text_map: TextMap, rules: BlockRules, emit: Emit) -> None:
    """The oracle of the streamed body: `emit(block, pieces)` for the text of `root` and
    of every block inside it, walked as a tree, in document order. Text directly inside a
    block around nested blocks is emitted as separate runs of that block."""
    _BlockWalker(text_map, rules, emit).block(root)


class _BlockWalker:
    """The walk of `block_pieces`."""

    def __init__(self, text_map: TextMap, rules: BlockRules, emit: Emit) -> None:
        self.text_map = text_map
        self.rules = rules
        self.emit = emit

    def block(self, block: Any) -> None:
        run: list[Piece] = list(self.text_map.text_pieces(block))
        self._inline(block, block, run)
        self._flush(block, run)

    def _flush(self, block: Any, run: list[Piece]) -> None:
        if run:
            self.emit(block, list(run))
            run.clear()

    def _inline(self, block: Any, node: Any, run: list[Piece]) -> None:
        rules, text_map = self.rules, self.text_map
        for child in node:
            name = local_name(child)
            if name is None or name in rules.skipped:
                pass
            elif name in rules.blocks:
                self._flush(block, run)
                self.block(child)
            elif name in rules.breaks:
                tail = text_map.tail_pieces(child)
                run.append(separator("\n", tail[0].start if tail else _end_of(run)))
            else:
                run.extend(text_map.text_pieces(child))
                self._inline(block, child, run)
            run.extend(text_map.tail_pieces(child))


def _end_of(pieces: Sequence[Piece]) -> int:
    return pieces[-1].end if pieces else 0
