"""Source language detection, language tags, and CJK left in English."""

from __future__ import annotations

import pytest

from checker.headline.language import cjk_runs, detect_source_lang, normalize_lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("日本官員低頭聽中方講話", "zh-Hant"),
        ("日本官员低头听中方讲话", "zh-Hans"),
        ("日本外務省の金井正彰アジア大洋州局長は18日", "ja"),
        ("対中関係", "ja"),  # shinjitai, no kana
        ("劉勁松", "zh-Hant"),
        ("刘劲松", "zh-Hans"),
        ("金井正彰", "zh-Hans"),  # the same in every script: the default
        ("ＧＤＰ", None),
        ("Liu Jinsong", None),
    ],
)
def test_detect_source_lang(text: str, lang: str | None) -> None:
    assert detect_source_lang(text) == lang


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("zh-CN", "zh-Hans"),
        ("zh_TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant-CN", "zh-Hant"),
        ("ja-JP", "ja"),
        ("EN-us", "en"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_lang(tag: str | None, lang: str | None) -> None:
    assert normalize_lang(tag) == lang


def test_cjk_runs_cover_ideographs_kana_and_full_width_forms() -> None:
    text = "Kanai 金井 meets Liu，in　Beijing「x」 ｶﾅｲ Ｇ20 — “fine”"
    assert [text[s:e] for s, e in cjk_runs(text)] == ["金井", "，", "　", "「", "」", "ｶﾅｲ", "Ｇ"]
