"""Numbers in a CJK source and an English translation, and how they are compared."""

from __future__ import annotations

import pytest

from checker.headline.numbers import (
    compare_numbers,
    english_numbers,
    parse_cjk_numeral,
    source_numbers,
)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十", 10),
        ("十八", 18),
        ("二十", 20),
        ("廿六", 26),
        ("一百零五", 105),
        ("三万五千", 35_000),
        ("一亿二千万", 120_000_000),
        ("二〇二五", 2025),
        ("万", 10_000),
    ],
)
def test_parse_cjk_numeral(numeral: str, value: int) -> None:
    assert parse_cjk_numeral(numeral) == value


def _source(text: str) -> list[tuple[str, list[float], str, bool]]:
    return [(n.text, sorted(n.values), n.kind, n.soft) for n in source_numbers(text)]


def _english(text: str) -> list[tuple[str, list[float], str, bool]]:
    return [(n.text, sorted(n.values), n.kind, n.soft) for n in english_numbers(text)]


def test_source_numbers_without_a_counter_or_a_prefix_are_bare() -> None:
    assert _source("二〇二五年十一月十八日，两名官员一直统一，百分之十五，第三次") == [
        ("二〇二五年", [2025], "number", False),
        ("十一月", [11], "month", False),
        ("十八日", [18], "number", False),
        ("两名", [2], "number", False),
        ("一", [1], "bare", True),  # 一直, 统一: no number, only vouching for a 1
        ("一", [1], "bare", True),
        ("百分之十五", [15], "percent", False),
        ("第三次", [3], "ordinal", False),
    ]


def test_source_arabic_numbers_scales_and_full_width() -> None:
    assert _source("１８日 3万人 1.5亿元 5％ G20峰会 下午2时 14时 一名") == [
        ("１８日", [18], "number", False),
        ("3万人", [30_000], "number", False),
        ("1.5亿元", [150_000_000], "number", False),
        ("5％", [5], "percent", False),
        ("2时", [2], "number", False),
        ("14时", [2, 14], "number", False),
        ("一名", [1], "number", True),
    ]


def test_english_numbers() -> None:
    assert _english("On Nov. 18th, 35,000 people; 2 p.m.; 1.5 billion; 15 percent; 5%") == [
        ("Nov.", [11], "month", True),
        ("18th", [18], "number", False),
        ("35,000", [35_000], "number", False),
        ("2 p.m.", [2, 14], "number", False),
        ("1.5 billion", [1_500_000_000], "number", False),
        ("15 percent", [15], "percent", False),
        ("5%", [5], "percent", False),
    ]


def test_english_codes_are_not_numbers_but_words_and_dates_are() -> None:
    assert _english("G20, COVID-19, 5G, F-35 on 2025-11-18; two officials, twenty-five") == [
        ("2025", [2025], "number", False),
        ("11", [11], "number", False),
        ("18", [18], "number", False),
        ("two", [2], "number", True),
        ("twenty-five", [25], "number", True),
    ]


def _compare(source: str, english: str) -> tuple[list[str], list[str], list[str]]:
    result = compare_numbers(source_numbers(source), english_numbers(english))
    return (
        [f"{s.text}>{t.text}" for s, t in result.changed],
        [n.text for n in result.extra],
        [n.text for n in result.missing],
    )


@pytest.mark.parametrize(
    ("source", "english", "outcome"),
    [
        ("刘劲松18日会见金井正彰", "Liu meets Kanai on Nov. 18", ([], [], [])),
        ("刘劲松18日会见金井正彰", "Liu meets Kanai on Nov. 19", (["18日>19"], [], [])),
        ("十一月十八日", "Dec. 18", (["十一月>Dec."], [], [])),
        ("十名官员", "10 officials", ([], [], [])),
        ("两名官员", "three officials", (["两名>three"], [], [])),
        ("一名官员", "An official", ([], [], [])),
        ("三万人", "30,000 people", ([], [], [])),
        ("增长百分之五", "up 5 percent", ([], [], [])),
        ("增长百分之五", "up 5 points", (["百分之五>5"], [], [])),
        ("下午2时", "at 2 p.m.", ([], [], [])),
        ("14时", "at 2 p.m.", ([], [], [])),
        ("会谈", "talks on Nov. 18", ([], ["18"], [])),
        ("18日会谈", "talks", ([], [], ["18日"])),
        ("第三次会谈", "first talks", (["第三次>first"], [], [])),
    ],
)
def test_compare_numbers(source: str, english: str, outcome: tuple[list[str], ...]) -> None:
    assert _compare(source, english) == outcome


def test_chinese_decimals_percent_points_and_colloquial_hundreds() -> None:
    assert _source("六点一级地震，十五点二亿亩，增长8个百分点，一百二多个国家，周二起") == [
        ("六点一", [6.1], "bare", True),  # 级 is no counter: a bare value, vouching only
        ("十五点二亿", [1_520_000_000], "bare", True),
        ("8个百分点", [8], "percent", False),
        ("一百二多个", [120], "number", True),
    ]


def test_a_loose_source_number_is_no_changed_number() -> None:
    # 数百 ("hundreds") and 一 (often "a") vouch for a value but are never "changed".
    assert _compare("收集数百张照片", "collects 50 photos") == ([], ["50"], [])


def test_an_amount_after_a_currency_code_is_a_number() -> None:
    assert [
        (t, [round(v) for v in vs]) for t, vs, _, _ in _english("RMB10,000, US$8.3 million")
    ] == [
        ("10,000", [10_000]),
        ("8.3 million", [8_300_000]),
    ]


def test_a_range_of_percentages_shares_its_sign() -> None:
    assert _compare("关税由14%到30%降为零", "tariffs cut from 14-30% to zero") == ([], [], [])
    assert _compare("增长百分之五", "up 5 percentage points") == ([], [], [])


def test_first_time_and_spelled_ordinals() -> None:
    assert _compare(
        "保加利亚8个月来首次出现通货膨胀", "Bulgaria Posts Inflation for 1st Time in 8 Months"
    ) == (
        [],
        [],
        [],
    )
    assert _compare("第二十五次领导人非正式会议", "Twenty-fifth Informal Leaders Meeting") == (
        [],
        [],
        [],
    )
    assert _compare("第二十五次领导人非正式会议", "Twenty-sixth Informal Leaders Meeting") == (
        ["第二十五次>Twenty-sixth"],
        [],
        [],
    )
