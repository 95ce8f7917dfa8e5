"""TermIndex: every glossary form compiled once into two automata.

Latin forms are matched in folded text (see fold.py) with pyahocorasick, whose
automaton pickles, so a compiled glossary can be cached; hits are kept only where
neither neighbour is a Latin letter or digit, then resolved leftmost-longest.
CJK forms (each also converted between simplified and traditional script with
OpenCC) are matched in width-folded text with ahocorasick-rs, leftmost-longest, with
no word boundaries. Both automata are linear in the text length whatever the
glossary size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import ahocorasick
import ahocorasick_rs

from checker.glossary.model import Entry, Form, Glossary, Kind, Role
from checker.lexicon import CONNECTORS
from checker.match.fold import fold_form, fold_text, fold_width

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_word_char(ch: str) -> bool:
    """A Latin letter or digit: what may not touch a matched Latin form."""
    return (ch.isalnum() or ch == "_") and not _CJK.match(ch)


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: int  # index into TermIndex.entries
    form: Form


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    surface: str
    candidates: tuple[Candidate, ...]
    cjk: bool = False


class TermIndex:
    """Compiled matchers for one glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.entries: tuple[Entry, ...] = glossary.entries
        latin: dict[str, list[Candidate]] = {}
        cjk: dict[str, list[Candidate]] = {}
        for i, entry in enumerate(self.entries):
            for form in entry.forms:
                if form.lang == "en":
                    key = fold_form(form.text)
                    if key:
                        latin.setdefault(key, []).append(Candidate(i, form))
                else:
                    for variant in script_variants(form.text):
                        cjk.setdefault(variant, []).append(Candidate(i, form))
        self._latin_keys = list(latin)
        self._latin_values = [tuple(latin[k]) for k in self._latin_keys]
        self._cjk_keys = list(cjk)
        self._cjk_values = [tuple(cjk[k]) for k in self._cjk_keys]
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for i, key in enumerate(self._latin_keys):
            automaton.add_word(key, i)
        if self._latin_keys:
            automaton.make_automaton()
        self._latin = automaton
        self.family_names = _family_names(self.entries)
        self.countries = _countries(self.entries)
        self.office_words = _office_words(self.entries, self.countries)
        self.title_vocabulary = frozenset(
            w for _, words in self.office_words for w in words
        ) | _organization_words(self.entries)

    # The CJK automaton cannot be pickled: it is rebuilt on first use after loading.
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_cjk_automaton", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @cached_property
    def _cjk_automaton(self) -> ahocorasick_rs.AhoCorasick | None:
        if not self._cjk_keys:
            return None
        return ahocorasick_rs.AhoCorasick(
            self._cjk_keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def find(self, text: str) -> list[Match]:
        """All glossary forms in the text, leftmost-longest, Latin and CJK together."""
        matches = self.find_latin(text)
        if _CJK.search(text):
            matches.extend(self.find_cjk(text))
            matches.sort(key=lambda m: (m.start, -m.end))
        return matches

    def find_latin(self, text: str) -> list[Match]:
        if not self._latin_keys:
            return []
        folded, offsets = fold_text(text)
        keys = self._latin_keys
        hits: list[tuple[int, int, int]] = []
        size = len(folded)
        for end_index, value in self._latin.iter(folded):
            end = end_index + 1
            start = end - len(keys[value])
            if start > 0 and (
                is_word_char(folded[start - 1])
                or (folded[start - 1] == "'" and start > 1 and is_word_char(folded[start - 2]))
            ):
                continue  # inside a word, or after an inner apostrophe ("Wang Hu'ning")
            if end < size and is_word_char(folded[end]):
                continue
            hits.append((start, -end, value))
        hits.sort()
        matches: list[Match] = []
        last_end = -1
        values = self._latin_values
        for start, neg_end, value in hits:
            end = -neg_end
            if start < last_end:
                continue
            last_end = end
            if offsets is not None:
                start, end = offsets.start(start), offsets.end(end)
            matches.append(Match(start, end, text[start:end], values[value]))
        return matches

    def find_cjk(self, text: str) -> list[Match]:
        automaton = self._cjk_automaton
        if automaton is None:
            return []
        values = self._cjk_values
        return [
            Match(start, end, text[start:end], values[value], cjk=True)
            for value, start, end in automaton.find_matches_as_indexes(fold_width(text))
        ]

    def entries_with_family(self, family: str) -> tuple[int, ...]:
        return self.family_names.get(family.lower(), ())


def script_variants(form: str) -> list[str]:
    """The form as written, width-folded, and in the other Chinese script."""
    base = fold_width(form)
    variants = [base]
    for converted in (_opencc("t2s").convert(base), _opencc("s2t").convert(base)):
        if converted not in variants and len(converted) == len(base):
            variants.append(converted)
    return variants


_CONVERTERS: dict[str, Any] = {}


def _opencc(config: str) -> Any:
    if config not in _CONVERTERS:
        import opencc

        _CONVERTERS[config] = opencc.OpenCC(config)
    return _CONVERTERS[config]


def _family_names(entries: tuple[Entry, ...]) -> dict[str, tuple[int, ...]]:
    table: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        if entry.kind is Kind.PERSON and entry.family and entry.given:
            table.setdefault(entry.family.lower(), []).append(i)
    return {k: tuple(v) for k, v in table.items()}


def _countries(entries: tuple[Entry, ...]) -> dict[str, str]:
    """Country qualifiers in folded form: 'japanese', 'japan' (as in "Japan's") → 'JP'."""
    table: dict[str, str] = {}
    for entry in entries:
        if entry.kind is Kind.PLACE and entry.country:
            for form in entry.forms_of(Role.PREFERRED, Role.ADJECTIVE, Role.ACCEPTED):
                table[fold_form(form.text)] = entry.country
    return table


_TITLE_WORD = re.compile(r"[A-Za-zÀ-ɏ][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s$")


def title_words(text: str) -> list[str]:
    """The words of a title, folded, possessives dropped: "Japan's Foreign Minister" →
    ['japan', 'foreign', 'minister']."""
    return [_POSSESSIVE.sub("", w.lower()) for w in _TITLE_WORD.findall(text)]


def _content_words(words: list[str], countries: dict[str, str]) -> list[str]:
    """A title's words without connectors, and without a country qualifier in front
    ("Japanese Prime Minister"); a country after the title stays ("Ambassador to China")."""
    content: list[str] = []
    for word in words:
        if word in CONNECTORS or (not content and word in countries):
            continue
        content.append(word)
    return content


def _organization_words(entries: tuple[Entry, ...]) -> frozenset[str]:
    """Words of organizations' English forms ("Foreign", "Ministry", "Republic")."""
    return frozenset(
        w
        for entry in entries
        if entry.kind is Kind.ORGANIZATION
        for form in entry.forms
        if form.lang == "en" and form.role.is_correct
        for w in title_words(form.text)
    )


def _office_words(
    entries: tuple[Entry, ...], countries: dict[str, str]
) -> tuple[tuple[int, frozenset[str]], ...]:
    """For each correct English form of each office, its content words (no connectors, no
    country qualifiers): a title phrase names the office when it holds all of them."""
    result = []
    for i, entry in enumerate(entries):
        if entry.kind is not Kind.OFFICE:
            continue
        for form in entry.forms:
            if form.lang != "en" or not form.role.is_correct:
                continue
            words = frozenset(_content_words(title_words(form.text), countries))
            if words:
                result.append((i, words))
    return tuple(result)
