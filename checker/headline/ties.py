"""Whether a generic title or name in a pair names a glossary entity of its country.

Many glossary forms do not say whose office or body they are: 总统, 国防部, 民主党 in the
source, "Prime Minister", "Foreign Minister", "spokesperson" in the English. The glossary
files them under one country's entity, but news copy uses them for every country's
("印度总理", "Prime Minister Narendra Modi of India", "Qatar's foreign minister"). Such a
*generic* form names the glossary's entity only when the text ties it to that entity's
country or holder:

- in the English, a country qualifier just before it ("Japan's", "Chinese") or an "of"
  phrase just after it ("Prime Minister of Japan"), or a glossary person of that country
  next to it ("Premier Li Qiang");
- in the source, the country named anywhere in the source (any form of a glossary place
  of that country, a common paraphrase: 中方, 我国, 日方, or its abbreviation in a
  bilateral pair: 中加, 日美), or a glossary person of that country (李强总理, 外交部发言人毛宁).

A form is generic when it has no word of a country: "Japanese Prime Minister" and 日本首相
are not. An office or organization the translation names is also accounted for when the
source names its holder (the person next to the title) or, for an organization, its
country: "the Foreign Ministry" or "the Chinese side" for 中方 is no invented entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from checker.glossary.model import Entry, Kind
from checker.headline.source_terms import SourceTerm, named_in
from checker.match.fold import fold_form, fold_width
from checker.match.index import Match, TermIndex, script_variants, title_words

TIED_KINDS = frozenset({Kind.OFFICE, Kind.ORGANIZATION})
# Common ways a source names a country without its name: "the Chinese side", "our country",
# "nationwide".
PARAPHRASES = {
    "CN": (
        *("中方", "我国", "我國", "国内", "國內", "全国", "全國"),
        *("中共", "党中央", "黨中央", "党的", "黨的", "党员", "黨員", "全党", "全黨"),
        *("十八大", "十九大", "二十大"),
        *("访华", "訪華", "来华", "來華", "在华", "在華", "驻华", "駐華", "赴华", "對華", "对华"),
        *("侵华", "侵華", "援华", "援華", "反华", "反華", "亲华", "親華", "防华", "制华"),
        *("中华", "中華"),
    ),
    "JP": ("日方", "日本側"),
    "TW": (
        "台当局",
        "台當局",
        "涉台",
        "对台",
        "對台",
        "来台",
        "來台",
        "在台",
        "台海",
        "两岸",
        "兩岸",
    ),
}
# One-character abbreviations of countries, which name them in bilateral pairs: 中加 is
# China and Canada, 日美 Japan and the United States.
ABBREVIATIONS = {
    "CN": "中",
    "JP": "日",
    "US": "美",
    "KR": "韩韓",
    "KP": "朝",
    "RU": "俄",
    "CA": "加",
    "GB": "英",
    "FR": "法",
    "DE": "德",
    "AU": "澳",
    "IN": "印",
    "VN": "越",
    "PH": "菲",
    "PK": "巴",
}
# Abbreviations of other countries seen in bilateral pairs (中柬, 中白): they make a run.
_PARTNERS = "非欧歐拉柬老泰缅緬马馬新蒙哈白意西葡希土伊埃墨乌烏斯阿"
_PAIRED = re.compile("[" + "".join(ABBREVIATIONS.values()) + _PARTNERS + "]{2,}")
_SIDE = re.compile("([" + "".join(ABBREVIATIONS.values()) + "])方")  # 加方: the Canadian side
_WORDS_OF_TWO = frozenset({"中国", "中國", "日本", "美国", "美國"})
_ENGLISH_WINDOW = 24  # characters looked at on either side of an English title
_QUALIFIER = re.compile(r"([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)(?:['’]s)?\s*$")
_OF_PHRASE = re.compile(r"^\s+(?:of|to)\s+(?:the\s+)?([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)")


class Ties:
    """The country facts of one glossary index, worked out once."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        names: dict[str, set[str]] = {}
        for entry in index.entries:
            if entry.kind is Kind.PLACE and entry.country:
                for form in entry.forms:
                    if form.lang != "en" and form.role.is_correct:
                        names.setdefault(entry.country, set()).update(
                            script_variants(fold_width(form.text))
                        )
        for country, words in PARAPHRASES.items():
            names.setdefault(country, set()).update(words)
        self.cjk_names = {c: tuple(sorted(w, key=len)) for c, w in names.items()}
        office_country = {e.id: e.country for e in index.entries if e.kind is Kind.OFFICE}
        # A person's countries: their own, and those of the offices they held.
        self.person_countries = {
            e.id: frozenset(
                c for c in (e.country, *(office_country.get(t.office) for t in e.tenures)) if c
            )
            for e in index.entries
            if e.kind is Kind.PERSON
        }

    # -- source -------------------------------------------------------------------------------

    def source_terms(
        self, source: str, terms: Sequence[SourceTerm], context: str | None = None
    ) -> list[SourceTerm]:
        """The terms, less generic forms of an office or organization that the source (or
        the whole document it is a line of, `context`) does not tie to the entity's
        country."""
        folded = fold_width(context if context is not None else source)
        return [t for t in terms if self._source_tied(t, terms, folded)]

    def _source_tied(self, term: SourceTerm, terms: Sequence[SourceTerm], folded: str) -> bool:
        countries = {e.country for e in term.entries if e.kind in TIED_KINDS and e.country}
        if not countries or _mixed(term.entries):
            return True
        if not any(self._generic_cjk(term.surface, c) for c in countries):
            return True
        if any(self.names_country(folded, c) for c in countries):
            return True
        return any(
            p.entry.kind is Kind.PERSON and self.person_countries[p.entry.id] & countries
            for p in terms
            if p is not term and p.entry.id in self.person_countries
        )

    def names_country(self, folded_source: str, country: str) -> bool:
        if any(name in folded_source for name in self.cjk_names.get(country, ())):
            return True
        return country in bilateral_countries(folded_source)

    def _generic_cjk(self, surface: str, country: str) -> bool:
        folded = fold_width(surface)
        return not any(name in folded for name in self.cjk_names.get(country, ()))

    # -- translation ----------------------------------------------------------------------------

    def english_names(self, text: str, match: Match, entries: Sequence[Entry]) -> bool:
        """Does this English title name the glossary's office? Always, when its form says
        whose it is; a generic one only when the text ties it to the office's country."""
        offices = [e for e in entries if e.kind is Kind.OFFICE]
        countries = {e.country for e in offices if e.country}
        if not self._generic_english(match.surface):
            return True
        if not countries:
            # An office of an international body ("Secretary-General") names it only
            # beside the body's name ("UN Secretary-General", "… of the United Nations").
            bodies = [b for e in offices if e.organization for b in self._bodies(e)]
            if not bodies:
                return True
            window = text[max(0, match.start - _ENGLISH_WINDOW) : match.end + 2 * _ENGLISH_WINDOW]
            return any(body in window for body in bodies)
        tied = self.english_country(text, match)
        if tied is not None:
            return tied in countries
        holder = self.adjacent_person(text, match)
        return holder is not None and bool(self.person_countries[holder.id] & countries)

    def _bodies(self, office: Entry) -> list[str]:
        """The English names of the office's organization."""
        return [
            f.text
            for e in self.index.entries
            if e.id == office.organization
            for f in e.forms
            if f.lang == "en" and f.role.is_correct
        ]

    def _generic_english(self, surface: str) -> bool:
        return not any(w in self.index.countries for w in title_words(surface))

    def english_country(self, text: str, match: Match) -> str | None:
        """The country a qualifier before the title ("Japan's", "Indian") or an "of"
        phrase after it ("of India") names; "?" for a proper name that is no glossary
        country; None without either."""
        before = _QUALIFIER.search(text[max(0, match.start - _ENGLISH_WINDOW) : match.start])
        after = _OF_PHRASE.match(text[match.end : match.end + _ENGLISH_WINDOW])
        for found in (before, after):
            if found is None:
                continue
            words = found.group(1).split()
            for word in (found.group(1), words[-1], words[0]):
                country = self.index.countries.get(fold_form(word))
                if country is not None:
                    return country
            if found is after or not _sentence_initial(text, match.start - len(found.group(0))):
                return "?"
        return None

    def adjacent_person(self, text: str, match: Match) -> Entry | None:
        """A glossary person named right after the title ("Premier Li Qiang")."""
        rest = text[match.end : match.end + _ENGLISH_WINDOW]
        stripped = rest.lstrip()
        if not stripped or len(rest) - len(stripped) > 1:
            return None
        for found in self.index.find_latin(stripped):
            if found.start > 0:
                break
            for candidate in found.candidates:
                entry = self.index.entries[candidate.entry]
                if entry.kind is Kind.PERSON:
                    return entry
        return None

    def accounted_for(
        self,
        text: str,
        match: Match,
        entries: Sequence[Entry],
        source: str,
        terms: Sequence[SourceTerm],
    ) -> bool:
        """Is a translation's person, office, organization or place that no source form
        names still accounted for: an office as the title of a person beside it who held
        it (or whom the source names, when the glossary lists no posts of theirs), or by
        the source's own title word (美国大使 for "the American ambassador"); a person by
        family name and a title they held (习主席); an organization or a place by its
        country, which the source names or whose people it names (`terms`)?"""
        folded = fold_width(source)
        holder = self.adjacent_person(text, match)
        if holder is not None:
            held = {t.office for t in holder.tenures}
            if any(e.id in held for e in entries):
                return True  # the title of the person beside it, who held it
            if not held and named_in(holder, folded):
                return True  # beside a person the source names, whose posts are unknown
        for entry in entries:
            if entry.kind is Kind.OFFICE and any(w in folded for w in self.title_words(entry)):
                return True  # the source's own title word (大使, 总理) for someone's office
            if entry.kind is Kind.PERSON and self._by_family_and_title(entry, folded):
                return True
            country = entry.country if entry.kind in (Kind.ORGANIZATION, Kind.PLACE) else None
            if country and self.country_in(country, folded, terms):
                return True
        return False

    def title_words(self, office: Entry) -> set[str]:
        """The title words of an office's CJK forms, their last two characters: 大使 in
        驻日本大使, 总理 in 国务院总理."""
        return {
            variant[-2:]
            for f in office.forms
            if f.lang != "en" and f.role.is_correct and len(f.text) > 2
            for variant in script_variants(fold_width(f.text))
        }

    def _by_family_and_title(self, person: Entry, folded_source: str) -> bool:
        """Does the source name the person by family name and a title they held (习主席)?"""
        offices = {t.office for t in person.tenures}
        words = {w for e in self.index.entries if e.id in offices for w in self.title_words(e)}
        families = {f.text[0] for f in person.forms if f.lang.startswith("zh") and f.text}
        return any(family + word in folded_source for family in families for word in words)

    def country_in(self, country: str, folded_source: str, terms: Sequence[SourceTerm]) -> bool:
        """Does the source name the country, or a glossary person of it?"""
        if self.names_country(folded_source, country):
            return True
        return any(
            country in self.person_countries.get(t.entry.id, ())
            for t in terms
            if t.entry.kind is Kind.PERSON
        )


def _mixed(entries: Sequence[Entry]) -> bool:
    return any(e.kind not in TIED_KINDS or not e.country for e in entries)


def _sentence_initial(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?:;\"“‘'(—–-"


def bilateral_countries(folded_source: str) -> set[str]:
    """Countries named by their abbreviations in a run of them (中加, 中日韩) or as a
    side (加方)."""
    found: set[str] = set()
    runs = [r.group(0) for r in _PAIRED.finditer(folded_source) if r.group(0) not in _WORDS_OF_TWO]
    runs += [side.group(1) for side in _SIDE.finditer(folded_source)]
    for run in runs:
        for ch in run:
            found.update(c for c, marks in ABBREVIATIONS.items() if ch in marks)
    return found


@lru_cache(maxsize=8)
def ties_of(index: TermIndex) -> Ties:
    return Ties(index)
