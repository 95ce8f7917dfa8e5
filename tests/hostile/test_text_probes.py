"""Names hidden by characters a reader cannot see, or written in full-width Latin, are
still found, at the positions of the original characters."""

from __future__ import annotations

import pytest

from checker.engine import Checker
from checker.match.fold import fold_text
from tests.conftest import described, make_checker


@pytest.fixture(scope="module")
def checker() -> Checker:
    return make_checker()


def test_a_zero_width_space_inside_a_wrong_name_hides_nothing(checker: Checker) -> None:
    result = checker.check_text("Talks with Kanai\u200b Hiroshi ended.")
    assert described(result) == [
        "1:12 NM002 Kanai\u200b Hiroshi",
        "1:12 TM002 Kanai\u200b Hiroshi",
        "1:17 MC003 \u200b",
    ]
    (wrong,) = [f for f in result.findings if f.code == "TM002"]
    assert (wrong.span.start, wrong.span.end) == (11, 25)
    assert wrong.replacement == "Masaaki Kanai"


def test_a_correct_name_with_a_hidden_character_gets_only_the_warning(checker: Checker) -> None:
    result = checker.check_text("Talks with Masaaki\u200b Kanai and Liu Jian\u2060chao ended.")
    assert described(result) == ["1:19 MC003 \u200b", "1:39 MC003 \u2060"]


def test_bidirectional_controls_are_ignored_for_matching(checker: Checker) -> None:
    result = checker.check_text("Talks with Liu \u202ejianchao\u202c ended.")
    assert described(result, "TM001") == ["1:12 TM001 Liu \u202ejianchao"]
    (case,) = [f for f in result.findings if f.code == "TM001"]
    assert case.replacement == "Liu Jianchao"


def test_full_width_latin_is_matched_as_latin(checker: Checker) -> None:
    text = "会谈：Ｌｉｕ ｊｉａｎｃｈａｏ attended; so did Ｍａｓａａｋｉ Ｋａｎａｉ."
    result = checker.check_text(text)
    assert described(result, "TM001") == ["1:4 TM001 Ｌｉｕ ｊｉａｎｃｈａｏ"]
    (case,) = [f for f in result.findings if f.code == "TM001"]
    assert case.replacement == "Liu Jianchao"


@pytest.mark.parametrize(
    ("text", "folded", "originals"),
    [
        ("Kanai\u200b Hiroshi", "kanai hiroshi", {5: 6, 6: 7, 12: 13}),
        ("Liu  \u200bjian\u200dchao x", "liu jianchao x", {3: 3, 4: 6, 8: 11, 13: 16}),
        ("\u200b\u200ba  \u202e b", "a b", {0: 2, 1: 3, 2: 7}),
        ("Ｌｉｕ\u3000ｘ", "liu x", {}),
    ],
)
def test_folding_maps_back_to_the_original_characters(
    text: str, folded: str, originals: dict[int, int]
) -> None:
    result, offsets = fold_text(text)
    assert result == folded
    for at, original in originals.items():
        assert offsets is not None and offsets.start(at) == original
        assert fold_text(text[original])[0] == folded[at]
