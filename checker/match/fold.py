"""Folding text for matching, with a map back to the original offsets.

Folding lower-cases, turns every kind of white space into a plain space, curly
apostrophes into straight ones, hyphen look-alikes into "-" and full-width Latin
("Ｌｉｕ") into ASCII. It keeps one character per original character, so offsets agree,
except where runs of white space are collapsed into one space (a name broken across a
line break still matches) and where invisible characters are dropped (zero-width
spaces and joiners, bidirectional controls: "Kanai\u200b Hiroshi" is "kanai hiroshi");
the returned map undoes both.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

_TABLE = {
    0x2019: "'",
    0x2018: "'",
    0x02BC: "'",
    0xFF07: "'",
    0x2032: "'",
    0x2010: "-",
    0x2011: "-",
    0x2012: "-",
    0x00AD: "-",
    0x00A0: " ",
    0x2007: " ",
    0x202F: " ",
    0x2009: " ",
    0x200A: " ",
    0x3000: " ",
    0x0009: " ",
    0x000A: " ",
    0x000B: " ",
    0x000C: " ",
    0x000D: " ",
    0x0085: " ",
    0x2028: " ",
    0x2029: " ",
}
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
# Characters with no width and no letter of their own: dropped for matching.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c"
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Either of the two above: most non-ASCII copy (curly quotes, dashes) has neither, and one
# scan tells.
_HAS_FULLWIDTH_OR_INVISIBLE = re.compile(f"[\uff01-\uff5e\u3000{INVISIBLE}]")
# A run to shorten: spaces and invisible characters, two or more, or any invisible one.
_RUNS = re.compile(f"[ {INVISIBLE}]*[{INVISIBLE}][ {INVISIBLE}]*|  +")
# The table as (character, replacement) pairs: replacing the few characters a text holds is
# many times faster than `str.translate` with a dict, and gives the same text (no
# replacement is itself replaced).
_REPLACEMENTS = tuple((chr(code), folded) for code, folded in _TABLE.items())
_ASCII_REPLACEMENTS = tuple(pair for pair in _REPLACEMENTS if pair[0].isascii())


def fold_form(form: str) -> str:
    """The key a glossary form is stored under."""
    if form.isascii():  # most forms: no normalization, nothing to replace but the case
        folded = form.strip().lower()
        if "  " not in folded and not _ASCII_SPACES.search(folded):
            return folded
    folded, _ = fold_text(unicodedata.normalize("NFC", form).strip())
    return folded


# The ASCII characters folding turns into a space (what `fold_form` needs to look for).
_ASCII_SPACES = re.compile("[" + "".join(c for c, r in _ASCII_REPLACEMENTS if r == " ") + "]")


def fold_text(text: str) -> tuple[str, OffsetMap | None]:
    """Fold text for Latin matching; the map is None when offsets are unchanged."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    folded = lowered
    if folded.isascii():
        for character, replacement in _ASCII_REPLACEMENTS:
            if character in folded:
                folded = folded.replace(character, replacement)
        return (folded, None) if "  " not in folded else _collapse(folded)
    for character, replacement in _REPLACEMENTS:
        if character in folded:
            folded = folded.replace(character, replacement)
    if not _HAS_FULLWIDTH_OR_INVISIBLE.search(folded):
        return (folded, None) if "  " not in folded else _collapse(folded)
    folded = fold_width(folded)
    if "  " not in folded and not _HAS_INVISIBLE.search(folded):
        return folded, None
    return _collapse(folded)


def fold_width(text: str) -> str:
    """Full-width ASCII to ASCII, one character each (for CJK matching)."""
    for character in set(_HAS_FULLWIDTH.findall(text)):  # a few kinds ("，", "（") per text
        text = text.replace(character, chr(_FULLWIDTH[ord(character)]))
    return text


def visible(text: str) -> str:
    """The text as a reader sees it: invisible characters dropped, full-width Latin as
    ASCII (case kept)."""
    if text.isascii():
        return text
    return fold_width(_HAS_INVISIBLE.sub("", text))


class OffsetMap:
    """Maps offsets in collapsed text back to the folded (= original) text."""

    __slots__ = ("_folded_starts", "_shifts")

    def __init__(self, folded_starts: list[int], shifts: list[int]) -> None:
        self._folded_starts = folded_starts  # collapsed offsets where a shift begins
        self._shifts = shifts  # cumulative characters removed before that point

    def start(self, offset: int) -> int:
        i = bisect.bisect_right(self._folded_starts, offset) - 1
        return offset + (self._shifts[i] if i >= 0 else 0)

    def end(self, offset: int) -> int:
        # An end offset belongs to the character before it.
        return self.start(offset - 1) + 1 if offset > 0 else 0


def _collapse(folded: str) -> tuple[str, OffsetMap]:
    """Runs of spaces become one space (the first), invisible characters go."""
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    removed = 0
    last = 0

    def drop(start: int, end: int) -> None:
        nonlocal removed
        if end > start:
            starts.append(start - removed)
            removed += end - start
            shifts.append(removed)

    for match in _RUNS.finditer(folded):
        pieces.append(folded[last : match.start()])
        space = folded.find(" ", match.start(), match.end())
        if space == -1:
            drop(match.start(), match.end())
        else:
            drop(match.start(), space)
            pieces.append(" ")
            drop(space + 1, match.end())
        last = match.end()
    pieces.append(folded[last:])
    return "".join(pieces), OffsetMap(starts, shifts)
