"""Fitting a fix to the text it replaces, and telling fixes that would change more than
they should.

A fix replaces exactly its span; its replacement takes the span's shape: capitals in
all-capital text, the span's own white space (a line break or a no-break space inside a
name) where the words correspond. A possessive stays outside the spans of names. A fix that changes
a noun's number, or that would write a word twice, is not safe."""

from __future__ import annotations

import re

_WHITE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def fit_replacement(surface: str, replacement: str) -> str:
    """The replacement written in the shape of the surface it replaces."""
    fitted = replacement
    if _all_capitals(surface) and not _all_capitals(fitted):
        fitted = fitted.upper()
    spaces = _WHITE.findall(surface.strip())
    words = _WHITE.split(fitted.strip())
    if spaces and len(words) == len(spaces) + 1 and any(s != " " for s in spaces):
        parts = [words[0]]
        for space, word in zip(spaces, words[1:], strict=True):
            parts += [space, word]
        fitted = "".join(parts)
    return fitted


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def only_case_or_space(surface: str, replacement: str) -> bool:
    """The replacement writes the same words, changing only capitals or white space."""
    return _WHITE.sub("", surface).lower() == _WHITE.sub("", replacement).lower()


def changes_number(surface: str, replacement: str) -> bool:
    """The last word turns from singular to plural or back ("Force" → "Forces"): the
    verb after it may no longer agree."""
    seen, wanted = _last_word(surface), _last_word(replacement)
    if not seen or not wanted or seen == wanted:
        return False
    return any(seen + suffix == wanted or wanted + suffix == seen for suffix in ("s", "es"))


def _last_word(text: str) -> str:
    words = _WORD.findall(text)
    return words[-1].lower() if words else ""


def doubles_a_word(text: str, start: int, end: int, replacement: str) -> bool:
    """The replacement's first word repeats the word just before the span, or its last
    word the one just after ("Sanae" + "Sanae Takaichi")."""
    words = _WORD.findall(replacement)
    if len(words) < 2:
        return False
    before = _WORD.findall(text[max(0, start - 40) : start])
    after = _WORD.findall(text[end : end + 40])
    touching_before = text[start - 1 : start].isspace() if start else False
    touching_after = text[end : end + 1].isspace()
    return bool(
        (touching_before and before and before[-1].lower() == words[0].lower())
        or (touching_after and after and after[0].lower() == words[-1].lower())
    )
