"""TermIndex: every glossary form compiled once into two automata.

Latin forms are matched in folded text (see fold.py) with pyahocorasick; hits are kept
only where neither neighbour is a Latin letter or digit, then resolved leftmost-longest.
CJK forms (each also converted between simplified and traditional script with
OpenCC) are matched in width-folded text with ahocorasick-rs, leftmost-longest, with
no word boundaries. Both automata are linear in the text length whatever the
glossary size. They are made from their keys when first used: the keys (plain text) are
what is pickled or cached.
"""

from __future__ import annotations

import functools
import itertools
import re
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import ahocorasick
import ahocorasick_rs

from checker.glossary.model import Entry, Form, Glossary, Kind, Role
from checker.lexicon import CONNECTORS, TITLE_HEADS, TITLE_MODIFIERS
from checker.match.fold import fold_form, fold_text, fold_width
from checker.match.near import NameParts, deletion_variants, person_names, slips_indexed

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_FIRST_CJK = "\u3040"  # no character before it is CJK


# The first bytes of the UTF-8 encodings of the characters `_CJK` matches (U+3040 to
# U+9FFF: E3 to E9; U+F900 to U+FAFF: EF; U+20000 and up: F0).
_CJK_LEAD_BYTES = tuple(bytes([lead]) for lead in (*range(0xE3, 0xEA), 0xEF, 0xF0))


def _may_hold_cjk(text: str) -> bool:
    """No CJK character can be in a text this says False of: a byte search of its UTF-8 is
    several times quicker than `_CJK.search` over the text (most non-ASCII English copy
    holds only curly quotes and dashes, E2 in UTF-8)."""
    if text.isascii():
        return False
    if _CJK.search(text, 0, 16):
        return True  # Chinese or Japanese copy shows itself at once
    encoded = text.encode("utf-8", "surrogatepass")
    return any(lead in encoded for lead in _CJK_LEAD_BYTES)


def is_word_char(ch: str) -> bool:
    """A Latin letter or digit: what may not touch a matched Latin form."""
    return (ch.isalnum() or ch == "_") and not _CJK.match(ch)


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: int  # index into TermIndex.entries
    form: Form


