"""The headline checks on single pairs: findings at exact spans in their field."""

from __future__ import annotations

import pytest

from checker.headline.check import HeadlineChecker
from checker.headline.pairs import PairTerm
from checker.model import Applicability
from tests.headline.conftest import SAMPLES, described, make_checker, pair

MEET = "刘劲松会见金井正彰"


def test_a_good_rendering_gives_nothing(checker: HeadlineChecker) -> None:
    assert described(checker.check_pair(pair(MEET, "Liu Jinsong meets Masaaki Kanai"))) == []


def test_short_and_shared_forms_render_in_headlines(checker: HeadlineChecker) -> None:
    assert described(checker.check_pair(pair(MEET, "Liu meets Kanai"))) == []


def test_case_only_rendering_is_milder_and_safely_fixable(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair(MEET, "Masaaki Kanai meets liu jinsong"))
    assert described(result) == [("HL002", "translation", 20, 31, "liu jinsong")]
    (finding,) = result.findings
    assert finding.replacement == "Liu Jinsong"
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert finding.severity.label == "warning"


def test_all_caps_sentence_start_and_title_case_are_accepted(checker: HeadlineChecker) -> None:
    for translation in (
        "LIU JINSONG MEETS MASAAKI KANAI",
        "Liu Jinsong Meets Masaaki Kanai, Director-General Of The Asian And Oceanian "
        "Affairs Bureau",
    ):
        source = "刘劲松会见亚洲大洋洲局局长金井正彰"
        assert described(checker.check_pair(pair(source, translation)), "HL002") == []


def test_a_term_rendered_once_for_two_occurrences_is_not_missing(
    checker: HeadlineChecker,
) -> None:
    result = checker.check_pair(
        pair("日本官员称日本将回应", "Japanese official says Tokyo will respond")
    )
    assert described(result) == []
    assert result.analysis.alignment.repeated == (False, True)


def test_a_term_with_no_rendering_at_all_is_missing(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair("日本官员称日本将回应", "Official says Tokyo will respond"))
    assert described(result) == [
        ("HL001", "source", 0, 2, "日本"),
        ("HL001", "source", 5, 7, "日本"),
    ]


def test_a_form_inside_a_longer_title_still_renders(checker: HeadlineChecker) -> None:
    source = "日本外务省亚洲大洋洲局局长金井正彰抵达北京"
    translation = (
        "Masaaki Kanai, director-general of the Japanese Foreign Ministry's Asian and Oceanian "
        "Affairs Bureau, arrives in Beijing"
    )
    assert described(checker.check_pair(pair(source, translation))) == []


def test_a_name_inside_a_forbidden_form_is_no_rendering(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair("金井正彰抵达北京", "Kanai Hiroshi arrives in Beijing"))
    assert described(result) == [("HL003", "translation", 0, 13, "Kanai Hiroshi")]
    assert "(wrong given name)" in result.findings[0].message


def test_traditional_source_matches_the_glossary_with_positions_on_the_original(
    checker: HeadlineChecker,
) -> None:
    result = checker.check_pair(pair("劉勁松會見金井正彰", "Liu Jinsong meets a Japanese diplomat"))
    assert described(result) == [("HL001", "source", 5, 9, "金井正彰")]
    assert result.pair.source_lang == "zh-Hant"


def test_full_width_source_forms_are_folded(checker: HeadlineChecker) -> None:
    result = checker.check_pair(
        pair("刘劲松出席二十国集团峰会１８日", "Liu Jinsong at G20 summit on Nov. 17")
    )
    assert described(result) == [("HL006", "translation", 34, 36, "17")]
    assert "'１８日' (18)" in result.findings[0].message


def test_a_name_the_source_lacks(checker: HeadlineChecker) -> None:
    result = checker.check_pair(
        pair("金井正彰抵达北京", "Masaaki Kanai and Liu Jianchao arrive in Beijing")
    )
    assert described(result) == [("HL005", "translation", 18, 30, "Liu Jianchao")]
    assert "none of its forms (刘建超, 劉建超) appear there" in result.findings[0].message


def test_a_title_the_source_lacks_around_a_body_it_names(checker: HeadlineChecker) -> None:
    translation = (
        "Masaaki Kanai, director-general of the Japanese Foreign Ministry's Asian and Oceanian "
        "Affairs Bureau, arrives"
    )
    result = checker.check_pair(pair("日本外务省官员金井正彰抵达", translation))
    assert described(result) == [("HL005", "translation", 15, 100, translation[15:100])]


