"""Inputs that used to be dropped without a word, refused whole, or reported slowly."""

from __future__ import annotations

import time

import pytest

from checker.engine import Checker
from checker.readers.markdown import read_markdown
from checker.source import decode
from tests.conftest import described, make_checker


@pytest.fixture(scope="module")
def checker() -> Checker:
    return make_checker()


def test_markdown_past_the_nesting_limit_is_a_warning() -> None:
    text = "> " * 3000 + "Talks on taiwan.\n\nLast paragraph.\n"
    document = read_markdown(decode(text.encode(), "deep.md"))
    assert [s.text for s in document.segments] == ["Last paragraph."]
    assert document.warnings == (
        "1 line(s) of text were not checked: blocks nested deeper than the Markdown "
        "parser's limit of 20",
    )


def test_markdown_within_the_limit_has_no_warning() -> None:
    document = read_markdown(decode(("> " * 15 + "Talks.\n").encode(), "quote.md"))
    assert [s.text for s in document.segments] == ["Talks."] and document.warnings == ()


def test_json_ld_nested_past_the_stack_is_skipped_not_fatal(checker: Checker) -> None:
    page = (
        '<html><head><script type="application/ld+json">' + "[" * 100_000 + "</script>"
        "</head><body><p>Talks on taiwan.</p></body></html>"
    )
    result = checker.check_source(decode(page.encode(), "page.html"))
    assert described(result) == ["1:100082 TM001 taiwan"]


@pytest.mark.parametrize(
    "section", ["<![llh\n x]]>", "<![if !IE]>", "<![CDATA[a>b]]>", "<![endif]>", "<![", "<![x"]
)
def test_a_marked_section_in_a_page_is_read_as_browsers_do_not_fatal(
    checker: Checker, section: str
) -> None:
    """`<![` opens no marked section in HTML: Python's tokenizer stopped with an
    AssertionError at an unknown keyword; now it is a bogus comment to the next `>`."""
    page = f"<html><body><p>Talks {section} on taiwan.</p></body></html>"
    result = checker.check_source(decode(page.encode(), "page.html"))
    at = page.index("taiwan")
    line, column = page.count("\n", 0, at) + 1, at - (page.rfind("\n", 0, at) + 1) + 1
    # Without a `>` of its own, the comment runs to the end of `</p>`, taking the text.
    assert described(result) == ([f"{line}:{column} TM001 taiwan"] if ">" in section else [])


def test_nul_bytes_between_ascii_pairs_are_not_taken_for_utf16() -> None:
    source = decode(b"abc\x00def\x00" * 10, "story.txt")
    assert source.encoding == "utf-8" and source.text.startswith("abc\x00def")


def test_a_finding_on_a_megabyte_line_is_shown_from_its_neighbourhood(
    checker: Checker,
) -> None:
    from io import StringIO

    from checker.reporters.text import write_text

    text = "word " * 200_000 + "taiwan " + "word " * 10
    result = checker.check_source(decode(text.encode(), "one-line.txt"))
    out = StringIO()
    started = time.monotonic()
    write_text([result], out)
    assert time.monotonic() - started < 5
    lines = out.getvalue().splitlines()
    at = next(i for i, line in enumerate(lines) if "TM001" in line)
    excerpt, caret = lines[at + 1], lines[at + 2]
    assert len(excerpt) < 200 and excerpt.lstrip().startswith("…")
    assert excerpt[caret.index("^") : caret.rindex("^") + 1] == "taiwan"


def test_xml_nested_past_the_parsers_limit_is_one_line(checker: Checker) -> None:
    from checker.errors import InputError

    data = b"<nitf><body>" + b"<div>" * 5000 + b"x" + b"</div>" * 5000 + b"</body></nitf>"
    with pytest.raises(InputError) as caught:
        checker.check_source(decode(data, "deep.xml"))
    assert str(caught.value) == "deep.xml:1:1287: XML nested more than 256 elements deep; refused"
