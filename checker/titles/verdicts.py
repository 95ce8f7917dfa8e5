"""The verdict on each title phrase: was it the person's on the story's date?

One function decides each verdict, named for its rule: `generic_rank` (TT004),
`past_title` (TT005), and `current_title` (held, or TT001 not held, TT002 held by someone
else, TT003 stale).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.glossary.model import Entry, Glossary, Tenure
from checker.match.fold import fold_form
from checker.titles.phrases import TitlePhrase

if TYPE_CHECKING:
    from checker.analysis import PersonMention


class Verdict(enum.Enum):
    HELD = "held"
    NOT_HELD = "not-held"  # TT001
    OTHER_HOLDER = "other-holder"  # TT002
    STALE = "stale"  # TT003
    GENERIC = "generic"  # TT004
    PAST_MISMATCH = "past-mismatch"  # TT005
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TitleVerdict:
    mention: PersonMention
    title: TitlePhrase
    verdict: Verdict
    current: tuple[Tenure, ...] = ()  # what the person certainly held on the date
    past: tuple[Tenure, ...] = ()  # matching tenures that ended before the date
    holders: tuple[Entry, ...] = ()  # who held the named office on the date
    unconfirmed: bool = False  # rests on a fact marked unconfirmed


def judge(
    glossary: Glossary, on: dt.date, mention: PersonMention, title: TitlePhrase
) -> TitleVerdict:
    current = tuple(glossary.offices_held(mention.person, on))
    if not title.offices:
        return generic_rank(glossary, mention, title, current)
    if title.past is not None:
        return past_title(on, mention, title, current)
    return current_title(glossary, on, mention, title, current)


def generic_rank(
    glossary: Glossary, mention: PersonMention, title: TitlePhrase, current: tuple[Tenure, ...]
) -> TitleVerdict:
    """TT004: a bare rank ("Minister") that is not the title of any office the person
    holds; a phrase naming no office is otherwise unknown."""
    if title.generic_rank and current and title.past is None:
        ranks = {
            fold_form(glossary.get(t.office).before_name)  # type: ignore[union-attr]
            for t in current
            if glossary.get(t.office)
        }
        if title.generic_rank not in ranks:
            return TitleVerdict(mention, title, Verdict.GENERIC, current)
    return TitleVerdict(mention, title, Verdict.UNKNOWN, current)


def past_title(
    on: dt.date, mention: PersonMention, title: TitlePhrase, current: tuple[Tenure, ...]
) -> TitleVerdict:
    """TT005: "former"/"then" with an office the person never held, or ("former") still
    holds."""
    person = mention.person
    mine = _tenures_of(person, title)
    unconfirmed = any(t.status != "confirmed" for t in mine)
    ever = [t for t in mine if t.start is None or t.start.earliest <= on]
    still = [t for t in mine if t.certainly_held(on)]
    if not ever and person.tenures:
        return TitleVerdict(mention, title, Verdict.PAST_MISMATCH, current, unconfirmed=unconfirmed)
    if still and title.past == "former":
        return TitleVerdict(
            mention, title, Verdict.PAST_MISMATCH, current, tuple(still), unconfirmed=unconfirmed
        )
    return TitleVerdict(mention, title, Verdict.HELD, current)


def current_title(
    glossary: Glossary,
    on: dt.date,
    mention: PersonMention,
    title: TitlePhrase,
    current: tuple[Tenure, ...],
) -> TitleVerdict:
    """A title given as the person's own on the date: held, stale (TT003), held by
    someone else (TT002) or not held (TT001)."""
    person = mention.person
    mine = _tenures_of(person, title)
    unconfirmed = any(t.status != "confirmed" for t in mine)
    if any(t.possibly_held(on) for t in mine):
        return TitleVerdict(mention, title, Verdict.HELD, current)
    ended = tuple(t for t in mine if t.ended_before(on))
    if ended:
        return TitleVerdict(mention, title, Verdict.STALE, current, ended, unconfirmed=unconfirmed)
    holders = tuple(
        h.person
        for o in title.offices
        for h in glossary.holders_on(o.id, on)
        if h.person.id != person.id
    )
    if len(title.offices) == 1 and title.offices[0].holders == "single" and holders:
        held_by = [h for o in title.offices for h in glossary.holders_on(o.id, on)]
        return TitleVerdict(
            mention,
            title,
            Verdict.OTHER_HOLDER,
            current,
            (),
            holders,
            unconfirmed=any(h.tenure.status != "confirmed" for h in held_by),
        )
    if person.tenures:
        return TitleVerdict(
            mention, title, Verdict.NOT_HELD, current, (), holders, unconfirmed=unconfirmed
        )
    return TitleVerdict(mention, title, Verdict.UNKNOWN, current)


def _tenures_of(person: Entry, title: TitlePhrase) -> list[Tenure]:
    office_ids = {o.id for o in title.offices}
    return [t for t in person.tenures if t.office in office_ids]