def test_an_untranslated_name_is_one_finding_with_its_english(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair(MEET, "Liu Jinsong meets 金井正彰"))
    assert described(result) == [("HL007", "translation", 18, 22, "金井正彰")]
    assert result.findings[0].replacement == "Masaaki Kanai"
    assert result.analysis.alignment.wrong[1] is not None
    assert result.analysis.alignment.wrong[1].reason == "untranslated"


def test_full_width_punctuation_gets_a_safe_fix(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair(MEET, "Liu Jinsong meets Masaaki Kanai：talks end"))
    assert described(result) == [("HL007", "translation", 31, 32, "：")]
    fix = result.findings[0].fix
    assert fix is not None and (fix.edits[0].replacement, fix.applicability) == (
        ":",
        Applicability.SAFE,
    )


def test_a_number_only_in_the_source_is_reported_there(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair("刘劲松18日会见金井正彰", "Liu Jinsong meets Masaaki Kanai"))
    assert described(result) == [("HL006", "source", 3, 6, "18日")]


def test_per_pair_terms_apply_with_the_glossary(checker: HeadlineChecker) -> None:
    terms = (PairTerm("低头", ("head lowered", "head bowed")),)
    source = "日本官员低头听中方讲话"
    good = checker.check_pair(pair(source, "Japanese official listens, head bowed", terms=terms))
    assert described(good) == []
    bad = checker.check_pair(pair(source, "Japanese official listens, bowing", terms=terms))
    assert described(bad) == [("HL001", "source", 4, 6, "低头")]
    assert bad.findings[0].message.endswith("write 'head lowered' or 'head bowed'")
    assert bad.findings[0].related == ()


def test_far_from_reference_carries_score_and_signature() -> None:
    strict = make_checker(chrf_threshold=99.0)
    result = strict.check_pair(
        pair(MEET, "Liu Jinsong meets Masaaki Kanai", ["Liu Jinsong met Masaaki Kanai"])
    )
    assert described(result) == [("HL008", "translation", 0, 31, "Liu Jinsong meets Masaaki Kanai")]
    data = result.findings[0].data
    assert 50 < float(str(data["chrf"])) < 99
    assert str(data["signature"]).startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0")


def test_copy_checks_run_on_the_translation_without_duplicates(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair(MEET, "Liu Jingsong meets Masaaki Kanai. the talks end."))
    assert described(result) == [
        ("HL003", "translation", 0, 12, "Liu Jingsong"),
        ("MC001", "translation", 34, 43, "the talks"),
    ]


def test_an_empty_translation(checker: HeadlineChecker) -> None:
    result = checker.check_pair(pair(MEET, "", ["Liu Jinsong meets Masaaki Kanai"]))
    assert described(result) == [
        ("HL001", "source", 0, 3, "刘劲松"),
        ("HL001", "source", 5, 9, "金井正彰"),
        ("HL008", "translation", 0, 0, ""),
    ]
    assert result.analysis.scores.get("chrf") == 0.0


def test_a_whole_story_as_one_pair(checker: HeadlineChecker) -> None:
    story = (SAMPLES.parent / "kanai-liu-meeting.txt").read_text(encoding="utf-8")
    source = (
        "日本外务省亚洲大洋洲局局长金井正彰\n同中国外交部亚洲司司长刘劲松\n18日在北京举行磋商\n"
        * 20
    )
    result = checker.check_pair(pair(source, story, [story]))
    found = described(result)
    assert ("TM001", "translation", 139, 146, "chinese") in found
    assert ("HL003", "translation", 276, 289, "Kanai Hiroshi") in found
    # 刘劲松 is rendered ("Liu Jinsong"): the other Liu is an entity the source lacks.
    assert ("HL005", "translation", 328, 340, "Liu jianchao") in found
    # A story of hundreds of words with no aligned lines: TER is left out, and says so.
    assert result.analysis.scores.get("ter") is None
    assert result.analysis.scores.notes == {"ter": "left-out"}
    assert result.analysis.scores.get("chrf") == 100.0
    assert len(result.analysis.terms) == 20 * 7


@pytest.mark.parametrize(
    "translation",
    [
        "Liu\nJinsong meets Masaaki Kanai",  # a line break inside the name
        "Liu Jinsong's talks with Masaaki Kanai",  # the possessive
        "LIU JINSONG meets Masaaki Kanai",  # capitals
        "Liu Jinsong meets a Masaaki Kanai-led team",  # a hyphenated compound
    ],
)
def test_a_rendering_in_any_form_the_copy_checks_accept_is_no_missing_term(
    checker: HeadlineChecker, translation: str
) -> None:
    result = checker.check_pair(pair("刘劲松会见金井正彰", translation), copy_checks=False)
    assert described(result) == []
