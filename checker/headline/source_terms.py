"""Glossary terms found in a source headline, and the per-pair terms a file gives.

Source forms are matched with `TermIndex.find_cjk`: either Chinese script matches a form
written in either script, full-width forms are folded, and positions are on the source
as written. Per-pair terms (`{"source": ..., "target": [...]}`) become entries of a small
index of their own, so both are checked the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.glossary.model import Entry, Form, Glossary, Kind, Role
from checker.match.fold import fold_width
from checker.match.index import Match, TermIndex, script_variants

if TYPE_CHECKING:  # the pair readers are not needed to register the pair rules
    from checker.headline.pairs import PairTerm

PAIR_TERMS = "<pair terms>"
_STRADDLE_WINDOW = 32  # characters after a match searched for a form overlapping its end


@dataclass(frozen=True)
class SourceTerm:
    """One occurrence of a glossary form in the source: it needs one rendering."""

    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]  # the entries the form names (one unless shared)
    index: TermIndex  # the glossary index, or the pair's own terms

    @property
    def entry(self) -> Entry:
        return self.entries[0]

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset(e.kind for e in self.entries)


# Common words with a glossary form inside that name something else: 发展中国家 is
# "developing country", not China; 南非洲 "southern Africa", not South Africa; 北京时间
# "Beijing time", a clock more than a place.
_HOST_WORDS = (
    *("发展中国家", "發展中國家", "発展途上国", "南非洲", "北京时间", "北京時間"),
    # …中 共计, …中 共有: "in all", not the Communist Party
    *("中共计", "中共計", "中共有", "中共取得", "中共获得", "中共獲得"),
)
# A place that begins the name of an institution (加拿大广播公司, 南非队, 加拿大皇家泰瑞尔
# 古生物博物馆) is part of that name, whose English may not carry it ("CBC", "the Boks").
_INSTITUTION = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:队|隊|公司|大学|大學|银行|銀行|博物馆|博物館|广播|廣播|电视台|電視台|"
    r"协会|協會|集团|集團|航空|医院|醫院|俱乐部|俱樂部|人队|人隊)"
)


def find_source_terms(index: TermIndex, source: str) -> list[SourceTerm]:
    """Glossary forms in the source, leftmost-longest; a form that overlaps the end of a
    longer one is kept too (中国外交部 and 外交部亚洲司司长 in 中国外交部亚洲司司长).
    A form inside a common word that means something else is none."""
    hosts = [
        (at.start(), at.end())
        for word in _HOST_WORDS
        if word in source
        for at in re.finditer(re.escape(word), source)
    ]
    matches = [
        m for m in index.find_cjk(source) if not any(s <= m.start and m.end <= e for s, e in hosts)
    ]
    for match in list(matches):
        offset = match.start + 1
        for inner in index.find_cjk(source[offset : match.end + _STRADDLE_WINDOW]):
            if offset + inner.start >= match.end:
                break
            if offset + inner.end > match.end:
                matches.append(
                    Match(
                        offset + inner.start,
                        offset + inner.end,
                        inner.surface,
                        inner.candidates,
                        True,
                    )
                )
                break
    kept = [
        m
        for m in matches
        if not any(o is not m and o.start <= m.start and m.end <= o.end for o in matches)
    ]
    kept.sort(key=lambda m: (m.start, -m.end))
    terms = []
    for match in kept:
        if _begins_institution(index, match, source):
            continue
        entries: list[Entry] = []
        for candidate in match.candidates:
            entry = index.entries[candidate.entry]
            if entry not in entries:
                entries.append(entry)
        terms.append(SourceTerm(match.start, match.end, match.surface, tuple(entries), index))
    return terms


def _begins_institution(index: TermIndex, match: Match, source: str) -> bool:
    """Is the match a place that begins the name of an institution?"""
    if any(index.entries[c.entry].kind is not Kind.PLACE for c in match.candidates):
        return False
    return _INSTITUTION.match(source, match.end) is not None


def approved_renderings(entry: Entry) -> list[Form]:
    """The English forms that render an entry: every correct form, preferred first."""
    return [f for f in entry.forms if f.lang == "en" and f.role.is_correct]


@lru_cache(maxsize=512)
def pair_term_index(terms: tuple[PairTerm, ...], lang: str | None) -> TermIndex:
    """An index over the pair's own terms (cached: test sets repeat their dictionaries)."""
    entries = []
    for number, term in enumerate(terms, start=1):
        forms = [Form(term.targets[0], Role.PREFERRED)]
        forms += [Form(t, Role.ACCEPTED) for t in term.targets[1:]]
        forms.append(Form(term.source, Role.PREFERRED, lang or "zh-Hans"))
        entries.append(
            Entry(
                id=f"term-{number}",
                kind=Kind.TERM,
                en=term.targets[0],
                forms=tuple(forms),
                path=PAIR_TERMS,
                case="title-or-lower",
            )
        )
    return TermIndex(Glossary(tuple(entries), names=(PAIR_TERMS,)))


def named_in(entry: Entry, folded_source: str) -> bool:
    """Does the width-folded source contain any CJK form of the entry, in either script
    and anywhere (also inside a longer glossary form)?"""
    return any(
        variant in folded_source
        for form in entry.forms
        if form.lang != "en"
        for variant in _variants(form.text)
    )


@lru_cache(maxsize=8192)
def _variants(form: str) -> tuple[str, ...]:
    return tuple(script_variants(fold_width(form)))


def has_cjk_forms(entries: Sequence[Entry], source_lang: str | None = None) -> bool:
    """Do the entries have a form a source in its language could use: for a Chinese
    source, a form in Chinese characters (韓国 is 韩国 too; インドネシア is no Chinese)?
    Only then can the source be said to lack them."""
    forms = [f.text for e in entries for f in e.forms if f.lang != "en"]
    if source_lang is None or source_lang == "ja":
        return bool(forms)
    return any(not _KANA.search(text) for text in forms)


_KANA = re.compile("[\u3040-\u30ff]")