class Match(NamedTuple):
    """A glossary form found in a text. A named tuple, not a dataclass: a story of a few
    KB has dozens, made on every check, and a tuple is made several times faster."""

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
        # Each key's number, and (key number, entry index, form position) for every form,
        # as flat numbers: a glossary has hundreds of thousands of forms.
        latin: dict[str, int] = {}
        cjk: dict[str, int] = {}
        latin_forms, cjk_forms = array("i"), array("i")
        variants_of_cjk = iter(
            all_script_variants(
                [form.text for entry in self.entries for form in entry.forms if form.lang != "en"]
            )
        )
        for i, entry in enumerate(self.entries):
            for position, form in enumerate(entry.forms):
                if form.lang == "en":
                    key = fold_form(form.text)
                    if key:
                        latin_forms.extend((latin.setdefault(key, len(latin)), i, position))
                else:
                    for variant in next(variants_of_cjk):
                        cjk_forms.extend((cjk.setdefault(variant, len(cjk)), i, position))
        self._latin_keys = list(latin)  # by number, as the automata are made from them
        self._latin_lengths = array("I", (len(key) for key in latin))  # the keys' lengths
        self._latin_values = _CandidateTable(self.entries, latin_forms, len(latin))
        self._cjk_keys = list(cjk)
        self._cjk_values = _CandidateTable(self.entries, cjk_forms, len(cjk))
        del latin_forms, cjk_forms, cjk, latin
        self.family_names = _family_names(self.entries)
        self.person_names = person_names(self.entries)  # near misses are indexed from these
        self.countries = _countries(self.entries)
        self.office_words = _office_words(self.entries, self.countries)
        self._office_facts = {
            i: (self.entries[i].id, self.entries[i].country) for i, _ in self.office_words
        }
        self._index_offices()
        self._distinct: dict[int, tuple[Entry, ...]] = {}
        self._bearers: dict[str, tuple[tuple[int, str | None, str], ...]] = {}
        self._groups: dict[int, tuple[tuple[Entry, ...], EntryGroup]] = {}
        self._near_given: dict[str, dict[str, list[int]]] = {}
        organizations = _organizations_words(self.entries)
        self._office_vocabulary = _office_vocabulary(
            self.entries, self.office_words, dict(organizations)
        )
        self.title_vocabulary = frozenset(w for _, words in self.office_words for w in words).union(
            *(words for _, words in organizations)
        )

    def _index_offices(self) -> None:
        """The look-up tables of the offices' forms, made from their words and facts (and
        made again after loading: they are not stored)."""
        self._office_positions: dict[str, tuple[int, ...]] = {}
        for i, (office_id, _) in sorted(self._office_facts.items()):
            self._office_positions[office_id] = (*self._office_positions.get(office_id, ()), i)
        self._office_sets_by_word = _office_sets_by_rarest_word(
            self.office_words, self._office_facts
        )

    # What is stored (pickled, or cached as plain data): the automata's keys and tables, the
    # rest as columns of plain values (a few lists, not a tuple or a set per office or per
    # person). The automata, the office look-up tables, the name parts and the answers
    # remembered are made again.
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        for made in (
            "_latin",
            "_cjk_automaton",
            "_latin_dfa",
            "name_parts",
            "_office_positions",
            "_office_sets_by_word",
        ):
            state.pop(made, None)
        state["person_names"] = [list(column) for column in zip(*self.person_names, strict=True)]
        state["office_words"] = (
            [i for i, _ in self.office_words],
            [sorted(words) for _, words in self.office_words],
        )
        state["_office_facts"] = (
            list(self._office_facts),
            [office_id for office_id, _ in self._office_facts.values()],
            [country for _, country in self._office_facts.values()],
        )
        state["_office_vocabulary"] = (
            list(self._office_vocabulary),
            [sorted(words) for words in self._office_vocabulary.values()],
        )
        state["_distinct"] = {}
        state["_bearers"] = {}
        state["_groups"] = {}
        state["_near_given"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        state["person_names"] = list(zip(*state["person_names"], strict=True))
        positions, words = state["office_words"]
        state["office_words"] = tuple(zip(positions, map(frozenset, words), strict=True))
        positions, ids, countries = state["_office_facts"]
        state["_office_facts"] = dict(zip(positions, zip(ids, countries, strict=True), strict=True))
        offices, words = state["_office_vocabulary"]
        state["_office_vocabulary"] = dict(zip(offices, map(frozenset, words), strict=True))
        self.__dict__.update(state)
        self._latin_values.entries = self.entries
        self._cjk_values.entries = self.entries
        self._index_offices()

    @cached_property
    def name_parts(self) -> NameParts:
        """The people's name parts for near misses; built on first use (after loading from
        a cache too), since many runs meet no capitalized word near a name."""
        return NameParts(self.person_names)

    @cached_property
    def _latin(self) -> ahocorasick.Automaton:
        """The Latin keys' automaton (pyahocorasick), each key found as its number; made
        on first use (a cache stores its keys, a plain list, that no C parser reads)."""
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, key in enumerate(self._latin_keys):
            automaton.add_word(key, number)
        if self._latin_keys:
            automaton.make_automaton()
        return automaton

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
        if _may_hold_cjk(text) and _CJK.search(text):
            matches.extend(self.find_cjk(text))
            matches.sort(key=lambda m: (m.start, -m.end))
        return matches

    def find_latin(self, text: str) -> list[Match]:
        if not self._latin_lengths:
            return []
        folded, offsets = fold_text(text)
        hits: list[tuple[int, int, int]] = []
        size = len(folded)
        # `is_word_char` inlined: most raw hits are short forms inside longer words.
        for value, start, end in self._latin_occurrences(folded):
            if start > 0:
                before = folded[start - 1]
                if (before.isalnum() or before == "_") and (
                    before < _FIRST_CJK or not _CJK.match(before)
                ):
                    continue  # inside a word
                if before == "'" and start > 1 and is_word_char(folded[start - 2]):
                    continue  # after an inner apostrophe ("Wang Hu'ning")
            if end < size:
                after = folded[end]
                if (after.isalnum() or after == "_") and (
                    after < _FIRST_CJK or not _CJK.match(after)
                ):
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

    def _latin_occurrences(self, folded: str) -> Sequence[tuple[int, int, int]]:
        """Every occurrence of every Latin key in folded text, overlapping, as (key, start,
        end), in no particular order."""
        dfa = self._latin_dfa
        if dfa is not None:
            try:
                return dfa.find_matches_as_indexes(folded, overlapping=True)
            except UnicodeEncodeError:
                pass  # a lone surrogate, which ahocorasick-rs cannot read
        lengths = self._latin_lengths
        return [
            (value, end + 1 - lengths[value], end + 1) for end, value in self._latin.iter(folded)
        ]

    @cached_property
    def _latin_dfa(self) -> ahocorasick_rs.AhoCorasick | None:
        """The Latin keys compiled to a DFA when they are few (the bundled glossaries have
        about 900): it runs over a text about twice as fast as the pyahocorasick automaton,
        but its size and build time grow fast with the keys (10,000 keys: about 0.05 s and
        14 MB). Built on first use, after loading from a cache too (it cannot be pickled)."""
        if not 0 < len(self._latin_keys) <= _DFA_KEYS:
            return None
        return ahocorasick_rs.AhoCorasick(
            self._latin_keys, implementation=ahocorasick_rs.Implementation.DFA
        )

    def find_cjk(self, text: str) -> list[Match]:
        automaton = self._cjk_automaton
        if automaton is None:
            return []
        values = self._cjk_values
        return [
            Match(start, end, text[start:end], values[value], cjk=True)
            for value, start, end in automaton.find_matches_as_indexes(fold_width(text))
        ]

    def entries_of(self, match: Match) -> tuple[Entry, ...]:
        """The entries a match's form belongs to, each once, in glossary order; worked out
        once per form (a family name may stand for thousands of entries)."""
        key = id(match.candidates)  # one tuple per form, kept by the candidate table
        found = self._distinct.get(key)
        if found is None:
            distinct = DistinctEntries()
            for candidate in match.candidates:
                distinct.add(candidate.entry, self.entries[candidate.entry])
            found = self._distinct[key] = tuple(distinct.entries)
        return found

    def group_of(self, entries: tuple[Entry, ...]) -> EntryGroup:
        """What a form's entries are: their kinds and the people among them (worked out
        once per tuple `entries_of` gives: a family name may stand for thousands)."""
        known = self._groups.get(id(entries))
        if known is None or known[0] is not entries:
            known = (entries, EntryGroup(entries))
            self._groups[id(entries)] = known
        return known[1]

    def offices_named(
        self, words: frozenset[str], country: str | None, held: Collection[str]
    ) -> list[int]:
        """The entry indices (glossary order) of the offices a title phrase with these words
        names: of the office forms all of whose words are in it, those with the most words,
        of the country it names (or of none); of several, those in `held` (office ids, the
        person's own), if any."""
        by_size: dict[int, list[_OfficeSet]] = {}
        for word in words:
            for office_set in self._office_sets_by_word.get(word, ()):
                if office_set[0] <= words:
                    by_size.setdefault(len(office_set[0]), []).append(office_set)
        facts = self._office_facts
        for size in sorted(by_size, reverse=True):
            sets = by_size[size]
            parts = [
                offices
                for _, by_country, _ in sets
                for key, offices in by_country.items()
                if not country or key is None or key == country
            ]
            if not parts:
                continue
            own = sorted(
                i
                for office in held
                for i in self._office_positions.get(office, ())
                if not country or not facts[i][1] or facts[i][1] == country
                for _, _, members in sets
                if i in members
            )
            return own or sorted(i for offices in parts for i in offices)
        return []

    def words_of_office(self, office_id: str) -> frozenset[str]:
        """Every content word of the office's correct English forms and of its
        organization's ("UN", "Komeito"): a title phrase with a word outside them
        ("Presidential Office Spokesperson") names another office."""
        return self._office_vocabulary.get(office_id, frozenset())

    def bearers(self, family: str) -> tuple[tuple[int, str | None, str], ...]:
        """The people with this family name: entry index, name origin and folded given name
        of each, in glossary order (worked out once per family name)."""
        key = family.lower()
        found = self._bearers.get(key)
        if found is None:
            people = [(i, self.entries[i]) for i in self.entries_with_family(key)]
            found = tuple((i, p.name_origin, (p.given or "").lower()) for i, p in people)
            self._bearers[key] = found
        return found

    def bearers_near(self, family: str, given: str) -> list[int]:
        """Positions in `bearers(family)` of the people whose folded given name is `given`
        or may be misspelt as it (`slips_indexed`), in order. Found through deletion
        variants, so a family name borne by thousands is not compared one by one; the list
        may hold a few more, never fewer."""
        key = family.lower()
        table = self._near_given.get(key)
        if table is None:
            table = {}
            for position, (_, origin, known) in enumerate(self.bearers(key)):
                for variant in deletion_variants(known, slips_indexed(known, origin)):
                    table.setdefault(variant, []).append(position)
            self._near_given[key] = table
        found: set[int] = set()
        for variant in _given_variants(given):
            found.update(table.get(variant, ()))
        return sorted(found)

    def entries_with_family(self, family: str) -> tuple[int, ...]:
        return self.family_names.get(family.lower(), ())


class EntryGroup:
    """The kinds of some entries, the people among them in order, and where each person's
    id stands among those."""

    __slots__ = ("_positions", "kinds", "people")

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.kinds = frozenset(e.kind for e in entries)
        self.people = tuple(e for e in entries if e.kind is Kind.PERSON)
        positions: dict[str, list[int]] = {}
        for i, person in enumerate(self.people):
            positions.setdefault(person.id, []).append(i)
        self._positions = positions

    def people_with_ids(self, ids: Collection[str]) -> list[Entry]:
        """The people whose id is among `ids`, in order (walking the shorter of the two)."""
        if len(ids) >= len(self.people):
            return [p for p in self.people if p.id in ids]
        found = sorted(i for entry_id in ids for i in self._positions.get(entry_id, ()))
        return [self.people[i] for i in found]


class DistinctEntries:
    """Entries collected once each, in order, as `entry not in entries` would, without its
    cost: equal entries share an id, so equality is only tested among those (a family name
    or a rank may stand for thousands of entries)."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._seen: set[int] = set()
        self._same_id: dict[str, list[Entry]] = {}

    def add(self, position: int, entry: Entry) -> bool:
        """Add the entry at this position of the index; False if an equal one is there."""
        if position in self._seen:
            return False
        self._seen.add(position)
        twins = self._same_id.setdefault(entry.id, [])
        if entry in twins:
            return False
        twins.append(entry)
        self.entries.append(entry)
        return True


class _CandidateTable:
    """Each key's candidates, kept as (entry index, form position) numbers in two flat
    arrays; the `Candidate` objects of a key are made the first time it matches. Compact to
    store and quick to load, and a cached glossary's entries are only read when needed."""

    __slots__ = ("_made", "_pairs", "_starts", "entries")

    def __init__(self, entries: Sequence[Entry], forms: array[int], keys: int) -> None:
        """`forms`: (key number, entry index, form position) of each form, in order; the
        candidates of a key keep that order."""
        self.entries = entries
        key_of, entry_of, position_of = forms[0::3], forms[1::3], forms[2::3]
        counts = [0] * (keys + 1)
        for key in key_of:
            counts[key + 1] += 1
        self._starts = array("i", itertools.accumulate(counts))
        self._pairs = array("i", bytes(8 * len(key_of)))
        at = self._starts.tolist()  # the next place of each key's candidates
        pairs = self._pairs
        for key, entry, position in zip(key_of, entry_of, position_of, strict=True):
            place = at[key]
            at[key] = place + 1
            pairs[2 * place] = entry
            pairs[2 * place + 1] = position
        self._made: dict[int, tuple[Candidate, ...]] = {}

    def __getitem__(self, key: int) -> tuple[Candidate, ...]:
        made = self._made.get(key)
        if made is None:
            pairs, entries = self._pairs, self.entries
            made = tuple(
                Candidate(pairs[2 * i], entries[pairs[2 * i]].forms[pairs[2 * i + 1]])
                for i in range(self._starts[key], self._starts[key + 1])
            )
            self._made[key] = made
        return made

    def __getstate__(self) -> tuple[array[int], array[int]]:
        return self._pairs, self._starts  # the entries are the index's; made again on use

    def __setstate__(self, state: tuple[array[int], array[int]]) -> None:
        self._pairs, self._starts = state
        self.entries = ()
        self._made = {}


@functools.lru_cache(maxsize=4096)  # a few KB each
def _given_variants(given: str) -> frozenset[str]:
    """A written given name's deletion variants, worked out once for the words met again
    and again beside family names."""
    return frozenset(deletion_variants(given, _MAX_SLIPS))


_DFA_KEYS = 5_000  # the most Latin keys compiled to a DFA as well (see `_latin_dfa`)
OfficeWords = tuple[tuple[int, frozenset[str]], ...]  # (office entry index, content words)
_MAX_SLIPS = 2  # the most slips any name part allows (see slips_allowed)


def script_variants(form: str) -> list[str]:
    """The form as written, width-folded, and in the other Chinese script."""
    base = fold_width(form)
    converted = (opencc_converter("t2s").convert(base), opencc_converter("s2t").convert(base))
    return _variants(base, converted)


def all_script_variants(forms: Sequence[str]) -> list[list[str]]:
    """`script_variants` of each form, with one conversion per script for all of them:
    OpenCC converts by the longest dictionary phrase at each place, and no phrase holds a
    line break, so forms joined by line breaks convert as each one would alone."""
    bases = [fold_width(form) for form in forms]
    if not bases or any("\n" in base for base in bases):
        return [script_variants(form) for form in forms]
    joined = "\n".join(bases)
    simplified = opencc_converter("t2s").convert(joined).split("\n")
    traditional = opencc_converter("s2t").convert(joined).split("\n")
    if not len(simplified) == len(traditional) == len(bases):
        return [script_variants(form) for form in forms]
    return [
        _variants(base, converted)
        for base, *converted in zip(bases, simplified, traditional, strict=True)
    ]


def _variants(base: str, converted: Iterable[str]) -> list[str]:
    """The width-folded form, then each conversion of it that is new and as long."""
    variants = [base]
    for text in converted:
        if text not in variants and len(text) == len(base):
            variants.append(text)
    return variants


_CONVERTERS: dict[str, Any] = {}


def opencc_converter(config: str) -> Any:
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
_POSSESSIVE = ("'s", "’s")  # endings dropped from a word


def title_words(text: str) -> list[str]:
    """The words of a title, folded, possessives dropped, two-word compounds written as
    one ("vice minister", "consul general" → 'vice-minister', 'consul-general'), a
    spokesman or spokeswoman read as a spokesperson, "defence" as "defense":
    "Japan's Foreign Minister" → ['japan', 'foreign', 'minister']."""
    if len(text) > _REMEMBERED_LENGTH:
        return list(_words_of_title(text))
    return list(_remembered_title_words(text))


# Most texts asked about are single words, short phrases and the glossary's own forms,
# asked again on every check: their words are worked out once (a bounded number of short
# texts is remembered).
_REMEMBERED_LENGTH = 200


def _words_of_title(text: str) -> tuple[str, ...]:
    words = [
        w[:-2] if w.endswith(_POSSESSIVE) else w for w in map(str.lower, _TITLE_WORD.findall(text))
    ]
    if any("-" in w for w in words):
        words = [part for w in words for part in _title_parts(w)]
    words = [_TITLE_SPELLINGS.get(w, w) for w in words]
    if len(words) < 2 or _COMPOUND_FIRSTS.isdisjoint(words):
        return tuple(words)
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in _COMPOUND_FIRSTS and f"{joined[-1]}-{word}" in TITLE_HEADS:
            joined[-1] = f"{joined[-1]}-{word}"
        else:
            joined.append(word)
    return tuple(joined)


_remembered_title_words = functools.lru_cache(maxsize=8192)(_words_of_title)


def _title_parts(word: str) -> list[str]:
    """A hyphenated word made of title words is read as those words ("Vice-Premier" as
    "Vice Premier"); the compounds are joined again where they make one head."""
    parts = word.split("-")
    if len(parts) > 1 and all(p in TITLE_MODIFIERS or p in TITLE_HEADS for p in parts):
        return parts
    return [word]


# Title words newsrooms write in more than one way, read as one: a head with a gender as
# the neutral one ("Foreign Ministry spokesman" names the spokesperson's office), British
# spelling as American ("Defence Ministry" is the Defense Ministry).
_TITLE_SPELLINGS = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "defence": "defense",
    "councillor": "councilor",
}
# First words of the compound title heads ("vice" of "vice-minister").
_COMPOUND_FIRSTS = frozenset(h.split("-")[0] for h in TITLE_HEADS if "-" in h)


