"""`headlines --format html`: each flagged pair's fields side by side, both ends of a finding
highlighted (the source term and the English that renders it), hostile text escaped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import html as lxml_html

from checker.headline.check import HeadlineChecker
from checker.headline.html_report import write_html
from checker.headline.pairs import PairFile, new_pair
from tests.clirun import invoke
from tests.headline.conftest import HEADLINES_ARGS, SAMPLES


def page_of(checker: HeadlineChecker, *pairs: tuple[str, str, str]) -> lxml_html.HtmlElement:
    """The page over (id, source, translation) pairs, each with one reference."""
    made = tuple(
        new_pair(pair_id, source, translation, ["Liu Jinsong meets Masaaki Kanai"])
        for pair_id, source, translation in pairs
    )
    out = io.StringIO()
    write_html(checker.check_files([PairFile("<pairs>", "jsonl", made)]), out)
    return lxml_html.fromstring(out.getvalue())


def marks(page: lxml_html.HtmlElement, code: str) -> list[tuple[str, str, str]]:
    """(column heading, card id, highlighted text) of each highlight of a rule."""
    found = []
    for mark in page.xpath(f'//mark[contains(concat(" ", @data-code, " "), " {code} ")]'):
        column = mark.xpath('ancestor::div[contains(@class, "story")]/h3')[0].text_content()
        found.append((column, mark.get("data-findings"), mark.text_content()))
    return found


def test_a_wrong_entity_is_highlighted_in_the_source_and_the_translation(
    checker: HeadlineChecker,
) -> None:
    page = page_of(checker, ("swap", "刘劲松会见金井正彰", "Liu Jianchao meets Masaaki Kanai"))
    assert marks(page, "HL004") == [
        ("Source (zh-Hans)", "p1-1", "刘劲松"),
        ("Translation", "p1-1", "Liu Jianchao"),
    ]
    (card,) = page.xpath('//li[@id="p1-1"]')
    assert card.xpath('.//span[@class="where"]')[0].text == "translation 1:1"
    assert "names Liu Jianchao" in card.text_content()
    reference = page.xpath('//div[h3="Reference"]')[0].text_content()
    assert reference == "ReferenceLiu Jinsong meets Masaaki Kanai"


def test_a_changed_number_is_highlighted_on_both_sides(checker: HeadlineChecker) -> None:
    page = page_of(
        checker, ("n", "刘劲松18日会见金井正彰", "Liu Jinsong meets Masaaki Kanai on 19th")
    )
    assert marks(page, "HL006") == [
        ("Source (zh-Hans)", "p1-1", "18日"),
        ("Translation", "p1-1", "19th"),
    ]


def test_a_missing_term_is_highlighted_in_the_source_alone(checker: HeadlineChecker) -> None:
    page = page_of(checker, ("m", "刘劲松会见金井正彰", "Liu Jinsong meets a Japanese diplomat"))
    assert marks(page, "HL001") == [("Source (zh-Hans)", "p1-1", "金井正彰")]


def test_pairs_without_findings_are_counted_not_shown(checker: HeadlineChecker) -> None:
    page = page_of(
        checker,
        ("good", "刘劲松会见金井正彰", "Liu Jinsong meets Masaaki Kanai"),
        ("swap", "刘劲松会见金井正彰", "Liu Jianchao meets Masaaki Kanai"),
    )
    assert [h.text_content() for h in page.xpath("//article/header/h2")] == ["<pairs> · pair swap"]
    assert "1 pair without a finding, not shown." in page.text_content()
    assert page.xpath("//body")[0].get("data-finding-count") == "1"


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;\x07'


def test_hostile_text_is_escaped(checker: HeadlineChecker) -> None:
    out = io.StringIO()
    pair = new_pair(
        HOSTILE,
        "刘劲松会见金井正彰" + HOSTILE,
        "Liu Jianchao meets Masaaki Kanai " + HOSTILE,
        [HOSTILE],
        note=HOSTILE,
    )
    write_html(checker.check_files([PairFile(HOSTILE, "jsonl", (pair,))]), out)
    text = out.getvalue()
    assert "<script>alert" not in text and "<img" not in text
    page = lxml_html.fromstring(text)
    assert page.xpath("//img") == [] and len(page.xpath("//script")) == 1  # the page's own
    shown = '<script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;'
    translation = page.xpath('//div[h3="Translation"]')[0].text_content()
    assert translation.endswith(shown + "\ufffd")  # a control character XML cannot hold
    assert marks(page, "HL004")[1] == ("Translation", "p1-1", "Liu Jianchao")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_the_command_writes_the_page(tmp_path: Path, cache: None) -> None:
    out = tmp_path / "report.html"
    result = invoke(
        [*HEADLINES_ARGS, str(SAMPLES / "kanai-liu.tsv"), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 1 and result.output == ""
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    swapped = [m for m in marks(page, "HL004") if m[2] in ("刘劲松", "Liu Jianchao")]
    assert [(column, text) for column, _, text in swapped] == [
        ("Source (zh-Hans)", "刘劲松"),
        ("Translation", "Liu Jianchao"),
    ]
    assert swapped[0][1] == swapped[1][1]
