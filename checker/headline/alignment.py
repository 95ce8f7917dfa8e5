"""Which source terms the translation renders, which it renders wrongly, and which glossary
entities it names that the source does not.

Each source occurrence takes a rendering of its own where there is one: an approved
English form of its entry found in the translation (case-insensitively, at word
boundaries, anywhere, so "Japanese Foreign Ministry" inside a longer title still counts),
not used for another occurrence. A term is missing only when none of its approved
renderings appears at all: a second occurrence rendered by a pronoun is normal
translation (how often a term is rendered is for the term scores). A form written in a
case the glossary does not allow is a rendering "by case only". A short or shared form
("Liu") inside a longer name of someone else ("Liu Jianchao") is no rendering; neither is
a form inside a forbidden one.

A source term without a rendering is rendered wrongly when the translation has a
forbidden form of it, keeps it untranslated (金井正彰 in the English), or names another
glossary person, office or organization of the same kind that the source does not name
("Liu Jianchao" for 刘劲松; another place for a place). Such names left over are entities
the source lacks. A generic title ("Prime Minister") names a glossary office only where
the text ties it to that office's country or holder (`checker.headline.ties`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.analysis import best_form
from checker.glossary.model import Entry, Form, Kind, Role
from checker.headline.source_terms import SourceTerm, approved_renderings, has_cjk_forms, named_in
from checker.headline.ties import ties_of
from checker.match.fold import fold_form, fold_text, fold_width
from checker.match.index import Match, TermIndex, is_word_char
from checker.match.surface import lowered_variant, plain_text
from checker.sentences import is_sentence_start

ENTITY_KINDS = frozenset({Kind.PERSON, Kind.OFFICE, Kind.ORGANIZATION})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Rendering:
    """An approved form of a source term's entry, found in the translation."""

    start: int
    end: int
    surface: str
    entry: Entry
    form: Form
    exact: bool  # False: found only case-insensitively


@dataclass(frozen=True)
class WrongRendering:
    """Translation text standing where a source term's rendering should be."""

    start: int
    end: int
    surface: str
    named: tuple[Entry, ...]  # what the text names
    form: Form
    reason: str  # "forbidden", "untranslated" (a CJK form left as is) or "other-entity"


@dataclass(frozen=True)
class ExtraEntity:
    """A glossary person, office or organization in the translation that the source does
    not name."""

    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]
    form: Form


@dataclass(frozen=True)
class TermAlignment:
    terms: tuple[SourceTerm, ...]
    renderings: tuple[Rendering | None, ...]  # one per term
    wrong: tuple[WrongRendering | None, ...]  # one per term
    extra: tuple[ExtraEntity, ...]
    repeated: tuple[bool, ...] = ()  # one per term: no rendering of its own, but its
    # entry is rendered for another occurrence

    def missing(self) -> list[int]:
        """Indexes of the terms with neither a rendering nor a wrong one, whose entry has no
        rendering anywhere in the translation."""
        return [
            i
            for i, (found, wrong) in enumerate(zip(self.renderings, self.wrong, strict=True))
            if found is None and wrong is None and not (self.repeated and self.repeated[i])
        ]


def align_terms(
    terms: Sequence[SourceTerm],
    source: str,
    translation: str,
    index: TermIndex,
    matches: dict[int, list[Match]],
    source_lang: str | None = None,
) -> TermAlignment:
    """`matches` holds `find_latin(translation)` for each index the terms come from, by
    `id(index)`; `index` is the glossary's own. Only entities the glossary knows in the
    source's language can be missing from it."""
    aligner = _Aligner(translation, matches)
    renderings = [aligner.render(term) for term in terms]
    wrong: list[WrongRendering | None] = [
        None if found is not None else aligner.wrong_form(term)
        for term, found in zip(terms, renderings, strict=True)
    ]
    folded_source = fold_width(source)
    ties = ties_of(index)
    named = [
        m
        for m in matches.get(id(index), [])
        if ties.english_names(translation, m, _entries(index, m))
        and not aligner.within_used(m.start, m.end)
    ]
    extra = [
        m
        for m in named
        if _is_extra_entity(index, m, folded_source) and not _inside_name(translation, m, index)
    ]
    places = [m for m in named if _is_other_place(index, m, folded_source, translation)]
    repeated = [
        renderings[i] is None and wrong[i] is None and bool(aligner.hits(term))
        for i, term in enumerate(terms)
    ]
    for i, term in enumerate(terms):
        if renderings[i] is not None or wrong[i] is not None or repeated[i]:
            continue
        pool = places if term.kinds == {Kind.PLACE} else extra
        if not term.kinds <= ENTITY_KINDS | {Kind.PLACE}:
            continue
        partner = next((m for m in pool if _could_stand_for(term, _entries(index, m))), None)
        if partner is not None:
            pool.remove(partner)
            wrong[i] = WrongRendering(
                partner.start,
                partner.end,
                partner.surface,
                _entries(index, partner),
                best_form(partner),
                "other-entity",
            )
    # What stands for no source term is an entity the source lacks, unless the source
    # accounts for it otherwise (its holder, its country); so is a place of a country
    # that the source names nowhere, by none of its places.
    # Only what the glossary knows in the source's language can be missing from it.
    extra = [
        m
        for m in extra
        if has_cjk_forms(_entries(index, m), source_lang)
        and not ties.accounted_for(translation, m, _entries(index, m), source, terms)
    ]
    extra += [
        m
        for m in places
        if all(e.country for e in _entries(index, m))
        and has_cjk_forms(_entries(index, m), source_lang)
        and not ties.accounted_for(translation, m, _entries(index, m), source, terms)
    ]
    extra.sort(key=lambda m: m.start)
    return TermAlignment(
        tuple(terms),
        tuple(renderings),
        tuple(wrong),
        tuple(
            ExtraEntity(m.start, m.end, m.surface, _entries(index, m), best_form(m)) for m in extra
        ),
        tuple(repeated),
    )


