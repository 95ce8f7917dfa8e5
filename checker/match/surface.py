"""The written surface of a name or term: normalized to compare it with a form, and a
form's letters laid over it for a fix that keeps its spacing and line breaks."""

from __future__ import annotations

import functools
import re

from checker.match.fold import fold_form, visible

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u2010": "-", "\u2011": "-"})


@functools.lru_cache(maxsize=65536)
def plain_text(text: str) -> str:
    """Surface text with white space and apostrophes normalized, case kept."""
    return _SPACES.sub(" ", visible(text).translate(_APOSTROPHES)).strip()


def lowered_variant(form: str, proper_words: frozenset[str]) -> str:
    """The form with its common-noun words in lower case ("Chinese foreign ministry")."""
    return " ".join(
        w if fold_form(w.rstrip("'’s")) in proper_words or w.isupper() else w.lower()
        for w in form.split(" ")
    )


def recase(surface: str, target: str) -> str:
    """The target's letters laid over the surface, keeping its white space and line breaks."""
    letters = iter(target.replace(" ", ""))
    out = []
    for ch in visible(surface):
        if ch.isspace():
            out.append(ch)
        else:
            out.append(next(letters, ch))
    rest = "".join(letters)
    return "".join(out) + rest
