"""Decoding: BOMs, declarations, legacy CJK encodings; never silently wrong."""

from __future__ import annotations

import codecs

import pytest

from checker.errors import InputError
from checker.readers import reader_for
from checker.source import decode

STORY = (
    "TOKYO – Liu Jinsong (刘劲松) met Masaaki Kanai (金井正彰) in Beijing. "
    "中国外交部表示会谈坦诚。\n" * 2
)
STORY_JA = (
    "TOKYO - Masaaki Kanai (金井正彰) met Liu. 日本政府は中国側に抗議した。外務省が発表した。\n" * 2
)
STORY_HANT = "TAIPEI – Liu Jinsong (劉勁松) met Kanai. 中國外交部表示會談坦誠。\n" * 2


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
def test_bom_decides_and_is_kept(bom: bytes, codec: str, name: str) -> None:
    source = decode(bom + STORY.encode(codec), "story.txt")
    assert (source.text, source.encoding, source.bom, source.detected) == (STORY, name, bom, False)


def test_utf8_without_bom() -> None:
    source = decode(STORY.encode(), "story.txt")
    assert (source.encoding, source.bom, source.warnings) == ("utf-8", b"", ())


@pytest.mark.parametrize(
    ("text", "codec"),
    [(STORY, "gb18030"), (STORY_HANT, "big5"), (STORY_JA, "shift_jis")],
)
def test_legacy_cjk_is_detected_and_said(text: str, codec: str) -> None:
    source = decode(text.encode(codec), "story.txt")
    assert source.text == text
    assert source.detected
    assert codecs.lookup(source.encoding).name == codecs.lookup(codec).name
    document = reader_for("story.txt")(source)
    assert document.warnings == (
        f"encoding {source.encoding} was guessed from the bytes (no BOM and no declaration);"
        " pass --encoding if the text looks wrong",
    )


def test_xml_declaration_names_the_encoding() -> None:
    xml = f'<?xml version="1.0" encoding="Shift_JIS"?>\n<nitf><body><p>{STORY_JA}</p></body></nitf>'
    source = decode(xml.encode("shift_jis"), "story.xml")
    assert (source.encoding, source.detected) == ("shift_jis", False)
    (segment,) = reader_for("story.xml")(source).segments
    assert segment.text.startswith("TOKYO - Masaaki Kanai (金井正彰)")


def test_html_meta_charset_names_the_encoding() -> None:
    page = f'<html><head><meta charset="gb2312"></head><body><p>{STORY}</p></body></html>'
    source = decode(page.encode("gb18030"), "story.html")
    assert source.encoding in ("gb2312", "gb18030") and not source.detected
    assert "刘劲松" in source.text


def test_declaration_that_would_garble_utf8_is_overruled_with_a_warning() -> None:
    page = f'<html><head><meta charset="gb2312"></head><body><p>{STORY}</p></body></html>'
    source = decode(page.encode("utf-8"), "story.html")
    assert (source.encoding, source.detected) == ("utf-8", True)
    assert "刘劲松" in source.text
    document = reader_for("story.html")(source)
    assert document.warnings == (
        "the document declares gb2312 but its bytes are UTF-8; read as UTF-8"
        " (pass --encoding to override)",
    )


def test_declared_label_widened_to_what_writers_use() -> None:
    text = "① Kanai ② Liu"  # NEC circled numbers: in Windows Shift_JIS (cp932), not JIS X 0208
    page = f'<html><head><meta charset="shift_jis"></head><body><p>{text}</p></body></html>'
    source = decode(page.encode("cp932"), "story.html")
    assert source.encoding == "cp932" and text in source.text


def test_undecodable_bytes_are_an_error_with_position() -> None:
    with pytest.raises(InputError) as error:
        decode(b"line one\nbad \xff\xfe\xfd byte", "story.txt")
    assert str(error.value).startswith("story.txt:2:5: not valid UTF-8: byte 0xff")


def test_unknown_declared_encoding_is_an_error() -> None:
    with pytest.raises(InputError, match="unknown encoding 'x-nonsense'"):
        decode('<?xml version="1.0" encoding="x-nonsense"?><r>é</r>'.encode(), "a.xml")


def test_utf16_xml_without_bom_is_recognized() -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><nitf><body><p>Liu 刘</p></body></nitf>'
    source = decode(xml.encode("utf-16-le"), "a.xml")
    assert source.encoding == "utf-16-le" and source.text == xml


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_recognized(codec: str) -> None:
    source = decode(STORY.encode(codec), "story.txt")
    assert (source.text, source.encoding, source.detected) == (STORY, codec, True)
    assert source.warnings == (
        f"encoding {codec} was guessed from the bytes (no BOM and no declaration);"
        " pass --encoding if the text looks wrong",
    )


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")]
)
def test_utf32_bom_is_not_taken_for_utf16(bom: bytes, codec: str) -> None:
    source = decode(bom + STORY.encode(codec), "story.txt")
    assert (source.text, source.encoding, source.bom) == (STORY, codec, bom)


def test_a_declared_ebcdic_page_in_ascii_bytes_is_read_as_ascii() -> None:
    page = b'<html><head><meta charset="cp037"></head><body><p>Talks on taiwan.</p></body></html>'
    source = decode(page, "page.html")
    assert source.text == page.decode("ascii")
    assert source.warnings == (
        "the document declares cp037, which its bytes contradict; read as UTF-8"
        " (pass --encoding to override)",
    )


def test_a_latin1_label_over_gb18030_bytes_is_overridden_with_a_warning() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{STORY}</p></body></html>'
    source = decode(page.encode("gb18030"), "page.html")
    assert source.text == page
    assert source.warnings == (
        "the document declares iso-8859-1 but its bytes are gb18030; read as gb18030"
        " (pass --encoding to override)",
    )


def test_real_latin1_stays_latin1() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body><p>Café talks in Zürich: '
        "résumé, naïveté, Gödel, São Paulo, Ærø.</p></body></html>"
    )
    source = decode(page.encode("latin-1"), "page.html")
    assert source.text == page and source.warnings == ()


def test_a_page_declaring_an_unknown_encoding_is_read_as_its_bytes_are_with_a_warning() -> None:
    """Browsers ignore a <meta charset> that names no encoding; so does the reader, and
    says so (an XML declaration naming none stays an error: above)."""
    page = '<html><head><meta charset="x-nonsense"></head><body><p>Café talks</p></body></html>'
    source = decode(page.encode(), "page.html")
    assert (source.text, source.encoding, source.detected) == (page, "utf-8", True)
    assert source.warnings == (
        "the page declares an unknown encoding 'x-nonsense'; read as utf-8 (pass --encoding"
        " to override)",
    )
    big5 = '<meta charset="bogus"><p>台灣外交部長林佳龍表示，雙方會談順利。</p>'.encode("big5")
    guessed = decode(big5 * 20, "page.html")
    assert guessed.encoding == "big5" and guessed.warnings[0].startswith(
        "the page declares an unknown encoding 'bogus'; read as big5"
    )
