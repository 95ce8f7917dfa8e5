"""The HTML report read back with lxml: every finding highlighted in the story text, the
cards, the summary by rule, and nothing fetched from the network."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest
from lxml import html as lxml_html

from checker.engine import Result
from checker.model import Applicability, Edit, Finding, Fix, Severity, Span
from tests.conftest import REPO, make_checker
from tests.reporters.conftest import render


def page(results: list[Result]) -> lxml_html.HtmlElement:
    text = render("html", results)
    assert text.startswith("<!DOCTYPE html>")
    return lxml_html.document_fromstring(text)


def marked_text(root: lxml_html.HtmlElement) -> dict[str, str]:
    """Card id → the highlighted text of that finding, pieces joined in reading order."""
    pieces: dict[str, list[str]] = defaultdict(list)
    for mark in root.iter("mark"):
        for card in mark.get("data-findings").split():
            pieces[card].append(mark.text_content())
    return {card: "".join(parts) for card, parts in pieces.items()}


def test_every_finding_is_highlighted_where_it_stands(seed_result: Result) -> None:
    root = page([seed_result])
    highlighted = marked_text(root)
    expected = {
        f"f1-{i}": seed_result.source.text[f.span.start : f.span.end]
        for i, f in enumerate(seed_result.findings, start=1)
    }
    assert highlighted == expected
    assert root.body.get("data-finding-count") == "17"
    first = root.find(".//mark")
    assert first.text == "chinese"
    assert first.get("class") == "finding error"
    assert first.get("data-code") == "TM001"
    shared = next(m for m in root.iter("mark") if m.text == "Kanai Hiroshi")
    assert shared.get("data-code") == "NM002 TM002"
    assert shared.get("data-findings") == "f1-3 f1-4"


def test_tooltips_and_cards_carry_the_suggestion_and_the_fact(seed_result: Result) -> None:
    root = page([seed_result])
    first = root.find(".//mark")
    assert first.get("title").splitlines() == [
        "TM001 'chinese' is miscapitalized: write 'Chinese'",
        "→ Chinese (safe fix: --fix applies it)",
        "Glossary: china — https://example.org/fixture",
    ]
    cards = root.findall(".//li")
    card_ids = [c.get("id") for c in cards if "card" in c.get("class", "")]
    assert card_ids == [f"f1-{i}" for i in range(1, 18)]
    kanai = root.get_element_by_id("f1-4")
    assert kanai.find(".//ins").text == "Masaaki Kanai"
    assert kanai.find(".//q").text == "Kanai Hiroshi"
    fact = kanai.find_class("fact")[0].text_content()
    assert fact.startswith("Glossary: masaaki-kanai · ")
    assert "mini-glossary.yaml:" in fact
    assert kanai.find_class("fact")[0].find("a").get("href") == "https://example.org/fixture"
    assert kanai.find_class("where")[0].text == "line 1, col 277"


def test_the_summary_lists_each_rule_worst_first(seed_result: Result) -> None:
    root = page([seed_result])
    chips = [
        (li.get("data-code"), li.find("b").text)
        for li in root.iter("li")
        if "rule" in li.get("class", "").split()
    ]
    assert chips[:2] == [("TM001", "5"), ("TM002", "1")]
    assert ("ST003", "3") in chips
    assert len(chips) == 11
    masthead = root.find(".//header").text_content()
    assert "1 file checked · 17 findings" in masthead
    assert "9 errors" in masthead and "8 warnings" in masthead


def test_nothing_is_fetched_when_the_page_opens(seed_result: Result) -> None:
    root = page([seed_result])
    assert root.findall(".//link") == [] and root.findall(".//img") == []
    assert all(e.get("src") is None for e in root.iter())
    assert root.find(".//script").text.strip().startswith("(function () {")
    style = root.find(".//style").text
    assert "url(" not in style and "@import" not in style
    links = [a.get("href") for a in root.iter("a")]
    assert links and all(h == "https://example.org/fixture" for h in links)


def test_an_insertion_and_several_files() -> None:
    checker = make_checker()
    first = checker.check_text("Talks on taiwan.", "one.txt")
    second = checker.check_text("Nothing to see.", "two.txt")
    insertion = Finding(
        "MC002",
        "missing-space-after-period",
        Severity.WARNING,
        "two.txt",
        Span(8, 8),
        "a space is missing",
        fix=Fix("Insert ' '", (Edit(Span(8, 8), " "),), Applicability.SAFE),
    )
    second = dataclasses.replace(second, findings=(insertion,))
    root = page([first, second])
    assert [a.get("id") for a in root.iter("article")] == ["file-1", "file-2"]
    marks = list(root.iter("mark"))
    assert [(m.get("data-findings"), m.text_content()) for m in marks] == [
        ("f1-1", "taiwan"),
        ("f2-1", ""),
    ]
    assert "insertion" in marks[1].get("class")


def test_markup_formats_show_the_story_text() -> None:
    sample = REPO / "samples" / "kanai-liu-meeting.html"
    if not sample.exists():
        pytest.skip("samples/kanai-liu-meeting.html is not in samples/ yet")
    result = make_checker().check_path(sample)
    root = page([result])
    assert root.find(".//div[@class='story']//h3") is not None
    assert len(marked_text(root)) == len(result.findings)
    liu = next(
        card
        for card in root.iter("li")
        if card.get("data-code") == "TM001" and "jianchao" in card.text_content()
    )
    assert liu.find(".//q").text == "Liu jianchao"
    assert "<" not in root.find(".//div[@class='story']").text_content()
