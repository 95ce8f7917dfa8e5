"""Near misses of known names: a word one or two slips from a part of a known person's
name, found through a compiled index, never by comparing each word with each name.

Every family and given name of the glossary's people is filed under its deletion
neighbourhood (the strings made by deleting up to as many letters as the name may be
misspelt by, `slips_allowed`) and under its romanization key (Hepburn long vowels
written out or dropped, Wade–Giles spellings of pinyin syllables). A word is looked up
by its own deletions and key; each candidate is confirmed by an edit distance that counts
a transposition as one slip. Answers are remembered per word, so an archive costs one
dictionary look-up per capitalized word once its vocabulary has been seen.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import zhon.pinyin

from checker.glossary.model import Entry, Kind
from checker.lexicon import english_frequency

_MAX_SLIPS = 2
_REMEMBERED = 200_000  # words whose answer is kept; the memory is cleared when full


# What near misses need of a person: the entry's index, family and given name, origin.
PersonName = tuple[int, str, str, str | None]


def person_names(entries: Sequence[Entry]) -> list[PersonName]:
    return [
        (i, e.family, e.given, e.name_origin)
        for i, e in enumerate(entries)
        if e.kind is Kind.PERSON and e.family and e.given
    ]


@dataclass(frozen=True, slots=True)
class NamePart:
    """A part of a known person's name: entry index, 'family' or 'given', folded text."""

    entry: int
    part: str
    text: str


@dataclass(frozen=True, slots=True)
class NearName:
    """A known name part that a word may be a misspelling of."""

    part: NamePart
    slips: int  # edit distance (0 for a romanization variant)


class NameParts:
    """The name parts of a glossary's people, indexed for near-miss look-up."""

    def __init__(self, people: Iterable[PersonName]) -> None:
        """`people`: `person_names(entries)` (plain tuples, as a glossary cache keeps them)."""
        parts: dict[str, list[NamePart]] = {}
        origins: dict[int, str | None] = {}
        for i, family, given, origin in people:
            origins[i] = origin
            for part, text in (("family", family), ("given", given)):
                folded = fold_name(text)
                key = folded.replace("-", "")  # "Ching-te" is filed as "chingte"
                if key.isalpha():
                    parts.setdefault(key, []).append(NamePart(i, part, folded))
        self._parts = {k: tuple(v) for k, v in parts.items()}
        self._spellings = {part.text for v in self._parts.values() for part in v}
        self._origins = {
            k: origins[v[0].entry] for k, v in self._parts.items()
        }  # a name's slips depend on its origin; the first bearer's decides
        self._indexed = {k: slips_filed(k, origin) for k, origin in self._origins.items()}
        # The most slips any name of each length is filed under: a word needs as many
        # deletions as the names within two letters of its length allow.
        most: dict[int, int] = {}
        for text, indexed in self._indexed.items():
            most[len(text)] = max(most.get(len(text), 0), indexed)
        self._depth = {
            size: max((most.get(n, 0) for n in range(size - 2, size + 3)), default=0)
            for size in range(1, max(most, default=0) + 3)
        }
        deletions: dict[str, list[str]] = {}
        keys: dict[str, list[str]] = {}
        for text, origin in self._origins.items():
            for variant in deletion_variants(text, self._indexed[text]):
                deletions.setdefault(variant, []).append(text)
            keys.setdefault(romanization_key(text, origin), []).append(text)
        self._deletions = {k: tuple(v) for k, v in deletions.items()}
        self._keys = {k: tuple(v) for k, v in keys.items()}
        self.answers: dict[str, tuple[NearName, ...]] = {}  # remembered look-ups

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["answers"] = {}
        return state

    def is_known(self, word: str) -> bool:
        """The word is a part of some known person's name, as written."""
        return fold_name(word) in self._spellings

    def near(self, word: str) -> tuple[NearName, ...]:
        """The known name parts this word (not itself a known part) may misspell."""
        answer = self.answers.get(word)
        if answer is None:
            if len(self.answers) >= _REMEMBERED:
                self.answers.clear()
            answer = self.answers[word] = self._look_up(word)
        return answer

    def _look_up(self, word: str) -> tuple[NearName, ...]:
        folded = fold_name(word)
        key = folded.replace("-", "")
        if not key.isalpha() or folded in self._spellings:
            return ()
        if key in self._parts:
            # The letters of a known name with its hyphen moved, doubled or added
            # ("Chingt-e", "Ching--te", "Jin-ping"); the hyphen left out is a spelling
            # of its own ("Chingte").
            if "-" not in folded:
                return ()
            return tuple(NearName(part, 1) for part in self._parts[key])
        folded = key
        found: dict[str, int] = {}
        for origin in ("japanese", "chinese"):
            for known in self._keys.get(romanization_key(folded, origin), ()):
                if self._origins[known] == origin:
                    found[known] = 0
        size = len(folded)
        table = self._deletions
        depth = self._depth.get(size, 0)
        for known in {k for v in _deletions_of(folded, depth) for k in table.get(v, ())}:
            if known in found or abs(len(known) - size) > self._indexed[known]:
                continue
            distance = name_slips(folded, known, self._origins[known])
            if distance is not None:
                found[known] = distance
        return tuple(
            NearName(part, slips)
            for known, slips in sorted(found.items(), key=lambda kv: (kv[1], kv[0]))
            for part in self._parts[known]
        )


