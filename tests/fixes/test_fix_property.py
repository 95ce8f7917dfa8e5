"""Fixes restore injected errors and corrupt nothing: a property test over real copy.

One error is injected into clean copy (the corrected seed story, which gives no
findings); fixing must give the clean copy back exactly. That holds only if every fix
replaces exactly its span with text that fits it, touches nothing else, and leaves
quotations as they were; and a second pass must change nothing."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import Checker
from checker.fix_file import fix_source
from checker.source import decode
from tests.conftest import REPO, make_checker

CLEAN = (REPO / "samples" / "kanai-liu-meeting.corrected.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def checker() -> Checker:
    return make_checker(glossary=None)  # the bundled glossaries


def _lower(word: str) -> str:
    return word.lower()


def _occurrences(pattern: str) -> list[re.Match[str]]:
    return list(re.finditer(pattern, CLEAN))


# Each injection: where (a pattern found in the clean copy), what it becomes, and
# whether the fix that restores it is safe (--fix) or needs --unsafe-fixes.
Injection = tuple[str, Callable[[str], str], bool]
INJECTIONS: list[Injection] = [
    (r"\b(?:Kanai|Kihara|Takaichi|Taiwan|Tokyo|Beijing|Japan|China)\b", _lower, True),
    (r"\bChinese\b(?! Foreign)", _lower, True),
    (r"\bMasaaki Kanai\b", lambda _: "Masaki Kanai", True),
    (r"\bNov\. 18\b", lambda _: "November 18th", True),
    (r"\bdialogue\b", lambda _: "dialog", True),
    (r"\bMinoru Kihara\b", lambda _: "Minoru Kiharra", False),
    (r"\bSanae Takaichi\b", lambda _: "Sanae Takaichii", False),
    (r"\bLiu Jinsong\b", lambda _: "Liu Jinsogn", False),
]


def _fixed(checker: Checker, text: str, unsafe: bool) -> str:
    source = decode(text.encode("utf-8"), "story.txt")
    return fix_source(checker, source, unsafe=unsafe).fixed.text


def test_the_clean_copy_is_clean(checker: Checker) -> None:
    assert checker.check_text(CLEAN, "story.txt").findings == ()
    assert all(_occurrences(pattern) for pattern, _, _ in INJECTIONS)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_one_injected_error_is_fixed_back_to_the_clean_copy(
    checker: Checker, data: st.DataObject
) -> None:
    pattern, inject, safe = data.draw(st.sampled_from(INJECTIONS), label="injection")
    found = _occurrences(pattern)
    match = data.draw(st.sampled_from(found), label="occurrence")
    broken = CLEAN[: match.start()] + inject(match.group(0)) + CLEAN[match.end() :]
    assert broken != CLEAN
    fixed = _fixed(checker, broken, unsafe=not safe)
    assert fixed == CLEAN
    assert _fixed(checker, fixed, unsafe=True) == fixed  # a second pass changes nothing


QUOTED = (
    "“Prime Minister takaichi must retract her remarks on the Taiwan region,” "
    "Mao Ning said on November 18th. "
    "“Masaki Kanai heard our position,” she said, adding the dialog would go on."
)


def test_fixes_never_reword_a_quotation(checker: Checker) -> None:
    fixed = _fixed(checker, QUOTED, unsafe=True)
    assert fixed == (
        "“Prime Minister Takaichi must retract her remarks on the Taiwan region,” "
        "Mao Ning said on Nov. 18. "
        "“Masaaki Kanai heard our position,” she said, adding the dialogue would go on."
    )


def test_a_one_word_fix_never_doubles_a_word(checker: Checker) -> None:
    text = "Prime Minister Sanae Takachi spoke. Sanae Takaichi spoke later.\n"
    assert _fixed(checker, text, unsafe=False) == text  # a one-word form: never safe
    assert _fixed(checker, text, unsafe=True) == (
        "Prime Minister Sanae Takaichi spoke. Sanae Takaichi spoke later.\n"
    )


def test_a_headline_in_capitals_stays_in_capitals(checker: Checker) -> None:
    text = "LIU JIANCHAO MEETS MASAKI KANAI IN BEIJING\n"
    assert _fixed(checker, text, unsafe=False) == "LIU JIANCHAO MEETS MASAAKI KANAI IN BEIJING\n"


def test_a_line_break_inside_a_name_stays(checker: Checker) -> None:
    text = "The talks with Masaki\nKanai ended.\n"
    assert _fixed(checker, text, unsafe=False) == "The talks with Masaaki\nKanai ended.\n"


def test_a_change_of_number_is_not_applied_by_fix(checker: Checker) -> None:
    text = "The Japanese Self-Defense Force is on alert.\n"
    assert _fixed(checker, text, unsafe=False) == text