def _content_words(words: Iterable[str], countries: dict[str, str]) -> list[str]:
    """A title's words without connectors, and without a country qualifier in front
    ("Japanese Prime Minister"); a country after the title stays ("Ambassador to China")."""
    content: list[str] = []
    for word in words:
        if word in CONNECTORS or (not content and word in countries):
            continue
        content.append(word)
    return content


def _office_vocabulary(
    entries: tuple[Entry, ...],
    office_words: OfficeWords,
    organizations: dict[str, frozenset[str]],
) -> dict[str, frozenset[str]]:
    """Each office's words: those of its correct English forms and its organization's
    (`organizations`: each organization's words, by id)."""
    built: dict[str, set[str]] = {}
    for i, words in office_words:
        office = entries[i]
        known = built.get(office.id)
        if known is None:
            known = built[office.id] = set()
            if office.organization in organizations:
                known.update(organizations[office.organization])
        known.update(words)
    return {office: frozenset(words) for office, words in built.items()}


def _organizations_words(entries: Iterable[Entry]) -> list[tuple[str, frozenset[str]]]:
    """Each organization's id and the words of its English forms ("Foreign", "Ministry",
    "Republic"), in glossary order."""
    return [
        (
            entry.id,
            frozenset(
                w
                for form in entry.forms
                if form.lang == "en" and form.role.is_correct
                for w in title_words(form.text)
            ),
        )
        for entry in entries
        if entry.kind is Kind.ORGANIZATION
    ]


