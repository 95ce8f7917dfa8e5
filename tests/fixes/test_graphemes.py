"""Where a fix may start or end: never inside a letter with its accents, an emoji
sequence, a flag, a Hangul syllable spelled in jamo, or CR LF."""

from __future__ import annotations

import pytest

from checker.graphemes import is_boundary, keeps_graphemes

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl
FLAGS = "\U0001f1ef\U0001f1f5\U0001f1e8\U0001f1f3"  # JP CN


@pytest.mark.parametrize(
    ("text", "boundaries"),
    [
        ("Jianchao\u0301x", set(range(11)) - {8}),  # o + combining acute is one
        (f"a{FAMILY}b", {0, 1, 6, 7}),
        (f"x{FLAGS}y", {0, 1, 3, 5, 6}),  # flags pair up from the left
        ("\U0001f44d\U0001f3fdok", {0, 2, 3, 4}),  # thumbs up + skin tone
        ("\u1100\u1161\u11a8가", {0, 3, 4}),  # jamo L V T, then a syllable
        ("a\r\nb", {0, 1, 3, 4}),
        ("\u2764\ufe0f!", {0, 2, 3}),  # heart + variation selector
    ],
)
def test_boundaries(text: str, boundaries: set[int]) -> None:
    assert {i for i in range(len(text) + 1) if is_boundary(text, i)} == boundaries


def test_a_span_must_start_and_end_on_boundaries() -> None:
    text = "Liu Jianchao\u0301 met"
    assert keeps_graphemes(text, 4, 13)
    assert not keeps_graphemes(text, 4, 12)
