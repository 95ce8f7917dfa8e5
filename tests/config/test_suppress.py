"""Inline suppression: directives per format, scoped to the next paragraph or element;
unused (CK002) and unreadable (CK003) directives reported at the directive."""

from __future__ import annotations

import pytest

from checker.document import Document, Segment, SegmentKind
from checker.engine import Checker, Selection
from checker.explain import explain_text
from checker.readers import reader_for
from checker.rules import REGISTRY, DocumentRule
from checker.source import decode
from checker.suppress import find_directives
from tests.conftest import described, make_checker


@pytest.fixture(scope="module")
def story_checker() -> Checker:
    return make_checker()


def check(checker: Checker, text: str, path: str = "story.txt") -> list[str]:
    return described(checker.check_source(decode(text.encode("utf-8"), path)))


def test_a_directive_covers_the_next_line_in_a_file_with_one_paragraph_per_line(
    story_checker: Checker,
) -> None:
    text = "# termcheck: ignore TM001\nTalks on taiwan ended.\nTalks on taiwan resumed.\n"
    assert check(story_checker, text) == ["3:10 TM001 taiwan"]


def test_a_directive_covers_the_next_block_when_blank_lines_separate_paragraphs(
    story_checker: Checker,
) -> None:
    text = (
        "# termcheck: ignore TM001, ST002\n"
        "\n"
        "Talks on taiwan ended in\n"
        "Seoul after a dialog.\n"
        "\n"
        "Talks on taiwan resumed.\n"
    )
    assert check(story_checker, text) == ["6:10 TM001 taiwan"]


def test_directives_stack_on_one_paragraph(story_checker: Checker) -> None:
    text = "# termcheck: ignore TM001\n# termcheck: ignore ST002\nOn taiwan, a dialog.\n"
    assert check(story_checker, text) == []


def test_an_unused_code_is_reported_where_it_is_written(story_checker: Checker) -> None:
    text = "# termcheck: ignore TM001,ST002\nTalks on taiwan ended.\n"
    result = story_checker.check_text(text, "story.txt")
    assert described(result) == ["1:27 CK002 ST002"]
    (unused,) = result.findings
    assert unused.message == "'termcheck: ignore ST002' suppresses nothing here: remove ST002"
    assert unused.rule == "unused-suppression"


def test_unknown_codes_and_unreadable_directives_are_invalid(story_checker: Checker) -> None:
    text = (
        "# termcheck: ignore XX999 TM001\n"
        "Talks on taiwan ended.\n"
        "# termcheck: skip TM001\n"
        "Talks on taiwan resumed.\n"
        "# termcheck: ignore\n"
    )
    result = story_checker.check_text(text, "story.txt")
    assert described(result) == [
        "1:21 CK003 XX999",
        "3:1 CK003 # termcheck: skip TM001",
        "4:10 TM001 taiwan",
        "5:1 CK003 # termcheck: ignore",
    ]
    messages = [f.message for f in result.findings if f.code == "CK003"]
    assert messages == [
        "'XX999' is not a rule code (see 'termcheck rules')",
        "unreadable termcheck directive: expected 'termcheck: ignore CODE[,CODE]'",
        "the termcheck directive names no rule code: expected 'termcheck: ignore CODE[,CODE]'",
    ]


def test_a_directive_for_a_rule_not_in_force_is_not_reported() -> None:
    only_terms = make_checker(select=("TM",))
    text = "# termcheck: ignore ST002\nA dialog on taiwan.\n"
    assert check(only_terms, text) == ["2:13 TM001 taiwan"]


def test_directive_findings_follow_selection_and_severity() -> None:
    checker = make_checker()
    quiet = Checker(
        checker.glossary, checker.style, Selection(ignore=("CK002",)), checker.date, checker.index
    )
    assert check(quiet, "# termcheck: ignore TM001\nNothing here.\n") == []
    loud = Checker(
        checker.glossary,
        checker.style,
        Selection(severities={"CK002": REGISTRY["CK002"].default_severity.ERROR}),
        checker.date,
        checker.index,
    )
    (finding,) = loud.check_text("# termcheck: ignore TM001\nNothing here.\n").findings
    assert finding.severity.label == "error"


def test_markdown_comment_covers_the_next_block(story_checker: Checker) -> None:
    text = (
        "# Talks on taiwan\n"
        "\n"
        "<!-- termcheck: ignore TM001 -->\n"
        "Talks on taiwan ended\n"
        "on Friday.\n"
        "\n"
        "Talks on taiwan resumed.\n"
    )
    found = check(story_checker, text, "story.md")
    assert "4:10 TM001 taiwan" not in found
    assert "7:10 TM001 taiwan" in found
    assert "1:12 TM001 taiwan" in found


HTML = """<!DOCTYPE html>
<html><head><title>Talks</title></head><body><article>
<!-- termcheck: ignore TM001 -->
<p>Talks on <em>taiwan</em> ended.</p>
<p>Talks on taiwan resumed.<!-- termcheck: ignore ST002 --></p>
<p><!-- termcheck: ignore TM001 -->Once more on taiwan.</p>
</article></body></html>
"""


def test_html_comment_covers_the_next_element_or_the_rest_of_its_element() -> None:
    source = decode(HTML.encode("utf-8"), "story.html")
    document = reader_for("story.html")(source)
    directives, problems = find_directives(document)
    assert problems == []
    scopes = [HTML[d.scope.start : d.scope.end] for d in directives]
    assert scopes == [
        "<p>Talks on <em>taiwan</em> ended.</p>",
        "",
        "Once more on taiwan.",
    ]
    assert [code for d in directives for code, _ in d.codes] == ["TM001", "ST002", "TM001"]


def test_html_suppression_end_to_end(story_checker: Checker) -> None:
    found = check(story_checker, HTML, "story.html")
    assert [f for f in found if "TM001" in f] == ["5:13 TM001 taiwan"]
    assert "5:51 CK002 ST002" in found


def test_xml_comment_before_an_element() -> None:
    text = "<doc><!-- termcheck: ignore TM001 --><hl1>On taiwan</hl1><p>x</p></doc>"
    document = Document(
        decode(text.encode("utf-8"), "story.xml"),
        (Segment.literal(SegmentKind.HEADLINE, "On taiwan", 42),),
        format="xml",
    )
    (directive,), _ = find_directives(document)
    assert text[directive.scope.start : directive.scope.end] == "<hl1>On taiwan</hl1>"


def test_meta_rules_are_registered_for_docs_but_not_run_as_document_rules() -> None:
    assert {"CK002", "CK003"} <= set(REGISTRY)
    assert not issubclass(REGISTRY["CK002"], DocumentRule)
    text = explain_text("CK002")
    assert text.startswith("CK002 unused-suppression (default severity: warning)")
    assert "# termcheck: ignore MC002" in text


def test_docx_text_has_one_paragraph_per_line_even_with_empty_paragraphs() -> None:
    text = "Headline\n\n# termcheck: ignore TM001\n\nTalks on taiwan.\nMore on taiwan.\n"
    document = Document(
        decode(text.encode("utf-8"), "story.docx"),
        (Segment.literal(SegmentKind.BODY, text, 0),),
        format="docx",
    )
    (directive,), problems = find_directives(document)
    assert problems == []
    assert text[directive.scope.start : directive.scope.end] == "Talks on taiwan."
