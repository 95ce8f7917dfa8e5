"""ST003 finds dates only where a month's name starts: the same matches, in the same order,
as running its patterns over every position of the text."""

from __future__ import annotations

import random

import pytest

from checker.rules.style import _DAY_MONTH, _MONTH_DAY, _dates_at, _month_words_in

PIECES = (
    "Nov. 18",
    "November 18th",
    "18 November",
    "18th of November",
    "May 4",
    "4 May",
    "Sept. 30",
    "30 Sept.",
    "Mar 3",
    "Jun. 12",
    "Decem",
    "Octopus 5",
    "the 3rd of May",
    "1 Jan. 2 Feb.",
    "11 12 November",
    "Nov.18",
    "Monday",
    "Mayor",
    " ",
    ", ",
    ".",
    "\n",
    "in",
    "2025",
    "Feb 29th",
    "31st December",
    "Augusta 4",
)


@pytest.mark.parametrize("seed", range(40))
def test_month_anchored_scan_equals_a_full_scan(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) + rng.choice(("", " ", "  ")) for _ in range(60))
    months = _month_words_in(text)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        full = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in _dates_at(pattern, text, months)] == full
