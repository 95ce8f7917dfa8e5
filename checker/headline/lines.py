"""Document pairs whose lines align: each source line with the translation's line of the
same number (the WMT25 document-level test sets, 1:1 by paragraph), checked line by line
with positions in the whole document.

A pair is line-aligned when source and translation both have more than one line and the
same number of lines; its references take part line by line only when each has that
number of lines too. Anything else is one segment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from checker.headline.alignment import TermAlignment
from checker.headline.numbers import NumberComparison
from checker.headline.pairs import HeadlinePair
from checker.headline.source_terms import SourceTerm


@dataclass(frozen=True)
class Line:
    source: str
    translation: str
    references: tuple[str, ...]  # the references' lines, when they align too
    source_start: int  # offsets of the line in the pair's fields
    translation_start: int


def aligned_lines(pair: HeadlinePair) -> list[Line] | None:
    """The pair's aligned lines, or None when it is one segment."""
    sources = pair.source.split("\n")
    translations = pair.translation.split("\n")
    if len(sources) < 2 or len(sources) != len(translations):
        return None
    references = [r.split("\n") for r in pair.references]
    per_line = all(len(r) == len(sources) for r in references)
    lines = []
    source_at = translation_at = 0
    for number, (source, translation) in enumerate(zip(sources, translations, strict=True)):
        refs = tuple(r[number] for r in references) if per_line else ()
        lines.append(Line(source, translation, refs, source_at, translation_at))
        source_at += len(source) + 1
        translation_at += len(translation) + 1
    return lines


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


def shifted(item: S, delta: int) -> S:
    """The item (a dataclass with `start` and `end`) moved by `delta` code points."""
    if delta == 0:
        return item
    return dataclasses.replace(item, start=item.start + delta, end=item.end + delta)  # type: ignore[type-var,unused-ignore]


@dataclass(frozen=True)
class LineResult:
    """What one line's analysis found, at positions in its line."""

    terms: list[SourceTerm]
    alignment: TermAlignment
    numbers: NumberComparison
    leftovers: list[tuple[int, int]]


def merged(
    lines: Sequence[Line], results: Sequence[LineResult]
) -> tuple[list[SourceTerm], TermAlignment, NumberComparison, list[tuple[int, int]]]:
    """The lines' findings as one document's: every span moved to its place in the pair's
    source or translation."""
    terms: list[SourceTerm] = []
    renderings: list = []
    wrong: list = []
    extra: list = []
    repeated: list[bool] = []
    changed: list = []
    extra_numbers: list = []
    missing: list = []
    matched: list = []
    leftovers: list[tuple[int, int]] = []
    for line, result in zip(lines, results, strict=True):
        s, t = line.source_start, line.translation_start
        terms += [shifted(term, s) for term in result.terms]
        found = result.alignment
        renderings += [None if r is None else shifted(r, t) for r in found.renderings]
        wrong += [None if w is None else shifted(w, t) for w in found.wrong]
        extra += [shifted(e, t) for e in found.extra]
        repeated += found.repeated or [False] * len(found.terms)
        changed += [(shifted(a, s), shifted(b, t)) for a, b in result.numbers.changed]
        extra_numbers += [shifted(n, t) for n in result.numbers.extra]
        missing += [shifted(n, s) for n in result.numbers.missing]
        matched += [(shifted(a, s), shifted(b, t)) for a, b in result.numbers.matched]
        leftovers += [(a + t, b + t) for a, b in result.leftovers]
    alignment = TermAlignment(
        tuple(terms), tuple(renderings), tuple(wrong), tuple(extra), tuple(repeated)
    )
    numbers = NumberComparison(tuple(changed), tuple(extra_numbers), tuple(missing), tuple(matched))
    return terms, alignment, numbers, leftovers
