"""UTF-16 and UTF-32 without a BOM, told from the bytes, also when the text is mostly
Chinese or Japanese (few or no zero bytes); legacy CJK and UTF-8 files are never taken
for them. Every input is generated here, seeded."""

from __future__ import annotations

import random

import pytest

from checker.errors import InputError
from checker.source import decode

WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
ZH = (
    "北京11月19日电 外交部亚洲司司长刘劲松在北京会见日本外务省亚洲大洋洲局局长金井正彰。\n"
    "双方就中日关系交换了意见。刘劲松表示，日方应当停止错误言行。\n"
)
JA = (
    "【北京共同】外務省の金井正彰アジア大洋州局長は十九日、北京で中国外務省の劉勁松アジア局長と"
    "会談した。\n高市早苗首相の国会答弁をめぐり、双方が意見を交わした。\n"
)
# Characters to build random stories from, per script.
HANS = (
    "中国外交部发言人刘劲松在北京会见日本外务省亚洲大洋洲局长"
    "金井正彰双方就关系交换意见台湾问题，。、“”"
)
HANT = (
    "中華民國外交部發言人劉勁松在北京會見日本外務省亞洲大洋洲局長"
    "金井正彰雙方就關係交換意見臺灣問題，。、「」"
)
JAPANESE = (
    "日本の外務省アジア大洋州局長金井正彰氏は北京で中国外交部の"
    "劉勁松と会談した高市早苗首相発言、。「」"
)


def decoded_as(data: bytes) -> str:
    """The encoding `decode` reads the bytes in, or "refused"."""
    try:
        return decode(data, "story.txt").encoding
    except InputError:
        return "refused"


def stories(pool: str, length: int, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pool) for _ in range(length)) for _ in range(count)]


@pytest.mark.parametrize("codec", WIDE)
@pytest.mark.parametrize("text", [ZH, JA], ids=["chinese", "japanese"])
def test_mostly_cjk_wide_text_without_bom_is_detected(codec: str, text: str) -> None:
    source = decode(text.encode(codec), "story.txt")
    assert (source.text, source.encoding, source.detected) == (text, codec, True)
    assert source.warnings == (
        f"encoding {codec} was guessed from the bytes (no BOM and no declaration);"
        " pass --encoding if the text looks wrong",
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text", ["刘劲松会见金井正彰", "高市早苗首相", "外務省の金井局長は会談した。"]
)
def test_one_line_utf16_without_a_single_zero_byte(codec: str, text: str) -> None:
    data = text.encode(codec)
    assert b"\0" not in data
    source = decode(data, "story.txt")
    assert (source.text, source.encoding) == (text, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("pool", [HANS, HANT, JAPANESE], ids=["hans", "hant", "japanese"])
def test_random_cjk_utf16_stories_are_all_detected(codec: str, pool: str) -> None:
    for text in stories(pool, 40, 60, seed=len(pool)):
        assert decoded_as(text.encode(codec)) == codec, text


@pytest.mark.parametrize(
    ("codec", "pool"),
    [
        ("gb18030", HANS),
        ("big5", HANT),
        ("shift_jis", JAPANESE),
        ("cp932", JAPANESE),
        ("euc_jp", JAPANESE),
    ],
)
@pytest.mark.parametrize("length", [1, 2, 3, 4, 6, 10, 40])
def test_legacy_cjk_files_short_or_long_are_never_read_as_wide(
    codec: str, pool: str, length: int
) -> None:
    for text in stories(pool, length, 40, seed=length):
        assert decoded_as(text.encode(codec)) not in WIDE, text


@pytest.mark.parametrize("text", [ZH, JA, "中文", "刘", "高市", "Liu 刘劲松"])
def test_utf8_cjk_is_never_read_as_wide(text: str) -> None:
    assert decoded_as(text.encode("utf-8")) == "utf-8"


def test_two_gb2312_characters_are_not_two_hangul_syllables() -> None:
    # 中文 in GB2312 read as UTF-16 is two Hangul syllables (U+D0D6 U+C4CE).
    assert "中文".encode("gb2312").decode("utf-16-le") == "\ud0d6\uc4ce"
    assert decoded_as("中文".encode("gb2312")) not in WIDE


def test_korean_utf16_with_spaces_is_detected() -> None:
    text = "서울 외교부는 19일 중국과 일본의 회담에 대해 논평했다.\n"
    assert decode(text.encode("utf-16-le"), "story.txt").encoding == "utf-16-le"


def test_an_unpaired_surrogate_is_not_utf16() -> None:
    data = "刘劲松会见金井正彰".encode("utf-16-le") + b"\x00\xd8" + "。".encode("utf-16-le")
    assert decoded_as(data) not in WIDE


def test_control_characters_are_not_text() -> None:
    data = bytes(range(1, 33)) * 4  # even, no zero byte, no Han: not a story in any width
    assert decoded_as(data) not in WIDE