# An office set: the words of some office forms, the offices that have a form with exactly
# these words (sorted entry indices) by their country (None: no country), and all of them.
_OfficeSet = tuple[frozenset[str], dict[str | None, tuple[int, ...]], frozenset[int]]


def _office_sets_by_rarest_word(
    office_words: tuple[tuple[int, frozenset[str]], ...],
    facts: dict[int, tuple[str, str | None]],
) -> dict[str, tuple[_OfficeSet, ...]]:
    """Each distinct set of office-form words, filed once under its least common word: a
    phrase holds every word of a set only if it holds that one, so only the sets filed
    under the phrase's words need the full test."""
    offices: dict[frozenset[str], list[int]] = {}
    for entry_index, words in office_words:
        offices.setdefault(words, []).append(entry_index)
    counts: dict[str, int] = {}
    for words in offices:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    table: dict[str, list[_OfficeSet]] = {}
    for words, indices in offices.items():
        by_country: dict[str | None, list[int]] = {}
        for i in indices:
            by_country.setdefault(facts[i][1] or None, []).append(i)
        rarest = min(words, key=lambda w: (counts[w], w))
        table.setdefault(rarest, []).append(
            (words, {k: tuple(v) for k, v in by_country.items()}, frozenset(indices))
        )
    return {word: tuple(sets) for word, sets in table.items()}


def _office_words(entries: tuple[Entry, ...], countries: dict[str, str]) -> OfficeWords:
    """For each correct English form of each office, its content words (no connectors, no
    country qualifiers): a title phrase names the office when it holds all of them."""
    result = []
    for i, entry in enumerate(entries):
        if entry.kind is not Kind.OFFICE:
            continue
        for form in entry.forms:
            if form.lang != "en" or not form.role.is_correct:
                continue
            # Each office form once (not remembered as `title_words` remembers texts).
            words = frozenset(_content_words(_words_of_title(form.text), countries))
            if words:
                result.append((i, words))
    return tuple(result)
