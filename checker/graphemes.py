"""Where a text may be cut without splitting what a reader sees as one character: a letter
and its combining marks, an emoji sequence joined by ZWJ or carrying a modifier or a
variation selector, a flag (a pair of regional indicators), a Hangul syllable spelled
in jamo, CR LF. The rules are those of Unicode's extended grapheme clusters (UAX #29)
that occur in news copy; a fix whose span starts or ends at a position that is not a
boundary is not applied."""

from __future__ import annotations

import unicodedata

_ZWJ = "\u200d"


def _extends(ch: str) -> bool:
    """A character that attaches to the one before it."""
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or code in (0x200C, 0x200D)  # zero-width non-joiner and joiner
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
        or 0xFF9E <= code <= 0xFF9F  # half-width voiced sound marks
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _jamo(ch: str) -> str:
    """The Hangul syllable type: L, V, T, LV, LVT or '' (not Hangul)."""
    code = ord(ch)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97F:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return ""


_HANGUL_JOINS = {
    "L": ("L", "V", "LV", "LVT"),
    "V": ("V", "T"),
    "LV": ("V", "T"),
    "T": ("T",),
    "LVT": ("T",),
}


def is_boundary(text: str, offset: int) -> bool:
    """True when `text` may be cut at `offset` without splitting a grapheme."""
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if before == "\r" and after == "\n":
        return False
    if after in "\r\n" or before in "\r\n":
        return True
    if _extends(after) or before == _ZWJ:
        return False
    if _regional(before) and _regional(after):
        run = 0
        i = offset - 1
        while i >= 0 and _regional(text[i]):
            run += 1
            i -= 1
        return run % 2 == 0
    joins = _HANGUL_JOINS.get(_jamo(before))
    return not (joins and _jamo(after) in joins)


def keeps_graphemes(text: str, start: int, end: int) -> bool:
    """True when the span [start, end) begins and ends on grapheme boundaries."""
    return is_boundary(text, start) and is_boundary(text, end)