class _Aligner:
    def __init__(self, translation: str, matches: dict[int, list[Match]]) -> None:
        self.text = translation
        self.folded, self.offsets = fold_text(translation)
        self.matches = matches
        self.title_case = _is_title_case(translation, [m for ms in matches.values() for m in ms])
        self.used: list[tuple[int, int]] = []  # spans rendered or reported wrong
        # Spans that render a source term, by index: a span renders one occurrence only.
        self.consumed: set[tuple[int, int, int]] = set()

    def within_used(self, start: int, end: int) -> bool:
        """Is the span part of one that renders a source term (or is reported wrong)?"""
        return any(s <= start and end <= e for s, e in self.used)

    def taken(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.used)

    def render(self, term: SourceTerm) -> Rendering | None:
        pool = id(term.index)
        hits = [h for h in self.hits(term) if (h.start, h.end, pool) not in self.consumed]
        for exact in (True, False):
            for hit in hits:
                if hit.exact is exact:
                    self.consumed.add((hit.start, hit.end, pool))
                    self.used.append((hit.start, hit.end))
                    return hit
        return None

    def hits(self, term: SourceTerm) -> list[Rendering]:
        """Every rendering of the term in the translation, used or not."""
        ids = {e.id for e in term.entries}
        around = self.matches.get(id(term.index), [])
        found: list[Rendering] = []
        for entry in term.entries:
            for form in approved_renderings(entry):
                for start, end in self._occurrences(_folded(form.text)):
                    if _excluded(start, end, form, ids, around, term.index):
                        continue
                    surface = self.text[start:end]
                    exact = self._case_ok(surface, form, entry, start, term.index)
                    found.append(Rendering(start, end, surface, entry, form, exact))
        found.sort(key=lambda h: (h.start, -h.end))
        kept: list[Rendering] = []
        for hit in found:
            if not any(k.start < hit.end and hit.start < k.end for k in kept):
                kept.append(hit)
        return kept

    def _occurrences(self, key: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if not key:
            return spans
        folded = self.folded
        at = folded.find(key)
        while at != -1:
            end = at + len(key)
            if (at == 0 or not is_word_char(folded[at - 1])) and (
                end == len(folded) or not is_word_char(folded[end])
            ):
                if self.offsets is None:
                    spans.append((at, end))
                else:
                    spans.append((self.offsets.start(at), self.offsets.end(end)))
            at = folded.find(key, at + 1)
        return spans

    def _case_ok(
        self, surface: str, form: Form, entry: Entry, start: int, index: TermIndex
    ) -> bool:
        seen, wanted = plain_text(surface), plain_text(form.text)
        if seen == wanted:
            return True
        letters = [c for c in seen if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return True
        capitalized = wanted[:1].upper() + wanted[1:]
        if seen == capitalized and is_sentence_start(self.text, start):
            return True
        seen_words, wanted_words = seen.split(), wanted.split()
        if (
            self.title_case
            and len(seen_words) == len(wanted_words)
            and all(
                s in (w, w[:1].upper() + w[1:])
                for s, w in zip(seen_words, wanted_words, strict=True)
            )
        ):
            return True
        if (
            entry.case == "title-or-lower"
            or form.role in (Role.BEFORE_NAME, Role.AFTER_NAME)
            or entry.kind is Kind.OFFICE
        ):
            lowered = lowered_variant(wanted, frozenset(index.countries))
            if seen in (lowered, lowered[:1].upper() + lowered[1:]):
                return True
            return len(seen_words) == len(wanted_words) and all(
                s == w or (_common_word(w, index) and s.lower() == w.lower())
                for s, w in zip(seen_words, wanted_words, strict=True)
            )
        return False

    def wrong_form(self, term: SourceTerm) -> WrongRendering | None:
        """A forbidden English form of the term's entry, or one of its CJK forms left
        untranslated."""
        ids = {e.id for e in term.entries}
        latin = [(m, "forbidden") for m in self.matches.get(id(term.index), [])]
        cjk = [(m, "untranslated") for m in term.index.find_cjk(self.text)]
        for match, reason in latin + cjk:
            if self.taken(match.start, match.end):
                continue
            for candidate in match.candidates:
                entry = term.index.entries[candidate.entry]
                wrong = candidate.form.role is Role.FORBIDDEN or reason == "untranslated"
                if entry.id in ids and wrong:
                    self.used.append((match.start, match.end))
                    return WrongRendering(
                        match.start, match.end, match.surface, (entry,), candidate.form, reason
                    )
        return None


def _common_word(word: str, index: TermIndex) -> bool:
    """A word of titles and bodies ("Consul", "Ministry", "Spokesperson"), which copy
    writes in either case, unlike a name ("Osaka")."""
    lower = word.lower()
    return lower in _title_word_parts(index) and lower not in index.countries


@lru_cache(maxsize=4)
def _title_word_parts(index: TermIndex) -> frozenset[str]:
    """The title vocabulary with its compounds taken apart ("consul-general": "consul",
    "general"), since a rendering may write them as separate words."""
    return index.title_vocabulary | {p for w in index.title_vocabulary for p in w.split("-")}


@lru_cache(maxsize=16384)
def _folded(form: str) -> str:
    return fold_form(form)


def _excluded(
    start: int, end: int, form: Form, ids: set[str], around: list[Match], index: TermIndex
) -> bool:
    """A form inside a wrong form of the same entity, or a short form inside someone
    else's longer name, renders nothing."""
    for match in around:
        if not (match.start <= start and end <= match.end):
            continue
        names = {index.entries[c.entry].id for c in match.candidates}
        if any(
            index.entries[c.entry].id in ids and not c.form.role.is_correct
            for c in match.candidates
        ):
            return True
        longer = match.end - match.start > end - start
        if longer and not names & ids and form.role in (Role.SHORT, Role.AMBIGUOUS):
            return True
    return False


def _entries(index: TermIndex, match: Match) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for candidate in match.candidates:
        entry = index.entries[candidate.entry]
        if entry not in entries:
            entries.append(entry)
    return tuple(entries)


def _could_stand_for(term: SourceTerm, named: Sequence[Entry]) -> bool:
    """Could the translation's entity be a wrong rendering of the term? The same kind: any
    person for a person, any place for a place; an office or organization of the same
    state."""
    for entry in named:
        for wanted in term.entries:
            if entry.kind is not wanted.kind:
                continue
            if entry.kind in (Kind.PERSON, Kind.PLACE) or (
                entry.country and entry.country == wanted.country
            ):
                return True
    return False


def _is_extra_entity(index: TermIndex, match: Match, folded_source: str) -> bool:
    entries = _entries(index, match)
    form = best_form(match)
    if not form.role.is_correct or form.role is Role.SHORT:
        return False
    if any(e.kind not in ENTITY_KINDS for e in entries):
        return False
    if form.role is Role.AMBIGUOUS and any(e.kind is Kind.PERSON for e in entries):
        return False
    return has_cjk_forms(entries) and not any(named_in(e, folded_source) for e in entries)


def _is_other_place(index: TermIndex, match: Match, folded_source: str, text: str) -> bool:
    """A glossary place in the translation, by a full form and not as a word of a longer
    name ("China Securities Regulatory Commission", "People's Bank of China"), that the
    source does not name."""
    entries = _entries(index, match)
    form = best_form(match)
    if form.role not in (Role.PREFERRED, Role.ACCEPTED) or _inside_name(text, match, index):
        return False
    return all(e.kind is Kind.PLACE for e in entries) and not any(
        named_in(e, folded_source) for e in entries
    )


_NAME_AFTER = re.compile(r"\s[A-Z][a-z]+\s(?:(?:of|and|for)\s)?[A-Z][a-z]")
_NAME_BEFORE = re.compile(r"[A-Z][\w'’]*\s(?:(?:of|of\sthe)\s)?$")


def _inside_name(text: str, match: Match, index: TermIndex) -> bool:
    """Is the match (a place or organization) a word of a longer capitalized name ("China
    Securities Regulatory Commission", "People's Bank of China", "South China", "Xinhua
    Daily Telegraph")? Followed by one capitalized word only ("Japan Navy") it is still
    the place."""
    if any(e.kind not in (Kind.PLACE, Kind.ORGANIZATION) for e in _entries(index, match)):
        return False
    if _is_title_case(text, []):
        return False
    if _NAME_AFTER.match(text, match.end):
        return True
    before = _NAME_BEFORE.search(text[max(0, match.start - 30) : match.start])
    return before is not None and not is_sentence_start(text, match.start - len(before.group(0)))


def _is_title_case(text: str, matches: list[Match]) -> bool:
    """A headline in title case: every longer word outside glossary names is capitalized."""
    words = [
        w
        for w in _WORD.finditer(text)
        if len(w.group(0)) > 3 and not any(m.start <= w.start() < m.end for m in matches)
    ]
    return bool(words) and all(w.group(0)[0].isupper() for w in words)
