"""Which language a headline is in (zh-Hans, zh-Hant, ja, en), and CJK left in English.

Japanese is told by its kana, or by shinjitai that are neither simplified nor traditional
Chinese; Chinese script by the characters that OpenCC converts one way and not the other.
"""

from __future__ import annotations

import re

from checker.match.index import opencc_converter
from checker.readers.langtags import canonical_lang

_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Ideographs, kana, hangul, CJK punctuation and symbols, full-width forms and the
# ideographic space: what English copy should not contain.
_CJK_RUN = re.compile(
    r"[\u3000-\u303f\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    r"\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uff61-\uffef\U00020000-\U0003134f]+"
)


def normalize_lang(tag: str | None) -> str | None:
    """`zh-CN` → `zh-Hans`, `zh_TW` → `zh-Hant`, `ja-JP` → `ja`, `EN-us` → `en`; None stays."""
    if tag is None or not tag.strip():
        return None
    return canonical_lang(tag)


def has_cjk(text: str) -> bool:
    return bool(_HAN.search(text) or _KANA.search(text))


def looks_english(text: str) -> bool:
    """Latin letters and no CJK: the side of a pair that is the English."""
    return bool(_LATIN_LETTER.search(text)) and not has_cjk(text)


def detect_source_lang(text: str) -> str | None:
    """zh-Hans, zh-Hant or ja for a CJK headline; None when it has no CJK at all."""
    if _KANA.search(text):
        return "ja"
    han = "".join(_HAN.findall(text))
    if not han:
        return None
    simplified = _changed(han, "s2t")  # simplified forms: change when made traditional
    traditional = _changed(han, "t2s")
    if simplified == 0 and _changed(han, "jp2t") > traditional:
        return "ja"  # shinjitai (対, 広, 駅) that Chinese writes neither way
    if traditional > simplified:
        return "zh-Hant"
    return "zh-Hans"


def _changed(han: str, config: str) -> int:
    """How many characters the OpenCC conversion changes."""
    convert = opencc_converter(config).convert
    converted = convert(han)
    if len(converted) == len(han):
        return sum(1 for a, b in zip(han, converted, strict=True) if a != b)
    return sum(1 for ch in han if convert(ch) != ch)


def cjk_runs(text: str) -> list[tuple[int, int]]:
    """Runs of CJK characters, CJK punctuation and full-width forms, as (start, end)."""
    return [(m.start(), m.end()) for m in _CJK_RUN.finditer(text)]
