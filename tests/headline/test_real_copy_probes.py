"""The pair checks on the cases new users reported, with the bundled glossaries: correct
copy stays quiet, titles the text ties to another country are not the glossary's, and a
real swap is still reported where it stands."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.cache import GlossaryCache
from checker.headline.check import HeadlineChecker
from checker.style import load_style
from tests.headline.conftest import described, pair


@pytest.fixture(scope="module")
def bundled() -> HeadlineChecker:
    compiled = GlossaryCache(enabled=False).load(None)
    return HeadlineChecker(
        compiled.glossary, load_style(None), date=dt.date(2025, 11, 18), index=compiled.index
    )


def _hl(checker: HeadlineChecker, source: str, translation: str) -> list[tuple[object, ...]]:
    result = checker.check_pair(pair(source, translation), copy_checks=False)
    return [
        (*d, f.severity.name.lower())
        for d, f in zip(described(result), result.findings, strict=True)
    ]


def test_a_consul_general_in_lower_case_is_a_rendering(bundled: HeadlineChecker) -> None:
    assert (
        _hl(bundled, "中国驻大阪总领事发文", "China's consul general in Osaka posts message") == []
    )


def test_premier_beside_li_qiang_is_neither_another_entity_nor_invented(
    bundled: HeadlineChecker,
) -> None:
    source = "李强总理会见外交部发言人"
    assert _hl(bundled, source, "Premier Li Qiang meets a Foreign Ministry spokesperson") == []


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("李强会见印度总理莫迪", "Li Qiang meets Prime Minister Narendra Modi of India"),
        ("王毅会见卡塔尔外交大臣", "Wang Yi meets Qatar's foreign minister"),
        ("中方回应高市早苗言论", "The Foreign Ministry responds to Takaichi's remarks"),
        ("中方回应高市早苗言论", "The Chinese side responds to Takaichi's remarks"),
    ],
)
def test_titles_of_other_countries_and_paraphrases_are_no_findings(
    bundled: HeadlineChecker, source: str, translation: str
) -> None:
    assert _hl(bundled, source, translation) == []


def test_a_generic_title_tied_to_the_glossary_country_is_checked(
    bundled: HeadlineChecker,
) -> None:
    translation = "Li Qiang meets Japanese Prime Minister Narendra Modi"
    assert _hl(bundled, "李强会见印度总理莫迪", translation) == [
        ("HL005", "translation", 24, 38, "Prime Minister", "warning")
    ]


def test_a_title_dropped_beside_a_rendered_name_in_a_headline_is_info(
    bundled: HeadlineChecker,
) -> None:
    assert _hl(bundled, "国务院总理李强出席会议", "Li Qiang attends meeting") == [
        ("HL001", "source", 0, 5, "国务院总理", "info")
    ]
    assert _hl(bundled, "国务院总理李强出席会议。", "Li Qiang attended the meeting.") == [
        ("HL001", "source", 0, 5, "国务院总理", "error")
    ]


def test_a_swapped_person_is_still_reported(bundled: HeadlineChecker) -> None:
    assert _hl(bundled, "外交部发言人毛宁谈日本", "Lin Jian on Japan") == [
        ("HL001", "source", 0, 6, "外交部发言人", "error"),
        ("HL004", "translation", 0, 8, "Lin Jian", "error"),
    ]


def test_a_swapped_place_is_an_entity_the_source_lacks(bundled: HeadlineChecker) -> None:
    source = "中国的科学技术崛起将给全球科技创新带来积极影响，欧盟应该加强与中国的合作。"
    translation = (
        "The rise of science and technology in Japan will have a positive impact on "
        "global innovation; the EU should strengthen its cooperation with China."
    )
    found = _hl(bundled, source, translation)
    assert found == [("HL005", "translation", 38, 43, "Japan", "warning")]


def test_a_number_in_chinese_numerals_changed_in_the_english_is_an_error(
    bundled: HeadlineChecker,
) -> None:
    source = "今年的温度已降到零下十二摄氏度，感觉还不是很冷。"
    translation = "This year's temperature dropped to minus 13 degrees Celsius."
    assert _hl(bundled, source, translation) == [("HL006", "translation", 41, 43, "13", "error")]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        # 中斯: China and Sri Lanka, abbreviated as a bilateral pair
        (
            "今年是中斯建交六十周年。",
            "This year marks 60 years of ties between China and Sri Lanka.",
        ),
        # 侵华: "against China"
        (
            "1937年七七事变后，日本发动全面侵华战争。",
            "In 1937, Japan launched a war against China.",
        ),
        # 习主席: Xi by family name and a title he held
        ("习主席指出，军队要准备打仗。", "President Xi Jinping said the military must be ready."),
        # 美国大使: the source's own word for "ambassador"
        (
            "美国大使官邸可以作为安全屋。",
            "The American ambassador's residence could be a safe house.",
        ),
    ],
)
def test_paraphrases_account_for_what_the_english_names(
    bundled: HeadlineChecker, source: str, translation: str
) -> None:
    assert _hl(bundled, source, translation) == []