def fold_name(text: str) -> str:
    """Lower case, accents and macrons dropped ("Saitō" → "saito")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slips_allowed(name: str, origin: str | None) -> int:
    """How many letters a misspelling of a (folded) name part may get wrong and still be
    taken for it: two in a Japanese name of eight letters or more, one in one of five or
    more or in another name of seven or more; none in shorter names, where one letter
    makes another name (Qiang, Qing)."""
    if origin == "japanese":
        return 0 if len(name) < 5 else 2 if len(name) >= 8 else 1
    return 1 if len(name) >= 7 else 0


def slips_indexed(name: str, origin: str | None) -> int:
    """The slips a name part is filed under for look-ups: what `slips_allowed` grants, and
    one for a short Chinese name or a Western one of five letters or more, whose slips
    `name_slips` then confirms one by one."""
    allowed = slips_allowed(name, origin)
    if allowed == 0 and (origin == "chinese" or (origin != "japanese" and len(name) >= 5)):
        return 1
    return allowed


def slips_filed(name: str, origin: str | None) -> int:
    """The slips a name part is filed under in the near-miss index of single words: as
    `slips_indexed`, but none for a pinyin name of one syllable, which a word alone misses
    by one letter far too often ("The" for "He", "Lie" for "Li")."""
    if origin == "chinese" and slips_allowed(name, origin) == 0 and len(_VOWELS.findall(name)) < 2:
        return 0
    return slips_indexed(name, origin)


# A pinyin syllable has one run of vowels ("huang", "jie"): counted so, a name's syllables
# are known without the syllable table's large pattern (compiled once per process).
_VOWELS = re.compile(r"[aeiouüv]+")


def name_slips(seen: str, known: str, origin: str | None) -> int | None:
    """How many slips turn the (folded) known name part into the word seen, if the word may
    be a misspelling of it; None if not. Within `slips_allowed` any slip counts. In a name
    too short for that, one slip counts only where it leaves no name: a short pinyin given
    name misspelt into no pinyin name of as many syllables (`pinyin_slip`), a Western given
    name misspelt into a word English (almost) never uses ("Juseph", "Jospeh"; "Karin" for
    "Karen" is someone else's name)."""
    allowed = slips_allowed(known, origin)
    if allowed:
        distance = slip_distance(seen, known, allowed)
        return distance if distance <= allowed else None
    if origin == "chinese":
        return 1 if pinyin_slip(seen, known) else None
    if origin == "japanese" or len(known) < 5 or slip_distance(seen, known, 1) != 1:
        return None
    return 1 if english_frequency(seen) < _RARE_WORD_ZIPF else None


# Under once per hundred million words of English: typing slips ("jospeh": 1.4), not names
# ("karin": 3.0, "rahm": 2.8).
_RARE_WORD_ZIPF = 2.0


def pinyin_slip(seen: str, known: str) -> bool:
    """A short pinyin given name misspelt so that it is no pinyin name of as many
    syllables: "Jiiechi", "Jitnao", "Jiakon" for Jiechi, Jintao, Jiakun. Where the slip
    leaves a pinyin name ("Qing" for "Qiang"), it may be another person's: not a slip."""
    syllables = _pinyin_syllables(known)
    return (
        syllables > 0
        and slip_distance(seen, known, 1) == 1
        and not _pinyin_syllable_runs(syllables).match(seen)
    )


def _pinyin_syllables(word: str) -> int:
    """How many pinyin syllables the (folded) word is, in the fewest; 0 if it is not
    pinyin. Given names are one to three syllables."""
    for count in (1, 2, 3):
        if _pinyin_syllable_runs(count).match(word):
            return count
    return 0


@functools.cache
def _pinyin_syllable_runs(count: int) -> re.Pattern[str]:
    return re.compile(f"(?:{zhon.pinyin.syllable}){{{count}}}\\Z", re.IGNORECASE)


def _deletions_of(word: str, depth: int) -> Iterator[str]:
    """The word and the strings made from it by deleting up to `depth` (at most two)
    letters, some more than once: for look-ups, where building the set costs more than a
    repeated look-up."""
    yield word
    if depth < 1:
        return
    for i in range(len(word)):
        once = word[:i] + word[i + 1 :]
        yield once
        if depth > 1:
            for j in range(i, len(once)):
                yield once[:j] + once[j + 1 :]


def deletion_variants(word: str, depth: int) -> set[str]:
    """The word and every string made from it by deleting up to `depth` letters: two
    words within that many edits of each other always share one."""
    found = {word}
    layer = {word}
    for _ in range(depth):
        layer = {w[:i] + w[i + 1 :] for w in layer for i in range(len(w))}
        found |= layer
    return found


def slip_distance(a: str, b: str, limit: int = _MAX_SLIPS) -> int:
    """Edit distance counting an insertion, deletion, substitution or swap of two
    neighbouring letters as one slip (optimal string alignment); above `limit` it stops
    and returns limit + 1. Only the band of cells within `limit` of the diagonal is
    worked out: a path outside it costs more than the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    width = len(b)
    previous2: list[int] = []
    previous = [j if j <= limit else over for j in range(width + 1)]
    for i in range(1, len(a) + 1):
        row = [over] * (width + 1)
        if i <= limit:
            row[0] = i
        for j in range(max(1, i - limit), min(width, i + limit) + 1):
            cost = a[i - 1] != b[j - 1]
            best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            row[j] = best if best < over else over
        if min(row) >= over:
            return over
        previous2, previous = previous, row
    return previous[width]


# Hepburn long vowels written out ("Saitou", "Satoh", "Ohno") or doubled, and the
# Wade–Giles spellings of pinyin initials and finals ("Hsi" for "Xi", "Teng" for "Deng",
# "Chou" for "Zhou"), reduced to one key on both sides.
_LONG_VOWELS = re.compile(r"ou|oo|oh(?=[^aeiouy]|$)|uu|aa|ei(?=[^aeiou]|$)|ii")
_WADE_GILES = re.compile(
    r"^hs|ch'|ts'|tz'|zh|ch|ts|tz|dz|q|z|j|p'|b|t'|d|k'|g(?!$)|ung$|ieh$|ien$|ih$|(?<=[sz])u$|-"
)
_KEY_LETTERS = {
    **{vowels: vowels[0] for vowels in ("ou", "oo", "oh", "uu", "aa", "ei", "ii")},
    "hs": "x",
    **{c: "c" for c in ("ch'", "ts'", "tz'", "zh", "ch", "ts", "tz", "dz", "q", "z", "j")},
    **{"p'": "p", "b": "p", "t'": "t", "d": "t", "k'": "k", "g": "k"},
    **{"ung": "ong", "ieh": "ie", "ien": "ian", "ih": "i", "u": "i", "-": ""},
}
_KEY_RULES = {"japanese": _LONG_VOWELS, "chinese": _WADE_GILES}


def romanization_key(word: str, origin: str | None) -> str:
    """One key for the ways a name of this origin is romanized: Hepburn long vowels
    reduced (Japanese), Wade–Giles and pinyin consonants paired (Chinese), in one pass."""
    key = fold_name(word)
    rules = _KEY_RULES.get(origin or "")
    if rules is not None:
        key = rules.sub(_key_letters, key)
    return f"{origin}:{key}"


def _key_letters(match: re.Match[str]) -> str:
    return _KEY_LETTERS[match.group(0)]
